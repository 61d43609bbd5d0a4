// Staff: the PIN pad and its lockout, staff mode, the queue, the health view, and guided
// sessions (set up by staff, handed to the person, summed up and sent to the clinic record).
#include "app/reducers.h"

#include <algorithm>

namespace kiosk {

using namespace reduce;

namespace {

void on_pin(AppState& state, screens::StaffPin& pin, const Action& action, TimePoint now)
{
    StaffGuard& guard = state.staff_guard;
    std::visit(Overloaded {
        [&](const actions::PinDigit& d) {
            if (!guard.locked(now) && !pin.checking && d.digit >= '0' && d.digit <= '9' && pin.digits.size() < 12) {
                char digit[2] = { d.digit, 0 };
                (void)pin.digits.append(digit);
                pin.feedback = screens::StaffPin::Feedback::None;
            }
        },
        [&](const actions::PinDelete&) {
            if (!pin.checking)
                pin.digits.pop_character();
        },
        [&](const actions::PinSubmit&) {
            if (!guard.locked(now) && !pin.checking && pin.digits.size() >= 4)
                pin.checking = true;
        },
        [&](const actions::PinChecked& checked) {
            if (!pin.checking)
                return;
            pin.checking = false;
            pin.digits.clear();
            if (checked.correct) {
                guard.failures = 0;
                state.session.staff = true;
                state.session.started = true;
                state.session.last_touch = now;
                go_home(state, now); // destroys the PIN screen
                if (state.session.guided) {
                    // The end of a guided session: staff see what the person did.
                    state.stack.emplace_back(screens::GuidedSummary {});
                    entered_new_screen(state, now);
                }
                return;
            }
            if (++guard.failures >= StaffGuard::attempts_per_lockout) {
                guard.failures = 0;
                ++guard.lockouts;
                guard.locked_until = now + Seconds { 60 } * (1 << std::min(guard.lockouts - 1, 10));
                pin.feedback = screens::StaffPin::Feedback::Locked;
            } else {
                pin.feedback = screens::StaffPin::Feedback::Wrong;
            }
        },
        [](const auto&) { },
    }, action);
}

void guided_setup(AppState& state, screens::GuidedSetup& g, const Action& action, TimePoint now)
{
    using Step = screens::GuidedSetup::Step;
    if (g.step == Step::Reference && type_into(g.reference, g.shift, action))
        return;
    std::visit(Overloaded {
        [&](const actions::ChooseTrack& track) {
            if (g.step != Step::Track)
                return;
            g.picked.clear();
            for (auto& id : track.lesson_ids)
                if (state.lessons->find(id))
                    g.picked.push_back(id);
            g.step = g.picked.empty() ? Step::Pick : Step::Reference;
            entered_new_screen(state, now);
        },
        [&](const actions::ToggleLesson& toggle) {
            if (g.step != Step::Pick || !state.lessons->find(toggle.lesson_id))
                return;
            auto it = std::find(g.picked.begin(), g.picked.end(), toggle.lesson_id);
            if (it != g.picked.end()) {
                g.picked.erase(it);
                return;
            }
            g.picked.push_back(toggle.lesson_id);
            std::sort(g.picked.begin(), g.picked.end(), [&](auto& a, auto& b) { return state.lessons->index_of(a) < state.lessons->index_of(b); });
        },
        [&](const actions::NextStep&) {
            if (g.step == Step::Pick && !g.picked.empty()) {
                g.step = Step::Reference;
                entered_new_screen(state, now);
            }
        },
        [&](const actions::KeyboardDone&) {
            if (g.step == Step::Reference) {
                g.step = Step::Handover;
                entered_new_screen(state, now);
            }
        },
        [&](const actions::SkipName&) {
            if (g.step == Step::Reference) {
                g.reference.clear();
                g.step = Step::Handover;
                entered_new_screen(state, now);
            }
        },
        [&](const actions::HandOver&) {
            if (g.step != Step::Handover || g.picked.empty())
                return;
            GuidedSession guided;
            guided.track = std::move(g.picked);
            guided.reference = std::move(g.reference);
            guided.began = now;
            state.session.guided = std::move(guided);
            state.session.lessons.clear();
            state.session.staff = false; // the person sees only the track; the PIN brings staff back
            state.session.last_touch = now;
            go_home(state, now);         // destroys the setup screen
        },
        [](const auto&) { },
    }, action);
}

// The outbox item's id: one per appointment and status, so a double tap cannot queue it twice.
std::string_view queue_change_suffix(QueueStatus status)
{
    switch (status) {
    case QueueStatus::Arrived: return "arrived";
    case QueueStatus::Fulfilled: return "served";
    case QueueStatus::NoShow: return "noshow";
    case QueueStatus::Cancelled: return "removed";
    }
    return "unknown";
}

void queue_change(AppState& state, const actions::QueueChange& change, TimePoint now)
{
    if (state.session.staff && std::holds_alternative<screens::StaffQueue>(state.screen())) {
        state.requests.push_back({ Request::Kind::QueueChange, change.appointment_id + "-" + std::string(queue_change_suffix(change.status)),
            {}, std::nullopt, change.appointment_id, change.status });
        ask_staff_list(state, now); // after the change: the clinic's list as it is now
    }
}

void clear_rejected(AppState& state, const actions::ClearRejected& clear)
{
    auto* health = std::get_if<screens::StaffHealth>(&state.screen());
    if (!state.session.staff || !health)
        return;
    if (clear.step == actions::ClearRejected::Step::Ask)
        health->confirm_clear = state.health.outbox_rejected > 0;
    else if (clear.step == actions::ClearRejected::Step::Yes && health->confirm_clear) {
        health->confirm_clear = false;
        state.requests.push_back({ Request::Kind::ClearRejected, "clear-rejected", {}, std::nullopt });
    } else
        health->confirm_clear = false;
}

void send_progress(AppState& state, const actions::SendProgress& send, TimePoint now)
{
    if (!state.session.staff || !state.session.guided || send.uuid.empty()
        || !std::holds_alternative<screens::GuidedSummary>(state.screen()))
        return;
    const GuidedSession& guided = *state.session.guided;
    Request request { Request::Kind::Progress, send.uuid, std::string(guided.reference.view()), std::nullopt };
    request.lessons = state.session.lessons;
    request.minutes = std::chrono::duration_cast<std::chrono::minutes>(now - guided.began).count();
    state.requests.push_back(std::move(request));
    wipe(state, WipeReason::Staff, now);
}

}

void reduce::staff_input(AppState& state, const Action& action, TimePoint now)
{
    std::visit(Overloaded {
        [&](const actions::EndStaffMode&) {
            if (state.session.staff)
                wipe(state, WipeReason::Staff, now);
        },
        [&](const actions::QueueChange& change) { queue_change(state, change, now); },
        [&](const actions::ClearRejected& clear) { clear_rejected(state, clear); },
        [&](const actions::SendProgress& send) { send_progress(state, send, now); },
        [&](const actions::FinishGuided&) {
            if (state.session.staff && state.session.guided)
                wipe(state, WipeReason::Staff, now);
        },
        [&](const auto&) {
            // The PIN pad's keys and the guided setup's steps, on their screens.
            if (auto* pin = std::get_if<screens::StaffPin>(&state.screen()))
                on_pin(state, *pin, action, now);
            else if (auto* setup = std::get_if<screens::GuidedSetup>(&state.screen()))
                guided_setup(state, *setup, action, now);
        },
    }, action);
}

void reduce::ask_staff_list(AppState& state, TimePoint now)
{
    auto* queue = std::get_if<screens::StaffQueue>(&state.screen());
    if (!state.session.staff || !queue)
        return;
    queue->asked_at = now;
    if (queue->fetch != screens::StaffQueue::Fetch::Shown)
        queue->fetch = screens::StaffQueue::Fetch::Asking;
    state.requests.push_back({ Request::Kind::StaffList, "staff-list", {}, std::nullopt });
}

void reduce::staff_list_timer(AppState& state, TimePoint now)
{
    auto* queue = std::get_if<screens::StaffQueue>(&state.screen());
    if (queue && now - queue->asked_at >= screens::StaffQueue::refresh_every)
        ask_staff_list(state, now);
}

void reduce::staff_list_arrived(AppState& state, const actions::StaffListArrived& arrived)
{
    // Only the open queue takes it; otherwise the list (and its names) goes with this action.
    auto* queue = std::get_if<screens::StaffQueue>(&state.screen());
    if (!state.session.staff || !queue)
        return;
    queue->list = arrived.list; // the older list is released (and its names overwritten) now
    queue->fetch = arrived.list ? screens::StaffQueue::Fetch::Shown : screens::StaffQueue::Fetch::Failed;
    queue->error = arrived.list ? std::string {} : arrived.error;
}

void reduce::staff_pin_checked(AppState& state, const actions::PinChecked& checked, TimePoint now)
{
    if (auto* pin = std::get_if<screens::StaffPin>(&state.screen()))
        on_pin(state, *pin, checked, now);
}

int lockout_seconds_left(const AppState& state, TimePoint now)
{
    if (!state.staff_guard.locked(now))
        return 0;
    return static_cast<int>((( *state.staff_guard.locked_until - now).count() + 999) / 1000);
}

const std::vector<TrackPreset>& track_presets()
{
    static const std::vector<TrackPreset> presets {
        { "guided.track_first", { 1, 2, 3, 4, 5 } },
        { "guided.track_safe", { 8, 9, 10, 11 } },
        { "guided.track_talk", { 6, 13, 15 } },
    };
    return presets;
}

}
