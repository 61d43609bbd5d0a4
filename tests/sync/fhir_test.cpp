// The FHIR client and the booking protocol against the real Medplum engine over mutual TLS.
#include "peer.h"
#include "sync_helpers.h"
#include "sync/protocol.h"

#include <catch2/catch.hpp>
#include <future>
#include <set>

using namespace kiosk;
using namespace kiosk::sync;
using Json = nlohmann::json;

namespace {

using synctest::count_with_identifier;
using synctest::first_free_slot;
using synctest::item;
using synctest::now;

std::string fresh_uuid() { return synctest::fresh_uuid("00000000"); }

// Sends until the item is acknowledged; returns how many more attempts it took.
int until_sent(FhirClient& fhir, const store::OutboxItem& i)
{
    for (int attempt = 1; attempt <= 5; ++attempt)
        if (send_item(fhir, i).outcome == SendOutcome::Sent)
            return attempt;
    return 99;
}

}

TEST_CASE("Search follows next links: the whole week of free slots, no duplicates")
{
    peer::reset();
    auto c = peer::client();
    FhirClient fhir(*c, peer::base());
    ParseCounts counts;
    auto slots = fhir.search("Slot", "status=free&_count=50", counts);
    REQUIRE(slots.ok());
    std::set<std::string> ids;
    for (auto& s : *slots)
        if (auto parsed = parse_slot(s, ""))
            ids.insert(parsed->id);
    CHECK(slots->size() > 50);          // more than one page
    CHECK(ids.size() == slots->size()); // each once
    CHECK(counts.skipped == 0);
}

TEST_CASE("Malformed and wrongly typed answers are errors or skipped entries, never a crash")
{
    peer::reset();
    auto c = peer::client();
    FhirClient fhir(*c, peer::base());
    ParseCounts counts;
    peer::fault("/Slot", "malformed");
    auto malformed = fhir.search("Slot", "status=free", counts);
    REQUIRE_FALSE(malformed.ok());
    CHECK(malformed.error().kind == FhirErrorKind::Malformed);
    CHECK_FALSE(malformed.error().retryable());

    peer::fault("/Slot", "wrong-types");
    auto odd = fhir.search("Slot", "status=free", counts);
    if (odd.ok()) {
        int usable = 0;
        for (auto& s : *odd)
            usable += parse_slot(s, "").has_value();
        CHECK(usable < static_cast<int>(odd->size()) + 1);
    } else {
        CHECK(odd.error().kind == FhirErrorKind::Malformed);
    }

    peer::fault("/Slot", "status:503");
    auto busy = fhir.search("Slot", "status=free", counts);
    REQUIRE_FALSE(busy.ok());
    CHECK(busy.error().status == 503);
    CHECK(busy.error().retryable());
    REQUIRE(busy.error().retry_after.has_value());
    CHECK(*busy.error().retry_after == Millis { 2000 });
}

TEST_CASE("A walk-in is created once, even when the answer is lost and it is sent again")
{
    peer::reset();
    auto c = peer::client();
    FhirClient fhir(*c, peer::base());
    std::string uuid = fresh_uuid();
    auto walk_in = item(store::OutboxKind::WalkIn, uuid, walk_in_payload(uuid, "Sam", now()));

    // Two answers lost after the server acted (libcurl itself may resend once on a reused
    // connection that died, so the second drop makes sure our own retry is needed).
    peer::fault("/Appointment", "drop-after", 2);
    CHECK(send_item(fhir, walk_in).outcome == SendOutcome::Retry);
    CHECK(until_sent(fhir, walk_in) <= 2);
    CHECK(send_item(fhir, walk_in).outcome == SendOutcome::Sent); // and once more, for good measure
    CHECK(count_with_identifier(fhir, "Appointment", uuid) == 1);
}

TEST_CASE("A booking claims its slot and creates one appointment, and a lost answer does not double it")
{
    peer::reset();
    auto c = peer::client();
    FhirClient fhir(*c, peer::base());
    FreeSlot slot = first_free_slot(fhir);
    std::string uuid = fresh_uuid();
    auto booking = item(store::OutboxKind::Booking, uuid, booking_payload(uuid, slot, "Ana", now()));

    peer::fault("/Appointment", "drop-after", 2);
    CHECK(send_item(fhir, booking).outcome == SendOutcome::Retry);
    // The retry finds the slot already carrying our UUID and carries on.
    CHECK(until_sent(fhir, booking) <= 2);
    CHECK(count_with_identifier(fhir, "Appointment", uuid) == 1);
    auto read = fhir.read("Slot", slot.id);
    REQUIRE(read.ok());
    CHECK(read->json["status"] == "busy");
}

TEST_CASE("Two kiosks book the same slot at once: exactly one booking, the other told it was taken")
{
    peer::reset();
    auto c1 = peer::client();
    auto c2 = peer::client();
    FhirClient fhir1(*c1, peer::base());
    FhirClient fhir2(*c2, peer::base());
    FreeSlot slot = first_free_slot(fhir1);
    std::string u1 = fresh_uuid(), u2 = fresh_uuid();
    auto b1 = item(store::OutboxKind::Booking, u1, booking_payload(u1, slot, "", now()));
    auto b2 = item(store::OutboxKind::Booking, u2, booking_payload(u2, slot, "", now()));
    auto f1 = std::async(std::launch::async, [&] { return send_item(fhir1, b1); });
    auto f2 = std::async(std::launch::async, [&] { return send_item(fhir2, b2); });
    SendResult r1 = f1.get(), r2 = f2.get();
    int sent = (r1.outcome == SendOutcome::Sent) + (r2.outcome == SendOutcome::Sent);
    CHECK(sent == 1);
    CHECK((r1.slot_taken || r2.slot_taken));
    ParseCounts counts;
    auto booked = fhir1.search("Appointment", "slot=Slot/" + slot.id, counts);
    REQUIRE(booked.ok());
    CHECK(booked->size() == 1);
}

TEST_CASE("A booking whose appointment is refused for good gives the slot back")
{
    peer::reset();
    auto c = peer::client();
    FhirClient fhir(*c, peer::base());
    FreeSlot slot = first_free_slot(fhir);
    std::string uuid = fresh_uuid();
    peer::fault("/Appointment", "status:422");
    auto result = send_item(fhir, item(store::OutboxKind::Booking, uuid, booking_payload(uuid, slot, "", now())));
    CHECK(result.outcome == SendOutcome::Rejected);
    CHECK_FALSE(result.slot_taken);
    auto read = fhir.read("Slot", slot.id);
    REQUIRE(read.ok());
    CHECK(read->json["status"] == "free");
}

TEST_CASE("A queue change is written with If-Match")
{
    peer::reset();
    auto c = peer::client();
    FhirClient fhir(*c, peer::base());
    ParseCounts counts;
    auto waiting = fhir.search("Appointment", "status=waitlist", counts);
    REQUIRE(waiting.ok());
    REQUIRE_FALSE(waiting->empty());
    std::string id = (*waiting)[0]["id"];
    auto r = send_item(fhir, item(store::OutboxKind::QueueChange, fresh_uuid(), queue_change_payload(id, "fulfilled")));
    CHECK(r.outcome == SendOutcome::Sent);
    auto read = fhir.read("Appointment", id);
    REQUIRE(read.ok());
    CHECK(read->json["status"] == "fulfilled");
}

// Issue 12: valid JSON nested 100,000 arrays deep (about 200 KB) once crashed the kiosk with
// SIGSEGV: nlohmann-json parses it without recursion, but copying or dump()ing it recurses.
TEST_CASE("An answer nested 100,000 deep is refused as too deep, before any copy: search, read and write")
{
    peer::reset();
    auto c = peer::client();
    FhirClient fhir(*c, peer::base());
    ParseCounts counts;
    peer::fault("/Slot", "deep");
    auto found = fhir.search("Slot", "status=free", counts);
    REQUIRE_FALSE(found.ok());
    CHECK(found.error().kind == FhirErrorKind::Malformed);
    CHECK_FALSE(found.error().retryable());
    CHECK(found.error().message.find("nested deeper than 64 levels") != std::string::npos);

    FreeSlot slot = first_free_slot(fhir);
    peer::fault("/Slot/" + slot.id, "deep");
    auto read = fhir.read("Slot", slot.id);
    REQUIRE_FALSE(read.ok());
    CHECK(read.error().message.find("nested deeper than 64 levels") != std::string::npos);

    // A create whose answer is the deep resource: the item is not confirmed by it.
    std::string uuid = fresh_uuid();
    peer::fault("/Appointment", "deep");
    auto walk_in = send_item(fhir, item(store::OutboxKind::WalkIn, uuid, walk_in_payload(uuid, "", now())));
    CHECK(walk_in.outcome != SendOutcome::Sent);
    CHECK(walk_in.message.find("nested deeper than 64 levels") != std::string::npos);
}

TEST_CASE("A queued item nested 100,000 deep is rejected, not sent and not a crash")
{
    peer::reset();
    auto c = peer::client();
    FhirClient fhir(*c, peer::base());
    std::string uuid = fresh_uuid();
    std::string deep = "{\"appointment\":{\"resourceType\":\"Appointment\",\"extension\":" + std::string(100000, '[') + std::string(100000, ']') + "}}";
    auto result = send_item(fhir, item(store::OutboxKind::WalkIn, uuid, deep));
    CHECK(result.outcome == SendOutcome::Rejected);
    CHECK(count_with_identifier(fhir, "Appointment", uuid) == 0);
}
