// Read-aloud in the pure model: when something is to be read, whole or only what is new, and
// when it must stop (Stop, a new screen with read-aloud off, staff mode, the end of a session).
#include "app/state.h"
#include "model_driver.h"

#include <catch2/catch.hpp>

using namespace kiosk;

namespace {

using Fixture = kiosk::test::ModelDriver;

// A request to read started since `before`: the number grew and reading is on.
bool started_reading(const Fixture& f, unsigned before) { return f.state.speech.reading && f.state.speech.request > before; }

}

TEST_CASE("Read aloud reads this screen, then each new screen whole, until Stop")
{
    Fixture f;
    CHECK_FALSE(f.state.speech.reading);
    f.tap(actions::ReadAloud {});
    CHECK(f.state.settings.read_aloud);
    CHECK(started_reading(f, 0));
    CHECK(f.state.speech.whole);
    unsigned asked = f.state.speech.request;
    // The platform says the Welcome reading ended: quiet, and the next screen is read whole.
    update(f.state, actions::SpeechDone { asked }, f.clock.now());
    CHECK_FALSE(f.state.speech.reading);
    f.tap(actions::Start {});
    CHECK(started_reading(f, asked));
    CHECK(f.state.speech.whole);
    // An old reading's end does not stop the new one.
    update(f.state, actions::SpeechDone { asked }, f.clock.now());
    CHECK(f.state.speech.reading);
    // Stop: quiet now; the mode stays on, so the next screen is read again.
    f.tap(actions::StopReading {});
    CHECK_FALSE(f.state.speech.reading);
    CHECK(f.state.settings.read_aloud);
    asked = f.state.speech.request;
    f.tap(actions::Open { ScreenId::FindHelp });
    CHECK(started_reading(f, asked));
}

TEST_CASE("With read-aloud on, each step of a flow is read whole, and typing is not read")
{
    Fixture f;
    f.tap(actions::Start {});
    f.tap(actions::Open { ScreenId::BookPeer });
    f.tap(actions::ChooseWalkIn {});
    REQUIRE(f.on() == ScreenId::WalkIn);
    f.tap(actions::SetReadAloud { true });
    REQUIRE(f.state.speech.reading);
    unsigned asked = f.state.speech.request;
    f.tap(actions::NextStep {});
    REQUIRE(std::get<screens::WalkIn>(f.state.screen()).step == screens::WalkIn::Step::Name);
    CHECK(started_reading(f, asked));
    CHECK(f.state.speech.whole);
    // Typing a letter changes nothing that is read.
    asked = f.state.speech.request;
    f.tap(type_key("A"));
    CHECK(f.state.speech.request == asked);
    f.tap(actions::KeyboardDone {});
    CHECK(started_reading(f, asked));
    CHECK(f.state.speech.whole);
}

TEST_CASE("Read-aloud off: new screens are quiet, and turning it off stops a reading")
{
    Fixture f;
    f.tap(actions::Start {});
    f.tap(actions::Open { ScreenId::Settings });
    f.tap(actions::SetReadAloud { true });
    CHECK(f.state.speech.reading);
    f.tap(actions::SetVolume { Volume::Loud });
    CHECK(f.state.settings.volume == Volume::Loud);
    f.tap(actions::SetReadAloud { false });
    CHECK_FALSE(f.state.speech.reading);
    unsigned asked = f.state.speech.request;
    f.tap(actions::Back {});
    f.tap(actions::Open { ScreenId::Learn });
    CHECK_FALSE(f.state.speech.reading);
    CHECK(f.state.speech.request == asked);
}

TEST_CASE("Staff screens are never read, and the end of a session resets read-aloud and volume")
{
    Fixture f;
    f.tap(actions::Start {});
    f.tap(actions::ReadAloud {});
    f.tap(actions::SetVolume { Volume::Quiet });
    REQUIRE(f.state.speech.reading);
    f.tap(actions::StaffGesture {});
    REQUIRE(f.on() == ScreenId::StaffPin);
    CHECK_FALSE(speech_allowed(f.state));
    CHECK_FALSE(f.state.speech.reading);
    // Asking there does nothing.
    f.tap(actions::ReadAloud {});
    CHECK_FALSE(f.state.speech.reading);
    f.tap(actions::Back {});
    CHECK(f.state.speech.reading); // back on a person's screen, read-aloud still on
    f.tap(actions::Done {});
    CHECK_FALSE(f.state.speech.reading);
    CHECK_FALSE(f.state.settings.read_aloud);
    CHECK(f.state.settings.volume == Volume::Medium);
}
