// Booking helpers (see booking.h).
#include "app/booking.h"

#include <algorithm>
#include <set>

namespace kiosk {

WaitEstimate estimate_wait(const ClinicContent& clinic, UtcSeconds now, UtcSeconds end_of_today)
{
    WaitEstimate e;
    e.waiting = static_cast<int>(clinic.waiting.size());
    std::set<std::string> on_duty;
    for (auto& slot : clinic.slots)
        if (slot.start >= now && slot.start < end_of_today)
            on_duty.insert(slot.role_id);
    e.peers_on_duty = static_cast<int>(on_duty.size());
    int peers = std::max(1, e.peers_on_duty);
    // The person joins after everyone waiting: at best they are next when a peer is free soon,
    // at worst everyone ahead takes a long talk.
    e.low_minutes = std::max(5, (e.waiting * 20) / peers);
    e.high_minutes = std::max(e.low_minutes + 10, ((e.waiting + 1) * 40) / peers);
    auto round5 = [](int m) { return ((m + 4) / 5) * 5; };
    e.low_minutes = round5(e.low_minutes);
    e.high_minutes = round5(e.high_minutes);
    return e;
}

std::string ticket_code(const std::string& uuid)
{
    static constexpr char letters[] = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    static constexpr char digits[] = "23456789";
    unsigned hash = 2166136261u;
    for (char c : uuid)
        hash = (hash ^ static_cast<unsigned char>(c)) * 16777619u;
    std::string code;
    code += letters[hash % (sizeof letters - 1)];
    code += digits[(hash / 97) % (sizeof digits - 1)];
    return code;
}

std::vector<FreeSlot> free_times(const ClinicContent& clinic, UtcSeconds from, UtcSeconds until, const std::string& role_id)
{
    std::vector<FreeSlot> out;
    std::set<UtcSeconds> starts;
    for (auto& slot : clinic.slots) {
        if (slot.start < from || slot.start >= until)
            continue;
        if (!role_id.empty() && slot.role_id != role_id)
            continue;
        if (role_id.empty() && !starts.insert(slot.start).second)
            continue;
        out.push_back(slot);
    }
    std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.start < b.start; });
    return out;
}

std::vector<FreeSlot> nearest_free(const ClinicContent& clinic, const FreeSlot& wanted, int count)
{
    std::vector<FreeSlot> candidates;
    for (auto& slot : clinic.slots)
        if (slot.id != wanted.id && slot.start >= wanted.start - std::chrono::hours(12))
            candidates.push_back(slot);
    auto distance = [&](const FreeSlot& s) { return s.start > wanted.start ? s.start - wanted.start : wanted.start - s.start; };
    std::stable_sort(candidates.begin(), candidates.end(), [&](auto& a, auto& b) {
        if (distance(a) != distance(b))
            return distance(a) < distance(b);
        return a.start < b.start;
    });
    // One per start time: "10:30" twice is not two choices for the person.
    std::vector<FreeSlot> out;
    std::set<UtcSeconds> seen;
    for (auto& slot : candidates) {
        if (static_cast<int>(out.size()) == count)
            break;
        if (seen.insert(slot.start).second)
            out.push_back(slot);
    }
    return out;
}

const Peer* find_peer(const ClinicContent& clinic, const std::string& role_id)
{
    for (auto& peer : clinic.peers)
        if (peer.role_id == role_id)
            return &peer;
    return nullptr;
}

}
