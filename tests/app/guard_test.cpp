// The double-tap guard follows from an action's type: person input within the settle time of a
// screen change is dropped, platform events never are. Every event type must have a case here
// (the test does not compile otherwise), so a new event is covered as soon as it exists.
#include "app/content.h"
#include "app/state.h"
#include "model_driver.h"

#include "test_content.h"

#include <catch2/catch.hpp>
#include <functional>
#include <string>

using namespace kiosk;

namespace {

using Fixture = kiosk::test::ModelDriver;

using kiosk::test::content;

// For one event: put the model where the event makes a visible difference, and say what the
// difference is.
struct Case {
    std::function<void(Fixture&)> prepare;
    Action event;
    std::function<bool(const Fixture&)> handled;
};

template <class E>
Case case_for()
{
    static_assert(sizeof(E) == 0, "every platform event needs a case in guard_test.cpp");
    return {};
}

template <>
Case case_for<actions::Touch>()
{
    return { [](Fixture& f) { f.tap(actions::Start {}); }, actions::Touch {},
        [](const Fixture& f) { return f.state.session.last_touch == f.clock.now(); } };
}

template <>
Case case_for<actions::ReleaseTarget>()
{
    return { [](Fixture& f) {
                f.state.lessons = content().lessons;
                f.tap(actions::Start {});
                f.tap(actions::Open { ScreenId::Learn });
                f.tap(actions::OpenLesson { "press-and-hold" });
                auto& run = std::get<screens::LessonRun>(f.state.screen());
                while (f.state.lessons->lessons[static_cast<std::size_t>(run.lesson)].steps[static_cast<std::size_t>(run.step)].kind
                    != ExerciseKind::Hold)
                    f.tap(actions::LessonNext {});
                f.tap(actions::HoldTarget {});
                f.clock.advance(Millis { 300 });
            },
        actions::ReleaseTarget {},
        [](const Fixture& f) { return !std::get<screens::LessonRun>(f.state.screen()).ex.get<exercise::Hold>().hold_since.has_value(); } };
}

template <>
Case case_for<actions::Tick>()
{
    return { [](Fixture& f) {
                f.tap(actions::Start {});
                f.clock.advance(f.timing.idle_timeout);
            },
        actions::Tick {}, [](const Fixture& f) { return f.warning(); } };
}

template <>
Case case_for<actions::ClinicLoaded>()
{
    static auto content = [] {
        ClinicContent c;
        c.updated_at_ms = 42;
        return std::make_shared<const ClinicContent>(c);
    }();
    return { [](Fixture&) { }, actions::ClinicLoaded { content, false }, [](const Fixture& f) { return f.state.clinic == content; } };
}

template <>
Case case_for<actions::HealthChanged>()
{
    DeviceHealth health;
    health.outbox_pending = 3;
    return { [](Fixture&) { }, actions::HealthChanged { health }, [](const Fixture& f) { return f.state.health.outbox_pending == 3; } };
}

template <>
Case case_for<actions::RequestAnswered>()
{
    return { [](Fixture& f) {
                f.tap(actions::Start {});
                f.tap(actions::Open { ScreenId::BookPeer });
                f.tap(actions::ChooseWalkIn {});
                f.tap(actions::NextStep {});
                f.tap(actions::SkipName {});
                f.tap(actions::ConfirmRequest { "11111111-2222-4333-8444-555555555555" });
                REQUIRE(std::get<screens::WalkIn>(f.state.screen()).step == screens::WalkIn::Step::Sending);
            },
        actions::RequestAnswered { "11111111-2222-4333-8444-555555555555", actions::RequestAnswered::Outcome::Done },
        [](const Fixture& f) { return std::get<screens::WalkIn>(f.state.screen()).step == screens::WalkIn::Step::Joined; } };
}

template <>
Case case_for<actions::PinChecked>()
{
    return { [](Fixture& f) {
                f.tap(actions::StaffGesture {});
                for (char d : { '2', '4', '6', '8' })
                    f.tap(actions::PinDigit { d });
                f.tap(actions::PinSubmit {});
            },
        actions::PinChecked { true }, [](const Fixture& f) { return f.state.session.staff; } };
}

template <>
Case case_for<actions::SpeechDone>()
{
    return { [](Fixture& f) { f.tap(actions::ReadAloud {}); }, actions::SpeechDone { 1 },
        [](const Fixture& f) { return !f.state.speech.reading; } };
}

template <>
Case case_for<actions::RequestsTaken>()
{
    // The platform took the walk-in to send: the model's copy, with the name, must go.
    return { [](Fixture& f) {
                f.tap(actions::Start {});
                f.tap(actions::Open { ScreenId::BookPeer });
                f.tap(actions::ChooseWalkIn {});
                f.tap(actions::NextStep {});
                for (char c : std::string("Ann"))
                    f.tap(type_key(std::string(1, c)));
                f.tap(actions::KeyboardDone {});
                f.tap(actions::ConfirmRequest { "11111111-2222-4333-8444-555555555555" });
                REQUIRE(f.state.requests.size() == 1);
                REQUIRE(f.state.requests.front().name == "Ann");
            },
        actions::RequestsTaken {}, [](const Fixture& f) { return f.state.requests.empty(); } };
}

template <>
Case case_for<actions::StaffListArrived>()
{
    // Staff opened the queue a moment ago: the list with names arrives during the settle time.
    return { [](Fixture& f) {
                f.tap(actions::StaffGesture {});
                for (char d : { '2', '4', '6', '8' })
                    f.tap(actions::PinDigit { d });
                f.tap(actions::PinSubmit {});
                update(f.state, actions::PinChecked { true }, f.clock.now());
                f.tap(actions::Open { ScreenId::StaffQueue });
            },
        actions::StaffListArrived { std::make_shared<const StaffList>(), {} },
        [](const Fixture& f) { return std::get<screens::StaffQueue>(f.state.screen()).list != nullptr; } };
}

template <>
Case case_for<actions::StaffGuardRestored>()
{
    StaffGuard guard;
    guard.failures = 3;
    guard.lockouts = 1;
    return { [](Fixture&) { }, actions::StaffGuardRestored { guard },
        [](const Fixture& f) { return f.state.staff_guard.failures == 3 && f.state.staff_guard.lockouts == 1; } };
}

template <class... Es>
std::vector<Case> cases(TypeList<Es...>)
{
    return { case_for<Es>()... };
}

}

TEST_CASE("No platform event is ever dropped by the double-tap guard, 100 ms after a screen change")
{
    REQUIRE(Millis { 100 } < Timing {}.settle);
    for (Case& c : cases(actions::Event {})) {
        Fixture f;
        c.prepare(f);
        INFO("event index " << c.event.index());
        REQUIRE_FALSE(is_person_input(c.event));
        // The screen changed 100 ms ago (the idle warning answered, a step moved on...).
        f.clock.advance(Millis { 1 });
        f.state.screen_since = f.clock.now() - Millis { 100 };
        REQUIRE_FALSE(c.handled(f));
        update(f.state, c.event, f.clock.now());
        CHECK(c.handled(f));
    }
}

TEST_CASE("Person input 100 ms after a screen change is dropped, and the same tap later is not")
{
    Fixture f;
    f.tap(actions::Start {});
    f.tap(actions::Open { ScreenId::Settings }, Millis { 100 });
    CHECK(f.on() == ScreenId::Home);
    f.tap(actions::Open { ScreenId::Settings }, Millis { 300 });
    CHECK(f.on() == ScreenId::Settings);
}

TEST_CASE("Every action is either person input or a platform event, by its type")
{
    CHECK(is_person_input(actions::Start {}));
    CHECK(is_person_input(actions::HoldTarget {}));
    CHECK(is_person_input(actions::PinSubmit {}));
    CHECK_FALSE(is_person_input(actions::PinChecked { false }));
    CHECK_FALSE(is_person_input(actions::ReleaseTarget {}));
    STATIC_REQUIRE(is_event<actions::SpeechDone>);
    STATIC_REQUIRE_FALSE(is_event<actions::TypeKey>);
}
