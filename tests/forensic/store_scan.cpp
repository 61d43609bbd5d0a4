// The forensic test's look into the encrypted store, as the key holder would: every page of the
// SQLCipher file and of its WAL is decrypted with the key (free pages and unused space included,
// not only the rows SQL shows), and then every table is read through SQL. It reports any copy of
// the canary, and proves the decryption right by finding text that must be there.
//
// Usage: forensic_store_scan DB KEY_FILE CANARY KNOWN_TEXT [--outbox-may-be-full]
// Exit 0: the store decrypts, KNOWN_TEXT is found, the canary is not. 1: the canary was found (or
// the outbox is not empty, unless --outbox-may-be-full). 2: the store could not be read.
//
// SQLCipher 3 page format (Debian's 3.4.1, the kiosk's defaults): 1024-byte pages, AES-256-CBC
// with the raw key, 48 reserved bytes at the end of each page (16-byte IV, then the HMAC); page 1
// begins with the 16-byte salt, and its encryption starts after it.
#include "store/database.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <openssl/evp.h>
#include <sqlite3.h>
#include <string>
#include <vector>

namespace {

constexpr std::size_t page_size = 1024;
constexpr std::size_t reserve = 48;

std::vector<unsigned char> read_file(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return { std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>() };
}

bool contains(const std::vector<unsigned char>& bytes, const std::string& text)
{
    return std::search(bytes.begin(), bytes.end(), text.begin(), text.end()) != bytes.end();
}

// Decrypts one page in place (the bytes SQLite sees); false if OpenSSL fails.
bool decrypt_page(const unsigned char* in, unsigned char* out, bool first, const kiosk::store::Key& key)
{
    std::size_t offset = first ? 16 : 0;
    std::size_t length = page_size - reserve - offset;
    const unsigned char* iv = in + page_size - reserve;
    EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
    int n1 = 0, n2 = 0;
    bool ok = EVP_DecryptInit_ex(ctx, EVP_aes_256_cbc(), nullptr, key.bytes().data(), iv) == 1
        && EVP_CIPHER_CTX_set_padding(ctx, 0) == 1
        && EVP_DecryptUpdate(ctx, out + offset, &n1, in + offset, static_cast<int>(length)) == 1
        && EVP_DecryptFinal_ex(ctx, out + offset + n1, &n2) == 1;
    EVP_CIPHER_CTX_free(ctx);
    if (first)
        std::memcpy(out, "SQLite format 3", 16);
    std::memcpy(out + page_size - reserve, in + page_size - reserve, reserve);
    return ok;
}

}

int main(int argc, char** argv)
{
    bool outbox_may_be_full = argc == 6 && std::string(argv[5]) == "--outbox-may-be-full";
    if (argc != 5 && !outbox_may_be_full) {
        std::fprintf(stderr, "usage: %s DB KEY_FILE CANARY KNOWN_TEXT [--outbox-may-be-full]\n", argv[0]);
        return 2;
    }
    std::string db_path = argv[1], canary = argv[3], known = argv[4];
    auto key = kiosk::store::Key::from_file(argv[2]);
    if (!key) {
        std::fprintf(stderr, "%s\n", key.error().message.c_str());
        return 2;
    }
    int found = 0;

    // 1. Raw bytes: the main file page by page, then every WAL frame (24-byte header + page).
    std::vector<unsigned char> plain;
    std::vector<std::string> where; // one label per decrypted page in `plain`
    std::size_t pages = 0, frames = 0;
    bool header_ok = false;
    auto db = read_file(db_path);
    if (db.size() % page_size != 0) {
        std::fprintf(stderr, "store: %zu bytes is not whole %zu-byte pages\n", db.size(), page_size);
        return 2;
    }
    for (std::size_t at = 0; at + page_size <= db.size(); at += page_size, ++pages) {
        std::vector<unsigned char> page(page_size);
        if (!decrypt_page(db.data() + at, page.data(), at == 0, *key))
            return 2;
        if (at == 0)   // the decrypted header: page size 1024 (big-endian) and 48 reserved bytes
            header_ok = page[16] == 0x04 && page[17] == 0x00 && page[20] == reserve;
        plain.insert(plain.end(), page.begin(), page.end());
        where.push_back("file page " + std::to_string(pages + 1));
    }
    auto wal = read_file(db_path + "-wal");
    for (std::size_t at = 32; at + 24 + page_size <= wal.size(); at += 24 + page_size, ++frames) {
        unsigned pgno = (unsigned(wal[at]) << 24) | (unsigned(wal[at + 1]) << 16) | (unsigned(wal[at + 2]) << 8) | unsigned(wal[at + 3]);
        std::vector<unsigned char> page(page_size);
        if (!decrypt_page(wal.data() + at + 24, page.data(), pgno == 1, *key))
            return 2;
        plain.insert(plain.end(), page.begin(), page.end());
        where.push_back("WAL frame " + std::to_string(frames + 1) + " (page " + std::to_string(pgno) + ")");
    }
    bool known_found = contains(plain, known);
    std::printf("store: %zu pages and %zu WAL frames decrypted; header %s; \"%s\" %s\n", pages, frames,
        header_ok ? "valid" : "INVALID", known.c_str(), known_found ? "found (decryption works)" : "NOT FOUND");
    if (!header_ok || !known_found)
        return 2;
    for (auto* raw : { &db, &wal })
        if (contains(*raw, canary)) {
            std::printf("store: CANARY in the raw (encrypted) file bytes\n");
            ++found;
        }
    for (auto at = std::search(plain.begin(), plain.end(), canary.begin(), canary.end()); at != plain.end();
         at = std::search(at + 1, plain.end(), canary.begin(), canary.end())) {
        auto index = static_cast<std::size_t>(at - plain.begin());
        std::printf("store: CANARY decrypted in %s at byte %zu\n", where[index / page_size].c_str(), index % page_size);
        ++found;
    }

    // 2. Through SQL, with the key: every value of every table.
    auto opened = kiosk::store::Database::open(db_path, *key);
    if (!opened) {
        std::fprintf(stderr, "%s\n", opened.error().message.c_str());
        return 2;
    }
    std::vector<std::string> tables;
    if (auto s = opened->prepare("SELECT name FROM sqlite_master WHERE type = 'table';"))
        while (sqlite3_step(s->get()) == SQLITE_ROW)
            tables.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(s->get(), 0)));
    std::size_t rows = 0;
    for (auto& table : tables) {
        auto s = opened->prepare("SELECT * FROM \"" + table + "\";");
        if (!s)
            return 2;
        while (sqlite3_step(s->get()) == SQLITE_ROW) {
            ++rows;
            for (int c = 0; c < sqlite3_column_count(s->get()); ++c) {
                auto* bytes = static_cast<const char*>(sqlite3_column_blob(s->get(), c));
                std::string value(bytes ? bytes : "", static_cast<std::size_t>(sqlite3_column_bytes(s->get(), c)));
                if (value.find(canary) != std::string::npos) {
                    std::printf("store: CANARY in table %s, column %s\n", table.c_str(), sqlite3_column_name(s->get(), c));
                    ++found;
                }
            }
        }
    }
    long long outbox = -1;
    if (auto s = opened->prepare("SELECT count(*) FROM outbox;"); s && sqlite3_step(s->get()) == SQLITE_ROW)
        outbox = sqlite3_column_int64(s->get(), 0);
    std::printf("store: %zu tables, %zu rows read through SQL; outbox rows: %lld\n", tables.size(), rows, outbox);
    if (outbox != 0 && !outbox_may_be_full) {
        std::printf("store: the outbox is not empty\n");
        ++found;
    }
    std::printf("store: canary %s\n", found ? "FOUND" : "not found");
    return found ? 1 : 0;
}
