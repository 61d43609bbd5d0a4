// What the kiosk knows about the clinic, in its own terms: peers on duty, free slots, the walk-in
// list and the resource directory. Filled from the clinic's FHIR server by the sync worker (or
// the demo clinic), cleaned of anything malformed or absurd before it gets here.
#pragma once
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace kiosk {

// An instant on the wall clock, UTC, in seconds since the Unix epoch.
using UtcSeconds = std::chrono::sys_seconds;

struct Peer {
    std::string role_id;        // PractitionerRole id (slots belong to roles)
    std::string practitioner_id;
    std::string first_name;
    std::vector<std::string> languages;   // "en", "es"
    std::string about;          // one sentence in their own words
};

struct FreeSlot {
    std::string id;
    std::string version;        // for If-Match when claiming it
    std::string role_id;        // whose slot (via its Schedule)
    UtcSeconds start {};
    UtcSeconds end {};
};

struct WaitingEntry {
    std::string id;
    UtcSeconds since {};
    std::string name;           // what the person asked to be called, if anything
};

struct DirectoryEntry {
    std::string id;
    std::string category;       // "crisis", "calm", "coping", "groups", "phones", "app", "everyday"
    std::string name;
    std::string about;
    std::string phone;
    std::string address;
    std::string hours;
};

struct ClinicContent {
    std::vector<Peer> peers;
    std::vector<FreeSlot> slots;
    std::vector<WaitingEntry> waiting;
    std::vector<DirectoryEntry> directory;
    std::int64_t updated_at_ms { 0 };     // when this content was last pulled (server clock)
    int skipped { 0 };                    // malformed or absurd entries left out
};

}
