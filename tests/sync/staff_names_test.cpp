// Issue 14: names on the clinic's list only while staff look. Against the real peer over mutual
// TLS: the regular pull asks for no name and, since the peer (Medplum's engine) ignores
// `_elements` and sends participant.actor.display anyway, strips it while it parses; the staff
// list is a separate fetch that brings the names, or an error and no names.
#include "peer.h"
#include "sync_helpers.h"
#include "sync/fhir_client.h"
#include "sync/protocol.h"
#include "sync/worker.h"

#include "temp_dir.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <optional>

using namespace kiosk;
using namespace kiosk::sync;
using Json = nlohmann::json;

namespace {

// A walk-in as the kiosk sends one, created on the peer; its server id.
std::string add_walk_in(const std::string& name)
{
    auto c = peer::client();
    FhirClient fhir(*c, peer::base());
    std::string uuid = synctest::fresh_uuid("14a00000");
    auto created = fhir.create_once("Appointment", Json::parse(walk_in_payload(uuid, name, synctest::now())).at("appointment"), uuid);
    INFO((created.ok() ? std::string() : created.error().message));
    REQUIRE(created.ok());
    return created->json.at("id").get<std::string>();
}

// The worker's answer to fetch_staff_list(), or none within 10 s.
std::optional<events::StaffListFetched> staff_list_answer(SyncWorker& worker)
{
    std::optional<events::StaffListFetched> fetched;
    synctest::wait_for(worker, [&](const SyncEvent& e) {
        if (auto* f = std::get_if<events::StaffListFetched>(&e))
            fetched = *f;
        return fetched.has_value();
    }, std::chrono::seconds(10));
    return fetched;
}

std::string pull_query(const char* type)
{
    for (auto& step : pull_steps(synctest::now()))
        if (std::string_view(step.type) == type)
            return step.query;
    return {};
}

}

TEST_CASE("Issue 14: the regular pull's content holds no name, even when the server sends participant.actor.display")
{
    peer::reset();
    const std::string name = "Marisol Quintanilla Ferreira";
    std::string id = add_walk_in(name);

    // The pull asks for no name (`_elements` without participant) ...
    std::string query = pull_query("Appointment");
    CHECK(query.find("_elements=") != std::string::npos);
    CHECK(query.find("participant") == std::string::npos);
    // ... but the peer ignores `_elements`, as FHIR allows: the answer on the wire carries names.
    auto c = peer::client();
    auto raw = c->send({ Method::Get, peer::base() + "/Appointment?" + query, {}, {}, std::nullopt });
    REQUIRE(raw.ok());
    CHECK(raw->body.find(name) != std::string::npos);
    CHECK(raw->body.find("Visitor A") != std::string::npos);

    TempDir dir;
    auto worker = SyncWorker::start(synctest::worker_settings(dir.path / "kiosk.db", store::Key::random()), nullptr);
    REQUIRE(worker.ok());
    std::shared_ptr<const ClinicContent> content;
    REQUIRE(synctest::wait_for(**worker, [&](const SyncEvent& e) {
        if (auto* loaded = std::get_if<events::ContentLoaded>(&e); loaded && !loaded->from_cache)
            content = loaded->content;
        return content != nullptr;
    }, std::chrono::seconds(20)));
    // Every walk-in is counted for the wait estimate, and not one has a name.
    CHECK(content->waiting.size() == 3);
    bool ours = false;
    for (auto& w : content->waiting) {
        CHECK(w.name.empty());
        ours = ours || w.id == id;
    }
    CHECK(ours);
    for (auto& b : content->bookings)
        CHECK(b.name.empty());
}

TEST_CASE("Issue 14: the staff list is a fetch of its own, with the names the regular pull leaves out")
{
    peer::reset();
    const std::string name = "Bartholomew Okonkwo";
    std::string id = add_walk_in(name);
    TempDir dir;
    auto worker = SyncWorker::start(synctest::worker_settings(dir.path / "kiosk.db", store::Key::random()), nullptr);
    REQUIRE(worker.ok());
    REQUIRE(synctest::wait_for(**worker, [&](const SyncEvent& e) {
        auto* loaded = std::get_if<events::ContentLoaded>(&e);
        return loaded && !loaded->from_cache;
    }, std::chrono::seconds(20)));

    auto asked = std::chrono::steady_clock::now();
    (*worker)->fetch_staff_list();
    auto fetched = staff_list_answer(**worker);
    REQUIRE(fetched);
    auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - asked);
    std::printf("staff list fetched from the peer in %lld ms\n", static_cast<long long>(took.count()));
    REQUIRE(fetched->list);
    CHECK(fetched->error.empty());
    std::vector<std::string> names;
    std::string ours;
    for (auto& w : fetched->list->waiting) {
        names.push_back(w.name);
        if (w.id == id)
            ours = w.name;
    }
    CHECK(ours == name);
    CHECK(std::find(names.begin(), names.end(), "Visitor A") != names.end());
    CHECK(fetched->list->fetched_at_ms > 0);
}

TEST_CASE("Issue 14: a staff list with no connection is an error and no names, never an older list")
{
    TempDir dir;
    auto worker = SyncWorker::start(synctest::worker_settings(dir.path / "kiosk.db", store::Key::random(), "https://127.0.0.1:9/fhir/R4"),
        nullptr);
    REQUIRE(worker.ok());
    (*worker)->fetch_staff_list();
    auto fetched = staff_list_answer(**worker);
    REQUIRE(fetched);
    CHECK_FALSE(fetched->list);
    CHECK(fetched->error.find("cannot reach the clinic server") != std::string::npos);
}
