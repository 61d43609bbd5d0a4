// Booking a peer, the pure parts: the honest wait estimate, short ticket codes, days and free
// times as the person sees them, and the nearest free times when one was taken.
#pragma once
#include "app/clinic.h"

#include <string>
#include <vector>

namespace kiosk {

struct WaitEstimate {
    int low_minutes { 0 };
    int high_minutes { 0 };
    int waiting { 0 };        // people already on the list
    int peers_on_duty { 0 };  // peers with free time today
};

// From the people already waiting and the peers with free times today: each conversation takes
// 20 to 40 minutes, shared among the peers on duty.
WaitEstimate estimate_wait(const ClinicContent& clinic, UtcSeconds now, UtcSeconds end_of_today);

// A short code to tell the front desk ("K7"), from the request's UUID: a letter and a digit
// from an alphabet without look-alikes (no I, O, 0, 1).
std::string ticket_code(const std::string& uuid);

// Free slots starting at or after `from` and before `until`, for `role_id` (empty = anyone),
// one per start time (the earliest-listed peer wins for "anyone").
std::vector<FreeSlot> free_times(const ClinicContent& clinic, UtcSeconds from, UtcSeconds until, const std::string& role_id);

// The `count` free slots nearest in time to `wanted` (not `wanted` itself), soonest first on ties.
std::vector<FreeSlot> nearest_free(const ClinicContent& clinic, const FreeSlot& wanted, int count);

const Peer* find_peer(const ClinicContent& clinic, const std::string& role_id);

}
