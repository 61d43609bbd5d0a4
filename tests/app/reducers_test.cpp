// One or two tests per feature reducer (app/update_<feature>.cpp), each on something a person
// or a member of staff would notice. The flows themselves are in the feature's own test file.
#include "app/config.h"
#include "app/content.h"
#include "app/state.h"
#include "model_driver.h"
#include "sync/protocol.h"
#include "ui/widgets.h"

#include "test_content.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <memory>

using namespace kiosk;

namespace {

using Fixture = kiosk::test::ModelDriver;

using kiosk::test::content;

void unlock_staff(Fixture& f)
{
    f.tap(actions::StaffGesture {});
    for (char d : { '2', '4', '6', '8' })
        f.tap(actions::PinDigit { d });
    f.tap(actions::PinSubmit {});
    update(f.state, actions::PinChecked { true }, f.clock.now());
    REQUIRE(f.state.session.staff);
}

}

TEST_CASE("Session: a staff screen, a lesson or the hand-back screen cannot be opened by Open alone")
{
    Fixture f;
    f.tap(actions::Start {});
    for (ScreenId target : { ScreenId::StaffQueue, ScreenId::GuidedSetup, ScreenId::LessonRun, ScreenId::HandBack, ScreenId::GuidedSummary }) {
        f.tap(actions::Open { target });
        CHECK(f.on() == ScreenId::Home);
    }
}

TEST_CASE("Session: the keyboard types only into the screen on top that has a field")
{
    Fixture f;
    f.tap(actions::Start {});
    f.tap(type_key("a")); // on Home: nothing to type into, nothing happens
    f.tap(actions::KeyboardDone {});
    CHECK(f.on() == ScreenId::Home);
    f.tap(actions::Open { ScreenId::BookPeer });
    f.tap(actions::ChooseWalkIn {});
    f.tap(actions::NextStep {});
    f.tap(type_key("J"));
    f.tap(type_key("o"));
    auto& w = std::get<screens::WalkIn>(f.state.screen());
    CHECK(w.step == screens::WalkIn::Step::Name);
    CHECK(w.name.view() == "Jo");
}

TEST_CASE("Settings: a choice made on Welcome lasts into the session")
{
    Fixture f;
    f.tap(actions::SetLanguage { Language::Spanish });
    f.tap(actions::Start {});
    CHECK(f.state.settings.language == Language::Spanish);
    f.tap(actions::Open { ScreenId::Settings });
    f.tap(actions::SetTheme { Theme::Light });
    f.tap(actions::GoHome {});
    CHECK(f.state.settings.theme == Theme::Light);
}

TEST_CASE("Find help: a second category replaces the first on the path, so Back goes to Find help")
{
    Fixture f;
    f.tap(actions::Start {});
    f.tap(actions::Open { ScreenId::FindHelp });
    REQUIRE(directory_categories.size() >= 2);
    f.tap(actions::OpenHelpCategory { std::string(directory_categories[0]) });
    f.tap(actions::OpenHelpCategory { std::string(directory_categories[1]) });
    CHECK(std::get<screens::HelpList>(f.state.screen()).category == directory_categories[1]);
    f.tap(actions::Back {});
    CHECK(f.on() == ScreenId::FindHelp);
}

TEST_CASE("Booking: an answer for a walk-in the person left is still kept on its screen")
{
    Fixture f;
    f.tap(actions::Start {});
    f.tap(actions::Open { ScreenId::BookPeer });
    f.tap(actions::ChooseWalkIn {});
    f.tap(actions::NextStep {});
    f.tap(actions::SkipName {});
    f.tap(actions::ConfirmRequest { "11111111-2222-4333-8444-555555555555" });
    f.tap(actions::Open { ScreenId::AskPerson }); // the person looks at something else
    update(f.state, actions::RequestAnswered { "11111111-2222-4333-8444-555555555555", actions::RequestAnswered::Outcome::Done }, f.clock.now());
    f.tap(actions::Back {});
    CHECK(std::get<screens::WalkIn>(f.state.screen()).step == screens::WalkIn::Step::Joined);
}

TEST_CASE("Staff: Call, Served, No-show and Remove each queue one change, as the FHIR status the server expects")
{
    Fixture f;
    f.tap(actions::QueueChange { "appt-1", QueueStatus::Arrived }); // not staff: nothing
    CHECK(f.state.requests.empty());
    unlock_staff(f);
    f.tap(actions::Open { ScreenId::StaffQueue });
    REQUIRE(f.on() == ScreenId::StaffQueue);
    const std::vector<std::pair<QueueStatus, std::string_view>> expected { { QueueStatus::Arrived, "arrived" },
        { QueueStatus::Fulfilled, "fulfilled" }, { QueueStatus::NoShow, "noshow" }, { QueueStatus::Cancelled, "cancelled" } };
    auto changes = [&] {
        std::vector<Request> out;
        for (auto& r : f.state.requests)
            if (r.kind == Request::Kind::QueueChange)
                out.push_back(r);
        return out;
    };
    for (auto& [status, code] : expected) {
        f.state.requests.clear();
        f.tap(actions::QueueChange { "appt-1", status });
        REQUIRE(changes().size() == 1);
        const Request r = changes().front();
        CHECK(r.kind == Request::Kind::QueueChange);
        CHECK(r.appointment_id == "appt-1");
        CHECK(r.queue_status == status);
        CHECK(sync::fhir_status(r.queue_status) == code);
    }
    // Different statuses of one appointment are different outbox items.
    f.state.requests.clear();
    f.tap(actions::QueueChange { "appt-1", QueueStatus::Arrived });
    f.tap(actions::QueueChange { "appt-1", QueueStatus::Fulfilled });
    REQUIRE(changes().size() == 2);
    CHECK(changes()[0].uuid != changes()[1].uuid);
}

namespace {

std::shared_ptr<const StaffList> staff_list_with(const std::string& name)
{
    auto list = std::make_shared<StaffList>();
    list->waiting.push_back({ "appt-9", UtcSeconds { Seconds { 1'800'000'000 } }, name });
    return list;
}

int staff_list_requests(const AppState& state)
{
    return static_cast<int>(std::count_if(state.requests.begin(), state.requests.end(),
        [](const Request& r) { return r.kind == Request::Kind::StaffList; }));
}

}

TEST_CASE("Issue 14: the staff queue asks for the names when it opens and while it is open, and shows only what it was given")
{
    Fixture f;
    unlock_staff(f);
    f.state.requests.clear();
    f.tap(actions::Open { ScreenId::StaffQueue });
    CHECK(staff_list_requests(f.state) == 1);
    auto& queue = std::get<screens::StaffQueue>(f.state.screen());
    CHECK(queue.fetch == screens::StaffQueue::Fetch::Asking);
    CHECK_FALSE(queue.list);
    update(f.state, actions::StaffListArrived { staff_list_with("Rosalind Featherstonehaugh"), {} }, f.clock.now());
    REQUIRE(std::get<screens::StaffQueue>(f.state.screen()).list);
    CHECK(std::get<screens::StaffQueue>(f.state.screen()).list->waiting.front().name == "Rosalind Featherstonehaugh");
    // Asked again while it stays open (staff keep touching it, so the session does not time out).
    f.state.requests.clear();
    CHECK(next_wake(f.state, f.clock.now()) <= f.clock.now() + screens::StaffQueue::refresh_every);
    f.tap(actions::Touch {}, Seconds { 20 });
    f.wait(Seconds { 11 });
    CHECK(staff_list_requests(f.state) == 1);
    // A refresh that fails drops the names it had: no stale list, a reason instead.
    std::weak_ptr<const StaffList> shown = std::get<screens::StaffQueue>(f.state.screen()).list;
    update(f.state, actions::StaffListArrived { nullptr, "cannot reach the clinic server" }, f.clock.now());
    CHECK(shown.expired());
    CHECK(std::get<screens::StaffQueue>(f.state.screen()).fetch == screens::StaffQueue::Fetch::Failed);
    CHECK_FALSE(std::get<screens::StaffQueue>(f.state.screen()).list);
}

TEST_CASE("Issue 14: End staff mode, the idle wipe and leaving the queue destroy the names, and a late list is not taken")
{
    auto open_with_names = [](Fixture& f) {
        unlock_staff(f);
        f.tap(actions::Open { ScreenId::StaffQueue });
        auto list = staff_list_with("Rosalind Featherstonehaugh");
        std::weak_ptr<const StaffList> held = list;
        update(f.state, actions::StaffListArrived { std::move(list), {} }, f.clock.now());
        REQUIRE_FALSE(held.expired()); // the queue holds it, and nothing else
        return held;
    };
    {
        Fixture f;
        auto held = open_with_names(f);
        f.tap(actions::EndStaffMode {});
        CHECK(f.on() == ScreenId::Welcome);
        CHECK(held.expired());
    }
    {
        Fixture f;
        auto held = open_with_names(f);
        f.wait(f.timing.idle_timeout);
        f.wait(f.timing.warning);
        CHECK(f.state.last_wipe == WipeReason::Idle);
        CHECK(held.expired());
    }
    {
        Fixture f;
        auto held = open_with_names(f);
        f.tap(actions::Back {});
        CHECK(f.on() == ScreenId::StaffHome);
        CHECK(held.expired());
        // A list that arrives when the queue is no longer open is dropped at once.
        auto late = staff_list_with("Late Arrival Name");
        std::weak_ptr<const StaffList> late_held = late;
        update(f.state, actions::StaffListArrived { std::move(late), {} }, f.clock.now());
        CHECK(late_held.expired());
    }
}

TEST_CASE("Lessons: the call exercise asks for each task in turn and is done when the person hangs up")
{
    using Task = exercise::Call::Task;
    Fixture f;
    f.state.lessons = content().lessons;
    f.tap(actions::Start {});
    f.tap(actions::Open { ScreenId::Learn });
    f.tap(actions::OpenLesson { "calls-and-video" });
    auto run = [&]() -> screens::LessonRun& { return std::get<screens::LessonRun>(f.state.screen()); };
    while (!run().ex.as<exercise::Call>()) {
        REQUIRE_FALSE(run().finished);
        f.tap(actions::LessonNext {});
    }
    auto task = [&] { return run().ex.get<exercise::Call>().task; };
    CHECK(task() == Task::Answer);
    f.tap(actions::PressCall { actions::CallButton::HangUp }); // still ringing: nothing to hang up
    CHECK_FALSE(run().ex.done);
    f.tap(actions::PressCall { actions::CallButton::Answer });
    CHECK(task() == Task::Mute);
    f.tap(actions::PressCall { actions::CallButton::Camera }); // out of turn: allowed, not counted
    f.tap(actions::PressCall { actions::CallButton::Camera });
    CHECK(task() == Task::Mute);
    f.tap(actions::PressCall { actions::CallButton::Mute });
    CHECK(task() == Task::Unmute);
    f.tap(actions::PressCall { actions::CallButton::Mute });
    CHECK(task() == Task::CameraOff);
    f.tap(actions::PressCall { actions::CallButton::Camera });
    CHECK(task() == Task::HangUp);
    f.tap(actions::PressCall { actions::CallButton::HangUp });
    CHECK(run().ex.done);
}

TEST_CASE("Speech: a lesson's feedback is read as new words, not the whole screen again")
{
    Fixture f;
    f.state.lessons = content().lessons;
    f.tap(actions::ReadAloud {});
    f.tap(actions::Start {});
    f.tap(actions::Open { ScreenId::Learn });
    f.tap(actions::OpenLesson { "calls-and-video" });
    auto run = [&]() -> screens::LessonRun& { return std::get<screens::LessonRun>(f.state.screen()); };
    while (!run().ex.as<exercise::Call>())
        f.tap(actions::LessonNext {});
    REQUIRE(f.state.speech.whole);
    unsigned before = f.state.speech.request;
    f.tap(actions::PressCall { actions::CallButton::Answer });
    CHECK(f.state.speech.reading);
    CHECK(f.state.speech.request == before + 1);
    CHECK_FALSE(f.state.speech.whole);
}

// Screens get only what they draw of the config (Ui::config is a ScreenConfig).
template <class C>
constexpr bool sees_secrets = requires(const C& c) { c.staff_pin_hash; } || requires(const C& c) { c.key_file; }
    || requires(const C& c) { c.store_key_file; } || requires(const C& c) { c.server_url; };

TEST_CASE("Screens see the clinic's name and lines from the config, never its PIN hash, keys or server")
{
    STATIC_REQUIRE(std::is_same_v<decltype(ui::Ui::config), const ScreenConfig&>);
    STATIC_REQUIRE_FALSE(sees_secrets<ScreenConfig>);
    STATIC_REQUIRE(sees_secrets<Config>); // the check can tell
}
