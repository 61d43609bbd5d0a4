// Where the person's requests go: the clinic backend. Two behind one interface — the sync worker
// (the real clinic server, through the outbox) and the built-in demo clinic (in memory) — so the
// booking screens cannot tell them apart. Answers come back as actions for update().
#pragma once
#include "app/state.h"
#include "sync/worker.h"

#include <deque>
#include <map>
#include <memory>
#include <vector>

namespace kiosk {

class ClinicBackend {
public:
    virtual ~ClinicBackend() = default;
    // Takes one request (the person's name in it is overwritten after use); `wall` is the wall
    // clock now (pinned in tests).
    virtual void send(Request& request, TimePoint now, UtcSeconds wall) = 0;
    // Answers (and new content) that are ready.
    virtual std::vector<Action> poll(TimePoint now) = 0;
    // The sync worker's answer to a send_now (handed over from the worker's drain); only the
    // real clinic sends any.
    virtual void on_sent(const sync::events::Sent& /*sent*/) { }
};

// The demo clinic: bookings take their slot at once (or are told it was taken), walk-ins join
// the list — without the person's name, which it has no server to keep (issue 14); its staff
// list shows only the made-up names of its example entries. Two test switches: `silent` never answers a booking (the 5 s no-answer path; a
// walk-in is still kept, as the outbox would), and
// `take_next_slot` has someone else take the next booked time first (the conflict path).
class DemoBackend final : public ClinicBackend {
public:
    DemoBackend(const std::shared_ptr<const ClinicContent>& content, bool silent, bool take_next_slot);
    void send(Request& request, TimePoint now, UtcSeconds wall) override;
    std::vector<Action> poll(TimePoint now) override;
    void set_silent(bool silent) { m_silent = silent; }
    void take_next_slot() { m_take_next_slot = true; }

private:
    std::shared_ptr<const StaffList> staff_list(UtcSeconds wall) const;
    std::shared_ptr<const ClinicContent> m_content;
    std::map<std::string, std::string> m_example_names;   // made-up names of the demo's examples, by id
    bool m_silent;
    bool m_take_next_slot;
    std::vector<Action> m_ready;
};

// The real clinic: walk-ins and cancellations go to the outbox (safe even offline); a booking
// is sent at once with a 5 s deadline so the person sees the server's real answer.
class SyncBackend final : public ClinicBackend {
public:
    explicit SyncBackend(sync::SyncWorker& worker) : m_worker(worker) { }
    void send(Request& request, TimePoint now, UtcSeconds wall) override;
    std::vector<Action> poll(TimePoint now) override;
    void on_sent(const sync::events::Sent& sent) override;

private:
    sync::SyncWorker& m_worker;
    std::vector<Action> m_ready;
};

}
