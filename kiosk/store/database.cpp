// The SQLCipher store (see database.h). SQLCipher 3.4.1 from Debian: raw keys via PRAGMA key, a
// wrong key shows only at the first real read (SQLITE_NOTADB), and a process that also linked
// plain SQLite would silently write plaintext — hence the cipher_version check.
#include "store/database.h"

#include "app/secure_text.h"

#include <charconv>
#include <cstdio>
#include <fstream>
#include <openssl/rand.h>
#include <sqlite3.h>
#include <sys/mman.h>
#include <sys/stat.h>

namespace kiosk::store {

namespace {

constexpr char hex_digits[] = "0123456789abcdef";

StoreError error(StoreErrorKind kind, const std::filesystem::path& file, std::string what)
{
    return { kind, "store " + file.string() + ": " + std::move(what) };
}

}

// Not unlocked when destroyed: locks do not nest, and munlock would also unlock whatever else
// shares the page. A few pages stay resident; that costs nothing.
void Key::lock() { (void)::mlock(m_bytes.data(), m_bytes.size()); }

Key::~Key() { secure_zero(m_bytes.data(), m_bytes.size()); }

Key Key::random()
{
    Key key;
    if (RAND_bytes(key.m_bytes.data(), static_cast<int>(key.m_bytes.size())) != 1)
        std::abort(); // no randomness: nothing safe can be done
    return key;
}

Result<Key> Key::from_file(const std::filesystem::path& file)
{
    struct stat info {};
    if (::stat(file.c_str(), &info) != 0)
        return Error { "key file " + file.string() + " is missing" };
    if ((info.st_mode & 077) != 0)
        return Error { "key file " + file.string() + " can be read by others (chmod 600 it)" };
    std::ifstream in(file);
    std::string text;
    in >> text;
    Key key;
    bool ok = text.size() == 2 * size;
    for (std::size_t i = 0; ok && i < size; ++i) {
        unsigned value = 0; // two hexadecimal digits exactly: no sign, no "0x" (sscanf's %2x took both)
        const char* pair = text.data() + 2 * i;
        auto parsed = std::from_chars(pair, pair + 2, value, 16);
        ok = parsed.ec == std::errc {} && parsed.ptr == pair + 2;
        key.m_bytes[i] = static_cast<std::uint8_t>(value);
    }
    secure_zero(text.data(), text.size());
    if (!ok)
        return Error { "key file " + file.string() + " must hold 64 hexadecimal digits" };
    return key;
}

std::string Key::raw_literal() const
{
    std::string out = "x'";
    for (auto byte : m_bytes) {
        out += hex_digits[byte >> 4];
        out += hex_digits[byte & 15];
    }
    out += "'";
    return out;
}

void Sqlite3Closer::operator()(sqlite3* db) const { sqlite3_close_v2(db); }
void StatementFinalizer::operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }

const std::vector<std::string_view>& migrations()
{
    static const std::vector<std::string_view> scripts {
        // 1: the content cache and the outbox.
        R"sql(
        CREATE TABLE cache_resource (
            type TEXT NOT NULL,
            id TEXT NOT NULL,
            version TEXT NOT NULL DEFAULT '',
            json TEXT NOT NULL,
            PRIMARY KEY (type, id)
        );
        CREATE TABLE cache_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE outbox (
            uuid TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            payload TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at INTEGER NOT NULL DEFAULT 0,
            state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'rejected')),
            last_error TEXT NOT NULL DEFAULT ''
        );
        )sql",
        // 2: send order by a sequence number, not by the wall clock (which NTP may step back):
        // existing rows keep the order they were inserted in.
        R"sql(
        ALTER TABLE outbox ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
        UPDATE outbox SET seq = rowid;
        CREATE INDEX outbox_due ON outbox (state, seq);
        )sql",
    };
    return scripts;
}

StoreResult<Database> Database::open(const std::filesystem::path& file, const Key& key)
{
    // A plain SQLite file starts with this header; an encrypted one looks random.
    std::error_code ec;
    auto size = std::filesystem::exists(file, ec) ? std::filesystem::file_size(file, ec) : 0;
    if (size > 0) {
        std::ifstream in(file, std::ios::binary);
        char header[16] = {};
        in.read(header, sizeof header);
        if (in.gcount() == 16 && std::string_view(header, 16) == std::string_view("SQLite format 3\0", 16))
            return error(StoreErrorKind::NotEncrypted, file, "is a plain, unencrypted SQLite file; the kiosk refuses to use it");
        if (size < 1024 || size % 1024 != 0)
            return error(StoreErrorKind::Truncated, file, "is truncated or damaged (" + std::to_string(size) + " bytes)");
    }

    sqlite3* raw = nullptr;
    int rc = sqlite3_open_v2(file.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    Database db(raw);
    if (rc != SQLITE_OK)
        return error(StoreErrorKind::Io, file, std::string("cannot be opened: ") + (raw ? sqlite3_errmsg(raw) : "out of memory"));

    std::string pragma = "PRAGMA key = \"" + key.raw_literal() + "\";";
    rc = sqlite3_exec(raw, pragma.c_str(), nullptr, nullptr, nullptr);
    secure_zero(pragma.data(), pragma.size());
    if (rc != SQLITE_OK)
        return error(StoreErrorKind::Io, file, std::string("key not accepted: ") + sqlite3_errmsg(raw));

    // SQLCipher answers cipher_version; plain SQLite answers nothing and would write plaintext.
    {
        auto statement = db.prepare("PRAGMA cipher_version;");
        if (!statement || sqlite3_step(statement->get()) != SQLITE_ROW)
            return error(StoreErrorKind::NoCipher, file, "the SQLite library in this process is not SQLCipher; refusing to store anything");
    }

    rc = sqlite3_exec(raw, "SELECT count(*) FROM sqlite_master;", nullptr, nullptr, nullptr);
    if (rc == SQLITE_NOTADB)
        return error(StoreErrorKind::WrongKeyOrCorrupt, file, "cannot be read with this device's key (wrong key, or the file is damaged)");
    if (rc != SQLITE_OK)
        return error(StoreErrorKind::WrongKeyOrCorrupt, file, std::string("cannot be read: ") + sqlite3_errmsg(raw));

    for (auto* setting : { "PRAGMA secure_delete = ON;", "PRAGMA journal_mode = WAL;", "PRAGMA foreign_keys = ON;" })
        if (auto r = db.exec(setting); !r)
            return error(StoreErrorKind::Io, file, r.error().message);

    int version = db.schema_version();
    auto& scripts = migrations();
    if (version > static_cast<int>(scripts.size()))
        return error(StoreErrorKind::Schema, file, "was written by a newer kiosk (schema " + std::to_string(version) + ")");
    for (auto i = static_cast<std::size_t>(version); i < scripts.size(); ++i) {
        std::string script = "BEGIN;" + std::string(scripts[i]) + "PRAGMA user_version = " + std::to_string(i + 1) + "; COMMIT;";
        if (auto r = db.exec(script); !r) {
            (void)db.exec("ROLLBACK;");
            return error(StoreErrorKind::Schema, file, "schema step " + std::to_string(i + 1) + " failed: " + r.error().message);
        }
    }
    return db;
}

Result<bool> Database::exec(std::string_view sql)
{
    std::string text(sql);
    char* message = nullptr;
    if (sqlite3_exec(m_db.get(), text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        std::string what = message ? message : "unknown error";
        sqlite3_free(message);
        return Error { what };
    }
    return true;
}

Result<Statement> Database::prepare(std::string_view sql)
{
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(m_db.get(), sql.data(), static_cast<int>(sql.size()), &statement, nullptr) != SQLITE_OK)
        return Error { sqlite3_errmsg(m_db.get()) };
    return Statement(statement);
}

int Database::schema_version()
{
    auto statement = prepare("PRAGMA user_version;");
    if (!statement || sqlite3_step(statement->get()) != SQLITE_ROW)
        return 0;
    return sqlite3_column_int(statement->get(), 0);
}

void Database::checkpoint()
{
    sqlite3_wal_checkpoint_v2(m_db.get(), nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr);
    // SQLite's page cache holds decrypted pages, deleted rows' old versions among them: let go of
    // them (freed memory is overwritten, see platform/guards.h).
    sqlite3_db_release_memory(m_db.get());
}

Result<bool> Database::rebuild_cache()
{
    return exec("BEGIN; DELETE FROM cache_resource; DELETE FROM cache_meta; COMMIT;");
}

}
