// What the sync tests against the real peer share: request items, identifiers, a free slot, a
// worker's settings and a wait on its events.
#pragma once
#include "peer.h"
#include "sync/protocol.h"
#include "sync/worker.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>

namespace synctest {

using namespace kiosk;
using namespace kiosk::sync;

inline UtcSeconds now() { return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()); }

// A request UUID not used before on this peer; `prefix` (8 hex digits) keeps each test file's apart.
inline std::string fresh_uuid(const char* prefix = "00000000")
{
    static int n = 0;
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%s-0000-4000-8000-%012lld", prefix,
        static_cast<long long>((std::chrono::steady_clock::now().time_since_epoch().count() / 1000) % 1000000000000LL + (++n)));
    return buffer;
}

inline store::OutboxItem item(store::OutboxKind kind, const std::string& uuid, const std::string& payload)
{
    store::OutboxItem i;
    i.uuid = uuid;
    i.kind = kind;
    i.payload = payload;
    return i;
}

// How many resources of `type` carry our request identifier `uuid` on the server.
inline int count_with_identifier(FhirClient& fhir, const std::string& type, const std::string& uuid)
{
    ParseCounts counts;
    auto found = fhir.search(type, std::string("identifier=") + request_identifier_system + "%7C" + uuid, counts);
    REQUIRE(found.ok());
    return static_cast<int>(found->size());
}

inline FreeSlot first_free_slot(FhirClient& fhir)
{
    ParseCounts counts;
    auto slots = fhir.search("Slot", "status=free&_count=1", counts, 1);
    REQUIRE(slots.ok());
    REQUIRE_FALSE(slots->empty());
    auto slot = parse_slot(slots->front(), "");
    REQUIRE(slot);
    return *slot;
}

// A worker's settings for the peer, with short network limits.
inline SyncSettings worker_settings(const std::filesystem::path& db, const store::Key& key, std::string base = peer::base())
{
    SyncSettings s;
    s.base_url = std::move(base);
    s.tls = peer::tls();
    s.limits.connect_timeout = Millis { 1000 };
    s.limits.total_timeout = Millis { 5000 };
    s.database = db;
    s.key = key;
    return s;
}

// Drains events until `done` says so or `limit` passes.
template<class Done>
bool wait_for(SyncWorker& worker, Done done, std::chrono::milliseconds limit)
{
    auto end = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < end) {
        for (auto& event : worker.drain())
            if (done(event))
                return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
}

}
