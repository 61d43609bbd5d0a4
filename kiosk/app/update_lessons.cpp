// Lessons and typing practice: opening a lesson, its steps, each exercise kind's actions, the
// progress record, and the timers of the hold ring and the calm sound.
#include "app/reducers.h"

#include <algorithm>

namespace kiosk {

using namespace reduce;

namespace {

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

void on_typing(screens::TypingPractice& typing, const Action& action)
{
    if (type_into(typing.text, typing.shift, action))
        return;
    if (std::holds_alternative<actions::KeyboardDone>(action)) {
        typing.step = 2;
    } else if (std::holds_alternative<actions::TypeAgain>(action)) {
        typing.text.clear();
        typing.step = 1;
        typing.shift = true;
    }
}

void on_pick(screens::Exercise& ex, const LessonStep& step, int index)
{
    if (index < 0)
        return;
    auto i = static_cast<std::size_t>(index);
    if (step.kind == ExerciseKind::Scroll && i < step.items.size()) {
        if (step.items[i] == step.target) {
            ex.done = true;
            ex.wrong_item = -1;
        } else if (!ex.done) {
            ex.wrong_item = index;
        }
    } else if (step.kind == ExerciseKind::Undo && i < ex.deleted.size() && !ex.deleted[i]) {
        ex.deleted[i] = true;
        ex.last_deleted = index;
    } else if (step.kind == ExerciseKind::Passcode && !ex.done && index <= 9) {
        on_passcode_digit(ex, step, static_cast<char>('0' + index));
    }
}

void on_turn(screens::Exercise& ex, const LessonStep& step, int delta)
{
    if (step.kind == ExerciseKind::Swipe) {
        int last = static_cast<int>(step.items.size()) - 1;
        ex.page = std::clamp(ex.page + delta, 0, last);
        if (ex.page == last)
            ex.done = true;
    } else if (step.kind == ExerciseKind::Sort && ex.sort_answer && delta > 0) {
        ex.sort_answer.reset();
        if (++ex.sort_index >= static_cast<int>(step.sort_items.size()))
            ex.done = true;
    }
}

void on_choose(screens::Exercise& ex, const LessonStep& step, int index)
{
    if (step.kind == ExerciseKind::Choose && index >= 0 && index < static_cast<int>(step.choices.size())) {
        ex.chosen = index;
        ex.done = true;
    } else if (step.kind == ExerciseKind::Sort && !ex.done && !ex.sort_answer && (index == 0 || index == 1)) {
        ex.sort_answer = index;
        if (step.sort_items[static_cast<std::size_t>(ex.sort_index)].group == index)
            ++ex.sort_right;
    }
}

void on_play(screens::Exercise& ex, const LessonStep& step, bool play, TimePoint now)
{
    if (step.kind != ExerciseKind::Audio)
        return;
    if (play && !ex.playing) {
        if (ex.played >= Seconds { step.count })
            ex.played = Millis { 0 }; // it ended: from the start
        ex.playing = true;
        ex.play_since = now;
        ex.done = true;
    } else if (!play && ex.playing) {
        ex.played = ex.audio_elapsed(now);
        ex.playing = false;
    }
}

void on_call(screens::Exercise& ex, const LessonStep& step, actions::CallButton button)
{
    using Call = screens::Exercise::Call;
    if (step.kind != ExerciseKind::Call)
        return;
    switch (button) {
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
}

void on_release(screens::Exercise& ex, const LessonStep& step, TimePoint now)
{
    if (step.kind != ExerciseKind::Hold || ex.done || !ex.hold_since)
        return;
    ex.held = ex.held_for(now); // letting go keeps the ring where it was
    ex.hold_since.reset();
    if (ex.held >= Seconds { step.count })
        ex.done = true;
}

// One action on the step's exercise.
void on_exercise(const AppState& state, screens::Exercise& ex, const LessonStep& step, const Action& action, TimePoint now)
{
    std::visit(Overloaded {
        [&](const actions::TapTarget&) {
            if (step.kind == ExerciseKind::Tap && !ex.done && ++ex.taps >= step.count)
                ex.done = true;
        },
        [&](const actions::HoldTarget&) {
            if (step.kind == ExerciseKind::Hold && !ex.done && !ex.hold_since)
                ex.hold_since = now;
        },
        [&](const actions::ReleaseTarget&) { on_release(ex, step, now); },
        [&](const actions::PickItem& pick) { on_pick(ex, step, pick.index); },
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
        [&](const actions::TurnPage& turn) { on_turn(ex, step, turn.delta); },
        [&](const actions::Choose& choose) { on_choose(ex, step, choose.index); },
        [&](const actions::TryAgain&) {
            if (step.kind == ExerciseKind::Choose)
                ex.chosen.reset();
            if (step.kind == ExerciseKind::Type)
                ex.mismatch = false;
        },
        [&](const actions::UndoDelete&) {
            if (step.kind == ExerciseKind::Undo && ex.last_deleted >= 0) {
                ex.deleted[static_cast<std::size_t>(ex.last_deleted)] = false;
                ex.last_deleted = -1;
                ex.done = true;
            }
        },
        [&](const actions::PlayAudio& play) { on_play(ex, step, play.play, now); },
        [&](const actions::PressCall& press) { on_call(ex, step, press.button); },
        [](const auto&) { },
    }, action);
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
    if (step.kind == ExerciseKind::Type && !ex.done && type_into(ex.typed, ex.shift, action)) {
        ex.mismatch = false;
        return;
    }
    on_exercise(state, ex, step, action, now);
    // A done exercise counts even if the person leaves by Home rather than Next.
    if (ex.done)
        record_for(state, *lesson).steps[static_cast<std::size_t>(run.step)] = LessonRecord::Mark::Done;
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
}

// Back inside a lesson goes to the previous step; from the first step, to the list.
bool reduce::lesson_back(AppState& state, TimePoint now)
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

void reduce::lesson_input(AppState& state, const Action& action, TimePoint now)
{
    if (auto* open = std::get_if<actions::OpenLesson>(&action))
        open_lesson(state, open->lesson_id, now);
    else if (auto* typing = std::get_if<screens::TypingPractice>(&state.screen()))
        on_typing(*typing, action);
    else if (auto* run = std::get_if<screens::LessonRun>(&state.screen()))
        on_lesson(state, *run, action, now);
}

void reduce::lesson_release(AppState& state, TimePoint now)
{
    if (auto* run = std::get_if<screens::LessonRun>(&state.screen()))
        on_lesson(state, *run, actions::ReleaseTarget {}, now);
}

// A finger held on the hold exercise, or a lesson's sound playing: the person is here.
void reduce::lesson_timers(AppState& state, TimePoint now)
{
    auto* run = std::get_if<screens::LessonRun>(&state.screen());
    if (!run || run->finished || state.session.warning_until)
        return;
    const Lesson* lesson = lesson_of(state, *run);
    if (!lesson)
        return;
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

}
