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
    run.ex.state = exercise::fresh(step.kind);
    if (auto* type = run.ex.as<exercise::Type>()) {
        const std::string& start = step.start_text[static_cast<std::size_t>(state.settings.language)];
        if (!start.empty() && type->typed.append(start))
            type->shift = false;
    }
    if (auto* undo = run.ex.as<exercise::Undo>())
        undo->deleted.assign(step.items.size(), false);
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

void on_passcode_digit(screens::Exercise& ex, exercise::Passcode& code, const LessonStep& step, char digit)
{
    char text[2] = { digit, 0 };
    SecureText& field = code.retyping ? code.second : code.first;
    if (static_cast<int>(field.size()) >= step.count || !field.append(text))
        return;
    code.mismatch = false;
    if (!code.retyping && static_cast<int>(code.first.size()) == step.count) {
        code.retyping = true;
    } else if (code.retyping && static_cast<int>(code.second.size()) == step.count) {
        if (code.first.view() == code.second.view()) {
            ex.done = true;
        } else {
            code.first.clear();
            code.second.clear();
            code.retyping = false;
            code.mismatch = true;
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
    if (auto* scroll = ex.as<exercise::Scroll>(); scroll && i < step.items.size()) {
        if (step.items[i] == step.target) {
            ex.done = true;
            scroll->wrong_item = -1;
        } else if (!ex.done) {
            scroll->wrong_item = index;
        }
    } else if (auto* undo = ex.as<exercise::Undo>(); undo && i < undo->deleted.size() && !undo->deleted[i]) {
        undo->deleted[i] = true;
        undo->last_deleted = index;
    } else if (auto* code = ex.as<exercise::Passcode>(); code && !ex.done && index <= 9) {
        on_passcode_digit(ex, *code, step, static_cast<char>('0' + index));
    }
}

void on_turn(screens::Exercise& ex, const LessonStep& step, int delta)
{
    if (auto* swipe = ex.as<exercise::Swipe>()) {
        int last = static_cast<int>(step.items.size()) - 1;
        swipe->page = std::clamp(swipe->page + delta, 0, last);
        if (swipe->page == last)
            ex.done = true;
    } else if (auto* sort = ex.as<exercise::Sort>(); sort && sort->sort_answer && delta > 0) {
        sort->sort_answer.reset();
        if (++sort->sort_index >= static_cast<int>(step.sort_items.size()))
            ex.done = true;
    }
}

void on_choose(screens::Exercise& ex, const LessonStep& step, int index)
{
    if (auto* choose = ex.as<exercise::Choose>(); choose && index >= 0 && index < static_cast<int>(step.choices.size())) {
        choose->chosen = index;
        ex.done = true;
    } else if (auto* sort = ex.as<exercise::Sort>(); sort && !ex.done && !sort->sort_answer && (index == 0 || index == 1)) {
        sort->sort_answer = index;
        if (step.sort_items[static_cast<std::size_t>(sort->sort_index)].group == index)
            ++sort->sort_right;
    }
}

void on_play(screens::Exercise& ex, const LessonStep& step, bool play, TimePoint now)
{
    auto* audio = ex.as<exercise::Audio>();
    if (!audio)
        return;
    if (play && !audio->playing) {
        if (audio->played >= Seconds { step.count })
            audio->played = Millis { 0 }; // it ended: from the start
        audio->playing = true;
        audio->play_since = now;
        ex.done = true;
    } else if (!play && audio->playing) {
        audio->played = audio->audio_elapsed(now);
        audio->playing = false;
    }
}

// The call: answer, mute, unmute, turn the camera off, hang up — each task in turn.
void on_call(screens::Exercise& ex, actions::CallButton button)
{
    using Phase = exercise::Call::Phase;
    using Task = exercise::Call::Task;
    auto* call = ex.as<exercise::Call>();
    if (!call)
        return;
    switch (button) {
    case actions::CallButton::Answer:
        if (call->call == Phase::Ringing) {
            call->call = Phase::Talking;
            call->task = Task::Mute;
        }
        break;
    case actions::CallButton::Mute:
        if (call->call != Phase::Talking)
            break;
        call->muted = !call->muted;
        if (call->task == Task::Mute && call->muted)
            call->task = Task::Unmute;
        else if (call->task == Task::Unmute && !call->muted)
            call->task = Task::CameraOff;
        break;
    case actions::CallButton::Camera:
        if (call->call != Phase::Talking)
            break;
        call->camera_off = !call->camera_off;
        if (call->task == Task::CameraOff && call->camera_off)
            call->task = Task::HangUp;
        break;
    case actions::CallButton::HangUp:
        if (call->call == Phase::Talking) {
            call->call = Phase::Ended;
            ex.done = true;
        }
        break;
    }
}

void on_release(screens::Exercise& ex, const LessonStep& step, TimePoint now)
{
    auto* hold = ex.as<exercise::Hold>();
    if (!hold || ex.done || !hold->hold_since)
        return;
    hold->held = hold->held_for(now); // letting go keeps the ring where it was
    hold->hold_since.reset();
    if (hold->held >= Seconds { step.count })
        ex.done = true;
}

void on_keyboard_done(const AppState& state, screens::Exercise& ex, const LessonStep& step)
{
    auto* type = ex.as<exercise::Type>();
    if (!type || ex.done)
        return;
    const std::string& goal = step.goal_text[static_cast<std::size_t>(state.settings.language)];
    type->mismatch = !goal.empty() && !same_ignoring_case(type->typed.view(), goal);
    ex.done = !type->mismatch;
    if (ex.done && goal.empty())
        type->typed.clear(); // what the person typed is theirs: gone as soon as they are done
}

// One action on the step's exercise.
void on_exercise(const AppState& state, screens::Exercise& ex, const LessonStep& step, const Action& action, TimePoint now)
{
    std::visit(Overloaded {
        [&](const actions::TapTarget&) {
            if (auto* tap = ex.as<exercise::Tap>(); tap && !ex.done && ++tap->taps >= step.count)
                ex.done = true;
        },
        [&](const actions::HoldTarget&) {
            if (auto* hold = ex.as<exercise::Hold>(); hold && !ex.done && !hold->hold_since)
                hold->hold_since = now;
        },
        [&](const actions::ReleaseTarget&) { on_release(ex, step, now); },
        [&](const actions::PickItem& pick) { on_pick(ex, step, pick.index); },
        [&](const actions::DeleteKey&) {
            if (auto* code = ex.as<exercise::Passcode>(); code && !ex.done)
                (code->retyping ? code->second : code->first).pop_character();
        },
        [&](const actions::KeyboardDone&) { on_keyboard_done(state, ex, step); },
        [&](const actions::TurnPage& turn) { on_turn(ex, step, turn.delta); },
        [&](const actions::Choose& choose) { on_choose(ex, step, choose.index); },
        [&](const actions::TryAgain&) {
            if (auto* choose = ex.as<exercise::Choose>())
                choose->chosen.reset();
            if (auto* type = ex.as<exercise::Type>())
                type->mismatch = false;
        },
        [&](const actions::UndoDelete&) {
            if (auto* undo = ex.as<exercise::Undo>(); undo && undo->last_deleted >= 0) {
                undo->deleted[static_cast<std::size_t>(undo->last_deleted)] = false;
                undo->last_deleted = -1;
                ex.done = true;
            }
        },
        [&](const actions::PlayAudio& play) { on_play(ex, step, play.play, now); },
        [&](const actions::PressCall& press) { on_call(ex, press.button); },
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
    if (auto* type = ex.as<exercise::Type>(); type && !ex.done && type_into(type->typed, type->shift, action)) {
        type->mismatch = false;
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
    if (auto* hold = ex.as<exercise::Hold>(); hold && hold->hold_since) {
        state.session.last_touch = now;
        if (hold->held_for(now) >= Seconds { step.count }) {
            hold->held = hold->held_for(now);
            hold->hold_since.reset();
            ex.done = true;
            record_for(state, *lesson).steps[static_cast<std::size_t>(run->step)] = LessonRecord::Mark::Done;
        }
    }
    if (auto* audio = ex.as<exercise::Audio>(); audio && audio->playing) {
        if (audio->audio_elapsed(now) >= Seconds { step.count }) {
            audio->played = Seconds { step.count };
            audio->playing = false;
        } else {
            state.session.last_touch = now;
        }
    }
}

exercise::State exercise::fresh(ExerciseKind kind)
{
    switch (kind) {
    case ExerciseKind::Tap: return Tap {};
    case ExerciseKind::Hold: return Hold {};
    case ExerciseKind::Scroll: return Scroll {};
    case ExerciseKind::Swipe: return Swipe {};
    case ExerciseKind::Type: return Type {};
    case ExerciseKind::Choose: return Choose {};
    case ExerciseKind::Sort: return Sort {};
    case ExerciseKind::Undo: return Undo {};
    case ExerciseKind::Audio: return Audio {};
    case ExerciseKind::Call: return Call {};
    case ExerciseKind::Passcode: return Passcode {};
    case ExerciseKind::Read:
    case ExerciseKind::Settings:
    case ExerciseKind::Speech: return Nothing {};
    }
    return Nothing {};
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
    return run && run->ex.as<exercise::Audio>() && run->ex.as<exercise::Audio>()->playing && !state.session.warning_until;
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
