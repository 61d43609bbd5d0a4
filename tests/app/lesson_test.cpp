// Lessons: the shipped files load in both languages and read at grade 6 or lower; a broken file is
// skipped with a message naming it and the field; and each exercise kind behaves as a person
// would expect, with nothing to fail and nothing kept past the session.
#include "app/content.h"
#include "app/state.h"
#include "model_driver.h"
#include "reading_grade.h"
#include "temp_dir.h"

#include "test_content.h"

#include <catch2/catch.hpp>
#include <fstream>

using namespace kiosk;

namespace {

using kiosk::test::content;

void write(const std::filesystem::path& file, const std::string& text)
{
    std::ofstream(file) << text;
}

// On the lesson list, with the shipped lessons.
struct Fixture : kiosk::test::ModelDriver {
    Fixture()
    {
        state.lessons = content().lessons;
        tap(actions::Start {});
        tap(actions::Open { ScreenId::Learn });
    }
    screens::LessonRun& run() { return std::get<screens::LessonRun>(state.screen()); }
    const LessonStep& step() { return state.lessons->lessons[static_cast<std::size_t>(run().lesson)].steps[static_cast<std::size_t>(run().step)]; }
    // Opens the lesson and moves on to its first step of `kind`.
    void open_at(const std::string& lesson_id, ExerciseKind kind)
    {
        tap(actions::OpenLesson { lesson_id });
        REQUIRE(std::holds_alternative<screens::LessonRun>(state.screen()));
        while (step().kind != kind) {
            REQUIRE_FALSE(run().finished);
            tap(actions::LessonNext {});
        }
    }
};

}

TEST_CASE("All 15 lessons load, in curriculum order, with every string in English and Spanish")
{
    const LessonLibrary& library = *content().lessons;
    INFO(library.problems.size() << " problems, first: " << (library.problems.empty() ? "" : library.problems.front()));
    REQUIRE(library.problems.empty());
    REQUIRE(library.lessons.size() == 15);
    for (std::size_t i = 0; i < library.lessons.size(); ++i) {
        const Lesson& lesson = library.lessons[i];
        CHECK(lesson.number == static_cast<int>(i + 1));
        CHECK(lesson.minutes >= 2);
        CHECK(lesson.minutes <= 5);
        for (auto& key : lesson_keys(lesson)) {
            INFO(lesson.file << ": " << key);
            CHECK(content().strings.catalog(Language::English).find(key));
            CHECK(content().strings.catalog(Language::Spanish).find(key));
        }
    }
    // Every exercise kind is used by some lesson.
    for (ExerciseKind kind : all_exercise_kinds) {
        bool used = false;
        for (auto& lesson : library.lessons)
            for (auto& step : lesson.steps)
                used = used || step.kind == kind;
        INFO(exercise_kind_name(kind));
        CHECK(used);
    }
}

TEST_CASE("Each lesson's English reads at Flesch-Kincaid grade 6 or lower")
{
    for (auto& lesson : content().lessons->lessons) {
        std::string text;
        for (auto& key : lesson_keys(lesson)) {
            std::string s(content().strings.get(Language::English, key));
            // A label without its own full stop (a title, a button) is still one short sentence.
            if (!s.empty() && s.back() != '.' && s.back() != '?' && s.back() != '!')
                s += '.';
            text += s + " ";
        }
        INFO(lesson.file << ": grade " << kiosk::test::grade(text));
        CHECK(kiosk::test::grade(text) <= 6.0);
    }
}

TEST_CASE("A broken lesson file is skipped with a message naming the file and the field, the others load")
{
    TempDir dir("kiosk-lessons");
    std::filesystem::copy_file(std::filesystem::path(KIOSK_ASSETS_DIR) / "lessons" / "01-hello-tablet.json", dir.path / "01-hello-tablet.json");
    std::filesystem::copy_file(std::filesystem::path(KIOSK_ASSETS_DIR) / "lessons" / "09-spot-the-scam.json", dir.path / "09-spot-the-scam.json");
    write(dir.path / "20-not-json.json", "{ \"id\": ");
    write(dir.path / "21-bad-kind.json",
        R"({ "id": "bad-kind", "number": 21, "minutes": 2, "title": "lesson.hello.title", "summary": "lesson.hello.summary",
             "learned": "lesson.hello.learned", "steps": [ { "kind": "read", "text": "lesson.hello.intro" }, { "kind": "dance", "text": "lesson.hello.intro" } ] })");
    write(dir.path / "22-missing-text.json",
        R"({ "id": "missing-text", "number": 22, "minutes": 2, "title": "lesson.hello.title", "summary": "lesson.hello.summary",
             "learned": "lesson.hello.learned", "steps": [ { "kind": "tap", "text": "lesson.no.such.key", "count": 3 } ] })");
    write(dir.path / "23-no-count.json",
        R"({ "id": "no-count", "number": 23, "minutes": 2, "title": "lesson.hello.title", "summary": "lesson.hello.summary",
             "learned": "lesson.hello.learned", "steps": [ { "kind": "tap", "text": "lesson.hello.tap" } ] })");
    write(dir.path / "24-same-id.json",
        R"({ "id": "hello-tablet", "number": 24, "minutes": 2, "title": "lesson.hello.title", "summary": "lesson.hello.summary",
             "learned": "lesson.hello.learned", "steps": [ { "kind": "read", "text": "lesson.hello.intro" } ] })");
    write(dir.path / "25-no-right-answer.json",
        R"({ "id": "no-right", "number": 25, "minutes": 2, "title": "lesson.hello.title", "summary": "lesson.hello.summary",
             "learned": "lesson.hello.learned", "steps": [ { "kind": "choose", "text": "lesson.hello.intro", "choices": [
               { "label": "lesson.hello.title", "feedback": "lesson.hello.intro", "right": false },
               { "label": "lesson.hello.title", "feedback": "lesson.hello.intro", "right": false } ] } ] })");

    LessonLibrary library = load_lessons(dir.path, content().strings);
    REQUIRE(library.lessons.size() == 2);
    CHECK(library.lessons[0].id == "hello-tablet");
    CHECK(library.lessons[1].id == "spot-the-scam");
    REQUIRE(library.problems.size() == 6);
    CHECK(library.problems[0] == "20-not-json.json: (file): not valid JSON");
    CHECK(library.problems[1].starts_with("21-bad-kind.json: steps[1].kind: must be one of read, tap"));
    CHECK(library.problems[2] == "22-missing-text.json: steps[0].text: no text \"lesson.no.such.key\" in the English catalog");
    CHECK(library.problems[3] == "23-no-count.json: steps[0].count: is missing");
    CHECK(library.problems[4] == "24-same-id.json: id: \"hello-tablet\" is already used by another lesson");
    CHECK(library.problems[5] == "25-no-right-answer.json: steps[0].choices: needs at least one right answer");
}

TEST_CASE("A missing lessons folder leaves Learn empty and says so, without stopping the kiosk")
{
    TempDir dir("kiosk-lessons");
    LessonLibrary library = load_lessons(dir.path / "absent", content().strings);
    CHECK(library.lessons.empty());
    REQUIRE(library.problems.size() == 1);
    CHECK(library.problems[0].find("cannot be read") != std::string::npos);
}

TEST_CASE("Tap: five taps on a circle that shrinks from 16 mm to 10 mm, Skip is always there")
{
    CHECK(tap_target_mm(0, 5) == 16.0);
    CHECK(tap_target_mm(4, 5) == 10.0);
    CHECK(tap_target_mm(2, 5) == 13.0);
    Fixture f;
    f.open_at("hello-tablet", ExerciseKind::Tap);
    for (int i = 0; i < 4; ++i)
        f.tap(actions::TapTarget {});
    CHECK_FALSE(f.run().ex.done);
    f.tap(actions::TapTarget {});
    CHECK(f.run().ex.done);
    int step = f.run().step;
    f.tap(actions::LessonNext {});
    CHECK(f.run().step == step + 1);
    // A quick second tap on Next (a double tap) does not skip the step after it.
    f.tap(actions::LessonNext {}, Millis { 100 });
    CHECK(f.run().step == step + 1);
}

TEST_CASE("Hold: letting go keeps the ring, there is no time limit")
{
    Fixture f;
    f.open_at("press-and-hold", ExerciseKind::Hold);
    int seconds = f.step().count;
    f.tap(actions::HoldTarget {});
    f.wait(Millis { 700 });
    update(f.state, actions::ReleaseTarget {}, f.clock.now());
    CHECK(f.run().ex.get<exercise::Hold>().held == Millis { 700 });
    CHECK_FALSE(f.run().ex.done);
    f.wait(Seconds { 60 }); // a long pause: nothing is lost
    CHECK(f.run().ex.get<exercise::Hold>().held == Millis { 700 });
    f.tap(actions::HoldTarget {});
    f.wait(Seconds { seconds } - Millis { 700 });
    CHECK(f.run().ex.done); // full while the finger is still down
    CHECK(next_wake(f.state, f.clock.now()) != f.clock.now() + Millis { 33 });
}

TEST_CASE("Scroll: a wrong item says which to find, the right one is done")
{
    Fixture f;
    f.open_at("scroll-and-swipe", ExerciseKind::Scroll);
    const LessonStep& step = f.step();
    int target = static_cast<int>(std::find(step.items.begin(), step.items.end(), step.target) - step.items.begin());
    f.tap(actions::PickItem { target == 0 ? 1 : 0 });
    CHECK(f.run().ex.get<exercise::Scroll>().wrong_item == (target == 0 ? 1 : 0));
    CHECK_FALSE(f.run().ex.done);
    f.tap(actions::PickItem { target });
    CHECK(f.run().ex.done);
}

TEST_CASE("Swipe: pages turn both ways and the last page finishes it")
{
    Fixture f;
    f.open_at("scroll-and-swipe", ExerciseKind::Swipe);
    int pages = static_cast<int>(f.step().items.size());
    f.tap(actions::TurnPage { -1 });
    CHECK(f.run().ex.get<exercise::Swipe>().page == 0);
    for (int i = 1; i < pages; ++i)
        f.tap(actions::TurnPage { 1 });
    CHECK(f.run().ex.get<exercise::Swipe>().page == pages - 1);
    CHECK(f.run().ex.done);
    f.tap(actions::TurnPage { 1 });
    CHECK(f.run().ex.get<exercise::Swipe>().page == pages - 1);
}

TEST_CASE("Type: a start text with a mistake, fixed with Delete, Done checks the goal kindly")
{
    Fixture f;
    f.tap(actions::OpenLesson { "typing" });
    while (f.step().kind != ExerciseKind::Type || f.step().goal.empty())
        f.tap(actions::LessonNext {});
    std::string start = f.step().start_text[0], goal = f.step().goal_text[0];
    CHECK(f.run().ex.get<exercise::Type>().typed.view() == start);
    f.tap(actions::KeyboardDone {});
    CHECK(f.run().ex.get<exercise::Type>().mismatch);
    CHECK_FALSE(f.run().ex.done);
    // Delete back to the common part, then type the rest of the goal.
    std::size_t common = 0;
    while (common < start.size() && common < goal.size() && start[common] == goal[common])
        ++common;
    for (std::size_t i = common; i < start.size(); ++i)
        f.tap(actions::DeleteKey {});
    CHECK_FALSE(f.run().ex.get<exercise::Type>().mismatch);
    for (std::size_t i = common; i < goal.size(); ++i)
        f.tap(type_key(goal.substr(i, 1)));
    f.tap(actions::KeyboardDone {});
    CHECK(f.run().ex.done);
    CHECK(f.run().ex.get<exercise::Type>().typed.view() == goal);
}

TEST_CASE("Choose: a wrong answer explains and can be tried again, the person may still go on")
{
    Fixture f;
    f.tap(actions::OpenLesson { "passcodes-privacy" });
    while (f.step().kind != ExerciseKind::Choose)
        f.tap(actions::LessonNext {});
    const LessonStep& step = f.step();
    auto wrong = std::find_if(step.choices.begin(), step.choices.end(), [](auto& c) { return !c.right; });
    REQUIRE(wrong != step.choices.end());
    f.tap(actions::Choose { static_cast<int>(wrong - step.choices.begin()) });
    CHECK(f.run().ex.get<exercise::Choose>().chosen);
    CHECK(f.run().ex.done); // nothing can be failed: Next is offered
    f.tap(actions::TryAgain {});
    CHECK_FALSE(f.run().ex.get<exercise::Choose>().chosen);
}

TEST_CASE("With read-aloud on, a lesson's feedback is read on its own, and the next step whole")
{
    Fixture f;
    f.tap(actions::OpenLesson { "passcodes-privacy" });
    while (f.step().kind != ExerciseKind::Choose)
        f.tap(actions::LessonNext {});
    f.tap(actions::ReadAloud {});
    REQUIRE(f.state.speech.whole);
    unsigned asked = f.state.speech.request;
    f.tap(actions::Choose { 0 });
    CHECK(f.state.speech.reading);
    CHECK(f.state.speech.request > asked);
    CHECK_FALSE(f.state.speech.whole); // only the feedback that appeared
    asked = f.state.speech.request;
    f.tap(actions::LessonNext {});
    CHECK(f.state.speech.request > asked);
    CHECK(f.state.speech.whole);
}

TEST_CASE("Sort: every item gets its clue, the count of matches is kept for the end")
{
    Fixture f;
    f.open_at("spot-the-scam", ExerciseKind::Sort);
    const LessonStep& step = f.step();
    REQUIRE(step.sort_items.size() == 5);
    for (std::size_t i = 0; i < step.sort_items.size(); ++i) {
        int answer = i == 0 ? 1 - step.sort_items[i].group : step.sort_items[i].group; // the first one wrong
        f.tap(actions::Choose { answer });
        CHECK(f.run().ex.get<exercise::Sort>().sort_answer == answer);
        f.tap(actions::Choose { 1 - answer }); // a second tap cannot change the answer
        CHECK(f.run().ex.get<exercise::Sort>().sort_answer == answer);
        f.tap(actions::TurnPage { 1 });
    }
    CHECK(f.run().ex.done);
    CHECK(f.run().ex.get<exercise::Sort>().sort_right == 4);
}

TEST_CASE("Undo brings back a deleted picture")
{
    Fixture f;
    f.open_at("cant-break-it", ExerciseKind::Undo);
    f.tap(actions::PickItem { 1 });
    CHECK(f.run().ex.get<exercise::Undo>().deleted[1]);
    f.tap(actions::UndoDelete {});
    CHECK_FALSE(f.run().ex.get<exercise::Undo>().deleted[1]);
    CHECK(f.run().ex.done);
}

TEST_CASE("Audio: plays with captions, pauses, keeps the session while playing, stops at its end")
{
    Fixture f;
    f.open_at("calm-tools", ExerciseKind::Audio);
    int seconds = f.step().count;
    f.tap(actions::PlayAudio { true });
    f.wait(Seconds { 10 });
    f.tap(actions::PlayAudio { false }, Millis { 0 });
    CHECK(f.run().ex.get<exercise::Audio>().played == Seconds { 10 });
    f.tap(actions::PlayAudio { true });
    for (int i = 0; i < seconds; ++i)
        f.wait(Seconds { 1 });
    CHECK_FALSE(f.state.session.warning_until);
    CHECK_FALSE(f.run().ex.get<exercise::Audio>().playing);
    CHECK(f.run().ex.get<exercise::Audio>().played == Seconds { seconds });
    CHECK(f.run().ex.done);
}

TEST_CASE("Call: answer, mute, unmute, camera off, hang up — in that order of tasks")
{
    Fixture f;
    f.open_at("calls-and-video", ExerciseKind::Call);
    using B = actions::CallButton;
    f.tap(actions::PressCall { B::Mute }); // nothing to mute before answering
    CHECK_FALSE(f.run().ex.get<exercise::Call>().muted);
    f.tap(actions::PressCall { B::Answer });
    CHECK(f.run().ex.get<exercise::Call>().task == exercise::Call::Task::Mute);
    f.tap(actions::PressCall { B::Mute });
    f.tap(actions::PressCall { B::Mute });
    f.tap(actions::PressCall { B::Camera });
    CHECK(f.run().ex.get<exercise::Call>().task == exercise::Call::Task::HangUp);
    CHECK(f.run().ex.get<exercise::Call>().camera_off);
    CHECK_FALSE(f.run().ex.done);
    f.tap(actions::PressCall { B::HangUp });
    CHECK(f.run().ex.done);
}

TEST_CASE("Passcode: typed twice, a mismatch starts again kindly, nothing is kept after the step")
{
    Fixture f;
    f.open_at("passcodes-privacy", ExerciseKind::Passcode);
    int digits = f.step().count;
    auto enter = [&](int d) {
        for (int i = 0; i < digits; ++i)
            f.tap(actions::PickItem { d });
    };
    enter(1);
    CHECK(f.run().ex.get<exercise::Passcode>().retyping);
    enter(2);
    CHECK(f.run().ex.get<exercise::Passcode>().mismatch);
    CHECK(f.run().ex.get<exercise::Passcode>().first.empty());
    enter(3);
    enter(3);
    CHECK(f.run().ex.done);
    f.tap(actions::LessonNext {});
    CHECK(f.run().ex.get<exercise::Passcode>().first.empty());
    CHECK(f.run().ex.get<exercise::Passcode>().second.empty());
}

TEST_CASE("Back goes to the previous step, the end says what was learned and offers the next lesson")
{
    Fixture f;
    f.tap(actions::OpenLesson { "hello-tablet" });
    f.tap(actions::LessonNext {});
    CHECK(f.run().step == 1);
    f.tap(actions::Back {});
    CHECK(f.run().step == 0);
    f.tap(actions::Back {});
    CHECK(screen_id(f.state.screen()) == ScreenId::Learn);
    f.tap(actions::OpenLesson { "hello-tablet" });
    int steps = static_cast<int>(f.state.lessons->lessons[0].steps.size());
    for (int i = 0; i < steps; ++i)
        f.tap(actions::LessonNext {});
    CHECK(f.run().finished);
    const LessonRecord* record = lesson_record(f.state, "hello-tablet");
    REQUIRE(record);
    CHECK(record->finished);
    CHECK(record->count(LessonRecord::Mark::Skipped) == 1); // the tap step, skipped
    CHECK(record->count(LessonRecord::Mark::Done) == steps - 1);
    f.tap(actions::Back {});
    CHECK_FALSE(f.run().finished);
    CHECK(f.run().step == steps - 1);
}

TEST_CASE("Progress lives only in the session: the marks are gone after it ends")
{
    Fixture f;
    f.tap(actions::OpenLesson { "hello-tablet" });
    for (int i = 0; i < 4; ++i)
        f.tap(actions::LessonNext {});
    REQUIRE(lesson_record(f.state, "hello-tablet"));
    f.tap(actions::Done {});
    CHECK(f.state.session.lessons.empty());
    CHECK_FALSE(lesson_record(f.state, "hello-tablet"));
}

TEST_CASE("A guided session: staff pick a track and a reference, the person sees only the track, the PIN opens the summary and sends a Task")
{
    Fixture f;
    f.tap(actions::StaffGesture {});
    for (char d : { '2', '4', '6', '8' })
        f.tap(actions::PinDigit { d });
    f.tap(actions::PinSubmit {});
    update(f.state, actions::PinChecked { true }, f.clock.now());
    f.tap(actions::Open { ScreenId::GuidedSetup });
    REQUIRE(screen_id(f.state.screen()) == ScreenId::GuidedSetup);
    f.tap(actions::ChooseTrack { { "online-safely", "spot-the-scam", "no-such-lesson" } });
    for (const char* c : { "C", "-", "7", "7" })
        f.tap(type_key(c));
    f.tap(actions::KeyboardDone {});
    f.tap(actions::HandOver {});
    CHECK_FALSE(f.state.session.staff);
    REQUIRE(f.state.session.guided);
    CHECK(f.state.session.guided->reference.view() == "C-77");
    CHECK(screen_id(f.state.screen()) == ScreenId::Learn);
    CHECK_FALSE(can_go_back(f.state));
    CHECK(visible_lessons(f.state) == std::vector<int> { 7, 8 });
    // Lessons outside the track and staff screens stay closed.
    f.tap(actions::OpenLesson { "hello-tablet" });
    CHECK(screen_id(f.state.screen()) == ScreenId::Learn);
    f.tap(actions::Open { ScreenId::StaffHome });
    CHECK(screen_id(f.state.screen()) == ScreenId::Learn);
    f.tap(actions::OpenLesson { "spot-the-scam" });
    f.tap(actions::LessonNext {});
    f.tap(actions::GoHome {});
    CHECK(screen_id(f.state.screen()) == ScreenId::Learn);
    // Staff take the tablet back: the PIN opens the summary.
    f.tap(actions::StaffGesture {});
    f.tap(actions::PinDigit { '1' });
    f.tap(actions::PinDigit { '1' });
    f.tap(actions::PinDigit { '1' });
    f.tap(actions::PinDigit { '1' });
    f.tap(actions::PinSubmit {});
    update(f.state, actions::PinChecked { true }, f.clock.now());
    REQUIRE(screen_id(f.state.screen()) == ScreenId::GuidedSummary);
    f.state.requests.clear();
    f.tap(actions::SendProgress { "task-uuid-1" });
    REQUIRE(f.state.requests.size() == 1);
    const Request& sent = f.state.requests[0];
    CHECK(sent.kind == Request::Kind::Progress);
    CHECK(sent.name == "C-77");
    REQUIRE(sent.lessons.size() == 1);
    CHECK(sent.lessons[0].lesson_id == "spot-the-scam");
    CHECK(sent.lessons[0].count(LessonRecord::Mark::Done) == 1); // the first step, read
    CHECK_FALSE(sent.lessons[0].finished);
    // …and the session is wiped: nothing of the person or the reference remains.
    CHECK(screen_id(f.state.screen()) == ScreenId::Welcome);
    CHECK_FALSE(f.state.session.guided);
    CHECK(f.state.session.lessons.empty());
    CHECK_FALSE(f.state.session.staff);
}
