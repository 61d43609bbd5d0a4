// What the kiosk knows about the clinic, in its own terms: peers on duty, free slots, the walk-in
// list and the resource directory. Filled from the clinic's FHIR server by the sync worker (or
// the demo clinic), cleaned of anything malformed or absurd before it gets here.
#pragma once
#include "app/settings.h"

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kiosk {

// An instant on the wall clock, UTC, in seconds since the Unix epoch.
using UtcSeconds = std::chrono::sys_seconds;

// Text in the kiosk's languages. A clinic server usually gives one language (en); the demo clinic
// gives both. in() falls back to English.
struct LocalText {
    std::string en;
    std::string es;
    const std::string& in(Language language) const { return language == Language::Spanish && !es.empty() ? es : en; }
    bool empty() const { return en.empty() && es.empty(); }
};

struct Peer {
    std::string role_id;        // PractitionerRole id (slots belong to roles)
    std::string practitioner_id;
    std::string first_name;
    std::vector<std::string> languages;   // "en", "es"
    LocalText about;            // one sentence in their own words
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

// A booked time, for the staff's list of today's bookings.
struct BookingEntry {
    std::string id;
    UtcSeconds start {};
    std::string name;           // what the person asked to be called, if anything
    std::string role_id;        // the peer
};

inline constexpr std::array directory_categories { "crisis", "calm", "coping", "groups", "phones", "app", "everyday" };

struct DirectoryEntry {
    std::string id;
    std::string category;       // one of directory_categories
    LocalText name;
    LocalText about;
    LocalText for_whom;
    LocalText hours;
    LocalText where;
    LocalText cost;
    std::optional<bool> free;             // unknown when the server does not say
    std::vector<std::string> languages;   // "en", "es"
    std::vector<int> days;                // ISO weekdays it is open (1 = Monday); empty = unknown
    std::string phone;
    std::string text_number;
    std::string web;
    std::string address;
};

struct ClinicContent {
    std::vector<Peer> peers;
    std::vector<FreeSlot> slots;
    std::vector<WaitingEntry> waiting;
    std::vector<BookingEntry> bookings;   // booked and arrived appointments
    std::vector<DirectoryEntry> directory;
    std::int64_t updated_at_ms { 0 };     // when this content was last pulled (server clock)
    int skipped { 0 };                    // malformed or absurd entries left out
    bool demo { false };                  // the built-in demo clinic, not a real one
};

}
