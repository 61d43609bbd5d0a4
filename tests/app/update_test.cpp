// Unit tests of the pure model: every transition, the idle warning and wipe, on a manual clock.
#include "app/state.h"
#include "model_driver.h"

#include <catch2/catch.hpp>

using namespace kiosk;

namespace {

using Fixture = kiosk::test::ModelDriver;

}

TEST_CASE("Touch to start opens Home and starts the session")
{
    Fixture f;
    REQUIRE(f.on() == ScreenId::Welcome);
    REQUIRE_FALSE(f.state.session.started);
    f.tap(actions::Start {});
    CHECK(f.on() == ScreenId::Home);
    CHECK(f.state.session.started);
    CHECK_FALSE(can_go_back(f.state));
}

TEST_CASE("Home opens each feature, Back returns and Home goes home from anywhere")
{
    Fixture f;
    f.tap(actions::Start {});
    for (ScreenId target : { ScreenId::Learn, ScreenId::FindHelp, ScreenId::BookPeer, ScreenId::AskPerson, ScreenId::Settings }) {
        f.tap(actions::Open { target });
        CHECK(f.on() == target);
        CHECK(can_go_back(f.state));
        f.tap(actions::Back {});
        CHECK(f.on() == ScreenId::Home);
    }
    f.tap(actions::Open { ScreenId::Learn });
    f.tap(actions::Open { ScreenId::TypingPractice });
    f.tap(actions::Open { ScreenId::AskPerson });
    CHECK(f.state.stack.size() == 4);
    f.tap(actions::Back {});
    CHECK(f.on() == ScreenId::TypingPractice);
    f.tap(actions::GoHome {});
    CHECK(f.on() == ScreenId::Home);
    CHECK(f.state.stack.size() == 1);
}

TEST_CASE("Opening a screen already on the path goes back to it rather than stacking a copy")
{
    Fixture f;
    f.tap(actions::Start {});
    f.tap(actions::Open { ScreenId::AskPerson });
    f.tap(actions::Open { ScreenId::AskPerson });
    CHECK(f.state.stack.size() == 2);
}

TEST_CASE("Ask for a person from Welcome comes back to Welcome")
{
    Fixture f;
    f.tap(actions::Open { ScreenId::AskPerson });
    CHECK(f.on() == ScreenId::AskPerson);
    f.tap(actions::Back {});
    CHECK(f.on() == ScreenId::Welcome);
}

TEST_CASE("Back on Home and Home on Welcome do nothing, and Welcome and Goodbye cannot be opened")
{
    Fixture f;
    f.tap(actions::GoHome {});
    CHECK(f.on() == ScreenId::Welcome);
    f.tap(actions::Start {});
    f.tap(actions::Back {});
    CHECK(f.on() == ScreenId::Home);
    f.tap(actions::Open { ScreenId::Welcome });
    f.tap(actions::Open { ScreenId::Goodbye });
    CHECK(f.on() == ScreenId::Home);
}

TEST_CASE("Settings change at once and last for the session")
{
    Fixture f;
    f.tap(actions::SetLanguage { Language::Spanish });
    f.tap(actions::SetTextSize { TextSize::Largest });
    f.tap(actions::Start {});
    f.tap(actions::Open { ScreenId::Settings });
    f.tap(actions::SetTheme { Theme::Light });
    f.tap(actions::GoHome {});
    CHECK(f.state.settings == Settings { Language::Spanish, Theme::Light, TextSize::Largest });
}

TEST_CASE("Idle: warning after the timeout, then the wipe back to Welcome with defaults")
{
    // The clinic's defaults differ from Settings {} and from what the person picks, so the wipe
    // can only pass by restoring the clinic's.
    const Settings clinic { Language::Spanish, Theme::Light, TextSize::Large };
    REQUIRE_FALSE(clinic == Settings {});
    Fixture f { clinic };
    REQUIRE(f.state.settings == clinic);
    f.tap(actions::Start {});
    f.tap(actions::Open { ScreenId::Settings });
    f.tap(actions::SetTextSize { TextSize::Largest });
    f.tap(actions::SetTheme { Theme::Dark });
    f.tap(actions::SetLanguage { Language::English });
    REQUIRE_FALSE(f.state.settings == clinic);

    f.wait(f.timing.idle_timeout - Millis { 1 });
    CHECK_FALSE(f.warning());
    f.wait(Millis { 1 });
    REQUIRE(f.warning());
    CHECK(warning_seconds_left(f.state, f.clock.now()) == 30);
    CHECK(f.on() == ScreenId::Settings); // the screen underneath is kept for "I'm still here"

    f.wait(Seconds { 29 });
    CHECK(f.warning());
    CHECK(warning_seconds_left(f.state, f.clock.now()) == 1);
    f.wait(Seconds { 1 });
    CHECK_FALSE(f.warning());
    CHECK(f.on() == ScreenId::Welcome);
    CHECK(f.state.stack.size() == 1);
    CHECK(f.state.settings == clinic);
    CHECK_FALSE(f.state.session.started);
    CHECK(f.state.last_wipe == WipeReason::Idle);
    CHECK(f.state.sessions_ended == 1);
}

TEST_CASE("A touch anywhere resets the idle timer")
{
    Fixture f;
    f.tap(actions::Start {});
    f.wait(Seconds { 80 });
    f.clock.advance(Seconds { 1 });
    update(f.state, actions::Touch {}, f.clock.now());
    f.wait(Seconds { 80 });
    CHECK_FALSE(f.warning());
    f.wait(Seconds { 10 });
    CHECK(f.warning());
}

TEST_CASE("I'm still here keeps the session, its screen and its typed text")
{
    Fixture f;
    f.tap(actions::Start {});
    f.tap(actions::Open { ScreenId::Learn });
    f.tap(actions::Open { ScreenId::TypingPractice });
    f.tap(type_key("H"));
    f.tap(type_key("i"));
    f.wait(f.timing.idle_timeout);
    REQUIRE(f.warning());
    // While the question shows, other taps and plain touches do not dismiss it.
    f.tap(actions::GoHome {});
    CHECK(f.warning());
    f.tap(actions::StillHere {});
    CHECK_FALSE(f.warning());
    REQUIRE(f.on() == ScreenId::TypingPractice);
    CHECK(std::get<screens::TypingPractice>(f.state.screen()).text.view() == "Hi");
    f.wait(f.timing.idle_timeout - Millis { 1 });
    CHECK_FALSE(f.warning());
}

TEST_CASE("Welcome with nobody there never times out")
{
    Fixture f;
    f.wait(Seconds { 3600 });
    CHECK(f.on() == ScreenId::Welcome);
    CHECK_FALSE(f.warning());
    CHECK_FALSE(next_wake(f.state, f.clock.now()).has_value());
}

TEST_CASE("Someone who only changed the language on Welcome is also timed out")
{
    Fixture f;
    f.tap(actions::SetLanguage { Language::Spanish });
    f.wait(f.timing.idle_timeout);
    CHECK(f.warning());
    f.wait(f.timing.warning);
    CHECK(f.state.settings.language == Language::English);
}

TEST_CASE("I'm done wipes at once, says goodbye in the person's language, then Welcome")
{
    Fixture f;
    f.tap(actions::SetLanguage { Language::Spanish });
    f.tap(actions::Start {});
    f.tap(actions::Open { ScreenId::Learn });
    f.tap(actions::Open { ScreenId::TypingPractice });
    f.tap(type_key("x"));
    f.tap(actions::GoHome {});
    f.tap(actions::Done {});
    REQUIRE(f.on() == ScreenId::Goodbye);
    CHECK(f.state.stack.size() == 1);
    CHECK(f.state.settings.language == Language::English);        // the session's settings are gone
    CHECK(effective_settings(f.state).language == Language::Spanish); // goodbye still speaks Spanish
    CHECK(f.state.last_wipe == WipeReason::Done);
    f.wait(f.timing.goodbye - Millis { 1 });
    CHECK(f.on() == ScreenId::Goodbye);
    f.wait(Millis { 1 });
    CHECK(f.on() == ScreenId::Welcome);
    CHECK(effective_settings(f.state).language == Language::English);
}

TEST_CASE("Start again leaves Goodbye at once")
{
    Fixture f;
    f.tap(actions::Start {});
    f.tap(actions::Done {});
    f.tap(actions::LeaveGoodbye {});
    CHECK(f.on() == ScreenId::Welcome);
}

TEST_CASE("A second tap during a screen change does not fire")
{
    Fixture f;
    f.tap(actions::Start {});
    REQUIRE(f.on() == ScreenId::Home);
    // 150 ms later the second tap of a double tap lands on Home's "Find help".
    f.tap(actions::Open { ScreenId::FindHelp }, Millis { 150 });
    CHECK(f.on() == ScreenId::Home);
    // A deliberate tap a moment later works.
    f.tap(actions::Open { ScreenId::FindHelp }, Millis { 400 });
    CHECK(f.on() == ScreenId::FindHelp);
}

TEST_CASE("Typing practice: keys, Shift, Delete, Done and Type again")
{
    Fixture f;
    f.tap(actions::Start {});
    f.tap(actions::Open { ScreenId::Learn });
    f.tap(actions::Open { ScreenId::TypingPractice });
    auto typing = [&]() -> screens::TypingPractice& { return std::get<screens::TypingPractice>(f.state.screen()); };
    CHECK(typing().shift); // starts with a capital, like a phone
    f.tap(type_key("C"));
    CHECK_FALSE(typing().shift);
    f.tap(type_key("a"));
    f.tap(type_key("g"));
    f.tap(actions::DeleteKey {});
    f.tap(type_key("t"));
    CHECK(typing().text.view() == "Cat");
    f.tap(actions::ShiftKey {});
    CHECK(typing().shift);
    f.tap(actions::KeyboardDone {});
    CHECK(typing().step == 2);
    f.tap(actions::TypeAgain {});
    CHECK(typing().step == 1);
    CHECK(typing().text.empty());
}

TEST_CASE("Leaving the typing screen destroys what was typed on it")
{
    Fixture f;
    f.tap(actions::Start {});
    f.tap(actions::Open { ScreenId::Learn });
    f.tap(actions::Open { ScreenId::TypingPractice });
    f.tap(type_key("z"));
    REQUIRE(std::get<screens::TypingPractice>(f.state.screen()).text.view() == "z");
    f.tap(actions::Back {});
    REQUIRE(f.on() == ScreenId::Learn);
    f.tap(actions::Open { ScreenId::TypingPractice });
    CHECK(std::get<screens::TypingPractice>(f.state.screen()).text.empty());
}

TEST_CASE("next_wake names the idle deadline, each countdown second, and the goodbye")
{
    Fixture f;
    f.tap(actions::Start {});
    TimePoint started = f.clock.now();
    CHECK(next_wake(f.state, f.clock.now()) == started + f.timing.idle_timeout);
    f.wait(f.timing.idle_timeout);
    TimePoint warned = f.clock.now();
    CHECK(next_wake(f.state, f.clock.now()) == warned + Seconds { 1 });
    f.wait(Millis { 1500 });
    CHECK(next_wake(f.state, f.clock.now()) == warned + Seconds { 2 });
    f.tap(actions::StillHere {});
    f.tap(actions::Done {});
    CHECK(next_wake(f.state, f.clock.now()) == f.clock.now() + f.timing.goodbye);
}

#include "app/gallery.h"

TEST_CASE("The gallery reaches every screen through update(), with no timer run out")
{
    TimePoint now { Seconds { 5000 } };
    Timing timing {};
    auto entries = gallery(Settings { Language::Spanish, Theme::Light, TextSize::Large }, timing, now);
    std::vector<std::pair<std::string, ScreenId>> expected {
        { "welcome", ScreenId::Welcome }, { "home", ScreenId::Home }, { "settings", ScreenId::Settings },
        { "ask-person", ScreenId::AskPerson }, { "learn", ScreenId::Learn }, { "find-help", ScreenId::FindHelp },
        { "privacy", ScreenId::PrivacyInfo }, { "book-peer", ScreenId::BookPeer }, { "typing-practice-1", ScreenId::TypingPractice },
        { "typing-practice-2", ScreenId::TypingPractice }, { "still-there", ScreenId::Home }, { "goodbye", ScreenId::Goodbye },
        { "staff-pin", ScreenId::StaffPin }, { "staff-home", ScreenId::StaffHome }, { "staff-queue", ScreenId::StaffQueue },
        { "staff-health", ScreenId::StaffHealth },
        { "crisis", ScreenId::Crisis }, { "breathing", ScreenId::Breathing }, { "help-list-crisis", ScreenId::HelpList },
        { "help-list-calm", ScreenId::HelpList }, { "help-list-coping", ScreenId::HelpList }, { "help-list-groups", ScreenId::HelpList },
        { "help-list-phones", ScreenId::HelpList }, { "help-list-app", ScreenId::HelpList }, { "help-list-everyday", ScreenId::HelpList },
        { "meet-peers", ScreenId::MeetPeers }, { "walk-in-1", ScreenId::WalkIn },
        { "walk-in-2", ScreenId::WalkIn }, { "walk-in-3", ScreenId::WalkIn }, { "walk-in-ticket", ScreenId::WalkIn },
        { "walk-in-not-kept", ScreenId::WalkIn },
        { "book-time-1", ScreenId::BookTime },
    };
    REQUIRE(entries.size() == expected.size());
    for (std::size_t i = 0; i < entries.size(); ++i) {
        INFO(entries[i].name);
        CHECK(entries[i].name == expected[i].first);
        update(entries[i].state, actions::Tick {}, now);
        CHECK(screen_id(entries[i].state.screen()) == expected[i].second);
        CHECK(entries[i].state.session.warning_until.has_value() == (entries[i].name == "still-there"));
        CHECK(entries[i].state.settings.language == Language::Spanish);
    }
    auto named = [&](const std::string& name) -> AppState& {
        for (auto& e : entries)
            if (e.name == name)
                return e.state;
        FAIL("no gallery entry " << name);
        return entries.front().state;
    };
    CHECK(warning_seconds_left(named("still-there"), now) == 30);
    CHECK(std::get<screens::TypingPractice>(named("typing-practice-2").screen()).step == 2);
    CHECK(std::get<screens::TypingPractice>(named("typing-practice-2").screen()).text.view() == "Cat");
    CHECK(std::get<screens::WalkIn>(named("walk-in-ticket").screen()).step == screens::WalkIn::Step::Joined);
    CHECK(std::get<screens::WalkIn>(named("walk-in-not-kept").screen()).step == screens::WalkIn::Step::NotKept);
}

TEST_CASE("Clinic content from the worker replaces the old, survives the wipe, and the cache never overwrites a pull")
{
    Fixture f;
    ClinicContent pulled;
    pulled.updated_at_ms = 2000;
    pulled.peers.push_back({ "r1", "p1", "Sam", { "en" }, {} });
    ClinicContent cached;
    cached.updated_at_ms = 1000;
    update(f.state, actions::ClinicLoaded { std::make_shared<const ClinicContent>(pulled), false }, f.clock.now());
    update(f.state, actions::ClinicLoaded { std::make_shared<const ClinicContent>(cached), true }, f.clock.now());
    CHECK(f.state.clinic->updated_at_ms == 2000);
    CHECK_FALSE(f.state.clinic_from_cache);
    f.tap(actions::Start {});
    f.tap(actions::Done {});
    CHECK(f.state.clinic->peers.size() == 1); // the clinic's content is not a person's data
    DeviceHealth health;
    health.server_configured = true;
    health.outbox_pending = 3;
    update(f.state, actions::HealthChanged { health }, f.clock.now());
    CHECK(f.state.health.outbox_pending == 3);
}

namespace {
void enter_pin(Fixture& f, const char* digits, bool correct)
{
    for (const char* d = digits; *d; ++d)
        f.tap(actions::PinDigit { *d });
    f.tap(actions::PinSubmit {});
    update(f.state, actions::PinChecked { correct }, f.clock.now());
}
}

TEST_CASE("The staff gesture opens the PIN pad, and a right PIN opens staff mode")
{
    Fixture f;
    f.tap(actions::StaffGesture {});
    REQUIRE(f.on() == ScreenId::StaffPin);
    f.tap(actions::PinDigit { '2' });
    f.tap(actions::PinDigit { 'x' }); // not a digit: ignored
    f.tap(actions::PinDelete {});
    f.tap(actions::PinDigit { '2' });
    f.tap(actions::PinSubmit {}); // fewer than 4 digits: nothing to check
    CHECK_FALSE(std::get<screens::StaffPin>(f.state.screen()).checking);
    f.tap(actions::PinDigit { '4' });
    f.tap(actions::PinDigit { '6' });
    f.tap(actions::PinDigit { '8' });
    f.tap(actions::PinSubmit {});
    CHECK(std::get<screens::StaffPin>(f.state.screen()).checking);
    CHECK(std::get<screens::StaffPin>(f.state.screen()).digits.view() == "2468");
    update(f.state, actions::PinChecked { true }, f.clock.now());
    CHECK(f.on() == ScreenId::StaffHome);
    CHECK(f.state.session.staff);
    f.tap(actions::Open { ScreenId::StaffHealth });
    CHECK(f.on() == ScreenId::StaffHealth);
    f.tap(actions::GoHome {});
    CHECK(f.on() == ScreenId::StaffHome); // home, for staff, is the staff screen
    f.tap(actions::EndStaffMode {});
    CHECK(f.on() == ScreenId::Welcome);
    CHECK_FALSE(f.state.session.staff);
    CHECK(f.state.last_wipe == WipeReason::Staff);
}

TEST_CASE("Staff screens do not open without the PIN")
{
    Fixture f;
    f.tap(actions::Start {});
    f.tap(actions::Open { ScreenId::StaffHealth });
    f.tap(actions::Open { ScreenId::StaffHome });
    CHECK(f.on() == ScreenId::Home);
    f.tap(actions::EndStaffMode {});
    CHECK(f.on() == ScreenId::Home);
}

TEST_CASE("Five wrong PINs lock the pad for a minute, doubling with each lockout, even across sessions")
{
    Fixture f;
    f.tap(actions::StaffGesture {});
    for (int i = 0; i < 4; ++i) {
        enter_pin(f, "1111", false);
        CHECK(std::get<screens::StaffPin>(f.state.screen()).feedback == screens::StaffPin::Feedback::Wrong);
        CHECK(std::get<screens::StaffPin>(f.state.screen()).digits.empty());
    }
    enter_pin(f, "1111", false);
    CHECK(std::get<screens::StaffPin>(f.state.screen()).feedback == screens::StaffPin::Feedback::Locked);
    CHECK(lockout_seconds_left(f.state, f.clock.now()) == 60);
    // While locked, digits and OK do nothing, even the right PIN.
    f.tap(actions::PinDigit { '2' });
    CHECK(std::get<screens::StaffPin>(f.state.screen()).digits.empty());
    // Ending the session does not end the lockout.
    f.tap(actions::GoHome {});
    f.tap(actions::Done {});
    f.tap(actions::LeaveGoodbye {});
    f.tap(actions::StaffGesture {});
    CHECK(f.state.staff_guard.locked(f.clock.now()));
    f.wait(Seconds { 60 });
    CHECK_FALSE(f.state.staff_guard.locked(f.clock.now()));
    for (int i = 0; i < 5; ++i)
        enter_pin(f, "1111", false);
    CHECK(lockout_seconds_left(f.state, f.clock.now()) == 120);
    // Staff wait out the two minutes at the tablet (touching it, so the session stays).
    f.wait(Seconds { 60 });
    update(f.state, actions::Touch {}, f.clock.now());
    f.wait(Seconds { 60 });
    enter_pin(f, "2468", true);
    CHECK(f.state.session.staff);
    CHECK(f.state.staff_guard.failures == 0);
}

TEST_CASE("Staff mode times out like a patient session")
{
    Fixture f;
    f.tap(actions::StaffGesture {});
    enter_pin(f, "2468", true);
    REQUIRE(f.state.session.staff);
    f.wait(f.timing.idle_timeout);
    f.wait(f.timing.warning);
    CHECK(f.on() == ScreenId::Welcome);
    CHECK_FALSE(f.state.session.staff);
}

TEST_CASE("The locked PIN pad wakes the loop once a second to count down")
{
    Fixture f;
    f.tap(actions::StaffGesture {});
    for (int i = 0; i < 5; ++i)
        enter_pin(f, "1111", false);
    TimePoint locked_at = f.clock.now();
    CHECK(next_wake(f.state, f.clock.now()) == locked_at + Seconds { 1 });
}

TEST_CASE("A PIN check's answer is never dropped by the double-tap guard, even just after a screen change")
{
    Fixture f;
    f.tap(actions::StaffGesture {});
    for (char d : { '2', '4', '6', '8' })
        f.tap(actions::PinDigit { d });
    f.tap(actions::PinSubmit {});
    REQUIRE(std::get<screens::StaffPin>(f.state.screen()).checking);
    // While the slow hash runs, the idle warning comes and the person answers "I'm still here":
    // the PIN screen is entered anew, and the check's answer arrives 100 ms later.
    f.wait(f.timing.idle_timeout);
    REQUIRE(f.warning());
    f.tap(actions::StillHere {});
    REQUIRE_FALSE(f.warning());
    f.clock.advance(Millis { 100 });
    REQUIRE(Millis { 100 } < f.timing.settle);
    update(f.state, actions::PinChecked { true }, f.clock.now());
    CHECK(f.on() == ScreenId::StaffHome);
    CHECK(f.state.session.staff);
}

TEST_CASE("Staff clear the refused outbox items from the health view, after confirming, and only with the PIN")
{
    Fixture f;
    DeviceHealth health;
    health.server_configured = true;
    health.outbox_rejected = 2;
    f.tap(actions::HealthChanged { health });
    // Without the PIN nothing happens.
    f.tap(actions::Start {});
    f.tap(actions::ClearRejected { actions::ClearRejected::Step::Ask });
    f.tap(actions::ClearRejected { actions::ClearRejected::Step::Yes });
    CHECK(f.state.requests.empty());

    f.tap(actions::StaffGesture {});
    for (char d : { '2', '4', '6', '8' })
        f.tap(actions::PinDigit { d });
    f.tap(actions::PinSubmit {});
    update(f.state, actions::PinChecked { true }, f.clock.now());
    f.tap(actions::Open { ScreenId::StaffHealth });
    REQUIRE(f.on() == ScreenId::StaffHealth);
    // "Yes" without the question first does nothing; "No" keeps them.
    f.tap(actions::ClearRejected { actions::ClearRejected::Step::Yes });
    CHECK(f.state.requests.empty());
    f.tap(actions::ClearRejected { actions::ClearRejected::Step::Ask });
    CHECK(std::get<screens::StaffHealth>(f.state.screen()).confirm_clear);
    f.tap(actions::ClearRejected { actions::ClearRejected::Step::No });
    CHECK_FALSE(std::get<screens::StaffHealth>(f.state.screen()).confirm_clear);
    CHECK(f.state.requests.empty());
    f.tap(actions::ClearRejected { actions::ClearRejected::Step::Ask });
    f.tap(actions::ClearRejected { actions::ClearRejected::Step::Yes });
    REQUIRE(f.state.requests.size() == 1);
    CHECK(f.state.requests[0].kind == Request::Kind::ClearRejected);
    CHECK_FALSE(std::get<screens::StaffHealth>(f.state.screen()).confirm_clear);
}
