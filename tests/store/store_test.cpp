// The SQLCipher store on real files in a temporary directory: encryption at rest, wrong keys,
// damaged and plain files, migrations, the outbox's life cycle, and a cache rebuild that keeps
// the outbox.
#include "store/database.h"
#include "store/outbox.h"

#include "temp_dir.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <sqlite3.h>
#include <sys/stat.h>

using namespace kiosk::store;
namespace fs = std::filesystem;

namespace {

std::string file_bytes(const fs::path& file)
{
    std::ifstream in(file, std::ios::binary);
    return { std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>() };
}

OutboxItem item(std::string uuid, std::int64_t created)
{
    OutboxItem i;
    i.uuid = std::move(uuid);
    i.kind = kiosk::store::OutboxKind::WalkIn;
    i.payload = R"({"resourceType":"Appointment","status":"waitlist","note":"CANARY-PAYLOAD"})";
    i.created_at = created;
    return i;
}

}

TEST_CASE("A new store is encrypted on disk: no plaintext, not readable as SQLite")
{
    TempDir dir;
    fs::path file = dir.path / "kiosk.db";
    Key key = Key::random();
    {
        auto db = Database::open(file, key);
        REQUIRE(db.ok());
        CHECK(db->schema_version() == static_cast<int>(migrations().size()));
        Outbox outbox(*db);
        REQUIRE(outbox.add(item("u1", 1)).ok());
        Cache cache(*db);
        REQUIRE(cache.upsert({ { "Practitioner", "p1", "1", R"({"name":"CANARY-CACHE"})" } }).ok());
        db->checkpoint();
    }
    std::string bytes = file_bytes(file);
    CHECK(bytes.find("CANARY") == std::string::npos);
    CHECK(bytes.find("SQLite format 3") == std::string::npos);
    CHECK(bytes.find("outbox") == std::string::npos); // even the schema is encrypted
}

TEST_CASE("Reopening with the same key finds everything, and a wrong key is a clear error")
{
    TempDir dir;
    fs::path file = dir.path / "kiosk.db";
    Key key = Key::random();
    {
        auto db = Database::open(file, key);
        REQUIRE(db.ok());
        REQUIRE(Outbox(*db).add(item("u1", 1)).ok());
    }
    {
        auto db = Database::open(file, key);
        REQUIRE(db.ok());
        auto all = Outbox(*db).all();
        REQUIRE(all.ok());
        CHECK(all->size() == 1);
    }
    auto wrong = Database::open(file, Key::random());
    REQUIRE_FALSE(wrong.ok());
    CHECK(wrong.error().kind == StoreErrorKind::WrongKeyOrCorrupt);
    CHECK(wrong.error().message == "store " + file.string() + ": cannot be read with this device's key (wrong key, or the file is damaged)");
}

TEST_CASE("A truncated file and a plain SQLite file are refused with their own messages")
{
    TempDir dir;
    fs::path file = dir.path / "kiosk.db";
    Key key = Key::random();
    {
        auto db = Database::open(file, key);
        REQUIRE(db.ok());
        REQUIRE(Outbox(*db).add(item("u1", 1)).ok());
        db->checkpoint();
    }
    fs::resize_file(file, fs::file_size(file) - 100);
    auto truncated = Database::open(file, key);
    REQUIRE_FALSE(truncated.ok());
    CHECK(truncated.error().kind == StoreErrorKind::Truncated);

    fs::path plain = dir.path / "plain.db";
    {
        // Written without a key: a plain SQLite file, as a mistaken build would leave.
        sqlite3* raw = nullptr;
        REQUIRE(sqlite3_open(plain.c_str(), &raw) == SQLITE_OK);
        REQUIRE(sqlite3_exec(raw, "CREATE TABLE t (x); INSERT INTO t VALUES ('secret');", nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(raw);
    }
    auto refused = Database::open(plain, key);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().kind == StoreErrorKind::NotEncrypted);
    CHECK(refused.error().message.find("plain, unencrypted SQLite file") != std::string::npos);
}

TEST_CASE("A damaged page is found at open or at first use, never silently")
{
    TempDir dir;
    fs::path file = dir.path / "kiosk.db";
    Key key = Key::random();
    {
        auto db = Database::open(file, key);
        REQUIRE(db.ok());
        db->checkpoint();
    }
    {
        std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(20);
        f.write("garbage!", 8);
    }
    auto damaged = Database::open(file, key);
    REQUIRE_FALSE(damaged.ok());
    CHECK(damaged.error().kind == StoreErrorKind::WrongKeyOrCorrupt);
}

TEST_CASE("A database from a newer kiosk is refused, not downgraded")
{
    TempDir dir;
    fs::path file = dir.path / "kiosk.db";
    Key key = Key::random();
    {
        auto db = Database::open(file, key);
        REQUIRE(db.ok());
        REQUIRE(db->exec("PRAGMA user_version = 99;").ok());
    }
    auto newer = Database::open(file, key);
    REQUIRE_FALSE(newer.ok());
    CHECK(newer.error().kind == StoreErrorKind::Schema);
}

TEST_CASE("Outbox: due order, retry, reject, acknowledge, and duplicates ignored")
{
    TempDir dir;
    auto db = Database::open(dir.path / "kiosk.db", Key::random());
    REQUIRE(db.ok());
    Outbox outbox(*db);
    REQUIRE(outbox.add(item("b", 2)).ok());
    REQUIRE(outbox.add(item("a", 1)).ok()); // queued later, though its wall clock said earlier
    REQUIRE(outbox.add(item("a", 1)).ok());
    CHECK(outbox.counts()->pending == 2);
    CHECK((*outbox.next_due(0))->uuid == "b"); // the order of queuing, not of created_at
    REQUIRE(outbox.retry_later("b", 5000, "offline").ok());
    CHECK((*outbox.next_due(0))->uuid == "a");
    CHECK(*outbox.next_attempt_at() == 0);
    REQUIRE(outbox.reject("a", "HTTP 400: invalid", "{}").ok());
    CHECK_FALSE(outbox.next_due(4999)->has_value());
    auto due = *outbox.next_due(5000);
    REQUIRE(due.has_value());
    CHECK(due->attempts == 1);
    CHECK(due->last_error == "offline");
    REQUIRE(outbox.acknowledge("b").ok());
    auto counts = *outbox.counts();
    CHECK(counts.pending == 0);
    CHECK(counts.rejected == 1); // rejected items stay until staff deal with them
}

TEST_CASE("Rebuilding the cache keeps the outbox")
{
    TempDir dir;
    fs::path file = dir.path / "kiosk.db";
    Key key = Key::random();
    auto db = Database::open(file, key);
    REQUIRE(db.ok());
    Cache cache(*db);
    REQUIRE(cache.replace_all("Slot", { { "Slot", "s1", "1", "{}" }, { "Slot", "s2", "1", "{}" } }).ok());
    REQUIRE(cache.replace_all("Slot", { { "Slot", "s2", "2", "{}" } }).ok());
    CHECK(cache.all("Slot")->size() == 1);
    REQUIRE(cache.set_meta("cursor.Slot", "2026-11-27T00:00:00Z").ok());
    REQUIRE(Outbox(*db).add(item("keep-me", 1)).ok());
    REQUIRE(db->rebuild_cache().ok());
    CHECK(cache.all("Slot")->empty());
    CHECK_FALSE(cache.meta("cursor.Slot")->has_value());
    CHECK(Outbox(*db).counts()->pending == 1);
}

TEST_CASE("Key files: hex, owner-only, else a clear error")
{
    TempDir dir;
    fs::path file = dir.path / "key";
    {
        std::ofstream out(file);
        out << std::string(64, 'a') << "\n";
    }
    ::chmod(file.c_str(), 0644);
    auto loose = Key::from_file(file);
    REQUIRE_FALSE(loose.ok());
    CHECK(loose.error().message == "key file " + file.string() + " can be read by others (chmod 600 it)");
    ::chmod(file.c_str(), 0600);
    auto key = Key::from_file(file);
    REQUIRE(key.ok());
    CHECK(key->bytes()[0] == 0xaa);
    {
        std::ofstream out(file);
        out << "not hex";
    }
    CHECK_FALSE(Key::from_file(file).ok());
    CHECK_FALSE(Key::from_file(dir.path / "missing").ok());
    // 64 characters, but not 64 hexadecimal digits: a sign or a "0x" in a pair was once read as
    // a byte (sscanf's %2x), so "-1" gave 0xff and "+a" gave 0x0a.
    for (std::string pair : { "-1", "+a", "0x" }) {
        {
            std::ofstream out(file);
            out << pair << std::string(62, 'a') << "\n";
        }
        INFO(pair);
        CHECK_FALSE(Key::from_file(file).ok());
    }
}

TEST_CASE("Outbox kinds and states are enums in the kiosk and the same text in the file as before (rows of older kiosks read back)")
{
    TempDir dir;
    auto db = Database::open(dir.path / "kiosk.db", Key::random());
    REQUIRE(db.ok());
    // Rows as earlier versions wrote them: the text form, straight into the table.
    REQUIRE(db->exec("INSERT INTO outbox (uuid, kind, payload, created_at, seq) VALUES "
                     "('a', 'walk-in', '{}', 1, 1), ('b', 'booking', '{}', 1, 2), ('c', 'queue-change', '{}', 1, 3), "
                     "('d', 'task', '{}', 1, 4), ('e', 'from-a-newer-kiosk', '{}', 1, 5);").ok());
    REQUIRE(db->exec("UPDATE outbox SET state = 'rejected' WHERE uuid = 'd';").ok());
    Outbox outbox(*db);
    auto rows = outbox.all();
    REQUIRE(rows.ok());
    REQUIRE(rows->size() == 5);
    std::map<std::string, OutboxItem> by_uuid;
    for (auto& row : *rows)
        by_uuid[row.uuid] = row;
    CHECK(by_uuid["a"].kind == OutboxKind::WalkIn);
    CHECK(by_uuid["b"].kind == OutboxKind::Booking);
    CHECK(by_uuid["c"].kind == OutboxKind::QueueChange);
    CHECK(by_uuid["d"].kind == OutboxKind::Task);
    CHECK(by_uuid["d"].state == OutboxState::Rejected);
    CHECK(by_uuid["a"].state == OutboxState::Pending);
    CHECK(by_uuid["e"].kind == OutboxKind::Unknown); // sent, it is refused and kept for staff
    // And what this version writes is that same text.
    OutboxItem w;
    w.uuid = "f";
    w.kind = OutboxKind::BookingWithdrawal;
    w.payload = "{}";
    REQUIRE(outbox.add(w).ok());
    REQUIRE(outbox.reject("a", "refused", "{}").ok());
    auto s = db->prepare("SELECT uuid, kind, state FROM outbox WHERE uuid IN ('a', 'f') ORDER BY uuid;");
    REQUIRE(s.ok());
    std::vector<std::string> text;
    while (sqlite3_step(s->get()) == SQLITE_ROW)
        for (int i = 0; i < 3; ++i)
            text.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(s->get(), i)));
    CHECK(text == std::vector<std::string> { "a", "walk-in", "rejected", "f", "booking-withdrawal", "pending" });
    for (auto kind : { OutboxKind::WalkIn, OutboxKind::Booking, OutboxKind::QueueChange, OutboxKind::Task, OutboxKind::BookingWithdrawal })
        CHECK(outbox_kind(kind_text(kind)) == kind);
}
