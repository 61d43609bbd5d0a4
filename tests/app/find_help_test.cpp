// Find help in the model: categories, entries, QR, filters and the breathing exercise's clock.
#include "app/demo_clinic.h"
#include "app/state.h"

#include <catch2/catch.hpp>

using namespace kiosk;

namespace {
struct Help {
    TimePoint now { Seconds { 100 } };
    AppState state = make_initial_state({}, {}, now);
    Help()
    {
        auto demo = load_demo_clinic(std::string(KIOSK_ASSETS_DIR) + "/demo/clinic.json",
            std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()));
        REQUIRE(demo.ok());
        state.clinic = std::make_shared<const ClinicContent>(std::move(*demo));
        tap(actions::Start {});
        tap(actions::Open { ScreenId::FindHelp });
    }
    void tap(const Action& a)
    {
        now += Seconds { 1 };
        update(state, actions::Touch {}, now);
        update(state, a, now);
    }
    ScreenId on() const { return screen_id(state.screen()); }
};
}

TEST_CASE("The demo clinic loads: peers, a week of slots, every category, both languages, marked as demo")
{
    Help h;
    const ClinicContent& c = *h.state.clinic;
    CHECK(c.demo);
    CHECK(c.peers.size() == 4);
    CHECK(c.slots.size() > 50);
    for (const char* category : directory_categories) {
        INFO(category);
        CHECK(std::count_if(c.directory.begin(), c.directory.end(), [&](auto& e) { return e.category == category; }) >= 3);
    }
    for (auto& e : c.directory) {
        INFO(e.id);
        CHECK_FALSE(e.name.en.empty());
        CHECK_FALSE(e.name.es.empty());
    }
    CHECK_FALSE(parse_demo_clinic(R"({"peers": []})", "x.json", UtcSeconds {}).ok());
}

TEST_CASE("Category, entry and QR: Back walks back through them, unknown ones do not open")
{
    Help h;
    h.tap(actions::OpenHelpCategory { "groups" });
    REQUIRE(h.on() == ScreenId::HelpList);
    h.tap(actions::OpenHelpEntry { "demo-groups-hearing-voices" });
    REQUIRE(h.on() == ScreenId::HelpEntry);
    h.tap(actions::ShowQr { "demo-groups-hearing-voices", screens::QrContent::Phone });
    REQUIRE(h.on() == ScreenId::HelpQr);
    h.tap(actions::Back {});
    h.tap(actions::Back {});
    CHECK(h.on() == ScreenId::HelpList);
    h.tap(actions::OpenHelpEntry { "no-such-entry" });
    h.tap(actions::OpenHelpCategory { "gambling" });
    CHECK(h.on() == ScreenId::HelpList);
    // Another category replaces the list on the path rather than stacking a second one.
    h.tap(actions::Back {});
    h.tap(actions::OpenHelpCategory { "calm" });
    h.tap(actions::OpenHelpCategory { "coping" });
    h.tap(actions::Back {});
    CHECK(h.on() == ScreenId::FindHelp);
}

TEST_CASE("Filters are choices that toggle and clear, and go with the screen")
{
    Help h;
    h.tap(actions::OpenHelpCategory { "groups" });
    h.tap(actions::ToggleHelpFilter { actions::HelpFilter::InSpanish });
    h.tap(actions::ToggleHelpFilter { actions::HelpFilter::Free });
    auto& list = std::get<screens::HelpList>(h.state.screen());
    CHECK(list.in_spanish);
    CHECK(list.free_only);
    h.tap(actions::ToggleHelpFilter { actions::HelpFilter::Free });
    CHECK_FALSE(std::get<screens::HelpList>(h.state.screen()).free_only);
    h.tap(actions::ClearHelpFilters {});
    CHECK_FALSE(std::get<screens::HelpList>(h.state.screen()).in_spanish);
}

TEST_CASE("Breathing: pausing stops its clock, going on resumes it, it stops itself after 3 minutes")
{
    Help h;
    h.tap(actions::OpenHelpCategory { "calm" });
    h.tap(actions::Open { ScreenId::Breathing });
    auto breathing = [&]() -> screens::Breathing& { return std::get<screens::Breathing>(h.state.screen()); };
    TimePoint started = h.now;
    h.now += Seconds { 5 };
    CHECK(breathing().elapsed(h.now) == Seconds { 5 });
    h.tap(actions::PauseBreathing {});
    Millis at_pause = breathing().elapsed(h.now);
    h.now += Seconds { 30 };
    CHECK(breathing().elapsed(h.now) == at_pause);
    CHECK_FALSE(next_wake(h.state, h.now) == h.now + Millis { 33 }); // no animation frames while paused
    h.tap(actions::ResumeBreathing {});
    CHECK(next_wake(h.state, h.now) == h.now + Millis { 33 });
    // While it runs it keeps the session; after 3 minutes of running it pauses by itself.
    for (int i = 0; i < 200; ++i) {
        h.now += Seconds { 1 };
        update(h.state, actions::Tick {}, h.now);
    }
    REQUIRE(h.on() == ScreenId::Breathing);
    CHECK(breathing().paused);
    CHECK_FALSE(h.state.session.warning_until.has_value());
    (void)started;
}
