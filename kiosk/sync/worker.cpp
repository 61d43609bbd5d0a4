// The sync worker (see worker.h).
#include "sync/worker.h"

#include "sync/fhir_client.h"
#include "sync/fhir_names.h"
#include "sync/fhir_parse.h"

#include <map>

namespace kiosk::sync {

namespace {

using Json = nlohmann::json;

// A resource as the cache keeps it. Appointments lose what people asked to be called
// (participant.actor.display): the pull reads none (fhir_names.h), and should a name ever come
// this far, it would not reach the file.
std::string cache_json(const char* type, const Json& resource)
{
    if (std::string_view(type) != "Appointment")
        return resource.dump();
    Json copy = resource;
    if (auto participants = copy.find("participant"); participants != copy.end() && participants->is_array())
        for (auto& participant : *participants)
            if (auto actor = participant.find("actor"); actor != participant.end() && actor->is_object())
                actor->erase("display");
    return copy.dump();
}

}

std::int64_t SyncWorker::steady() const
{
    if (m_settings.steady_ms)
        return m_settings.steady_ms();
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::int64_t SyncWorker::wall() const
{
    return m_settings.wall_ms ? m_settings.wall_ms() : wall_ms();
}

void SyncWorker::poke()
{
    {
        std::lock_guard lock(m_mutex);
        m_poked = true;
    }
    m_changed.notify_all();
}

std::int64_t wall_ms()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

SyncWorker::SyncWorker(SyncSettings settings, store::Database db, std::function<void()> wake)
    : m_settings(std::move(settings))
    , m_db(std::move(db))
    , m_wake(std::move(wake))
{
}

store::StoreResult<std::unique_ptr<SyncWorker>> SyncWorker::start(SyncSettings settings, std::function<void()> wake)
{
    auto db = store::Database::open(settings.database, settings.key);
    settings.key = store::Key {}; // SQLCipher keeps its own (locked) copy; this one is not needed again
    if (!db)
        return db.error();
    std::unique_ptr<SyncWorker> worker(new SyncWorker(std::move(settings), std::move(*db), std::move(wake)));
    auto http = HttpClient::create(worker->m_settings.tls, worker->m_settings.limits);
    if (http)
        worker->m_http = std::move(*http);
    else
        worker->m_status.last_error = http.error().message;
    worker->m_status.certificate_expires = certificate_expiry(worker->m_settings.tls.certificate_file);
    worker->m_thread = std::thread([w = worker.get()] { w->run(); });
    return worker;
}

SyncWorker::~SyncWorker()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_changed.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void SyncWorker::refresh_now()
{
    {
        std::lock_guard lock(m_mutex);
        m_commands.push_back({ Command::Kind::Refresh, {}, {} });
    }
    m_changed.notify_all();
}

void SyncWorker::submit(store::OutboxItem item, std::string replaces)
{
    {
        std::lock_guard lock(m_mutex);
        m_commands.push_back({ Command::Kind::Submit, std::move(item), {}, std::move(replaces) });
    }
    m_changed.notify_all();
}

void SyncWorker::send_now(store::OutboxItem item, Millis deadline)
{
    {
        std::lock_guard lock(m_mutex);
        m_commands.push_back({ Command::Kind::SendNow, std::move(item), deadline, {}, std::chrono::steady_clock::now() });
        ++m_urgent;
    }
    m_changed.notify_all();
    if (m_http)
        m_http->wake(); // a pull or background send waiting on the network stops now
}

void SyncWorker::clear_rejected()
{
    {
        std::lock_guard lock(m_mutex);
        m_commands.push_back({ Command::Kind::ClearRejected, {}, {} });
    }
    m_changed.notify_all();
}

std::vector<SyncEvent> SyncWorker::drain()
{
    std::lock_guard lock(m_mutex);
    return std::exchange(m_events, {});
}

void SyncWorker::post(SyncEvent event)
{
    {
        std::lock_guard lock(m_mutex);
        m_events.push_back(std::move(event));
    }
    if (m_wake)
        m_wake();
}

void SyncWorker::publish_status()
{
    store::Outbox outbox(m_db);
    if (auto counts = outbox.counts())
        m_status.outbox = *counts;
    m_status.rejected.clear();
    if (auto all = outbox.all())
        for (auto& item : *all)
            if (item.state == store::OutboxState::Rejected)
                m_status.rejected.push_back(std::string(store::kind_text(item.kind)) + " " + item.uuid.substr(0, 8) + ": " + item.last_error);
    post(events::StatusChanged { m_status });
}

Result<bool> SyncWorker::nothing_changed(FhirClient& fhir, ParseCounts& counts)
{
    // Any resource of the type updated since the cursor, slots and appointments of any status:
    // a slot that was booked is no longer free, which a "status=free" check would miss.
    for (auto& step : pull_steps(UtcSeconds { std::chrono::seconds { wall() / 1000 } })) {
        auto found = fhir.search(step.type, "_lastUpdated=gt" + format_instant(*m_cursor) + "&_count=1", counts, 1);
        if (!found) {
            m_pull_interrupted = found.error().transport == HttpFailure::Interrupted;
            return Error { "pull " + std::string(step.type) + ": " + found.error().message };
        }
        if (!found->empty())
            return false;
    }
    return true;
}

std::vector<PullStep> pull_steps(UtcSeconds now)
{
    return {
        { "Practitioner", "_count=200" },
        { "PractitionerRole", "_count=200" },
        { "Schedule", "_count=200" },
        { "Slot", "status=free&start=ge" + format_instant(now) + "&start=lt" + format_instant(now + std::chrono::days(7)) + "&_count=500" },
        // No names (issue 14): what the wait estimate and the staff's counts need. A server may
        // ignore _elements; the answer is read through the name filter anyway (fhir_names.h).
        { "Appointment", "status=waitlist,booked,arrived&_elements=" + std::string(appointment_elements(Names::Drop)) + "&_count=500" },
        { "HealthcareService", "_count=200" },
    };
}

void SyncWorker::pull()
{
    if (!m_http)
        return;
    FhirClient fhir(*m_http, m_settings.base_url);
    fhir.set_byte_budget(m_settings.pull_byte_budget);
    fhir.set_appointment_names(Names::Drop);
    // A booking a person waits on goes first: the pull stops for it and is done again after it.
    m_pull_interrupted = false;
    fhir.set_interrupt([this] { return urgent(); });
    store::Cache cache(m_db);
    UtcSeconds now { std::chrono::seconds { wall() / 1000 } };
    ParseCounts counts;
    // Between full pulls, first ask whether anything changed at all: six tiny searches instead of
    // reading everything (the "unchanged pull" of docs/performance.md).
    bool full_due = !m_cursor || !m_posted || m_posted_from_cache || steady() - m_full_pull_at_ms >= m_settings.full_pull_every.count();
    if (!full_due) {
        auto unchanged = nothing_changed(fhir, counts);
        if (!unchanged && m_pull_interrupted)
            return;
        if (!unchanged) {
            m_status.last_error = unchanged.error().message;
            publish_status();
            return;
        }
        if (*unchanged) {
            std::int64_t checked_at = wall();
            if (!cache.set_meta("pulled_at_ms", std::to_string(checked_at))) {
                m_status.last_error = "the content cache could not be written";
                publish_status();
                return;
            }
            m_status.last_success_ms = checked_at;
            m_status.last_error.clear();
            publish_status();
            return;
        }
    }
    // Read everything first; write the cache only when every step answered, in one transaction,
    // and only the types whose resources changed (an unchanged pull writes nothing).
    std::map<std::string, std::vector<Json>> by_type;
    std::vector<std::pair<std::string, std::vector<store::CachedResource>>> changed;
    std::optional<UtcSeconds> started_at; // the server's clock at the first answer
    for (auto& step : pull_steps(now)) {
        auto found = fhir.search(step.type, step.query, counts, 200, std::nullopt, started_at ? nullptr : &started_at);
        if (!found && found.error().transport == HttpFailure::Interrupted) {
            m_pull_interrupted = true;
            return;
        }
        if (!found) {
            m_status.last_error = "pull " + std::string(step.type) + ": " + found.error().message;
            publish_status();
            return;
        }
        std::vector<store::CachedResource> rows;
        std::map<std::string, std::string> versions;
        bool versioned = true;
        for (auto& resource : *found) {
            auto id = text_field(resource, "id", 64);
            if (!id) {
                ++counts.skipped;
                continue;
            }
            std::string version;
            if (auto meta = resource.find("meta"); meta != resource.end())
                version = text_field(*meta, "versionId", 64).value_or("");
            versioned = versioned && !version.empty();
            versions[*id] = version;
            rows.push_back({ step.type, *id, version, cache_json(step.type, resource) });
        }
        auto cached = cache.versions(step.type);
        bool same = versioned && cached && *cached == versions;
        if (!same)
            changed.emplace_back(step.type, std::move(rows));
        by_type[step.type] = std::move(*found);
    }
    bool stored = m_db.exec("BEGIN;").ok();
    for (auto& [type, rows] : changed)
        stored = stored && cache.replace_all_in_transaction(type, rows).ok();
    std::int64_t pulled_at = wall();
    stored = stored && cache.set_meta("pulled_at_ms", std::to_string(pulled_at)).ok();
    stored = stored && m_db.exec("COMMIT;").ok();
    if (!stored) {
        (void)m_db.exec("ROLLBACK;");
        m_status.last_error = "the content cache could not be written";
        publish_status();
        return;
    }
    if (!changed.empty())
        m_db.checkpoint(); // replaced rows leave no older copy in the WAL
    m_status.last_success_ms = pulled_at;
    m_status.last_error.clear();
    // Updates from a second before the first answer on are "since the cursor": a change made
    // while this pull ran is found again next time (one more full pull), never missed.
    m_cursor = started_at ? std::optional<UtcSeconds>(*started_at - std::chrono::seconds(1)) : std::nullopt;
    m_full_pull_at_ms = steady();
    // New content goes to the UI when something changed, and at least every half hour anyway, so
    // time-bound parts follow the clock (past slots dropped, names of bookings now within a day).
    bool stale = steady() - m_posted_at_ms >= m_settings.full_pull_every.count() / 2;
    if (!changed.empty() || !m_posted || m_posted_from_cache || stale) {
        ClinicContent content = content_from_resources(by_type, now);
        content.updated_at_ms = pulled_at;
        m_status.skipped = counts.skipped + content.skipped;
        post_content(std::move(content), false);
    }
    publish_status();
}

void SyncWorker::post_content(ClinicContent content, bool from_cache)
{
    // The previous content (names on the clinic's queue included) is not kept for later: it goes
    // here, or on the UI thread as soon as the UI has switched to this one.
    m_posted = std::make_shared<const ClinicContent>(std::move(content));
    m_posted_from_cache = from_cache;
    m_posted_at_ms = steady();
    post(events::ContentLoaded { m_posted, from_cache });
}

void SyncWorker::run()
{
    try {
        store::Cache cache(m_db);
        ClinicContent cached = content_from_cache(cache, UtcSeconds { std::chrono::seconds { wall() / 1000 } });
        if (cached.updated_at_ms > 0)
            post_content(std::move(cached), true);
    } catch (const std::exception& e) {
        m_status.last_error = std::string("the content cache could not be read: ") + e.what();
    }
    // Next attempts are on the steady clock of the run that wrote them: after a restart, every
    // pending item is due at once (in queue order), and backs off afresh from there.
    (void)store::Outbox(m_db).all_due_now();
    publish_status();
    while (true) {
        {
            std::lock_guard lock(m_mutex);
            if (m_stop)
                return;
        }
        // No exception may leave this thread (it would end the kiosk): whatever one step could
        // not handle is reported to staff, and the next step goes on.
        try {
            if (!step())
                return;
        } catch (const std::exception& e) {
            m_status.last_error = std::string("the sync worker met something it could not handle: ") + e.what();
            try {
                publish_status();
            } catch (...) {
            }
            std::unique_lock lock(m_mutex);
            m_changed.wait_for(lock, std::chrono::seconds(1), [&] { return m_stop; });
        } catch (...) {
            m_status.last_error = "the sync worker met something it could not handle";
        }
    }
}

bool SyncWorker::step()
{
    Command command;
    bool have_command = false;
    std::int64_t wake_at = m_next_refresh; // every timer is on the steady clock
    if (auto due = store::Outbox(m_db).next_attempt_at(); due && *due)
        wake_at = std::min(wake_at, std::max(**due, m_hold_until));
    {
        std::unique_lock lock(m_mutex);
        auto wait = std::chrono::milliseconds(std::max<std::int64_t>(0, wake_at - steady()));
        m_changed.wait_for(lock, wait, [&] { return m_stop || m_poked || !m_commands.empty(); });
        m_poked = false;
        if (m_stop)
            return false;
        if (!m_commands.empty()) {
            command = std::move(m_commands.front());
            m_commands.pop_front();
            have_command = true;
            if (command.kind == Command::Kind::SendNow)
                --m_urgent;
        }
    }
    if (have_command) {
        switch (command.kind) {
        case Command::Kind::Refresh:
            m_next_refresh = 0;
            break;
        case Command::Kind::Submit:
            command.item.created_at = command.item.created_at ? command.item.created_at : wall();
            if (!command.replaces.empty())
                withdraw_booking(command.replaces);
            if (auto added = store::Outbox(m_db).add(command.item); !added) {
                m_status.last_error = "a " + std::string(store::kind_text(command.item.kind)) + " could not be queued on this device ("
                    + added.error().message + "); check the disk — it was not sent";
                // The person was told their place is kept: tell them it is not, so they can
                // go to the desk instead of waiting for a call that will not come.
                post(events::Sent { command.item.uuid, SendResult { SendOutcome::Rejected, m_status.last_error, std::nullopt, false, {} } });
            }
            publish_status();
            break;
        case Command::Kind::SendNow: {
            command.item.created_at = command.item.created_at ? command.item.created_at : wall();
            if (auto added = store::Outbox(m_db).add(command.item); !added)
                m_status.last_error = "a " + std::string(store::kind_text(command.item.kind)) + " could not be queued on this device ("
                    + added.error().message + "); sending it now without a copy";
            // The deadline counts from the person's request: time spent queued behind other work is
            // part of it (none should be: background work stops for this).
            auto waited = std::chrono::duration_cast<Millis>(std::chrono::steady_clock::now() - command.queued_at);
            send_one(command.item, std::max(command.deadline - waited, Millis { 1 }), true);
            publish_status();
            break;
        }
        case Command::Kind::StaffList:
            staff_list();
            break;
        case Command::Kind::ClearRejected:
            if (auto cleared = store::Outbox(m_db).clear_rejected(); !cleared)
                m_status.last_error = "the rejected items could not be cleared: " + cleared.error().message;
            publish_status();
            break;
        }
    }
    if (std::int64_t started = steady(); started >= m_next_refresh) {
        pull();
        // The next pull counts from this one's start, read before it: the pull publishes its
        // status, and a clock read after it could already be later than that (seen in the
        // "Fault 7" test under ASan, whose steady clock moved on as soon as the status came).
        m_next_refresh = m_pull_interrupted ? 0 : started + std::chrono::duration_cast<Millis>(m_settings.refresh_every).count();
    }
    send_due();
    publish_status();
    return true;
}

}
