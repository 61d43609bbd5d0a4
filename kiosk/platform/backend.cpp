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

DemoBackend::DemoBackend(std::shared_ptr<const ClinicContent> content, bool silent, bool take_next_slot)
    : m_content(std::move(content))
    , m_silent(silent)
    , m_take_next_slot(take_next_slot)
{
}

void DemoBackend::send(Request& request, TimePoint, UtcSeconds wall)
{
    using Outcome = actions::RequestAnswered::Outcome;
    if (request.kind == Request::Kind::ClearRejected)
        return; // the demo clinic's "outbox" never refuses anything
    if (m_silent && request.kind == Request::Kind::Booking) {
        scrub(request);
        return;
    }
    auto next = std::make_shared<ClinicContent>(*m_content);
    Outcome outcome = Outcome::Done;
    switch (request.kind) {
    case Request::Kind::WalkIn:
        next->waiting.push_back({ "walkin-" + request.uuid, wall, request.name });
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
        break; // the demo clinic keeps no records: nothing of the person is kept anywhere
    case Request::Kind::Booking: {
        auto taken = [&](const FreeSlot& s) { return request.slot && s.id == request.slot->id; };
        bool free = request.slot && std::any_of(next->slots.begin(), next->slots.end(), taken);
        if (m_take_next_slot) {
            m_take_next_slot = false; // someone else was quicker, once
            free = false;
        }
        if (free)
            next->bookings.push_back({ "demo-" + request.uuid, request.slot->start, request.name, request.slot->role_id });
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
