// Issue 11, fault 5: the 5-second booking promise is per booking, not per request. Against the
// real peer over mutual TLS, with the real SyncWorker and its SQLCipher store: one deadline for
// the whole exchange, counted from the moment the person asked (a running pull does not eat it),
// and an answer that comes after the deadline is reconciled — the person is told if still there,
// and a booking they gave up for the walk-in list is withdrawn on the server, never kept too.
#include "peer.h"
#include "sync_helpers.h"
#include "sync/protocol.h"
#include "sync/worker.h"

#include "temp_dir.h"

#include <catch2/catch.hpp>
#include <thread>

using namespace kiosk;
using namespace kiosk::sync;
using Json = nlohmann::json;
using Steady = std::chrono::steady_clock;

namespace {

using synctest::first_free_slot;
using synctest::item;
using synctest::now;

std::string fresh_uuid() { return synctest::fresh_uuid("de5d1000"); }

SyncSettings settings(const std::filesystem::path& db, const store::Key& key)
{
    SyncSettings s = synctest::worker_settings(db, key);
    s.refresh_every = Seconds { 3600 };
    return s;
}

store::OutboxItem booking(const std::string& uuid, const FreeSlot& slot, const std::string& name = "")
{
    return item(store::OutboxKind::Booking, uuid, booking_payload(uuid, slot, name, now()));
}

// Everything the worker posts, kept, so a test can look for one event after others went by.
struct Events {
    SyncWorker& worker;
    std::vector<std::pair<Steady::time_point, SyncEvent>> seen;

    void take()
    {
        for (auto& e : worker.drain())
            seen.emplace_back(Steady::now(), std::move(e));
    }
    // The `n`th Sent event for `uuid` (0: the first), waiting up to `limit` for it.
    std::optional<std::pair<Steady::time_point, SendResult>> sent(const std::string& uuid, int n = 0,
        std::chrono::milliseconds limit = std::chrono::seconds(15))
    {
        auto end = Steady::now() + limit;
        while (true) {
            take();
            int found = 0;
            for (auto& [at, e] : seen)
                if (auto* s = std::get_if<events::Sent>(&e); s && s->uuid == uuid && found++ == n)
                    return std::make_pair(at, s->result);
            if (Steady::now() > end)
                return std::nullopt;
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
    }
    // Waits until the latest status has this outbox (nothing rejected).
    bool settled(int pending, std::chrono::milliseconds limit = std::chrono::seconds(20))
    {
        auto end = Steady::now() + limit;
        while (Steady::now() < end) {
            take();
            for (auto it = seen.rbegin(); it != seen.rend(); ++it)
                if (auto* s = std::get_if<events::StatusChanged>(&it->second)) {
                    if (s->status.outbox.pending == pending && s->status.outbox.rejected == 0)
                        return true;
                    break;
                }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        return false;
    }
    bool pulled_after(Steady::time_point t, std::chrono::milliseconds limit = std::chrono::seconds(15))
    {
        auto end = Steady::now() + limit;
        while (Steady::now() < end) {
            take();
            for (auto& [at, e] : seen)
                if (auto* c = std::get_if<events::ContentLoaded>(&e); c && at > t && !c->from_cache)
                    return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        return false;
    }
};

bool first_pull_done(Events& events)
{
    return events.pulled_after(Steady::time_point {});
}

long ms(Steady::duration d) { return static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(d).count()); }

// The Appointments on the server with our request identifier `uuid`, by status.
std::vector<std::string> appointment_statuses(FhirClient& fhir, const std::string& uuid)
{
    ParseCounts counts;
    auto found = fhir.search("Appointment", std::string("identifier=") + request_identifier_system + "%7C" + uuid, counts);
    REQUIRE(found.ok());
    std::vector<std::string> out;
    for (auto& a : *found)
        out.push_back(a.value("status", ""));
    return out;
}

std::string slot_status(FhirClient& fhir, const std::string& id)
{
    auto read = fhir.read("Slot", id);
    REQUIRE(read.ok());
    return read->json.value("status", "");
}

}

TEST_CASE("Fault 5: in the worker, a booking is answered within its deadline however its requests are slowed")
{
    peer::reset();
    TempDir dir("deadline-a");
    auto key = store::Key::random();
    auto c = peer::client();
    FhirClient fhir(*c, peer::base());
    FreeSlot slot = first_free_slot(fhir);
    auto worker = SyncWorker::start(settings(dir.path / "s.db", key), nullptr);
    REQUIRE(worker.ok());
    Events events { **worker, {} };
    REQUIRE(first_pull_done(events));
    std::string uuid = fresh_uuid();
    peer::fault("/Slot/" + slot.id, "delay:2000", 2); // the read and the claim, each well within 5 s
    peer::fault("/Appointment", "delay:2000", 1, "POST"); // and the create
    auto asked = Steady::now();
    (*worker)->send_now(booking(uuid, slot), Millis { 5000 });
    auto answer = events.sent(uuid);
    REQUIRE(answer);
    INFO("answered after " << ms(answer->first - asked) << " ms");
    CHECK(answer->first - asked < std::chrono::milliseconds(5600));
    CHECK(answer->second.outcome == SendOutcome::Retry); // not known in time: "The clinic did not answer"
}

TEST_CASE("Fault 5: a booking overtakes a running pull: it does not wait behind a slow refresh")
{
    peer::reset();
    TempDir dir("deadline-b");
    auto key = store::Key::random();
    auto c = peer::client();
    FhirClient fhir(*c, peer::base());
    FreeSlot slot = first_free_slot(fhir);
    auto worker = SyncWorker::start(settings(dir.path / "s.db", key), nullptr);
    REQUIRE(worker.ok());
    Events events { **worker, {} };
    REQUIRE(first_pull_done(events));
    // The next pull's first search is answered 4 s late.
    peer::fault("/Practitioner?", "delay:4000", 1, "GET");
    (*worker)->refresh_now();
    std::this_thread::sleep_for(std::chrono::milliseconds(500)); // the pull is waiting on the peer
    std::string uuid = fresh_uuid();
    auto asked = Steady::now();
    (*worker)->send_now(booking(uuid, slot), Millis { 3000 });
    auto answer = events.sent(uuid);
    REQUIRE(answer);
    INFO("answered after " << ms(answer->first - asked) << " ms: " << answer->second.message);
    CHECK(answer->second.outcome == SendOutcome::Sent);
    CHECK(answer->first - asked < std::chrono::milliseconds(3000)); // within its own deadline, from the moment it was asked
    CHECK(slot_status(fhir, slot.id) == "busy");
    // The interrupted pull is done afterwards, not dropped.
    CHECK(events.pulled_after(answer->first));
}

TEST_CASE("Fault 5: a booking answered after its deadline reaches the person as a late answer")
{
    peer::reset();
    TempDir dir("deadline-c1");
    auto key = store::Key::random();
    auto c = peer::client();
    FhirClient fhir(*c, peer::base());
    FreeSlot slot = first_free_slot(fhir);
    auto worker = SyncWorker::start(settings(dir.path / "s.db", key), nullptr);
    REQUIRE(worker.ok());
    Events events { **worker, {} };
    REQUIRE(first_pull_done(events));
    std::string uuid = fresh_uuid();
    // The create is carried out 2.5 s late: after the 1.5 s deadline.
    peer::fault("/Appointment", "delay:2500", 1, "POST");
    (*worker)->send_now(booking(uuid, slot, "Late Canary"), Millis { 1500 });
    auto first = events.sent(uuid);
    REQUIRE(first);
    CHECK(first->second.outcome == SendOutcome::Retry); // the screen said "The clinic did not answer"
    // The booking went through all the same: the worker says so, for the screen to tell.
    auto late = events.sent(uuid, 1, std::chrono::seconds(20));
    REQUIRE(late);
    CHECK(late->second.outcome == SendOutcome::Sent);
    CHECK(events.settled(0));
    CHECK(appointment_statuses(fhir, uuid) == std::vector<std::string> { "booked" });
    CHECK(slot_status(fhir, slot.id) == "busy");
}

namespace {

// The person was told "The clinic did not answer" and chose the walk-in list: the walk-in carries
// the booking it replaces. `wait_before_choosing`: how long they took to choose.
void choose_walk_in_after_no_answer(int create_delay_ms, std::chrono::milliseconds wait_before_choosing)
{
    peer::reset();
    TempDir dir("deadline-c2");
    auto key = store::Key::random();
    auto c = peer::client();
    FhirClient fhir(*c, peer::base());
    FreeSlot slot = first_free_slot(fhir);
    auto worker = SyncWorker::start(settings(dir.path / "s.db", key), nullptr);
    REQUIRE(worker.ok());
    Events events { **worker, {} };
    REQUIRE(first_pull_done(events));
    std::string uuid = fresh_uuid();
    peer::fault("/Appointment", "delay:" + std::to_string(create_delay_ms), 1, "POST");
    auto asked = Steady::now();
    (*worker)->send_now(booking(uuid, slot, "Withdrawn Canary"), Millis { 1500 });
    auto first = events.sent(uuid);
    REQUIRE(first);
    REQUIRE(first->second.outcome == SendOutcome::Retry);
    std::this_thread::sleep_for(wait_before_choosing);
    auto chosen = Steady::now();
    std::string walk = fresh_uuid();
    (*worker)->submit(item(store::OutboxKind::WalkIn, walk, walk_in_payload(walk, "Withdrawn Canary", now())), uuid);
    // Until the late create has surely landed, then until the outbox is empty again.
    std::this_thread::sleep_for(std::chrono::milliseconds(create_delay_ms) - (Steady::now() - asked) + std::chrono::milliseconds(500));
    REQUIRE(events.settled(0, std::chrono::seconds(30)));
    // Never both: the walk-in is on the server once, and no booking of this person stands.
    CHECK(synctest::count_with_identifier(fhir, "Appointment", walk) == 1);
    for (auto& status : appointment_statuses(fhir, uuid))
        CHECK(status == "cancelled");
    CHECK(slot_status(fhir, slot.id) == "free"); // the time is given back for someone else
    // And once the walk-in was chosen, nothing says "booked" for it.
    events.take();
    for (auto& [at, e] : events.seen)
        if (auto* s = std::get_if<events::Sent>(&e); s && s->uuid == uuid && at > chosen)
            CHECK(s->result.outcome != SendOutcome::Sent);
    // The name typed for the booking (and the walk-in) is left nowhere in the decrypted store.
    worker->reset();
    auto db = store::Database::open(dir.path / "s.db", key);
    REQUIRE(db.ok());
    auto rows = store::Outbox(*db).all();
    REQUIRE(rows.ok());
    CHECK(rows->empty());
    if (auto cached = store::Cache(*db).all("Appointment"))
        for (auto& row : *cached)
            CHECK(row.json.find("Withdrawn Canary") == std::string::npos);
}

}

TEST_CASE("Fault 5: a booking given up for the walk-in list that the server carries out later is withdrawn there")
{
    // The walk-in is chosen at once; the create lands 6 s after it was sent, long after.
    choose_walk_in_after_no_answer(6000, std::chrono::milliseconds(0));
}

TEST_CASE("Fault 5: a booking given up for the walk-in list that the server had already carried out is cancelled there")
{
    // The create landed (2.5 s) before the person chose the walk-in list (at about 2.7 s), before
    // the worker's own next try.
    choose_walk_in_after_no_answer(2500, std::chrono::milliseconds(1200));
}

TEST_CASE("Peer: a delayed request is carried out even when the client stopped waiting (as a slow server does)")
{
    // What the withdrawal tests above rely on: the late create does land on the server.
    peer::reset();
    auto c = peer::client();
    FhirClient fhir(*c, peer::base());
    std::string uuid = fresh_uuid();
    peer::fault("/Appointment", "delay:1000", 1, "POST");
    auto created = fhir.create_once("Appointment", Json::parse(walk_in_payload(uuid, "", now()))["appointment"], uuid, Millis { 300 });
    REQUIRE_FALSE(created.ok());
    CHECK(synctest::count_with_identifier(fhir, "Appointment", uuid) == 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(1200));
    CHECK(synctest::count_with_identifier(fhir, "Appointment", uuid) == 1);
}
