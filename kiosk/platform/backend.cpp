// The clinic backends (see backend.h).
#include "platform/backend.h"

#include "app/secure_text.h"
#include "sync/protocol.h"

#include <algorithm>

namespace kiosk {

namespace {

void scrub(Request& request)
{
    if (!request.name.empty())
        secure_zero(request.name.data(), request.name.size());
    request.name.clear();
}

}

DemoBackend::DemoBackend(const std::shared_ptr<const ClinicContent>& content, bool silent, bool take_next_slot)
    : m_silent(silent)
    , m_take_next_slot(take_next_slot)
{
    // The demo's own example entries keep their made-up names (from assets/demo/clinic.json) for
    // the staff list; the content a person's screens see has none, as a real clinic's.
    auto nameless = std::make_shared<ClinicContent>(*content);
    for (auto& w : nameless->waiting)
        if (!w.name.empty())
            m_example_names[w.id] = std::exchange(w.name, {});
    for (auto& b : nameless->bookings)
        if (!b.name.empty())
            m_example_names[b.id] = std::exchange(b.name, {});
    m_content = nameless;
    if (!m_example_names.empty())
        m_ready.push_back(actions::ClinicLoaded { m_content, false });
}

std::shared_ptr<const StaffList> DemoBackend::staff_list(UtcSeconds wall) const
{
    auto list = std::make_shared<StaffList>();
    list->fetched_at_ms = std::chrono::duration_cast<Millis>(wall.time_since_epoch()).count();
    auto name_of = [&](const std::string& id) {
        auto it = m_example_names.find(id);
        return it == m_example_names.end() ? std::string {} : it->second;
    };
    for (auto& w : m_content->waiting)
        list->waiting.push_back({ w.id, w.since, name_of(w.id) });
    for (auto& b : m_content->bookings)
        if (b.start >= wall - std::chrono::hours(12) && b.start <= wall + std::chrono::hours(24))
            list->bookings.push_back({ b.id, b.start, name_of(b.id), b.role_id });
    return list;
}

void DemoBackend::send(Request& request, TimePoint, UtcSeconds wall)
{
    using Outcome = actions::RequestAnswered::Outcome;
    if (request.kind == Request::Kind::ClearRejected)
        return; // the demo clinic's "outbox" never refuses anything
    if (request.kind == Request::Kind::StaffList) {
        m_ready.push_back(actions::StaffListArrived { staff_list(wall), {} });
        return;
    }
    if (m_silent && request.kind == Request::Kind::Booking) {
        scrub(request);
        return;
    }
    auto next = std::make_shared<ClinicContent>(*m_content);
    Outcome outcome = Outcome::Done;
    switch (request.kind) {
    case Request::Kind::WalkIn:
        // The demo clinic has no server to keep a name on, so it keeps none (issue 14): the
        // person's name is gone with their session, as from a real clinic's kiosk.
        next->waiting.push_back({ "walkin-" + request.uuid, wall, {} });
        break;
    case Request::Kind::CancelWalkIn:
        std::erase_if(next->waiting, [&](const WaitingEntry& w) { return w.id == "walkin-" + request.uuid; });
        break;
    case Request::Kind::QueueChange:
        // Called, served, no-show or removed: off the waiting list (and the bookings) either way.
        std::erase_if(next->waiting, [&](const WaitingEntry& w) { return w.id == request.appointment_id; });
        std::erase_if(next->bookings, [&](const BookingEntry& b) { return b.id == request.appointment_id; });
        break;
    case Request::Kind::Progress:
    case Request::Kind::ClearRejected:
    case Request::Kind::StaffList:
        break; // the demo clinic keeps no records: nothing of the person is kept anywhere
    case Request::Kind::Booking: {
        auto taken = [&](const FreeSlot& s) { return request.slot && s.id == request.slot->id; };
        bool free = request.slot && std::any_of(next->slots.begin(), next->slots.end(), taken);
        if (m_take_next_slot) {
            m_take_next_slot = false; // someone else was quicker, once
            free = false;
        }
        if (free)
            next->bookings.push_back({ "demo-" + request.uuid, request.slot->start, {}, request.slot->role_id });
        std::erase_if(next->slots, taken);
        outcome = free ? Outcome::Done : Outcome::Taken;
        break;
    }
    }
    scrub(request);
    m_content = next;
    m_ready.push_back(actions::ClinicLoaded { m_content, false });
    m_ready.push_back(actions::RequestAnswered { request.uuid, outcome });
}

std::vector<Action> DemoBackend::poll(TimePoint) { return std::exchange(m_ready, {}); }

void SyncBackend::send(Request& request, TimePoint, UtcSeconds wall)
{
    store::OutboxItem item;
    item.uuid = request.uuid;
    UtcSeconds now = wall;
    switch (request.kind) {
    case Request::Kind::WalkIn:
        item.kind = store::OutboxKind::WalkIn;
        item.payload = sync::walk_in_payload(request.uuid, request.name, now);
        m_worker.submit(std::move(item), request.replaces); // a booking given up for it is withdrawn
        // In the outbox the place is kept even if the network is down: say so at once.
        m_ready.push_back(actions::RequestAnswered { request.uuid, actions::RequestAnswered::Outcome::Done });
        break;
    case Request::Kind::CancelWalkIn:
        item.uuid = request.uuid + "-cancel";
        item.kind = store::OutboxKind::QueueChange;
        item.payload = sync::own_queue_change_payload(request.uuid, "cancelled");
        m_worker.submit(std::move(item));
        break;
    case Request::Kind::QueueChange:
        item.kind = store::OutboxKind::QueueChange;
        item.payload = sync::queue_change_payload(request.appointment_id, std::string(sync::fhir_status(request.queue_status)));
        m_worker.submit(std::move(item));
        m_ready.push_back(actions::RequestAnswered { request.uuid, actions::RequestAnswered::Outcome::Done });
        break;
    case Request::Kind::Progress:
        item.kind = store::OutboxKind::Task;
        item.payload = sync::task_payload(request.uuid, request.name, request.lessons, request.minutes, now);
        m_worker.submit(std::move(item));
        m_ready.push_back(actions::RequestAnswered { request.uuid, actions::RequestAnswered::Outcome::Done });
        break;
    case Request::Kind::ClearRejected:
        m_worker.clear_rejected(); // staff asked, behind the PIN, and confirmed
        break;
    case Request::Kind::StaffList:
        m_worker.fetch_staff_list(); // the answer comes through the worker's events
        break;
    case Request::Kind::Booking:
        item.kind = store::OutboxKind::Booking;
        item.payload = sync::booking_payload(request.uuid, *request.slot, request.name, now);
        m_worker.send_now(std::move(item), Millis { 5000 });
        break;
    }
    scrub(request);
}

void SyncBackend::on_sent(const sync::events::Sent& sent)
{
    using Outcome = actions::RequestAnswered::Outcome;
    Outcome outcome = sent.result.outcome == sync::SendOutcome::Sent ? Outcome::Done
        : sent.result.slot_taken                                      ? Outcome::Taken
        : sent.result.outcome == sync::SendOutcome::Retry             ? Outcome::NoAnswer
                                                                      : Outcome::Failed;
    m_ready.push_back(actions::RequestAnswered { sent.uuid, outcome });
}

std::vector<Action> SyncBackend::poll(TimePoint) { return std::exchange(m_ready, {}); }

}
