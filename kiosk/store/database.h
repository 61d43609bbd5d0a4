// The kiosk's one encrypted file: a SQLCipher database holding the content cache and the outbox.
// Opening it checks, in order: that the file is not a plain SQLite file, that SQLCipher (not plain
// SQLite) is the library in the process, that the key opens it, and that its schema can be
// brought to the current version. Each failure is a StoreError with a message staff can act on.
#pragma once
#include "app/result.h"

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace kiosk::store {

// 256 bits of key material. The bytes are locked in memory (mlock: never written to swap) and
// overwritten when the key is destroyed.
class Key {
public:
    static constexpr std::size_t size = 32;
    Key() { lock(); }
    explicit Key(const std::array<std::uint8_t, size>& bytes) : m_bytes(bytes) { lock(); }
    ~Key();
    Key(const Key& other) : m_bytes(other.m_bytes) { lock(); }
    Key& operator=(const Key&) = default;
    // A fresh random key (demo mode: a new database each run).
    static Key random();
    // Reads 64 hex digits from a key file that only its owner may read (mode 0600 or 0400).
    static Result<Key> from_file(const std::filesystem::path& file);
    // SQLCipher's raw-key literal: x'<64 hex digits>'. The caller wipes it after use.
    std::string raw_literal() const;
    const std::array<std::uint8_t, size>& bytes() const { return m_bytes; }

private:
    void lock();
    std::array<std::uint8_t, size> m_bytes {};
};

enum class StoreErrorKind { NotEncrypted, NoCipher, WrongKeyOrCorrupt, Truncated, Io, Schema };

struct StoreError {
    StoreErrorKind kind;
    std::string message;
};

template<class T>
using StoreResult = Result<T, StoreError>;

struct Sqlite3Closer {
    void operator()(sqlite3* db) const;
};
struct StatementFinalizer {
    void operator()(sqlite3_stmt* statement) const;
};
using Statement = std::unique_ptr<sqlite3_stmt, StatementFinalizer>;

class Database {
public:
    // Opens (creating if absent) and verifies the file, then migrates its schema.
    static StoreResult<Database> open(const std::filesystem::path& file, const Key& key);

    // Runs SQL with no result rows. Errors carry the SQLite message.
    Result<bool> exec(std::string_view sql);
    Result<Statement> prepare(std::string_view sql);
    sqlite3* handle() const { return m_db.get(); }
    int schema_version();
    // Writes the WAL back into the main file and truncates it, so deleted rows leave no copy, and
    // frees the decrypted pages SQLite keeps in its cache.
    void checkpoint();
    // Deletes the content cache only; the outbox is never touched here.
    Result<bool> rebuild_cache();

private:
    explicit Database(sqlite3* db) : m_db(db) { }
    std::unique_ptr<sqlite3, Sqlite3Closer> m_db;
};

// The schema, one script per version; user_version says how many have run.
const std::vector<std::string_view>& migrations();

}
