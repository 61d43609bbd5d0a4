// The kiosk's one pure transition function. No I/O, no clock reads, no globals: everything it
// needs is in the state, the action and `now`. Tests call it directly with a manual clock.
#include "app/state.h"

#include "app/booking.h"

#include <algorithm>
#include <array>
#include <cstring>

namespace kiosk {

namespace {

template<class... Ts>
struct Overloaded : Ts... {
    using Ts::operator()...;
};
// C++20 deduces this without the guide; clang 14 (the fuzz build, clang-tidy-14) does not.
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

constexpr std::array screen_names { "welcome", "home", "settings", "ask-person", "learn",
    "find-help", "book-peer", "typing-practice", "goodbye", "staff-pin", "staff-home", "staff-health", "help-list", "help-entry",
    "help-qr", "crisis", "breathing", "meet-peers", "walk-in", "book-time", "staff-queue", "privacy", "lesson", "guided-setup",
    "guided-summary", "hand-back" };

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
    case ScreenId::LessonRun: return screens::LessonRun {};
    case ScreenId::GuidedSetup: return screens::GuidedSetup {};
    case ScreenId::GuidedSummary: return screens::GuidedSummary {};
    case ScreenId::HandBack: return screens::HandBack {};
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
    // In staff mode, home is the staff screen; in a guided session, the session's lessons.
    if (state.session.staff)
        state.stack.emplace_back(screens::StaffHome {});
    else if (state.session.guided)
        state.stack.emplace_back(screens::Learn {});
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
        && !(std::holds_alternative<actions::HoldTarget>(action) && !std::get<actions::HoldTarget>(action).down)
        && !std::holds_alternative<actions::ClinicLoaded>(action) && !std::holds_alternative<actions::HealthChanged>(action)
        && !std::holds_alternative<actions::SpeechDone>(action) && !std::holds_alternative<actions::PinChecked>(action);
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

// ---- Lessons -------------------------------------------------------------------------------

const Lesson* lesson_of(const AppState& state, const screens::LessonRun& run)
{
    auto& lessons = state.lessons->lessons;
    if (run.lesson < 0 || run.lesson >= static_cast<int>(lessons.size()))
        return nullptr;
    return &lessons[static_cast<std::size_t>(run.lesson)];
}

LessonRecord& record_for(AppState& state, const Lesson& lesson)
{
    for (auto& r : state.session.lessons)
        if (r.lesson_id == lesson.id)
            return r;
    LessonRecord record;
    record.lesson_id = lesson.id;
    record.steps.assign(lesson.steps.size(), LessonRecord::Mark::NotReached);
    state.session.lessons.push_back(std::move(record));
    return state.session.lessons.back();
}

// The step's exercise from its start. Counts as a new screen: the view scrolls to the top and a
// double tap on "Next" cannot skip the step after it.
void start_step(AppState& state, screens::LessonRun& run, TimePoint now)
{
    run.ex = screens::Exercise {};
    run.step_since = now;
    entered_new_screen(state, now);
    const Lesson* lesson = lesson_of(state, run);
    if (!lesson || run.finished)
        return;
    const LessonStep& step = lesson->steps[static_cast<std::size_t>(run.step)];
    run.ex.done = step.done_at_once();
    if (step.kind == ExerciseKind::Type) {
        const std::string& start = step.start_text[static_cast<std::size_t>(state.settings.language)];
        if (!start.empty() && run.ex.typed.append(start))
            run.ex.shift = false;
    }
    if (step.kind == ExerciseKind::Undo)
        run.ex.deleted.assign(step.items.size(), false);
}

void leave_step(AppState& state, screens::LessonRun& run, TimePoint now)
{
    const Lesson* lesson = lesson_of(state, run);
    if (!lesson || run.finished)
        return;
    LessonRecord& record = record_for(state, *lesson);
    record.time += now - run.step_since;
    record.steps[static_cast<std::size_t>(run.step)] = run.ex.done ? LessonRecord::Mark::Done : LessonRecord::Mark::Skipped;
    if (run.step + 1 < static_cast<int>(lesson->steps.size())) {
        ++run.step;
        start_step(state, run, now);
        return;
    }
    run.finished = true;
    record.finished = true;
    start_step(state, run, now);
}

bool same_ignoring_case(std::string_view a, std::string_view b)
{
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [&](char x, char y) { return lower(x) == lower(y); });
}

void on_passcode_digit(screens::Exercise& ex, const LessonStep& step, char digit)
{
    char text[2] = { digit, 0 };
    SecureText& field = ex.retyping ? ex.second : ex.first;
    if (static_cast<int>(field.size()) >= step.count || !field.append(text))
        return;
    ex.mismatch = false;
    if (!ex.retyping && static_cast<int>(ex.first.size()) == step.count) {
        ex.retyping = true;
    } else if (ex.retyping && static_cast<int>(ex.second.size()) == step.count) {
        if (ex.first.view() == ex.second.view()) {
            ex.done = true;
        } else {
            ex.first.clear();
            ex.second.clear();
            ex.retyping = false;
            ex.mismatch = true;
        }
    }
}

void on_lesson(AppState& state, screens::LessonRun& run, const Action& action, TimePoint now)
{
    const Lesson* lesson = lesson_of(state, run);
    if (!lesson)
        return;
    screens::Exercise& ex = run.ex;
    if (std::holds_alternative<actions::LessonNext>(action)) {
        leave_step(state, run, now);
        return;
    }
    if (std::holds_alternative<actions::LessonRepeat>(action)) {
        if (run.finished) {
            run.finished = false;
            run.step = 0;
        }
        start_step(state, run, now);
        return;
    }
    if (run.finished)
        return;
    const LessonStep& step = lesson->steps[static_cast<std::size_t>(run.step)];
    if (step.kind == ExerciseKind::Type && !ex.done && on_name_keys(ex.typed, ex.shift, action)) {
        ex.mismatch = false;
        return;
    }
    std::visit(Overloaded {
        [&](const actions::TapTarget&) {
            if (step.kind == ExerciseKind::Tap && !ex.done && ++ex.taps >= step.count)
                ex.done = true;
        },
        [&](const actions::HoldTarget& hold) {
            if (step.kind != ExerciseKind::Hold || ex.done)
                return;
            if (hold.down && !ex.hold_since) {
                ex.hold_since = now;
            } else if (!hold.down && ex.hold_since) {
                ex.held = ex.held_for(now); // letting go keeps the ring where it was
                ex.hold_since.reset();
                if (ex.held >= Seconds { step.count })
                    ex.done = true;
            }
        },
        [&](const actions::PickItem& pick) {
            if (pick.index < 0)
                return;
            auto i = static_cast<std::size_t>(pick.index);
            if (step.kind == ExerciseKind::Scroll && i < step.items.size()) {
                if (step.items[i] == step.target) {
                    ex.done = true;
                    ex.wrong_item = -1;
                } else if (!ex.done) {
                    ex.wrong_item = pick.index;
                }
            } else if (step.kind == ExerciseKind::Undo && i < ex.deleted.size() && !ex.deleted[i]) {
                ex.deleted[i] = true;
                ex.last_deleted = pick.index;
            } else if (step.kind == ExerciseKind::Passcode && !ex.done && pick.index <= 9) {
                on_passcode_digit(ex, step, static_cast<char>('0' + pick.index));
            }
        },
        [&](const actions::DeleteKey&) {
            if (step.kind == ExerciseKind::Passcode && !ex.done)
                (ex.retyping ? ex.second : ex.first).pop_character();
        },
        [&](const actions::KeyboardDone&) {
            if (step.kind != ExerciseKind::Type || ex.done)
                return;
            const std::string& goal = step.goal_text[static_cast<std::size_t>(state.settings.language)];
            ex.mismatch = !goal.empty() && !same_ignoring_case(ex.typed.view(), goal);
            ex.done = !ex.mismatch;
            if (ex.done && goal.empty())
                ex.typed.clear(); // what the person typed is theirs: gone as soon as they are done
        },
        [&](const actions::TurnPage& turn) {
            if (step.kind == ExerciseKind::Swipe) {
                int last = static_cast<int>(step.items.size()) - 1;
                ex.page = std::clamp(ex.page + turn.delta, 0, last);
                if (ex.page == last)
                    ex.done = true;
            } else if (step.kind == ExerciseKind::Sort && ex.sort_answer && turn.delta > 0) {
                ex.sort_answer.reset();
                if (++ex.sort_index >= static_cast<int>(step.sort_items.size()))
                    ex.done = true;
            }
        },
        [&](const actions::Choose& choose) {
            if (step.kind == ExerciseKind::Choose && choose.index >= 0 && choose.index < static_cast<int>(step.choices.size())) {
                ex.chosen = choose.index;
                ex.done = true;
            } else if (step.kind == ExerciseKind::Sort && !ex.done && !ex.sort_answer && (choose.index == 0 || choose.index == 1)) {
                ex.sort_answer = choose.index;
                if (step.sort_items[static_cast<std::size_t>(ex.sort_index)].group == choose.index)
                    ++ex.sort_right;
            }
        },
        [&](const actions::TryAgain&) {
            if (step.kind == ExerciseKind::Choose)
                ex.chosen.reset();
            if (step.kind == ExerciseKind::Type) {
                ex.mismatch = false;
            }
        },
        [&](const actions::UndoDelete&) {
            if (step.kind == ExerciseKind::Undo && ex.last_deleted >= 0) {
                ex.deleted[static_cast<std::size_t>(ex.last_deleted)] = false;
                ex.last_deleted = -1;
                ex.done = true;
            }
        },
        [&](const actions::PlayAudio& play) {
            if (step.kind != ExerciseKind::Audio)
                return;
            if (play.play && !ex.playing) {
                if (ex.played >= Seconds { step.count })
                    ex.played = Millis { 0 }; // it ended: from the start
                ex.playing = true;
                ex.play_since = now;
                ex.done = true;
            } else if (!play.play && ex.playing) {
                ex.played = ex.audio_elapsed(now);
                ex.playing = false;
            }
        },
        [&](const actions::PressCall& press) {
            using Call = screens::Exercise::Call;
            if (step.kind != ExerciseKind::Call)
                return;
            switch (press.button) {
            case actions::CallButton::Answer:
                if (ex.call == Call::Ringing) {
                    ex.call = Call::Talking;
                    ex.call_task = 1;
                }
                break;
            case actions::CallButton::Mute:
                if (ex.call != Call::Talking)
                    break;
                ex.muted = !ex.muted;
                if ((ex.call_task == 1 && ex.muted) || (ex.call_task == 2 && !ex.muted))
                    ++ex.call_task;
                break;
            case actions::CallButton::Camera:
                if (ex.call != Call::Talking)
                    break;
                ex.camera_off = !ex.camera_off;
                if (ex.call_task == 3 && ex.camera_off)
                    ++ex.call_task;
                break;
            case actions::CallButton::HangUp:
                if (ex.call == Call::Talking) {
                    ex.call = Call::Ended;
                    ex.done = true;
                }
                break;
            }
        },
        [](const auto&) { },
    }, action);
    // A done exercise counts even if the person leaves by Home rather than Next.
    if (ex.done)
        record_for(state, *lesson).steps[static_cast<std::size_t>(run.step)] = LessonRecord::Mark::Done;
}

// Back inside a lesson goes to the previous step; from the first step, to the list.
bool lesson_back(AppState& state, TimePoint now)
{
    auto* run = std::get_if<screens::LessonRun>(&state.screen());
    if (!run)
        return false;
    const Lesson* lesson = lesson_of(state, *run);
    if (!lesson)
        return false;
    if (run->finished) {
        run->finished = false;
        run->step = static_cast<int>(lesson->steps.size()) - 1;
    } else if (run->step > 0) {
        --run->step;
    } else {
        return false;
    }
    start_step(state, *run, now);
    return true;
}

void open_lesson(AppState& state, const std::string& id, TimePoint now)
{
    int index = state.lessons->index_of(id);
    auto visible = visible_lessons(state);
    if (index < 0 || std::find(visible.begin(), visible.end(), index) == visible.end())
        return;
    screens::LessonRun run;
    run.lesson = index;
    push(state, std::move(run), now);
    auto& top = std::get<screens::LessonRun>(state.screen());
    record_for(state, state.lessons->lessons[static_cast<std::size_t>(index)]);
    start_step(state, top, now);
}

// ---- Guided sessions (staff) ---------------------------------------------------------------

void on_guided_setup(AppState& state, screens::GuidedSetup& g, const Action& action, TimePoint now)
{
    using Step = screens::GuidedSetup::Step;
    if (g.step == Step::Reference && on_name_keys(g.reference, g.shift, action))
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
    // A finger held on the hold exercise, or a lesson's sound playing: the person is here.
    if (auto* run = std::get_if<screens::LessonRun>(&state.screen()); run && !run->finished && !state.session.warning_until) {
        if (const Lesson* lesson = lesson_of(state, *run)) {
            const LessonStep& step = lesson->steps[static_cast<std::size_t>(run->step)];
            screens::Exercise& ex = run->ex;
            if (step.kind == ExerciseKind::Hold && ex.hold_since) {
                state.session.last_touch = now;
                if (ex.held_for(now) >= Seconds { step.count }) {
                    ex.held = ex.held_for(now);
                    ex.hold_since.reset();
                    ex.done = true;
                    record_for(state, *lesson).steps[static_cast<std::size_t>(run->step)] = LessonRecord::Mark::Done;
                }
            }
            if (step.kind == ExerciseKind::Audio && ex.playing) {
                if (ex.audio_elapsed(now) >= Seconds { step.count }) {
                    ex.played = Seconds { step.count };
                    ex.playing = false;
                } else {
                    state.session.last_touch = now;
                }
            }
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

namespace {

// Where the person is, as far as read-aloud cares: a new screen (a flow's next step is one, see
// flow_step) is read whole; a lesson's feedback within its step has only its new text read.
struct SpeechPlace {
    unsigned generation;
    bool warning;
    std::array<int, 12> marks; // what changes a lesson step's message without a new screen
    bool operator==(const SpeechPlace&) const = default;
};

SpeechPlace speech_place(const AppState& state)
{
    SpeechPlace place { state.screen_generation, state.session.warning_until.has_value(), {} };
    if (auto* run = std::get_if<screens::LessonRun>(&state.screen())) {
        const screens::Exercise& ex = run->ex;
        place.marks = { run->step, run->finished, ex.done, ex.chosen.value_or(-1), ex.sort_index, ex.sort_answer.value_or(-1),
            ex.mismatch, ex.wrong_item, ex.page, static_cast<int>(ex.call), ex.call_task, ex.retyping };
    }
    return place;
}

void read_now(AppState& state, bool whole)
{
    state.speech.reading = true;
    state.speech.whole = whole;
    ++state.speech.request;
}

// Read-aloud's own actions; true when `action` was one.
bool on_speech(AppState& state, const Action& action)
{
    if (std::holds_alternative<actions::ReadAloud>(action)) {
        if (speech_allowed(state)) {
            state.settings.read_aloud = true;
            read_now(state, true);
        }
    } else if (std::holds_alternative<actions::StopReading>(action)) {
        state.speech.reading = false;
    } else if (auto* set = std::get_if<actions::SetReadAloud>(&action)) {
        state.settings.read_aloud = set->on;
        if (set->on && speech_allowed(state))
            read_now(state, true);
        else
            state.speech.reading = false;
    } else if (auto* volume = std::get_if<actions::SetVolume>(&action)) {
        state.settings.volume = volume->volume;
    } else if (auto* done = std::get_if<actions::SpeechDone>(&action)) {
        if (done->request == state.speech.request)
            state.speech.reading = false;
    } else {
        return false;
    }
    return true;
}

void apply(AppState& state, const Action& action, TimePoint now);

// The step of a flow that shows one question at a time (the walk-in list, picking a time, keyboard
// practice); -1 elsewhere. Each step is a screen of its own for the person.
int flow_step(const AppState& state)
{
    if (auto* w = std::get_if<screens::WalkIn>(&state.screen()))
        return static_cast<int>(w->step);
    if (auto* b = std::get_if<screens::BookTime>(&state.screen()))
        return static_cast<int>(b->step);
    if (auto* t = std::get_if<screens::TypingPractice>(&state.screen()))
        return t->step;
    return -1;
}

}

namespace {

// The platform's bookkeeping (issue 13): never subject to the tap guard, never a new screen.
bool apply_platform_bookkeeping(AppState& state, const Action& action)
{
    if (std::holds_alternative<actions::RequestsTaken>(action)) {
        for (auto& request : state.requests)
            secure_zero(request.name.data(), request.name.size());
        state.requests.clear();
        return true;
    }
    if (auto* restored = std::get_if<actions::StaffGuardRestored>(&action)) {
        state.staff_guard = restored->guard;
        return true;
    }
    return false;
}

}

void update(AppState& state, const Action& action, TimePoint now)
{
    if (apply_platform_bookkeeping(state, action))
        return;
    if (is_guarded_tap(action) && now - state.screen_since < state.timing.settle)
        return;
    if (!state.session.warning_until && on_speech(state, action))
        return;
    SpeechPlace before = speech_place(state);
    int step_before = flow_step(state);
    apply(state, action, now);
    // A flow's next step counts as a new screen: taps aimed at the last step (a double tap on
    // "Join the list now" landing on "Cancel my place") are dropped, and it opens at its top.
    if (before.generation == state.screen_generation && flow_step(state) != step_before)
        entered_new_screen(state, now);
    SpeechPlace after = speech_place(state);
    if (after == before)
        return;
    // In step with the screen: what was being read stops; with read-aloud on, the new screen (or
    // the new message on it) is read. Staff screens are never read.
    if (state.settings.read_aloud && speech_allowed(state))
        read_now(state, after.generation != before.generation || after.warning != before.warning);
    else
        state.speech.reading = false;
}

namespace {

void apply(AppState& state, const Action& action, TimePoint now)
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
            // Staff screens open only in staff mode; a lesson opens with OpenLesson.
            if ((open.target == ScreenId::StaffHome || open.target == ScreenId::StaffHealth || open.target == ScreenId::StaffQueue
                    || open.target == ScreenId::GuidedSetup)
                && !state.session.staff)
                return;
            if (open.target == ScreenId::LessonRun || (open.target == ScreenId::GuidedSummary && !(state.session.staff && state.session.guided))
                || (open.target == ScreenId::HandBack && !state.session.guided))
                return;
            if (open.target == ScreenId::Home)
                go_home(state, now);
            else
                go_to(state, open.target, now);
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
        [&](const actions::ClearRejected& clear) {
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
        [&](const actions::OpenLesson& open) { open_lesson(state, open.lesson_id, now); },
        [&](const actions::SendProgress& send) {
            if (!state.session.staff || !state.session.guided || send.uuid.empty()
                || !std::holds_alternative<screens::GuidedSummary>(state.screen()))
                return;
            const GuidedSession& guided = *state.session.guided;
            Request request { Request::Kind::Progress, send.uuid, std::string(guided.reference.view()), std::nullopt };
            request.lessons = state.session.lessons;
            request.minutes = std::chrono::duration_cast<std::chrono::minutes>(now - guided.began).count();
            state.requests.push_back(std::move(request));
            wipe(state, WipeReason::Staff, now);
        },
        [&](const actions::FinishGuided&) {
            if (state.session.staff && state.session.guided)
                wipe(state, WipeReason::Staff, now);
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
            else if (auto* run = std::get_if<screens::LessonRun>(&state.screen()))
                on_lesson(state, *run, action, now);
            else if (auto* setup = std::get_if<screens::GuidedSetup>(&state.screen()))
                on_guided_setup(state, *setup, action, now);
        },
    }, action);
}

}

std::optional<TimePoint> next_wake(const AppState& state, TimePoint now)
{
    // A filling ring and a playing lesson sound move on screen.
    if (auto* run = std::get_if<screens::LessonRun>(&state.screen()); run && !state.session.warning_until) {
        if (run->ex.hold_since)
            return now + Millis { 33 };
        if (run->ex.playing)
            return now + Millis { 100 };
    }
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

std::vector<int> visible_lessons(const AppState& state)
{
    std::vector<int> out;
    const auto& lessons = state.lessons->lessons;
    for (std::size_t i = 0; i < lessons.size(); ++i) {
        const auto& track = state.session.guided ? state.session.guided->track : std::vector<std::string> {};
        if (!state.session.guided || std::find(track.begin(), track.end(), lessons[i].id) != track.end())
            out.push_back(static_cast<int>(i));
    }
    return out;
}

bool lesson_sound_playing(const AppState& state)
{
    auto* run = std::get_if<screens::LessonRun>(&state.screen());
    return run && run->ex.playing && !state.session.warning_until;
}

const LessonRecord* lesson_record(const AppState& state, std::string_view lesson_id)
{
    for (auto& r : state.session.lessons)
        if (r.lesson_id == lesson_id)
            return &r;
    return nullptr;
}

double tap_target_mm(int taps, int count)
{
    if (count <= 1)
        return 16.0;
    double t = std::clamp(static_cast<double>(taps) / (count - 1), 0.0, 1.0);
    return 16.0 - 6.0 * t;
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

bool speech_allowed(const AppState& state)
{
    if (state.session.staff)
        return false;
    switch (screen_id(state.screen())) {
    case ScreenId::StaffPin:
    case ScreenId::StaffHome:
    case ScreenId::StaffHealth:
    case ScreenId::StaffQueue:
    case ScreenId::GuidedSetup:
    case ScreenId::GuidedSummary:
    case ScreenId::HandBack:
        return false;
    default:
        return true;
    }
}

bool can_go_back(const AppState& state)
{
    return state.stack.size() > 1;
}

}
