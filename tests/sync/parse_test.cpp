// Defensive FHIR parsing: malformed, wrongly typed and absurd entries are skipped or cleaned,
// and the rest of the directory still works. No network: the answers are written here.
#include "sync/fhir_names.h"
#include "sync/fhir_parse.h"
#include "sync/worker.h"

#include <catch2/catch.hpp>

using namespace kiosk;
using namespace kiosk::sync;
using Json = nlohmann::json;

namespace {
Json service(const std::string& id, Json name, Json phone = "555-0100", const std::string& category = "Support group")
{
    return { { "resourceType", "HealthcareService" }, { "id", id }, { "name", std::move(name) },
        { "category", Json::array({ { { "text", category } } }) },
        { "telecom", Json::array({ { { "system", "phone" }, { "value", std::move(phone) } } }) } };
}
}

TEST_CASE("A HealthcareService is read into a directory entry with its category, phone, days, languages and cost")
{
    Json s = service("s1", "Peer group", "(555) 555-0142", "Peer support groups");
    s["comment"] = "Talk with people who understand.";
    s["serviceProvisionCode"] = Json::array({ { { "coding", Json::array({ { { "code", "free" } } }) } } });
    s["communication"] = Json::array({ { { "coding", Json::array({ { { "code", "es-MX" } } }) } } });
    s["availableTime"] = Json::array({ { { "daysOfWeek", Json::array({ "mon", "thu" }) } } });
    s["telecom"].push_back({ { "system", "url" }, { "value", "https://example.org/group" } });
    s["telecom"].push_back({ { "system", "url" }, { "value", "javascript:alert(1)" } });
    auto e = parse_service(s);
    REQUIRE(e);
    CHECK(e->category == "groups");
    CHECK(e->name.en == "Peer group");
    CHECK(e->about.en == "Talk with people who understand.");
    CHECK(e->phone == "(555) 555-0142");
    CHECK(e->free == true);
    CHECK(e->languages == std::vector<std::string> { "es" });
    CHECK(e->days == std::vector<int> { 1, 4 });
    CHECK(e->web == "https://example.org/group"); // only https links, never script or other schemes
}

TEST_CASE("Malformed and absurd entries are skipped or cleaned, the rest still works")
{
    std::map<std::string, std::vector<Json>> by_type;
    auto& services = by_type["HealthcareService"];
    services.push_back(service("ok-1", "Food pantry", "555-0101", "Everyday needs"));
    services.push_back(service("long-name", std::string(10000, 'x')));          // a 10,000-character name: skipped
    services.push_back(service("letters", "Bus passes", "CALL-NOW-PLEASE"));   // a phone of letters: left out
    services.push_back(service("no-name", 42));                                 // wrong type: skipped
    services.push_back({ { "resourceType", "HealthcareService" } });            // no id: skipped
    services.push_back(service("bad-utf8", std::string("Caf\xC3", 4)));         // broken UTF-8: skipped
    services.push_back(service("ok-2", "Housing desk", "555-0102", "Everyday needs"));
    Json absurd_comment = service("long-comment", "Walking group", "555-0103", "Calm");
    absurd_comment["comment"] = std::string(200000, 'y');                       // left out, entry kept
    services.push_back(absurd_comment);
    auto now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    ClinicContent content = content_from_resources(by_type, now);
    std::vector<std::string> ids;
    for (auto& e : content.directory)
        ids.push_back(e.id);
    CHECK(ids == std::vector<std::string> { "ok-1", "letters", "ok-2", "long-comment" });
    CHECK(content.skipped == 4);
    CHECK(content.directory[1].phone.empty());
    CHECK(content.directory[3].about.empty());
    CHECK(content.directory[3].category == "calm");
}

TEST_CASE("Slots and instants: zones, fractions, and nonsense")
{
    CHECK(parse_instant("2026-11-27T09:30:00Z") == parse_instant("2026-11-27T04:30:00.000-05:00"));
    CHECK_FALSE(parse_instant("2026-11-27T09:30:00"));   // no zone: refused
    CHECK_FALSE(parse_instant("2026-02-30T09:30:00Z"));  // no such day
    CHECK_FALSE(parse_instant("tomorrow"));
    // Found by fuzz_time (issue 12): sscanf took these for two-digit fields, or stopped early.
    CHECK_FALSE(parse_instant("2026-03-08T0:30:00-05:00"));
    CHECK_FALSE(parse_instant("2026-11-27T 9:30:00Z"));
    CHECK_FALSE(parse_instant("2026-11-27T-1:30:00Z"));
    CHECK_FALSE(parse_instant("2026-11-27T09:30:00+-1:00"));
    CHECK_FALSE(parse_instant("2026-11-27T09:30:00Z and more"));
    CHECK_FALSE(parse_instant("2026-11-27T09:30:00.Z"));
    CHECK_FALSE(parse_instant(std::string("2026-11-27T09:30:00Z\0garbage", 28)));
    CHECK(format_instant(*parse_instant("2026-03-08T07:00:00+00:00")) == "2026-03-08T07:00:00Z");
    Json slot { { "id", "s" }, { "status", "free" }, { "start", "2026-11-27T09:00:00Z" }, { "end", "2026-11-27T09:30:00Z" },
        { "meta", { { "versionId", "7" } } } };
    auto parsed = parse_slot(slot, "role");
    REQUIRE(parsed);
    CHECK(parsed->version == "7");
    slot["end"] = "2026-11-27T08:00:00Z"; // ends before it starts
    CHECK_FALSE(parse_slot(slot, "role"));
    slot["end"] = 12;
    CHECK_FALSE(parse_slot(slot, "role"));
}

TEST_CASE("Content keeps no name, not even of today's bookings, whatever the resources hold (issue 14: names only in the staff list)")
{
    auto now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    auto booking = [&](const std::string& id, std::chrono::hours from_now) {
        return Json { { "resourceType", "Appointment" }, { "id", id }, { "status", "booked" },
            { "start", format_instant(now + from_now) }, { "participant", Json::array({ { { "actor", { { "display", "Rosa" } } } } }) } };
    };
    Json walk_in { { "resourceType", "Appointment" }, { "id", "w1" }, { "status", "waitlist" }, { "created", format_instant(now) },
        { "participant", Json::array({ { { "actor", { { "display", "Rosa" } } } } }) } };
    std::map<std::string, std::vector<Json>> by_type;
    by_type["Appointment"] = { booking("soon", std::chrono::hours(3)), booking("in-three-days", std::chrono::hours(72)),
        booking("yesterday", std::chrono::hours(-30)), walk_in };
    ClinicContent content = content_from_resources(by_type, now);
    REQUIRE(content.bookings.size() == 3);
    REQUIRE(content.waiting.size() == 1);
    for (auto& b : content.bookings) {
        INFO(b.id);
        CHECK(b.name.empty());
    }
    CHECK(content.waiting.front().name.empty());
}

TEST_CASE("Issue 14: an Appointment answer is read without names, or with participant names only for the staff list")
{
    const std::string bundle = R"({"resourceType": "Bundle", "type": "searchset", "total": 1,
        "link": [{"relation": "next", "url": "https://x/fhir/R4/Appointment?_offset=1"}],
        "entry": [{"fullUrl": "https://x/fhir/R4/Appointment/a1", "resource": {
            "resourceType": "Appointment", "id": "a1", "meta": {"versionId": "v1", "lastUpdated": "2026-12-03T09:00:00Z",
                "tag": [{"display": "TAGNAME"}]},
            "status": "waitlist", "created": "2026-12-03T09:00:00Z",
            "appointmentType": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0276", "code": "WALKIN"}], "text": "TYPETEXT"},
            "comment": "COMMENTNAME", "description": "DESCRIPTIONNAME", "patientInstruction": "INSTRUCTIONNAME",
            "text": {"status": "generated", "div": "<div>NARRATIVENAME</div>"},
            "contained": [{"resourceType": "Patient", "name": [{"given": ["CONTAINEDNAME"]}]}],
            "identifier": [{"system": "urn:peer-kiosk:request", "value": "IDENTIFIERVALUE"}],
            "participant": [{"actor": {"display": "DISPLAYNAME", "identifier": {"value": "ACTORID"}}, "status": "accepted",
                "type": [{"text": "PARTICIPANTTYPE"}]},
                {"actor": {"reference": "PractitionerRole/r1", "display": "PEERNAME"}}]}}]})";
    auto without = parse_appointments(bundle, Names::Drop);
    REQUIRE(without.ok());
    std::string dropped = without->dump();
    for (const char* gone : { "TAGNAME", "TYPETEXT", "COMMENTNAME", "DESCRIPTIONNAME", "INSTRUCTIONNAME", "NARRATIVENAME", "CONTAINEDNAME",
             "IDENTIFIERVALUE", "DISPLAYNAME", "ACTORID", "PARTICIPANTTYPE", "PEERNAME", "participant" })
        CHECK(dropped.find(gone) == std::string::npos);
    ParseCounts counts;
    auto resources = bundle_resources(*without, "Appointment", counts);
    REQUIRE(resources.size() == 1);
    auto walk_in = parse_walk_in(resources[0]);
    REQUIRE(walk_in);
    CHECK(walk_in->id == "a1");
    CHECK(walk_in->name.empty());
    CHECK(resources[0]["meta"]["versionId"] == "v1");
    CHECK(resources[0]["appointmentType"]["coding"][0]["code"] == "WALKIN");
    CHECK(next_link(*without) == "https://x/fhir/R4/Appointment?_offset=1");

    auto with = parse_appointments(bundle, Names::Keep);
    REQUIRE(with.ok());
    std::string kept = with->dump();
    CHECK(kept.find("DISPLAYNAME") != std::string::npos);
    CHECK(kept.find("PEERNAME") != std::string::npos);
    for (const char* gone : { "COMMENTNAME", "NARRATIVENAME", "CONTAINEDNAME", "ACTORID", "PARTICIPANTTYPE", "TAGNAME" })
        CHECK(kept.find(gone) == std::string::npos);
    auto named = parse_walk_in(bundle_resources(*with, "Appointment", counts)[0]);
    REQUIRE(named);
    CHECK(named->name == "DISPLAYNAME");

    CHECK_FALSE(parse_appointments(R"({"entry": [)", Names::Drop).ok());
    std::string deep = std::string(100, '[') + std::string(100, ']');
    auto too_deep = parse_appointments(R"({"entry": )" + deep + "}", Names::Drop);
    REQUIRE_FALSE(too_deep.ok());
    CHECK(too_deep.error().kind == JsonError::Kind::TooDeep);
}
