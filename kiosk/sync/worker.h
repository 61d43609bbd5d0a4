// The sync worker: one thread that owns the SQLCipher connection and the HTTPS client, refreshes
// the content cache on a schedule and when asked, and sends the outbox. The interface never
// waits on it: commands go in through a small locked queue, and results come back through
// another that the UI thread drains once per frame (Tracy's RunQueue pattern). `wake` is called
// after each result so a sleeping render loop can come round.
#pragma once
#include "app/clinic.h"
#include "store/database.h"
#include "store/outbox.h"
#include "sync/backoff.h"
#include "sync/http.h"
#include "sync/protocol.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <memory>
#include <mutex>
#include <thread>
#include <variant>
#include <vector>

namespace kiosk::sync {

struct SyncSettings {
    std::string base_url;              // https://gateway.clinic/fhir/R4
    TlsSettings tls;
    HttpLimits limits;
    Seconds refresh_every { 300 };
    // Between full pulls a pull only asks whether anything was updated; a full pull comes at least
    // this often anyway, for deletions and for slots that enter the 7-day window as days pass.
    Millis full_pull_every { std::chrono::hours(1) };
    BackoffPolicy backoff;
    // A row still not sent after this many attempts, or this long after it was made, is marked
    // for staff (rejected, personal fields removed) instead of being retried for ever.
    int max_attempts { 60 };
    // The most answer bytes one pull may read, all pages of all types together.
    std::size_t pull_byte_budget { std::size_t { 64 } * 1024 * 1024 };
    Millis max_age { std::chrono::hours(12) };
    std::filesystem::path database;
    store::Key key;
    // The clocks, injectable for tests (as the UI's Clock is): every timer (next refresh, backoff,
    // the outbox hold, next attempts, full-pull and repost intervals) runs on `steady_ms`; the
    // wall clock only dates what is sent and shown (created, last success) and the age bound.
    // Unset: std::chrono::steady_clock and system_clock. After moving an injected clock, call
    // SyncWorker::poke() so the worker looks at its timers again.
    std::function<std::int64_t()> steady_ms;
    std::function<std::int64_t()> wall_ms;
};

struct SyncStatus {
    std::optional<std::int64_t> last_success_ms;   // wall clock, ms since the epoch
    std::string last_error;                        // empty when the last attempt worked
    store::OutboxCounts outbox;
    std::vector<std::string> rejected;             // one line per rejected outbox item
    int skipped { 0 };                             // malformed entries left out in the last pull
    std::optional<UtcSeconds> certificate_expires; // this device's client certificate
};

namespace events {
struct ContentLoaded {
    std::shared_ptr<const ClinicContent> content;
    bool from_cache;                   // true at start, before the first pull answers
};
struct StatusChanged {
    SyncStatus status;
};
// The staff list (fetch_staff_list()): the names, or why there are none. The worker keeps no
// reference to the list.
struct StaffListFetched {
    std::shared_ptr<const StaffList> list;   // null when it could not be fetched
    std::string error;                       // for staff; no part of the server's answer
};
struct Sent {
    std::string uuid;
    SendResult result;                 // for send_now(): the server's real answer; for submit():
                                       // only when the item could not be queued (Rejected)
};
}
using SyncEvent = std::variant<events::ContentLoaded, events::StatusChanged, events::Sent, events::StaffListFetched>;

class SyncWorker {
public:
    // Opens the store (a StoreError stops the kiosk with its message) and starts the thread.
    static store::StoreResult<std::unique_ptr<SyncWorker>> start(SyncSettings settings, std::function<void()> wake);
    ~SyncWorker();
    SyncWorker(const SyncWorker&) = delete;
    SyncWorker& operator=(const SyncWorker&) = delete;

    void refresh_now();
    // Fetches the clinic's list with the names for the staff queue (issue 14), before any pull:
    // a StaffListFetched event follows. The regular pull never reads a name.
    void fetch_staff_list();
    // Writes the item to the outbox (one transaction), then sends it when it can. `replaces`: the
    // request UUID of a booking the person gave up for this item (they chose the walk-in list
    // after "The clinic did not answer"): that booking is withdrawn — cancelled on the server if
    // it turns out booked there, never left standing beside this item.
    void submit(store::OutboxItem item, std::string replaces = {});
    // As submit(), but sent at once with `deadline` for the whole exchange, counted from this call:
    // it goes before any pull or background send (one running is stopped, and done after it). A
    // Sent event with the outcome follows. On a timeout the item stays in the outbox and is
    // retried; a booking that then turns out booked, or taken, is told in a second, late Sent
    // event (its outcome Sent, or Rejected with slot_taken), so a person still waiting hears it.
    void send_now(store::OutboxItem item, Millis deadline);
    // Staff cleared the rejected items (health view, behind the staff PIN).
    void clear_rejected();
    std::vector<SyncEvent> drain();
    // Wakes the worker to look at its timers (after a test moved an injected clock).
    void poke();

private:
    struct Command {
        enum class Kind { Refresh, Submit, SendNow, ClearRejected, StaffList } kind;
        store::OutboxItem item;
        Millis deadline { 0 };
        std::string replaces {};
        std::chrono::steady_clock::time_point queued_at {};   // the deadline counts from here
    };

    SyncWorker(SyncSettings settings, store::Database db, std::function<void()> wake);
    void run();
    void post(SyncEvent event);
    void pull();
    void staff_list();   // fetch_staff_list(), on the worker's thread
    // Asks each type for anything updated since the cursor: true when nothing was, false when
    // something was, an error when the server could not say.
    Result<bool> nothing_changed(FhirClient& fhir, ParseCounts& counts);
    void send_due();
    void send_one(const store::OutboxItem& item, std::optional<Millis> timeout, bool report);
    // The person gave booking `uuid` up for another item: its row becomes a withdrawal.
    void withdraw_booking(const std::string& uuid);
    // True while a booking a person waits on is queued: background requests stop for it.
    bool urgent() const { return m_urgent.load() > 0; }
    // A cancel of this kiosk's own item that never reached the server: both end here, unsent.
    std::optional<SendResult> settle_locally(const store::OutboxItem& item);
    bool step();   // one round of the loop; false when stopping
    void publish_status();
    std::int64_t steady() const;
    std::int64_t wall() const;
    void post_content(ClinicContent content, bool from_cache);

    SyncSettings m_settings;
    store::Database m_db;
    std::function<void()> m_wake;
    std::unique_ptr<HttpClient> m_http;
    SyncStatus m_status;
    std::int64_t m_next_refresh { 0 };
    std::int64_t m_hold_until { 0 };   // no outbox sends before this (steady ms): backing off
    // The last two contents handed to the UI: the older one is released here, on this thread,
    // when a newer one is posted (the UI has replaced it by then).
    std::shared_ptr<const ClinicContent> m_posted;
    bool m_posted_from_cache { false };
    // Incremental pulls: the server's clock at the start of the last full pull (less a second),
    // and when that pull was (steady ms). See SyncSettings::full_pull_every.
    std::optional<UtcSeconds> m_cursor;
    std::int64_t m_posted_at_ms { 0 };  // when content last went to the UI (steady ms)
    std::int64_t m_full_pull_at_ms { 0 };
    bool m_pull_interrupted { false };  // the last pull stopped for a booking: pull again after it
    std::atomic<int> m_urgent { 0 };    // send_now() commands not yet taken by the worker

    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<Command> m_commands;
    std::vector<SyncEvent> m_events;
    bool m_stop { false };
    bool m_poked { false };   // poke(): look at the timers again
    std::thread m_thread;
};

// What a pull reads: each type and its query for a full pull.
struct PullStep {
    const char* type;
    std::string query;
};
std::vector<PullStep> pull_steps(UtcSeconds now);

// The query of the staff list's Appointment search (names included).
std::string staff_list_query();

// The kiosk's own terms from FHIR resources by type (after a pull, from what it read). No name
// is kept, whatever the resources hold.
ClinicContent content_from_resources(const std::map<std::string, std::vector<nlohmann::json>>& by_type, UtcSeconds now);
// The same from the whole content cache (at start, and offline).
ClinicContent content_from_cache(store::Cache& cache, UtcSeconds now);

// The expiry of a PEM certificate, if it can be read.
std::optional<UtcSeconds> certificate_expiry(const std::string& pem_file);

// Milliseconds since the Unix epoch on the wall clock.
std::int64_t wall_ms();

}
