// Booking: joining the walk-in list and picking a time. Confirming appends a Request for the
// platform; the clinic's answer comes back as a RequestAnswered event.
#include "app/reducers.h"

#include "app/booking.h"

namespace kiosk {

using namespace reduce;

namespace {

void walk_in(AppState& state, screens::WalkIn& w, const Action& action)
{
    using Step = screens::WalkIn::Step;
    if (w.step == Step::Name && type_into(w.name, w.shift, action))
        return;
    std::visit(Overloaded {
        [&](const actions::NextStep&) {
            if (w.step == Step::Estimate)
                w.step = Step::Name;
        },
        [&](const actions::KeyboardDone&) {
            if (w.step == Step::Name)
                w.step = Step::Summary;
        },
        [&](const actions::SkipName&) {
            if (w.step == Step::Name) {
                w.name.clear();
                w.step = Step::Summary;
            }
        },
        [&](const actions::ConfirmRequest& confirm) {
            if (w.step != Step::Summary || confirm.uuid.empty())
                return;
            w.uuid = confirm.uuid;
            w.ticket = ticket_code(confirm.uuid);
            w.step = Step::Sending;
            state.requests.push_back({ Request::Kind::WalkIn, w.uuid, std::string(w.name.view()), std::nullopt });
            state.requests.back().replaces = w.replaces;
        },
        [&](const actions::RequestAnswered& answer) {
            if (answer.uuid != w.uuid)
                return;
            // A walk-in is safe in the outbox even offline: the place is kept. Only if the tablet
            // could not even queue it is the person told, at once or after the ticket showed.
            if (answer.outcome == actions::RequestAnswered::Outcome::Failed && (w.step == Step::Sending || w.step == Step::Joined))
                w.step = Step::NotKept;
            else if (w.step == Step::Sending)
                w.step = Step::Joined;
        },
        [&](const actions::CancelWalkIn&) {
            if (w.step == Step::Joined) {
                state.requests.push_back({ Request::Kind::CancelWalkIn, w.uuid, {}, std::nullopt });
                w.step = Step::Cancelled;
            }
        },
        [](const auto&) { },
    }, action);
}

void book_time(AppState& state, screens::BookTime& b, const Action& action)
{
    using Step = screens::BookTime::Step;
    if (b.step == Step::Name && type_into(b.name, b.shift, action))
        return;
    std::visit(Overloaded {
        [&](const actions::ChooseDay& day) {
            if (b.step == Step::Day) {
                b.day_start = day.start;
                b.day_end = day.end;
                b.step = Step::Time;
            }
        },
        [&](const actions::ChooseTime& time) {
            if (b.step == Step::Time) {
                b.slot = time.slot;
                b.step = Step::Peer;
            } else if (b.step == Step::Taken) {
                // One of the nearest free times: same person, same name, straight to the check.
                b.slot = time.slot;
                b.role_id = time.slot.role_id;
                b.alternatives.clear();
                b.step = Step::Summary;
            }
        },
        [&](const actions::ChoosePeer& peer) {
            if (b.step != Step::Peer || !b.slot)
                return;
            b.role_id = peer.role_id;
            // The chosen peer's own slot at that time (or any peer's, for "anyone").
            auto slots = free_times(*state.clinic, b.slot->start, b.slot->start + std::chrono::seconds(1), peer.role_id);
            if (!slots.empty())
                b.slot = slots.front();
            b.step = Step::Name;
        },
        [&](const actions::KeyboardDone&) {
            if (b.step == Step::Name)
                b.step = Step::Summary;
        },
        [&](const actions::SkipName&) {
            if (b.step == Step::Name) {
                b.name.clear();
                b.step = Step::Summary;
            }
        },
        [&](const actions::ChangeBooking&) {
            if (b.step == Step::Summary || b.step == Step::Taken) {
                b.step = Step::Day;
                b.slot.reset();
                b.alternatives.clear();
            }
        },

        [&](const actions::ConfirmRequest& confirm) {
            if (b.step != Step::Summary || !b.slot || confirm.uuid.empty())
                return;
            b.uuid = confirm.uuid;
            b.code = ticket_code(confirm.uuid);
            b.step = Step::Sending;
            state.requests.push_back({ Request::Kind::Booking, b.uuid, std::string(b.name.view()), b.slot });
        },
        [&](const actions::RequestAnswered& answer) {
            // A late "booked" (after "The clinic did not answer") is told while the person is here.
            bool late_booked = b.step == Step::NoAnswer && answer.outcome == actions::RequestAnswered::Outcome::Done;
            if (answer.uuid != b.uuid || (b.step != Step::Sending && !late_booked))
                return;
            switch (answer.outcome) {
            case actions::RequestAnswered::Outcome::Done: b.step = Step::Booked; break;
            case actions::RequestAnswered::Outcome::Taken:
                b.alternatives = nearest_free(*state.clinic, *b.slot, 3);
                b.step = Step::Taken;
                break;
            case actions::RequestAnswered::Outcome::NoAnswer:
            case actions::RequestAnswered::Outcome::Failed: b.step = Step::NoAnswer; break;
            }
        },
        [](const auto&) { },
    }, action);
}

}

void reduce::booking_input(AppState& state, const Action& action, TimePoint now)
{
    if (std::holds_alternative<actions::ChooseWalkIn>(action)) {
        go_to(state, ScreenId::WalkIn, now);
    } else if (std::holds_alternative<actions::JoinWalkInInstead>(action)) {
        auto* b = std::get_if<screens::BookTime>(&state.screen());
        if (!b || b->step != screens::BookTime::Step::NoAnswer)
            return;
        screens::WalkIn w;
        w.name = std::move(b->name); // the name the person gave, not asked again
        w.step = screens::WalkIn::Step::Summary;
        w.replaces = b->uuid;         // withdrawn if it turns out booked after all
        state.stack.pop_back();
        push(state, std::move(w), now);
    } else if (auto* w = std::get_if<screens::WalkIn>(&state.screen())) {
        walk_in(state, *w, action);
    } else if (auto* b = std::get_if<screens::BookTime>(&state.screen())) {
        book_time(state, *b, action);
    }
}

// The clinic's answer, whichever screen is showing (the person may have moved on).
void reduce::booking_answer(AppState& state, const actions::RequestAnswered& answer)
{
    for (auto& screen : state.stack) {
        if (auto* w = std::get_if<screens::WalkIn>(&screen))
            walk_in(state, *w, answer);
        else if (auto* b = std::get_if<screens::BookTime>(&screen))
            book_time(state, *b, answer);
    }
}

}
