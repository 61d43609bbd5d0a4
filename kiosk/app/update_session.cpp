// Session and navigation: starting, moving between screens, the idle warning and the wipe, and
// the clinic's data arriving. The screens' own lists (names, how each is built) are in screens.cpp.
#include "app/reducers.h"

#include "app/booking.h"

#include <algorithm>

namespace kiosk {

using namespace reduce;

namespace {

// Screens that open only in staff mode; those that are never opened with Open (Welcome, Goodbye,
// the PIN pad, a lesson) are refused by open_allowed.
bool open_allowed(const AppState& state, ScreenId target)
{
    switch (target) {
    case ScreenId::Welcome:
    case ScreenId::Goodbye:
    case ScreenId::StaffPin:
    case ScreenId::LessonRun: return false;
    case ScreenId::StaffHome:
    case ScreenId::StaffHealth:
    case ScreenId::StaffQueue:
    case ScreenId::GuidedSetup: return state.session.staff;
    case ScreenId::GuidedSummary: return state.session.staff && state.session.guided;
    case ScreenId::HandBack: return state.session.guided.has_value();
    default: return true;
    }
}

void check_timers(AppState& state, TimePoint now)
{
    breathing_timer(state, now);
    lesson_timers(state, now);
    staff_list_timer(state, now);
    if (auto* goodbye = std::get_if<screens::Goodbye>(&state.screen()); goodbye && now >= goodbye->until) {
        state.stack = welcome_stack();
        entered_new_screen(state, now);
        return;
    }
    if (!state.session.started)
        return;
    if (state.session.warning_until) {
        if (now >= *state.session.warning_until)
            wipe(state, WipeReason::Idle, now);
        return;
    }
    if (now - state.session.last_touch >= state.timing.idle_timeout) {
        state.session.warning_until = now + state.timing.warning;
        entered_new_screen(state, now);
    }
}

}

void reduce::entered_new_screen(AppState& state, TimePoint now)
{
    state.screen_since = now;
    ++state.screen_generation;
}

void reduce::go_to(AppState& state, ScreenId id, TimePoint now)
{
    // Opening a screen that is already on the path goes back to it instead of stacking a copy.
    auto it = std::find_if(state.stack.begin(), state.stack.end(),
        [id](const Screen& s) { return screen_id(s) == id; });
    if (it != state.stack.end())
        state.stack.erase(it + 1, state.stack.end());
    else
        state.stack.push_back(make_screen(id, state, now));
    entered_new_screen(state, now);
}

void reduce::push(AppState& state, Screen screen, TimePoint now)
{
    auto id = screen_id(screen);
    auto it = std::find_if(state.stack.begin(), state.stack.end(), [id](const Screen& s) { return screen_id(s) == id; });
    state.stack.erase(it, state.stack.end());
    state.stack.push_back(std::move(screen));
    entered_new_screen(state, now);
}

void reduce::go_home(AppState& state, TimePoint now)
{
    state.stack.clear();
    if (state.session.staff)
        state.stack.emplace_back(screens::StaffHome {});
    else if (state.session.guided)
        state.stack.emplace_back(screens::Learn {});
    else
        state.stack.emplace_back(screens::Home {});
    entered_new_screen(state, now);
}

void reduce::session_input(AppState& state, const Action& action, TimePoint now)
{
    std::visit(Overloaded {
        [&](const actions::Start&) {
            if (std::holds_alternative<screens::Welcome>(state.screen())) {
                state.session.started = true;
                state.session.last_touch = now;
                go_home(state, now);
            }
        },
        [&](const actions::Open& open) {
            if (!open_allowed(state, open.target))
                return;
            if (open.target == ScreenId::Home)
                go_home(state, now);
            else
                go_to(state, open.target, now);
            if (open.target == ScreenId::StaffQueue)
                ask_staff_list(state, now);
        },
        [&](const actions::Back&) {
            if (lesson_back(state, now))
                return;
            if (can_go_back(state)) {
                state.stack.pop_back();
                entered_new_screen(state, now);
            }
        },
        [&](const actions::GoHome&) {
            if (!std::holds_alternative<screens::Welcome>(state.screen()))
                go_home(state, now);
        },
        [&](const actions::StillHere&) {
            if (state.session.warning_until) {
                state.session.warning_until.reset();
                state.session.last_touch = now;
                entered_new_screen(state, now);
            }
        },
        [&](const actions::Done&) { wipe(state, WipeReason::Done, now); },
        [&](const actions::LeaveGoodbye&) {
            if (std::holds_alternative<screens::Goodbye>(state.screen())) {
                state.stack = welcome_stack();
                entered_new_screen(state, now);
            }
        },
        [&](const actions::StaffGesture&) {
            if (state.session.staff || std::holds_alternative<screens::StaffPin>(state.screen())
                || std::holds_alternative<screens::Goodbye>(state.screen()))
                return;
            state.session.started = true;
            state.session.last_touch = now;
            go_to(state, ScreenId::StaffPin, now);
        },
        [](const auto&) { },
    }, action);
}

void reduce::session_event(AppState& state, const Action& action, TimePoint now)
{
    std::visit(Overloaded {
        [&](const actions::Touch&) {
            // A touch proves presence, except while "Are you still there?" waits for its button.
            if (!state.session.warning_until) {
                state.session.started = true;
                state.session.last_touch = now;
            }
        },
        [&](const actions::Tick&) { check_timers(state, now); },
        [&](const actions::ClinicLoaded& loaded) {
            // A fresh pull always wins; the cache only fills a kiosk that has nothing yet.
            if (loaded.content && (!loaded.from_cache || state.clinic->updated_at_ms == 0)) {
                state.clinic = loaded.content;
                state.clinic_from_cache = loaded.from_cache;
            }
        },
        [&](const actions::HealthChanged& health) { state.health = health.health; },
        [](const auto&) { },
    }, action);
}

std::string_view wipe_reason_name(WipeReason reason)
{
    switch (reason) {
    case WipeReason::Done: return "done";
    case WipeReason::Idle: return "idle";
    case WipeReason::Staff: return "staff";
    }
    return "unknown";
}

std::vector<Screen> welcome_stack()
{
    std::vector<Screen> stack;
    stack.emplace_back(screens::Welcome {});
    return stack;
}

AppState make_initial_state(const Settings& defaults, const Timing& timing, TimePoint now)
{
    AppState state;
    state.defaults = defaults;
    state.timing = timing;
    state.settings = defaults;
    state.screen_since = now;
    return state;
}

void wipe(AppState& state, WipeReason reason, TimePoint now)
{
    Settings used = state.settings;
    // Destroying the screens runs their destructors, which overwrite any typed text.
#ifdef KIOSK_FORENSIC_CONTROL // test-only build (tests/forensic): keep the screens, typed text and all
    static std::vector<std::vector<Screen>> kept; kept.push_back(std::move(state.stack));
#endif
    state.stack.clear();
    state.session = Session {};
    state.settings = state.defaults;
    if (reason == WipeReason::Done)
        state.stack.emplace_back(screens::Goodbye { now + state.timing.goodbye, used });
    else
        state.stack.emplace_back(screens::Welcome {});
    ++state.sessions_ended;
    state.last_wipe = reason;
    entered_new_screen(state, now);
}

std::optional<TimePoint> next_wake(const AppState& state, TimePoint now)
{
    // A filling ring and a playing lesson sound move on screen.
    if (auto* run = std::get_if<screens::LessonRun>(&state.screen()); run && !state.session.warning_until) {
        if (auto* hold = run->ex.as<exercise::Hold>(); hold && hold->hold_since)
            return now + Millis { 33 };
        if (auto* audio = run->ex.as<exercise::Audio>(); audio && audio->playing)
            return now + Millis { 100 };
    }
    // The breathing circle moves: about 30 frames a second while it runs.
    if (auto* b = std::get_if<screens::Breathing>(&state.screen()); b && !b->paused && !state.session.warning_until)
        return now + Millis { 33 };
    // The staff queue asks the clinic for its list again while it is open.
    if (auto* queue = std::get_if<screens::StaffQueue>(&state.screen()); queue && !state.session.warning_until)
        return std::min(queue->asked_at + screens::StaffQueue::refresh_every, state.session.last_touch + state.timing.idle_timeout);
    // A locked PIN pad counts down its seconds.
    if (std::holds_alternative<screens::StaffPin>(state.screen()) && state.staff_guard.locked(now) && !state.session.warning_until) {
        int left = lockout_seconds_left(state, now);
        return *state.staff_guard.locked_until - Seconds { left - 1 };
    }
    if (auto* goodbye = std::get_if<screens::Goodbye>(&state.screen()))
        return goodbye->until;
    if (!state.session.started)
        return std::nullopt;
    if (state.session.warning_until) {
        // Wake when the whole-second countdown on screen next changes, and at the deadline.
        int left = warning_seconds_left(state, now);
        if (left <= 0)
            return *state.session.warning_until;
        return *state.session.warning_until - Seconds { left - 1 };
    }
    return state.session.last_touch + state.timing.idle_timeout;
}

int warning_seconds_left(const AppState& state, TimePoint now)
{
    if (!state.session.warning_until || now >= *state.session.warning_until)
        return 0;
    auto left = *state.session.warning_until - now;
    return static_cast<int>((left.count() + 999) / 1000);
}

const Settings& effective_settings(const AppState& state)
{
    if (auto* goodbye = std::get_if<screens::Goodbye>(&state.screen()))
        return goodbye->shown_with;
    return state.settings;
}

bool can_go_back(const AppState& state)
{
    return state.stack.size() > 1;
}

}
