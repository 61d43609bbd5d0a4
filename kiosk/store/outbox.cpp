// Outbox and cache queries (see outbox.h).
#include "store/outbox.h"

#include <sqlite3.h>
#include <utility>

namespace kiosk::store {

namespace {

void bind(sqlite3_stmt* s, int i, const std::string& text) { sqlite3_bind_text(s, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT); }
void bind(sqlite3_stmt* s, int i, std::int64_t value) { sqlite3_bind_int64(s, i, value); }

std::string column_text(sqlite3_stmt* s, int i)
{
    auto* text = reinterpret_cast<const char*>(sqlite3_column_text(s, i));
    return text ? std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(s, i))) : std::string {};
}

Error sql_error(Database& db) { return Error { sqlite3_errmsg(db.handle()) }; }

// Runs a prepared statement to completion.
Result<bool> run(Database& db, Statement& statement)
{
    int rc = sqlite3_step(statement.get());
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return sql_error(db);
    return true;
}

OutboxItem read_item(sqlite3_stmt* s)
{
    OutboxState state = column_text(s, 6) == state_text(OutboxState::Rejected) ? OutboxState::Rejected : OutboxState::Pending;
    return { column_text(s, 0), outbox_kind(column_text(s, 1)), column_text(s, 2), sqlite3_column_int64(s, 3),
        sqlite3_column_int(s, 4), sqlite3_column_int64(s, 5), state, column_text(s, 7) };
}

constexpr std::pair<OutboxKind, std::string_view> kind_texts[] = {
    { OutboxKind::WalkIn, "walk-in" },
    { OutboxKind::Booking, "booking" },
    { OutboxKind::QueueChange, "queue-change" },
    { OutboxKind::Task, "task" },
    { OutboxKind::BookingWithdrawal, "booking-withdrawal" },
};

// The one row a prepared SELECT of item_columns finds, or none.
Result<std::optional<OutboxItem>> at_most_one(Database& db, sqlite3_stmt* statement)
{
    int rc = sqlite3_step(statement);
    if (rc == SQLITE_ROW)
        return std::optional<OutboxItem>(read_item(statement));
    if (rc != SQLITE_DONE)
        return sql_error(db);
    return std::optional<OutboxItem> {};
}

void bind(sqlite3_stmt* s, int i, OutboxKind kind)
{
    auto text = kind_text(kind);
    sqlite3_bind_text(s, i, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
}

constexpr const char* item_columns = "uuid, kind, payload, created_at, attempts, next_attempt_at, state, last_error";

}

std::string_view kind_text(OutboxKind kind)
{
    for (auto& [k, text] : kind_texts)
        if (k == kind)
            return text;
    return "unknown";
}

OutboxKind outbox_kind(std::string_view text)
{
    for (auto& [kind, t] : kind_texts)
        if (t == text)
            return kind;
    return OutboxKind::Unknown;
}

std::string_view state_text(OutboxState state)
{
    return state == OutboxState::Rejected ? "rejected" : "pending";
}

Result<bool> Outbox::add(const OutboxItem& item)
{
    // seq: one more than any row's, so the order is the order of queuing whatever the clock says.
    auto s = m_db.prepare("INSERT OR IGNORE INTO outbox (uuid, kind, payload, created_at, next_attempt_at, seq) "
                          "VALUES (?, ?, ?, ?, ?, (SELECT coalesce(max(seq), 0) + 1 FROM outbox));");
    if (!s)
        return s.error();
    bind(s->get(), 1, item.uuid);
    bind(s->get(), 2, item.kind);
    bind(s->get(), 3, item.payload);
    bind(s->get(), 4, item.created_at);
    bind(s->get(), 5, item.next_attempt_at);
    return run(m_db, *s);
}

Result<bool> Outbox::replace(const OutboxItem& item)
{
    auto s = m_db.prepare("INSERT OR REPLACE INTO outbox (uuid, kind, payload, created_at, next_attempt_at, seq) "
                          "VALUES (?, ?, ?, ?, ?, (SELECT coalesce(max(seq), 0) + 1 FROM outbox));");
    if (!s)
        return s.error();
    bind(s->get(), 1, item.uuid);
    bind(s->get(), 2, item.kind);
    bind(s->get(), 3, item.payload);
    bind(s->get(), 4, item.created_at);
    bind(s->get(), 5, item.next_attempt_at);
    auto done = run(m_db, *s);
    if (done)
        m_db.checkpoint(); // the replaced payload (a name in it) leaves the WAL too
    return done;
}

Result<std::optional<OutboxItem>> Outbox::next_due(std::int64_t now_ms)
{
    auto s = m_db.prepare(std::string("SELECT ") + item_columns
        + " FROM outbox WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY seq LIMIT 1;");
    if (!s)
        return s.error();
    bind(s->get(), 1, now_ms);
    return at_most_one(m_db, s->get());
}

Result<std::optional<std::int64_t>> Outbox::next_attempt_at()
{
    auto s = m_db.prepare("SELECT min(next_attempt_at) FROM outbox WHERE state = 'pending';");
    if (!s)
        return s.error();
    if (sqlite3_step(s->get()) != SQLITE_ROW || sqlite3_column_type(s->get(), 0) == SQLITE_NULL)
        return std::optional<std::int64_t> {};
    return std::optional<std::int64_t>(sqlite3_column_int64(s->get(), 0));
}

Result<bool> Outbox::acknowledge(const std::string& uuid)
{
    auto s = m_db.prepare("DELETE FROM outbox WHERE uuid = ?;");
    if (!s)
        return s.error();
    bind(s->get(), 1, uuid);
    auto done = run(m_db, *s);
    if (done)
        m_db.checkpoint();
    return done;
}

Result<bool> Outbox::all_due_now()
{
    return m_db.exec("UPDATE outbox SET next_attempt_at = 0 WHERE state = 'pending';");
}

Result<bool> Outbox::retry_later(const std::string& uuid, std::int64_t at_ms, const std::string& error)
{
    auto s = m_db.prepare("UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE uuid = ?;");
    if (!s)
        return s.error();
    bind(s->get(), 1, at_ms);
    bind(s->get(), 2, error);
    bind(s->get(), 3, uuid);
    return run(m_db, *s);
}

Result<bool> Outbox::reject(const std::string& uuid, const std::string& error, const std::string& kept_payload)
{
    auto s = m_db.prepare("UPDATE outbox SET attempts = attempts + 1, state = 'rejected', last_error = ?, payload = ? WHERE uuid = ?;");
    if (!s)
        return s.error();
    bind(s->get(), 1, error);
    bind(s->get(), 2, kept_payload);
    bind(s->get(), 3, uuid);
    auto done = run(m_db, *s);
    if (done)
        m_db.checkpoint(); // the old payload (with its name) leaves the WAL too
    return done;
}

Result<int> Outbox::clear_rejected()
{
    auto s = m_db.prepare("DELETE FROM outbox WHERE state = 'rejected';");
    if (!s)
        return s.error();
    if (auto done = run(m_db, *s); !done)
        return done.error();
    int removed = sqlite3_changes(m_db.handle());
    m_db.checkpoint();
    return removed;
}

Result<std::optional<OutboxItem>> Outbox::find(const std::string& uuid)
{
    auto s = m_db.prepare(std::string("SELECT ") + item_columns + " FROM outbox WHERE uuid = ?;");
    if (!s)
        return s.error();
    bind(s->get(), 1, uuid);
    return at_most_one(m_db, s->get());
}

Result<OutboxCounts> Outbox::counts()
{
    auto s = m_db.prepare("SELECT coalesce(sum(state = 'pending'), 0), coalesce(sum(state = 'rejected'), 0) FROM outbox;");
    if (!s)
        return s.error();
    if (sqlite3_step(s->get()) != SQLITE_ROW)
        return sql_error(m_db);
    return OutboxCounts { sqlite3_column_int(s->get(), 0), sqlite3_column_int(s->get(), 1) };
}

Result<std::vector<OutboxItem>> Outbox::all()
{
    auto s = m_db.prepare(std::string("SELECT ") + item_columns + " FROM outbox ORDER BY seq;");
    if (!s)
        return s.error();
    std::vector<OutboxItem> items;
    while (sqlite3_step(s->get()) == SQLITE_ROW)
        items.push_back(read_item(s->get()));
    return items;
}

Result<bool> Cache::replace_all(const std::string& type, const std::vector<CachedResource>& resources)
{
    if (auto r = m_db.exec("BEGIN;"); !r)
        return r;
    if (auto r = replace_all_in_transaction(type, resources); !r) {
        (void)m_db.exec("ROLLBACK;");
        return r;
    }
    return m_db.exec("COMMIT;");
}

Result<bool> Cache::replace_all_in_transaction(const std::string& type, const std::vector<CachedResource>& resources)
{
    auto remove = m_db.prepare("DELETE FROM cache_resource WHERE type = ?;");
    if (!remove)
        return remove.error();
    bind(remove->get(), 1, type);
    if (auto r = run(m_db, *remove); !r)
        return r;
    return upsert(resources);
}

Result<bool> Cache::upsert(const std::vector<CachedResource>& resources)
{
    auto s = m_db.prepare("INSERT OR REPLACE INTO cache_resource (type, id, version, json) VALUES (?, ?, ?, ?);");
    if (!s)
        return s.error();
    for (auto& r : resources) {
        sqlite3_reset(s->get());
        bind(s->get(), 1, r.type);
        bind(s->get(), 2, r.id);
        bind(s->get(), 3, r.version);
        bind(s->get(), 4, r.json);
        if (auto done = run(m_db, *s); !done)
            return done;
    }
    return true;
}

Result<std::vector<CachedResource>> Cache::all(const std::string& type)
{
    auto s = m_db.prepare("SELECT type, id, version, json FROM cache_resource WHERE type = ? ORDER BY id;");
    if (!s)
        return s.error();
    bind(s->get(), 1, type);
    std::vector<CachedResource> out;
    while (sqlite3_step(s->get()) == SQLITE_ROW)
        out.push_back({ column_text(s->get(), 0), column_text(s->get(), 1), column_text(s->get(), 2), column_text(s->get(), 3) });
    return out;
}

Result<std::map<std::string, std::string>> Cache::versions(const std::string& type)
{
    auto s = m_db.prepare("SELECT id, version FROM cache_resource WHERE type = ?;");
    if (!s)
        return s.error();
    bind(s->get(), 1, type);
    std::map<std::string, std::string> out;
    while (sqlite3_step(s->get()) == SQLITE_ROW)
        out.emplace(column_text(s->get(), 0), column_text(s->get(), 1));
    return out;
}

Result<bool> Cache::set_meta(const std::string& key, const std::string& value)
{
    auto s = m_db.prepare("INSERT OR REPLACE INTO cache_meta (key, value) VALUES (?, ?);");
    if (!s)
        return s.error();
    bind(s->get(), 1, key);
    bind(s->get(), 2, value);
    return run(m_db, *s);
}

Result<std::optional<std::string>> Cache::meta(const std::string& key)
{
    auto s = m_db.prepare("SELECT value FROM cache_meta WHERE key = ?;");
    if (!s)
        return s.error();
    bind(s->get(), 1, key);
    if (sqlite3_step(s->get()) == SQLITE_ROW)
        return std::optional<std::string>(column_text(s->get(), 0));
    return std::optional<std::string> {};
}

}
