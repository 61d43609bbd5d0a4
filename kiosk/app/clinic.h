// What the kiosk knows about the clinic, in its own terms: peers on duty, free slots, the walk-in
// list and the resource directory. Filled from the clinic's FHIR server by the sync worker (or
// the demo clinic), cleaned of anything malformed or absurd before it gets here.
#pragma once
#include "app/secure_text.h"
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
    std::string name;           // what the person asked to be called: only in a StaffList
};

// A booked time, for the staff's list of today's bookings.
struct BookingEntry {
    std::string id;
    UtcSeconds start {};
    std::string name;           // what the person asked to be called: only in a StaffList
    std::string role_id;        // the peer: only in a StaffList
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

// Everything a person's screens may use. It never holds a name (issue 14): the walk-in list and
// the bookings are here without them, for the wait estimate and the staff's counts.
struct ClinicContent {
    std::vector<Peer> peers;
    std::vector<FreeSlot> slots;
    std::vector<WaitingEntry> waiting;    // without names
    std::vector<BookingEntry> bookings;   // booked and arrived appointments, without names
    std::vector<DirectoryEntry> directory;
    std::int64_t updated_at_ms { 0 };     // when this content was last pulled (server clock)
    int skipped { 0 };                    // malformed or absurd entries left out
    bool demo { false };                  // the built-in demo clinic, not a real one
};

// The clinic's list with the names, for the staff queue only (issue 14): fetched when staff open
// the queue and again while it is open, held by that screen alone, and gone with it — when staff
// leave the queue, press "End staff mode", or the idle wipe ends staff mode. Not copyable; the
// names' bytes are overwritten when it is destroyed. Bookings are those the desk sees now
// (from 12 h ago to 24 h ahead).
struct StaffList {
    std::vector<WaitingEntry> waiting;
    std::vector<BookingEntry> bookings;
    std::int64_t fetched_at_ms { 0 };     // wall clock

    StaffList() = default;
    StaffList(const StaffList&) = delete;
    StaffList& operator=(const StaffList&) = delete;
    StaffList(StaffList&&) = default;
    StaffList& operator=(StaffList&&) = delete;   // the names it held would go unwiped
    ~StaffList()
    {
        for (auto& w : waiting)
            secure_zero(w.name.data(), w.name.size());
        for (auto& b : bookings)
            secure_zero(b.name.data(), b.name.size());
    }
};

}
