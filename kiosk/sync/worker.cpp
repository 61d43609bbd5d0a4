// The sync worker (see worker.h).
#include "sync/worker.h"

#include "sync/fhir_client.h"
#include "sync/fhir_parse.h"

#include "app/secure_text.h"

#include <charconv>
#include <map>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <random>

namespace kiosk::sync {

namespace {

using Json = nlohmann::json;

// A resource as the cache keeps it. Appointments lose what people asked to be called
// (participant.actor.display): names on the clinic's queue live in memory only, while the clinic
// lists them, and never reach the file (a cached queue shows "no name" until the next pull).
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

std::optional<UtcSeconds> certificate_expiry(const std::string& pem_file)
{
    FILE* f = std::fopen(pem_file.c_str(), "r");
    if (!f)
        return std::nullopt;
    X509* cert = PEM_read_X509(f, nullptr, nullptr, nullptr);
    std::fclose(f); // NOLINT(cert-err33-c): opened for reading; a failed close loses nothing
    if (!cert)
        return std::nullopt;
    std::tm tm {};
    std::optional<UtcSeconds> out;
    if (ASN1_TIME_to_tm(X509_get0_notAfter(cert), &tm) == 1)
        out = UtcSeconds { std::chrono::seconds { timegm(&tm) } };
    X509_free(cert);
    return out;
}

ClinicContent content_from_resources(const std::map<std::string, std::vector<Json>>& by_type, UtcSeconds now)
{
    static const std::vector<Json> none;
    auto of = [&](const char* type) -> const std::vector<Json>& {
        auto it = by_type.find(type);
        return it == by_type.end() ? none : it->second;
    };
    ClinicContent content;
    std::map<std::string, const Json*> practitioners;
    for (auto& p : of("Practitioner"))
        if (auto id = text_field(p, "id", 64))
            practitioners[*id] = &p;
    std::map<std::string, std::string> schedule_role; // Schedule id → PractitionerRole id
    for (auto& s : of("Schedule")) {
        auto id = text_field(s, "id", 64);
        auto actors = s.find("actor");
        if (!id || actors == s.end() || !actors->is_array())
            continue;
        for (auto& actor : *actors)
            if (auto ref = text_field(actor, "reference", 200); ref && ref->rfind("PractitionerRole/", 0) == 0)
                schedule_role[*id] = ref->substr(17);
    }
    for (auto& role : of("PractitionerRole")) {
        const Json* practitioner = nullptr;
        if (auto ref = role.find("practitioner"); ref != role.end())
            if (auto text = text_field(*ref, "reference", 200); text && text->rfind("Practitioner/", 0) == 0)
                if (auto it = practitioners.find(text->substr(13)); it != practitioners.end())
                    practitioner = it->second;
        if (auto peer = parse_peer(role, practitioner))
            content.peers.push_back(std::move(*peer));
        else
            ++content.skipped;
    }
    content.slots.reserve(of("Slot").size());
    for (auto& slot : of("Slot")) {
        std::string role;
        if (auto schedule = slot.find("schedule"); schedule != slot.end())
            if (auto ref = text_field(*schedule, "reference", 200); ref && ref->rfind("Schedule/", 0) == 0)
                if (auto it = schedule_role.find(ref->substr(9)); it != schedule_role.end())
                    role = it->second;
        if (auto parsed = parse_slot(slot, role)) {
            if (parsed->start >= now)
                content.slots.push_back(std::move(*parsed));
        } else {
            ++content.skipped;
        }
    }
    std::sort(content.slots.begin(), content.slots.end(), [](auto& a, auto& b) { return a.start < b.start; });
    for (auto& appointment : of("Appointment")) {
        if (auto entry = parse_walk_in(appointment))
            content.waiting.push_back(std::move(*entry));
        else if (auto booking = parse_booking(appointment)) {
            // A name is kept in memory only for the bookings the front desk sees now (from 12 h
            // ago to 24 h ahead, as on the staff queue); a booking days away keeps none.
            if (!booking->name.empty() && (booking->start < now - std::chrono::hours(12) || booking->start > now + std::chrono::hours(24))) {
                secure_zero(booking->name.data(), booking->name.size());
                booking->name.clear();
            }
            content.bookings.push_back(std::move(*booking));
        }
    }
    std::sort(content.bookings.begin(), content.bookings.end(), [](auto& a, auto& b) { return a.start < b.start; });
    std::sort(content.waiting.begin(), content.waiting.end(), [](auto& a, auto& b) { return a.since < b.since; });
    for (auto& service : of("HealthcareService")) {
        if (auto entry = parse_service(service))
            content.directory.push_back(std::move(*entry));
        else
            ++content.skipped;
    }
    return content;
}

ClinicContent content_from_cache(store::Cache& cache, UtcSeconds now)
{
    std::map<std::string, std::vector<Json>> by_type;
    for (const char* type : { "Practitioner", "PractitionerRole", "Schedule", "Slot", "Appointment", "HealthcareService" })
        if (auto rows = cache.all(type))
            for (auto& row : *rows) {
                auto json = parse_json_or_discarded(row.json);
                if (json.is_object())
                    by_type[type].push_back(std::move(json));
            }
    ClinicContent content = content_from_resources(by_type, now);
    if (auto updated = cache.meta("pulled_at_ms"); updated && *updated) {
        // A damaged value reads as "never" rather than ending the kiosk.
        const std::string& text = **updated;
        std::int64_t ms = 0;
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), ms);
        if (ec == std::errc() && end == text.data() + text.size() && ms > 0)
            content.updated_at_ms = ms;
    }
    return content;
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

void SyncWorker::submit(store::OutboxItem item)
{
    {
        std::lock_guard lock(m_mutex);
        m_commands.push_back({ Command::Kind::Submit, std::move(item), {} });
    }
    m_changed.notify_all();
}

void SyncWorker::send_now(store::OutboxItem item, Millis deadline)
{
    {
        std::lock_guard lock(m_mutex);
        m_commands.push_back({ Command::Kind::SendNow, std::move(item), deadline });
    }
    m_changed.notify_all();
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
            if (item.state == "rejected")
                m_status.rejected.push_back(item.kind + " " + item.uuid.substr(0, 8) + ": " + item.last_error);
    post(events::StatusChanged { m_status });
}

Result<bool> SyncWorker::nothing_changed(FhirClient& fhir, ParseCounts& counts)
{
    // Any resource of the type updated since the cursor, slots and appointments of any status:
    // a slot that was booked is no longer free, which a "status=free" check would miss.
    for (auto& step : pull_steps(UtcSeconds { std::chrono::seconds { wall() / 1000 } })) {
        auto found = fhir.search(step.type, "_lastUpdated=gt" + format_instant(*m_cursor) + "&_count=1", counts, 1);
        if (!found)
            return Error { "pull " + std::string(step.type) + ": " + found.error().message };
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
        { "Appointment", "status=waitlist,booked,arrived&_count=500" },
        { "HealthcareService", "_count=200" },
    };
}

void SyncWorker::pull()
{
    if (!m_http)
        return;
    FhirClient fhir(*m_http, m_settings.base_url);
    fhir.set_byte_budget(m_settings.pull_byte_budget);
    store::Cache cache(m_db);
    UtcSeconds now { std::chrono::seconds { wall() / 1000 } };
    ParseCounts counts;
    // Between full pulls, first ask whether anything changed at all: six tiny searches instead of
    // reading everything (the "unchanged pull" of docs/performance.md).
    bool full_due = !m_cursor || !m_posted || m_posted_from_cache || steady() - m_full_pull_at_ms >= m_settings.full_pull_every.count();
    if (!full_due) {
        auto unchanged = nothing_changed(fhir, counts);
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

std::optional<SendResult> SyncWorker::settle_locally(const store::OutboxItem& item)
{
    if (item.kind != "queue-change")
        return std::nullopt;
    auto original_uuid = own_original(item.payload);
    if (!original_uuid)
        return std::nullopt;
    store::Outbox outbox(m_db);
    auto original = outbox.find(*original_uuid);
    if (!original || !*original)
        return std::nullopt;
    // Still queued and never tried: it never left this tablet. Neither needs sending.
    if ((*original)->state == "pending" && (*original)->attempts == 0) {
        (void)outbox.acknowledge(*original_uuid);
        return SendResult { SendOutcome::Sent, "queue change: cancelled before it was sent", std::nullopt, false, {} };
    }
    return std::nullopt;
}

void SyncWorker::send_one(const store::OutboxItem& item, std::optional<Millis> timeout, bool report)
{
    store::Outbox outbox(m_db);
    SendResult result { SendOutcome::Retry, "no connection to the clinic server is configured", std::nullopt, false, {} };
    result.server_trouble = true;
    if (auto settled = settle_locally(item)) {
        result = *settled;
    } else if (m_http) {
        FhirClient fhir(*m_http, m_settings.base_url);
        try {
            result = send_item(fhir, item, timeout);
        } catch (const std::exception& e) {
            // Nothing may leave this thread: an unforeseen answer costs this row an attempt.
            result = SendResult { SendOutcome::Retry, item.kind + ": an answer the kiosk could not handle (" + e.what() + ")", std::nullopt, false, {} };
        }
    }
    // A change to this kiosk's own item that the server does not have, while the item itself is
    // no longer queued (refused, or cleared by staff): it never reached the server, so there is
    // nothing to change. The change ends here; a refused original goes with it.
    if (result.outcome == SendOutcome::Retry && result.not_there) {
        auto original_uuid = own_original(item.payload);
        auto original = original_uuid ? outbox.find(*original_uuid) : Result<std::optional<store::OutboxItem>>(std::optional<store::OutboxItem> {});
        if (original && (!*original || (*original)->state == "rejected")) {
            if (*original)
                (void)outbox.acknowledge(*original_uuid);
            result = SendResult { SendOutcome::Sent, "queue change: the original never reached the server", std::nullopt, false, {} };
        }
    }
    static thread_local std::mt19937 random { std::random_device {}() };
    switch (result.outcome) {
    case SendOutcome::Sent:
        (void)outbox.acknowledge(item.uuid);
        m_status.last_success_ms = wall();
        m_status.last_error.clear();
        break;
    case SendOutcome::Retry: {
        Millis delay = backoff_delay(m_settings.backoff, item.attempts + 1, std::uniform_real_distribution<double>(0, 1)(random));
        if (result.retry_after && *result.retry_after > delay)
            delay = *result.retry_after;
        m_status.last_error = result.message;
        std::int64_t age = item.created_at > 0 ? wall() - item.created_at : 0;
        if (item.attempts + 1 >= m_settings.max_attempts || age > m_settings.max_age.count()) {
            // Bounded: marked for staff, its personal fields removed, instead of for ever.
            std::string why = "not sent after " + std::to_string(item.attempts + 1) + " attempts; last: " + result.message;
            (void)outbox.reject(item.uuid, why, without_personal_fields(item.payload));
            break;
        }
        (void)outbox.retry_later(item.uuid, steady() + delay.count(), result.message);
        // The server or the network is in trouble: hold the whole outbox, not just this item, so
        // that a hundred queued items do not each wait out a timeout now. A retry about this item
        // alone (not on the server yet) holds only its own row: later rows are still sent.
        if (result.server_trouble)
            m_hold_until = steady() + delay.count();
        break;
    }
    case SendOutcome::Rejected:
        if (result.answered) {
            // Answered (the time was taken; the appointment had ended): the person was told, and
            // nothing is left for staff. The row goes, with the name in it.
            (void)outbox.acknowledge(item.uuid);
            break;
        }
        // Refused for good: kept for staff with its reason and kind, never with a name.
        (void)outbox.reject(item.uuid, result.message, without_personal_fields(item.payload));
        m_status.last_error = result.message;
        break;
    }
    if (report)
        post(events::Sent { item.uuid, result });
}

void SyncWorker::send_due()
{
    store::Outbox outbox(m_db);
    for (int sent = 0; sent < 1000; ++sent) {
        {
            std::lock_guard lock(m_mutex);
            if (m_stop || !m_commands.empty())
                return; // a person may be waiting on a command: answer it first
        }
        if (steady() < m_hold_until)
            return;
        auto due = outbox.next_due(steady());
        if (!due || !*due)
            return;
        send_one(**due, std::nullopt, false);
    }
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
        }
    }
    if (have_command) {
        switch (command.kind) {
        case Command::Kind::Refresh:
            m_next_refresh = 0;
            break;
        case Command::Kind::Submit:
            command.item.created_at = command.item.created_at ? command.item.created_at : wall();
            if (auto added = store::Outbox(m_db).add(command.item); !added) {
                m_status.last_error = "a " + command.item.kind + " could not be queued on this device (" + added.error().message
                    + "); check the disk — it was not sent";
                // The person was told their place is kept: tell them it is not, so they can
                // go to the desk instead of waiting for a call that will not come.
                post(events::Sent { command.item.uuid, SendResult { SendOutcome::Rejected, m_status.last_error, std::nullopt, false, {} } });
            }
            publish_status();
            break;
        case Command::Kind::SendNow: {
            command.item.created_at = command.item.created_at ? command.item.created_at : wall();
            if (auto added = store::Outbox(m_db).add(command.item); !added)
                m_status.last_error = "a " + command.item.kind + " could not be queued on this device (" + added.error().message
                    + "); sending it now without a copy";
            send_one(command.item, command.deadline, true);
            publish_status();
            break;
        }
        case Command::Kind::ClearRejected:
            if (auto cleared = store::Outbox(m_db).clear_rejected(); !cleared)
                m_status.last_error = "the rejected items could not be cleared: " + cleared.error().message;
            publish_status();
            break;
        }
    }
    if (steady() >= m_next_refresh) {
        pull();
        m_next_refresh = steady() + std::chrono::duration_cast<Millis>(m_settings.refresh_every).count();
    }
    send_due();
    publish_status();
    return true;
}

}
