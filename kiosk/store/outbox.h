// The outbox and the content cache, both tables of the one SQLCipher file.
//
// The outbox is the queue (house style: "the database is the queue"): each item a person or
// staff made (walk-in, booking, queue change, progress record) is written once with its
// client-made UUID, sent by the sync worker, and deleted only when the server acknowledged it.
// An attempt ends as sent (row deleted), retry (next_attempt_at moves) or rejected (kept, shown
// in the health view, never dropped silently).
#pragma once
#include "store/database.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::store {

// What a row asks of the server. In the file as text ("walk-in", "booking", "queue-change",
// "task", "booking-withdrawal"): the text is written and read here only (kind_text, outbox_kind).
// Unknown: a row this version does not know (it is refused when sent, kept for staff).
enum class OutboxKind { WalkIn, Booking, QueueChange, Task, BookingWithdrawal, Unknown };
// Pending: to be sent. Rejected: kept for staff (in the file: "pending", "rejected").
enum class OutboxState { Pending, Rejected };

std::string_view kind_text(OutboxKind kind);
OutboxKind outbox_kind(std::string_view text);
std::string_view state_text(OutboxState state);

struct OutboxItem {
    std::string uuid;
    OutboxKind kind { OutboxKind::Unknown };
    std::string payload;    // the FHIR resource or request, as JSON
    std::int64_t created_at { 0 };     // ms since the Unix epoch (UTC): for what is sent and the age bound, never for order
    int attempts { 0 };
    std::int64_t next_attempt_at { 0 }; // on the sync worker's steady clock (ms); 0 = due now
    OutboxState state { OutboxState::Pending };
    std::string last_error;
};

struct OutboxCounts {
    int pending { 0 };
    int rejected { 0 };
};

class Outbox {
public:
    explicit Outbox(Database& db) : m_db(db) { }

    // Adds an item in one transaction. Adding the same UUID twice keeps the first.
    Result<bool> add(const OutboxItem& item);
    // Adds an item in place of the row of the same UUID, if there is one (a booking replaced by
    // its withdrawal): a fresh row, last in the queue, its old payload gone from the file and WAL.
    Result<bool> replace(const OutboxItem& item);
    // Every pending item due now: at start, since next attempts are on the previous run's steady clock.
    Result<bool> all_due_now();
    // The first-queued pending item (by sequence number) whose next attempt is due at `now_ms`.
    Result<std::optional<OutboxItem>> next_due(std::int64_t now_ms);
    // The earliest next attempt of any pending item.
    Result<std::optional<std::int64_t>> next_attempt_at();
    // The server has it: delete the row (secure_delete is on) and checkpoint the WAL.
    Result<bool> acknowledge(const std::string& uuid);
    Result<bool> retry_later(const std::string& uuid, std::int64_t at_ms, const std::string& error);
    // The server refused it for good, or it could not be sent in time: kept for staff with its
    // reason and kind, its payload replaced by `kept_payload` (the caller removes personal fields).
    Result<bool> reject(const std::string& uuid, const std::string& error, const std::string& kept_payload);
    // Staff cleared the rejected items from the health view: deleted, WAL checkpointed.
    Result<int> clear_rejected();
    Result<std::optional<OutboxItem>> find(const std::string& uuid);
    Result<OutboxCounts> counts();
    Result<std::vector<OutboxItem>> all();

private:
    Database& m_db;
};

struct CachedResource {
    std::string type;
    std::string id;
    std::string version;
    std::string json;
};

class Cache {
public:
    explicit Cache(Database& db) : m_db(db) { }

    // Replaces every cached resource of `type` with `resources`, in one transaction (a full pull
    // also removes what the server deleted).
    Result<bool> replace_all(const std::string& type, const std::vector<CachedResource>& resources);
    // The same, inside a transaction the caller has begun (several types replaced at once).
    Result<bool> replace_all_in_transaction(const std::string& type, const std::vector<CachedResource>& resources);
    // Adds or updates resources (an incremental pull).
    Result<bool> upsert(const std::vector<CachedResource>& resources);
    Result<std::vector<CachedResource>> all(const std::string& type);
    // id → version of every cached resource of `type` (to tell whether a pull changed anything).
    Result<std::map<std::string, std::string>> versions(const std::string& type);
    Result<bool> set_meta(const std::string& key, const std::string& value);
    Result<std::optional<std::string>> meta(const std::string& key);

private:
    Database& m_db;
};

}
