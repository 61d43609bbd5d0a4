// The kiosk's one pure transition function. No I/O, no clock reads, no globals: everything it
// needs is in the state, the action and `now`. Tests call it directly with a manual clock.
#include "app/state.h"

#include "app/booking.h"

#include <algorithm>
#include <cstring>

namespace kiosk {

namespace {

template<class... Ts>
struct Overloaded : Ts... {
    using Ts::operator()...;
};

constexpr std::array screen_names { "welcome", "home", "settings", "ask-person", "learn",
    "find-help", "book-peer", "typing-practice", "goodbye", "staff-pin", "staff-home", "staff-health", "help-list", "help-entry",
    "help-qr", "crisis", "breathing", "meet-peers", "walk-in", "book-time", "staff-queue", "privacy" };

Screen make_screen(ScreenId id, const AppState& state, TimePoint now)
{
    switch (id) {
    case ScreenId::Welcome: return screens::Welcome {};
    case ScreenId::Home: return screens::Home {};
    case ScreenId::Settings: return screens::Settings {};
    case ScreenId::AskPerson: return screens::AskPerson {};
    case ScreenId::Learn: return screens::Learn {};
    case ScreenId::FindHelp: return screens::FindHelp {};
    case ScreenId::BookPeer: return screens::BookPeer {};
    case ScreenId::TypingPractice: return screens::TypingPractice {};
    case ScreenId::Goodbye: return screens::Goodbye { now + state.timing.goodbye, state.settings };
    case ScreenId::StaffPin: return screens::StaffPin {};
    case ScreenId::StaffHome: return screens::StaffHome {};
    case ScreenId::StaffHealth: return screens::StaffHealth {};
    case ScreenId::HelpList: return screens::HelpList {};
    case ScreenId::HelpEntry: return screens::HelpEntry {};
    case ScreenId::HelpQr: return screens::HelpQr {};
    case ScreenId::Crisis: return screens::Crisis {};
    case ScreenId::Breathing: return screens::Breathing { now, Millis { 0 }, false };
    case ScreenId::MeetPeers: return screens::MeetPeers {};
    case ScreenId::WalkIn: return screens::WalkIn {};
    case ScreenId::BookTime: return screens::BookTime {};
    case ScreenId::StaffQueue: return screens::StaffQueue {};
    case ScreenId::PrivacyInfo: return screens::PrivacyInfo {};
    }
    return screens::Home {};
}

void entered_new_screen(AppState& state, TimePoint now)
{
    state.screen_since = now;
    ++state.screen_generation;
}

void go_to(AppState& state, ScreenId id, TimePoint now)
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

// Opens a screen built by the caller (one with parameters), replacing any of the same kind on
// the path so Back never walks through two of them.
void push(AppState& state, Screen screen, TimePoint now)
{
    auto id = screen_id(screen);
    auto it = std::find_if(state.stack.begin(), state.stack.end(), [id](const Screen& s) { return screen_id(s) == id; });
    state.stack.erase(it, state.stack.end());
    state.stack.push_back(std::move(screen));
    entered_new_screen(state, now);
}

void go_home(AppState& state, TimePoint now)
{
    state.stack.clear();
    // In staff mode, home is the staff screen.
    if (state.session.staff)
        state.stack.emplace_back(screens::StaffHome {});
    else
        state.stack.emplace_back(screens::Home {});
    entered_new_screen(state, now);
}

// Taps that arrive within `settle` of a screen change were aimed at the previous screen (a double
// tap, or a tap during the change): they are dropped so nothing fires twice.
bool is_guarded_tap(const Action& action)
{
    return !std::holds_alternative<actions::Touch>(action) && !std::holds_alternative<actions::Tick>(action)
        && !std::holds_alternative<actions::RequestAnswered>(action)
        && !std::holds_alternative<actions::ClinicLoaded>(action) && !std::holds_alternative<actions::HealthChanged>(action);
}

void on_typing(screens::TypingPractice& typing, const Action& action)
{
    std::visit(Overloaded {
        [&](const actions::TypeKey& key) {
            std::string_view character(key.utf8.data(), ::strnlen(key.utf8.data(), key.utf8.size()));
            if (typing.text.append(character))
                typing.shift = false;
        },
        [&](const actions::DeleteKey&) {
            typing.text.pop_character();
            typing.shift = typing.text.empty();
        },
        [&](const actions::ShiftKey&) { typing.shift = !typing.shift; },
        [&](const actions::KeyboardDone&) { typing.step = 2; },
        [&](const actions::TypeAgain&) {
            typing.text.clear();
            typing.step = 1;
            typing.shift = true;
        },
        [](const auto&) { },
    }, action);
}

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

const DirectoryEntry* find_entry(const AppState& state, const std::string& id)
{
    for (auto& entry : state.clinic->directory)
        if (entry.id == id)
            return &entry;
    return nullptr;
}

// Typing a name on the on-screen keyboard, in either flow.
bool on_name_keys(SecureText& name, bool& shift, const Action& action)
{
    if (auto* key = std::get_if<actions::TypeKey>(&action)) {
        std::string_view character(key->utf8.data(), ::strnlen(key->utf8.data(), key->utf8.size()));
        if (name.append(character))
            shift = false;
        return true;
    }
    if (std::holds_alternative<actions::DeleteKey>(action)) {
        name.pop_character();
        shift = name.empty();
        return true;
    }
    if (std::holds_alternative<actions::ShiftKey>(action)) {
        shift = !shift;
        return true;
    }
    return false;
}

void on_walk_in(AppState& state, screens::WalkIn& w, const Action& action)
{
    using Step = screens::WalkIn::Step;
    if (w.step == Step::Name && on_name_keys(w.name, w.shift, action))
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
        },
        [&](const actions::RequestAnswered& answer) {
            if (answer.uuid != w.uuid)
                return;
            if (w.step == Step::Sending)
                w.step = Step::Joined; // a walk-in is safe in the outbox even offline: the place is kept
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

void on_book_time(AppState& state, screens::BookTime& b, const Action& action, TimePoint now)
{
    using Step = screens::BookTime::Step;
    if (b.step == Step::Name && on_name_keys(b.name, b.shift, action))
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
            if (answer.uuid != b.uuid || b.step != Step::Sending)
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
    (void)now;
}

void check_timers(AppState& state, TimePoint now)
{
    // A running breathing exercise keeps the person's session (they are following it), up to its
    // longest run; then it pauses and the idle timer counts again.
    if (auto* breathing = std::get_if<screens::Breathing>(&state.screen()); breathing && !breathing->paused && !state.session.warning_until) {
        if (breathing->elapsed(now) >= screens::Breathing::longest) {
            breathing->elapsed_before = screens::Breathing::longest;
            breathing->paused = true;
        } else {
            state.session.last_touch = now;
        }
    }
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

std::optional<Language> language_from_code(std::string_view code)
{
    if (code == "en") return Language::English;
    if (code == "es") return Language::Spanish;
    return std::nullopt;
}

std::optional<Theme> theme_from_name(std::string_view name)
{
    if (name == "dark") return Theme::Dark;
    if (name == "light") return Theme::Light;
    return std::nullopt;
}

ScreenId screen_id(const Screen& screen) { return static_cast<ScreenId>(screen.index()); }

std::string_view screen_name(ScreenId id) { return screen_names.at(static_cast<std::size_t>(id)); }

std::optional<ScreenId> screen_from_name(std::string_view name)
{
    for (std::size_t i = 0; i < screen_names.size(); ++i)
        if (name == screen_names[i])
            return static_cast<ScreenId>(i);
    return std::nullopt;
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

actions::TypeKey type_key(std::string_view utf8_character)
{
    actions::TypeKey key;
    std::size_t n = std::min(utf8_character.size(), key.utf8.size() - 1);
    std::memcpy(key.utf8.data(), utf8_character.data(), n);
    return key;
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

void update(AppState& state, const Action& action, TimePoint now)
{
    if (std::holds_alternative<actions::Tick>(action)) {
        check_timers(state, now);
        return;
    }
    if (auto* loaded = std::get_if<actions::ClinicLoaded>(&action)) {
        // A fresh pull always wins; the cache only fills a kiosk that has nothing yet.
        if (loaded->content && (!loaded->from_cache || state.clinic->updated_at_ms == 0)) {
            state.clinic = loaded->content;
            state.clinic_from_cache = loaded->from_cache;
        }
        return;
    }
    if (auto* health = std::get_if<actions::HealthChanged>(&action)) {
        state.health = health->health;
        return;
    }
    if (auto* answer = std::get_if<actions::RequestAnswered>(&action)) {
        // The clinic's answer, whichever screen is showing (the person may have moved on).
        for (auto& screen : state.stack) {
            if (auto* w = std::get_if<screens::WalkIn>(&screen))
                on_walk_in(state, *w, *answer);
            else if (auto* b = std::get_if<screens::BookTime>(&screen))
                on_book_time(state, *b, *answer, now);
        }
        return;
    }
    if (std::holds_alternative<actions::PinChecked>(action)) {
        // The answer of a slow check: not a tap, never dropped by the settle time.
        if (auto* pin = std::get_if<screens::StaffPin>(&state.screen()))
            on_pin(state, *pin, action, now);
        return;
    }
    if (std::holds_alternative<actions::Touch>(action)) {
        // A touch proves presence, except while "Are you still there?" waits for its button.
        if (!state.session.warning_until) {
            state.session.started = true;
            state.session.last_touch = now;
        }
        return;
    }
    if (is_guarded_tap(action) && now - state.screen_since < state.timing.settle)
        return;
    if (state.session.warning_until) {
        if (std::holds_alternative<actions::StillHere>(action)) {
            state.session.warning_until.reset();
            state.session.last_touch = now;
            entered_new_screen(state, now);
        }
        return;
    }

    std::visit(Overloaded {
        [&](const actions::Start&) {
            if (std::holds_alternative<screens::Welcome>(state.screen())) {
                state.session.started = true;
                state.session.last_touch = now;
                go_home(state, now);
            }
        },
        [&](const actions::Open& open) {
            if (open.target == ScreenId::Welcome || open.target == ScreenId::Goodbye || open.target == ScreenId::StaffPin)
                return;
            // Staff screens open only in staff mode.
            if ((open.target == ScreenId::StaffHome || open.target == ScreenId::StaffHealth || open.target == ScreenId::StaffQueue)
                && !state.session.staff)
                return;
            if (open.target == ScreenId::Home)
                go_home(state, now);
            else
                go_to(state, open.target, now);
        },
        [&](const actions::Back&) {
            if (can_go_back(state)) {
                state.stack.pop_back();
                entered_new_screen(state, now);
            }
        },
        [&](const actions::GoHome&) {
            if (!std::holds_alternative<screens::Welcome>(state.screen()))
                go_home(state, now);
        },
        [&](const actions::SetLanguage& set) { state.settings.language = set.language; },
        [&](const actions::SetTheme& set) { state.settings.theme = set.theme; },
        [&](const actions::SetTextSize& set) { state.settings.text_size = set.size; },
        [&](const actions::Done&) { wipe(state, WipeReason::Done, now); },
        [&](const actions::StaffGesture&) {
            if (state.session.staff || std::holds_alternative<screens::StaffPin>(state.screen())
                || std::holds_alternative<screens::Goodbye>(state.screen()))
                return;
            state.session.started = true;
            state.session.last_touch = now;
            go_to(state, ScreenId::StaffPin, now);
        },
        [&](const actions::EndStaffMode&) {
            if (state.session.staff)
                wipe(state, WipeReason::Staff, now);
        },
        [&](const actions::OpenHelpCategory& open) {
            if (std::find(directory_categories.begin(), directory_categories.end(), open.category) != directory_categories.end())
                push(state, screens::HelpList { open.category }, now);
        },
        [&](const actions::OpenHelpEntry& open) {
            if (find_entry(state, open.entry_id))
                push(state, screens::HelpEntry { open.entry_id }, now);
        },
        [&](const actions::ShowQr& show) {
            if (find_entry(state, show.entry_id))
                push(state, screens::HelpQr { show.entry_id, show.what }, now);
        },
        [&](const actions::ToggleHelpFilter& toggle) {
            if (auto* list = std::get_if<screens::HelpList>(&state.screen())) {
                bool& flag = toggle.filter == actions::HelpFilter::OpenToday ? list->open_today
                    : toggle.filter == actions::HelpFilter::Free           ? list->free_only
                                                                           : list->in_spanish;
                flag = !flag;
            }
        },
        [&](const actions::ClearHelpFilters&) {
            if (auto* list = std::get_if<screens::HelpList>(&state.screen()))
                list->open_today = list->free_only = list->in_spanish = false;
        },
        [&](const actions::PauseBreathing&) {
            if (auto* b = std::get_if<screens::Breathing>(&state.screen()); b && !b->paused) {
                b->elapsed_before = b->elapsed(now);
                b->paused = true;
            }
        },
        [&](const actions::ResumeBreathing&) {
            if (auto* b = std::get_if<screens::Breathing>(&state.screen()); b && b->paused) {
                if (b->elapsed_before >= screens::Breathing::longest)
                    b->elapsed_before = Millis { 0 }; // it stopped at its end: begin again
                b->started = now;
                b->paused = false;
            }
        },
        [&](const actions::ChooseWalkIn&) { go_to(state, ScreenId::WalkIn, now); },
        [&](const actions::QueueChange& change) {
            static const std::array allowed { "arrived", "fulfilled", "noshow", "cancelled" };
            if (state.session.staff && std::holds_alternative<screens::StaffQueue>(state.screen())
                && std::find(allowed.begin(), allowed.end(), change.new_status) != allowed.end())
                state.requests.push_back({ Request::Kind::QueueChange, change.appointment_id + "-" + change.new_status, {}, std::nullopt,
                    change.appointment_id, change.new_status });
        },
        [&](const actions::JoinWalkInInstead&) {
            auto* b = std::get_if<screens::BookTime>(&state.screen());
            if (!b || b->step != screens::BookTime::Step::NoAnswer)
                return;
            screens::WalkIn w;
            w.name = std::move(b->name); // the name the person gave, not asked again
            w.step = screens::WalkIn::Step::Summary;
            state.stack.pop_back();
            push(state, std::move(w), now);
        },
        [&](const actions::LeaveGoodbye&) {
            if (std::holds_alternative<screens::Goodbye>(state.screen())) {
                state.stack = welcome_stack();
                entered_new_screen(state, now);
            }
        },
        [&](const auto&) {
            if (auto* typing = std::get_if<screens::TypingPractice>(&state.screen()))
                on_typing(*typing, action);
            else if (auto* pin = std::get_if<screens::StaffPin>(&state.screen()))
                on_pin(state, *pin, action, now);
            else if (auto* walk_in = std::get_if<screens::WalkIn>(&state.screen()))
                on_walk_in(state, *walk_in, action);
            else if (auto* book = std::get_if<screens::BookTime>(&state.screen()))
                on_book_time(state, *book, action, now);
        },
    }, action);
}

std::optional<TimePoint> next_wake(const AppState& state, TimePoint now)
{
    // The breathing circle moves: about 30 frames a second while it runs.
    if (auto* b = std::get_if<screens::Breathing>(&state.screen()); b && !b->paused && !state.session.warning_until)
        return now + Millis { 33 };
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

int lockout_seconds_left(const AppState& state, TimePoint now)
{
    if (!state.staff_guard.locked(now))
        return 0;
    return static_cast<int>((( *state.staff_guard.locked_until - now).count() + 999) / 1000);
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
