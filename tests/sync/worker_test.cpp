// The sync worker against the real peer: pull and cache, restart offline, and an outbox that
// waits while the server is down and delivers when it is back.
#include "peer.h"
#include "sync_helpers.h"
#include "sync/fhir_client.h"
#include "sync/worker.h"

#include "temp_dir.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <thread>

using namespace kiosk;
using namespace kiosk::sync;
namespace fs = std::filesystem;

namespace {

SyncSettings settings(const fs::path& db, const store::Key& key, std::string base = peer::base())
{
    SyncSettings s = synctest::worker_settings(db, key, std::move(base));
    s.backoff.initial = Millis { 200 };
    s.backoff.maximum = Millis { 1000 };
    return s;
}

template<class Done>
bool wait_for(SyncWorker& worker, Done done, std::chrono::milliseconds limit = std::chrono::seconds(20))
{
    return synctest::wait_for(worker, done, limit);
}

}

TEST_CASE("Pull fills the encrypted cache, and restarted with the server unreachable, the kiosk shows the cached content")
{
    peer::reset();
    TempDir dir;
    store::Key key = store::Key::random();
    ClinicContent pulled;
    {
        auto worker = SyncWorker::start(settings(dir.path / "kiosk.db", key), nullptr);
        REQUIRE(worker.ok());
        bool got = wait_for(**worker, [&](const SyncEvent& e) {
            if (auto* c = std::get_if<events::ContentLoaded>(&e); c && !c->from_cache) {
                pulled = *c->content;
                return true;
            }
            return false;
        });
        REQUIRE(got);
    }
    CHECK(pulled.peers.size() == 3);
    CHECK(pulled.slots.size() > 100);
    CHECK(pulled.waiting.size() == 2);
    CHECK(pulled.directory.size() == 6);
    for (auto& slot : pulled.slots)
        CHECK_FALSE(slot.role_id.empty()); // every slot knows its peer through its Schedule

    auto offline = SyncWorker::start(settings(dir.path / "kiosk.db", key, "https://127.0.0.1:9/fhir/R4"), nullptr);
    REQUIRE(offline.ok());
    ClinicContent cached;
    std::string error;
    bool got = wait_for(**offline, [&](const SyncEvent& e) {
        if (auto* c = std::get_if<events::ContentLoaded>(&e); c && c->from_cache)
            cached = *c->content;
        if (auto* s = std::get_if<events::StatusChanged>(&e); s && !s->status.last_error.empty())
            error = s->status.last_error;
        return !cached.peers.empty() && !error.empty();
    });
    REQUIRE(got);
    CHECK(cached.peers.size() == pulled.peers.size());
    CHECK(cached.directory.size() == pulled.directory.size());
    CHECK(cached.updated_at_ms > 0);
    CHECK(error.find("cannot reach the clinic server") != std::string::npos);
}

TEST_CASE("Server down, then up: queued walk-ins wait, then each arrives once")
{
    peer::reset();
    TempDir dir;
    store::Key key = store::Key::random();
    std::string port = peer::read_line("port");
    REQUIRE(std::system(("bash " KIOSK_PEER_SCRIPTS "/stop-peer.sh " + peer::dir()).c_str()) == 0);

    auto worker = SyncWorker::start(settings(dir.path / "kiosk.db", key), nullptr);
    REQUIRE(worker.ok());
    std::vector<std::string> uuids;
    for (int i = 0; i < 5; ++i) {
        std::string uuid = "5e1f0000-0000-4000-8000-00000000000" + std::to_string(i);
        uuids.push_back(uuid);
        store::OutboxItem item;
        item.uuid = uuid;
        item.kind = kiosk::store::OutboxKind::WalkIn;
        item.payload = walk_in_payload(uuid, "", std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()));
        (*worker)->submit(item);
    }
    bool waiting = wait_for(**worker, [](const SyncEvent& e) {
        auto* s = std::get_if<events::StatusChanged>(&e);
        return s && s->status.outbox.pending == 5 && !s->status.last_error.empty();
    });
    CHECK(waiting);

    REQUIRE(std::system(("bash " KIOSK_PEER_SCRIPTS "/start-peer.sh " + peer::dir() + " --port " + port + " >/dev/null").c_str()) == 0);
    bool delivered = wait_for(**worker, [](const SyncEvent& e) {
        auto* s = std::get_if<events::StatusChanged>(&e);
        return s && s->status.outbox.pending == 0 && s->status.outbox.rejected == 0;
    }, std::chrono::seconds(30));
    CHECK(delivered);

    auto c = peer::client();
    FhirClient fhir(*c, peer::base());
    for (auto& uuid : uuids) {
        ParseCounts counts;
        auto found = fhir.search("Appointment", std::string("identifier=") + request_identifier_system + "%7C" + uuid, counts);
        REQUIRE(found.ok());
        CHECK(found->size() == 1);
    }
}

TEST_CASE("send_now answers a waiting person with the server's real outcome")
{
    peer::reset();
    TempDir dir;
    auto worker = SyncWorker::start(settings(dir.path / "kiosk.db", store::Key::random()), nullptr);
    REQUIRE(worker.ok());
    auto c = peer::client();
    FhirClient fhir(*c, peer::base());
    ParseCounts counts;
    auto slots = fhir.search("Slot", "status=free&_count=1", counts, 1);
    REQUIRE(slots.ok());
    auto slot = parse_slot(slots->front(), "");
    REQUIRE(slot);

    store::OutboxItem booking;
    booking.uuid = "b00c0000-0000-4000-8000-000000000001";
    booking.kind = kiosk::store::OutboxKind::Booking;
    booking.payload = booking_payload(booking.uuid, *slot, "Ana", std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()));
    (*worker)->send_now(booking, Millis { 5000 });
    std::optional<SendResult> answer;
    REQUIRE(wait_for(**worker, [&](const SyncEvent& e) {
        if (auto* sent = std::get_if<events::Sent>(&e); sent && sent->uuid == booking.uuid)
            answer = sent->result;
        return answer.has_value();
    }));
    CHECK(answer->outcome == SendOutcome::Sent);

    // The same slot again, for someone else: taken, and said so.
    store::OutboxItem second = booking;
    second.uuid = "b00c0000-0000-4000-8000-000000000002";
    second.payload = booking_payload(second.uuid, *slot, "", std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()));
    (*worker)->send_now(second, Millis { 5000 });
    answer.reset();
    REQUIRE(wait_for(**worker, [&](const SyncEvent& e) {
        if (auto* sent = std::get_if<events::Sent>(&e); sent && sent->uuid == second.uuid)
            answer = sent->result;
        return answer.has_value();
    }));
    CHECK(answer->outcome == SendOutcome::Rejected);
    CHECK(answer->slot_taken);
}

TEST_CASE("Between full pulls a pull only asks what changed: a new entry arrives, a deletion waits for the next full pull")
{
    peer::reset();
    TempDir dir;
    SyncSettings s = settings(dir.path / "kiosk.db", store::Key::random());
    s.full_pull_every = Millis { 8000 };
    // The worker's timers run on this clock: the hour-long wait for a full pull is a step, not a sleep.
    std::atomic<std::int64_t> steady { 0 };
    s.steady_ms = [&] { return steady.load(); };
    auto started = SyncWorker::start(s, nullptr);
    REQUIRE(started.ok());
    SyncWorker& worker = **started;
    // The next pull's outcome: the content it posted, if any, once its status says it succeeded.
    // The worker may report one pull's status more than once; a later pull is known by its newer
    // success time, so a repeated report of the previous pull is never taken for the next one.
    std::int64_t last_success = 0;
    auto next_pull = [&](std::optional<ClinicContent>& posted) {
        posted.reset();
        return wait_for(worker, [&](const SyncEvent& e) {
            if (auto* c = std::get_if<events::ContentLoaded>(&e); c && !c->from_cache)
                posted = *c->content;
            auto* st = std::get_if<events::StatusChanged>(&e);
            if (!st || !st->status.last_success_ms || *st->status.last_success_ms <= last_success || !st->status.last_error.empty()
                || st->status.outbox.pending != 0)
                return false;
            last_success = *st->status.last_success_ms;
            return true;
        });
    };
    std::optional<ClinicContent> posted;
    REQUIRE(next_pull(posted));
    REQUIRE(posted);
    REQUIRE(posted->directory.size() == 6);
    std::string gone_id = posted->directory.front().id;

    // Nothing changed: the pull succeeds and posts nothing.
    worker.refresh_now();
    REQUIRE(next_pull(posted));
    CHECK_FALSE(posted);

    // A new support group on the server arrives with the next pull.
    auto c = peer::client();
    FhirClient fhir(*c, peer::base());
    nlohmann::json group = { { "resourceType", "HealthcareService" }, { "name", "A new group, added while the kiosk runs" },
        { "active", true }, { "category", { { { "text", "groups" } } } } };
    REQUIRE(fhir.create_once("HealthcareService", group, "7d1e0000-0000-4000-8000-000000000001").ok());
    worker.refresh_now();
    REQUIRE(next_pull(posted));
    REQUIRE(posted);
    CHECK(posted->directory.size() == 7);

    // The cursor is the server's clock a second before a full pull began, so a change made
    // within that second of it is found once more; two seconds on, one pull moves past it.
    // (That pull reads everything again; it may post if a demo slot's start passed meanwhile, so
    // what it posts is not checked here. That it moved the cursor is: the next pull, after a
    // deletion, would otherwise read everything and post the shorter directory.)
    // (This wait is on the server's clock — its Date header, one-second resolution — which no
    // clock in the kiosk can move.)
    std::this_thread::sleep_for(std::chrono::milliseconds(2100));
    worker.refresh_now();
    REQUIRE(next_pull(posted));
    // A deletion leaves no "updated" trace: an incremental pull cannot see it…
    auto deleted = c->send({ Method::Delete, peer::base() + "/HealthcareService/" + gone_id, {}, {}, std::nullopt });
    REQUIRE(deleted.ok());
    REQUIRE(deleted->status < 300);
    worker.refresh_now();
    REQUIRE(next_pull(posted));
    CHECK_FALSE(posted);
    // …the next full pull (due after full_pull_every) does.
    steady += 8100;
    worker.refresh_now();
    REQUIRE(next_pull(posted));
    REQUIRE(posted);
    CHECK(posted->directory.size() == 6);
    for (auto& entry : posted->directory)
        CHECK(entry.id != gone_id);
}

TEST_CASE("A walk-in the tablet cannot queue is answered as not kept, never silently lost, and the next one is kept")
{
    TempDir dir;
    store::Key key = store::Key::random();
    // No server is needed: this is about the tablet's own storage.
    auto started = SyncWorker::start(settings(dir.path / "kiosk.db", key, "https://127.0.0.1:9/fhir/R4"), nullptr);
    REQUIRE(started.ok());
    SyncWorker& worker = **started;
    REQUIRE(wait_for(worker, [](const SyncEvent& e) { return std::holds_alternative<events::StatusChanged>(e); }));
    // Another connection holds the write lock, as a failing disk or a stuck process would.
    auto other = store::Database::open(dir.path / "kiosk.db", key);
    REQUIRE(other.ok());
    REQUIRE(other->exec("BEGIN EXCLUSIVE;").ok());
    auto walk_in = [](const std::string& uuid) {
        store::OutboxItem item;
        item.uuid = uuid;
        item.kind = kiosk::store::OutboxKind::WalkIn;
        item.payload = walk_in_payload(uuid, "", std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()));
        return item;
    };
    worker.submit(walk_in("6b1f0000-0000-4000-8000-000000000001"));
    std::optional<SendResult> answer;
    REQUIRE(wait_for(worker, [&](const SyncEvent& e) {
        if (auto* sent = std::get_if<events::Sent>(&e); sent && sent->uuid == "6b1f0000-0000-4000-8000-000000000001")
            answer = sent->result;
        return answer.has_value();
    }));
    CHECK(answer->outcome == SendOutcome::Rejected);
    CHECK(answer->message.find("could not be queued on this device") != std::string::npos);

    REQUIRE(other->exec("COMMIT;").ok());
    worker.submit(walk_in("6b1f0000-0000-4000-8000-000000000002"));
    bool second_sent = false;
    CHECK(wait_for(worker, [&](const SyncEvent& e) {
        if (auto* sent = std::get_if<events::Sent>(&e); sent && sent->uuid == "6b1f0000-0000-4000-8000-000000000002")
            second_sent = true;
        auto* st = std::get_if<events::StatusChanged>(&e);
        return st && st->status.outbox.pending == 1;
    }));
    CHECK_FALSE(second_sent); // queued: no "not kept" answer for it
}

// Issue 12: one answer nested 100,000 deep once crashed the kiosk at every start (the pull
// repeats), a crash loop. Now the pull is refused, the health view says why, and the worker lives.
TEST_CASE("A pull answered 100,000 deep: the health view says why, the worker lives, and the next pull works")
{
    peer::reset();
    peer::fault("/Slot", "deep");
    TempDir dir;
    store::Key key = store::Key::random();
    auto started = SyncWorker::start(settings(dir.path / "kiosk.db", key), nullptr);
    REQUIRE(started.ok());
    SyncWorker& worker = **started;
    std::string error;
    REQUIRE(wait_for(worker, [&](const SyncEvent& e) {
        if (auto* s = std::get_if<events::StatusChanged>(&e); s && !s->status.last_error.empty())
            error = s->status.last_error;
        return !error.empty();
    }));
    CHECK(error.find("pull Slot: ") != std::string::npos);
    CHECK(error.find("nested deeper than 64 levels") != std::string::npos);

    worker.refresh_now(); // the fault was for one answer only
    ClinicContent pulled;
    REQUIRE(wait_for(worker, [&](const SyncEvent& e) {
        if (auto* c = std::get_if<events::ContentLoaded>(&e); c && !c->from_cache) {
            pulled = *c->content;
            return true;
        }
        return false;
    }));
    CHECK(pulled.slots.size() > 100);
}

TEST_CASE("A cached row nested 100,000 deep is left out of the content read back, and the other rows are shown")
{
    peer::reset();
    TempDir dir;
    store::Key key = store::Key::random();
    {
        auto worker = SyncWorker::start(settings(dir.path / "kiosk.db", key), nullptr);
        REQUIRE(worker.ok());
        REQUIRE(wait_for(**worker, [](const SyncEvent& e) {
            auto* c = std::get_if<events::ContentLoaded>(&e);
            return c && !c->from_cache;
        }));
    }
    auto db = store::Database::open(dir.path / "kiosk.db", key);
    REQUIRE(db.ok());
    store::Cache cache(*db);
    auto rows = cache.all("HealthcareService");
    REQUIRE(rows.ok());
    REQUIRE(rows->size() == 6);
    // The same service once more, with a 100,000-deep extension: as an older kiosk or a damaged
    // file could have left it.
    store::CachedResource deep = rows->front();
    deep.id = "deep";
    deep.json = "{\"extension\":" + std::string(100000, '[') + std::string(100000, ']') + "," + deep.json.substr(1);
    REQUIRE(cache.upsert({ deep }).ok());
    ClinicContent content = content_from_cache(cache, std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()));
    CHECK(content.directory.size() == 6);
    CHECK(content.peers.size() == 3);
}
