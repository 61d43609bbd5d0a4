// The touch layer: taps click once, drags scroll (with momentum) and never click, long presses.
#include "platform/touch_input.h"

#include <catch2/catch.hpp>

using namespace kiosk;

namespace {
struct Touch {
    ManualClock clock;
    TouchInput input { TouchInput::Tuning {} };
    TouchFrame frame(Millis step = Millis { 16 })
    {
        clock.advance(step);
        return input.begin_frame(clock.now());
    }
};
}

TEST_CASE("A tap is down on one frame and up on the next, even when both events came together")
{
    Touch t;
    t.input.press(100, 200, t.clock.now());
    t.input.release(101, 201, t.clock.now());
    auto first = t.frame();
    CHECK(first.touched);
    CHECK(first.pointer.down);
    CHECK(first.pointer.x == 100);
    auto second = t.frame();
    CHECK_FALSE(second.pointer.down);
    CHECK(second.pointer.x == 101); // released where the finger is: the button under it clicks
    auto third = t.frame();
    CHECK(third.pointer.x < -1e8f); // and then the pointer leaves: nothing stays hovered
    CHECK_FALSE(t.input.busy());
}

TEST_CASE("A drag beyond the slop scrolls, hides the pointer so nothing clicks, and coasts")
{
    Touch t;
    t.input.press(100, 500, t.clock.now());
    t.frame();
    float scrolled = 0;
    for (int i = 1; i <= 10; ++i) {
        t.clock.advance(Millis { 16 });
        t.input.move(100, 500.0f - 20.0f * static_cast<float>(i), t.clock.now());
        auto f = t.input.begin_frame(t.clock.now());
        // The first 20 px are within the 24 px slop: still a press. Past it, a drag.
        CHECK(f.pointer.down == (i == 1));
        scrolled += f.scroll_delta;
    }
    CHECK(scrolled == Approx(-180));
    t.input.release(100, 300, t.clock.now());
    auto up = t.frame();
    CHECK_FALSE(up.pointer.down);
    CHECK(up.pointer.x < -1e8f); // released off-screen as far as ImGui knows: no click
    CHECK(t.input.busy());       // momentum keeps going
    float coast = 0;
    int frames = 0;
    while (t.input.busy() && frames < 1000) {
        coast += t.frame().scroll_delta;
        ++frames;
    }
    CHECK(coast < -50);          // it carries on in the same direction
    CHECK(frames < 200);         // and stops by itself
}

TEST_CASE("A finger that stops before lifting does not coast")
{
    Touch t;
    t.input.press(100, 500, t.clock.now());
    t.frame();
    for (int i = 1; i <= 5; ++i) {
        t.clock.advance(Millis { 16 });
        t.input.move(100, 500.0f - 30.0f * static_cast<float>(i), t.clock.now());
        t.input.begin_frame(t.clock.now());
    }
    t.clock.advance(Millis { 300 });
    t.input.release(100, 350, t.clock.now());
    auto up = t.input.begin_frame(t.clock.now());
    CHECK(up.scroll_delta == 0);
    CHECK_FALSE(t.input.busy());
}

TEST_CASE("Small jitter within the slop is still a tap")
{
    Touch t;
    t.input.press(100, 100, t.clock.now());
    t.frame();
    t.input.move(105, 104, t.clock.now());
    CHECK(t.frame().pointer.down);
    t.input.release(105, 104, t.clock.now());
    auto up = t.frame();
    CHECK(up.pointer.x == 105);
    CHECK(up.scroll_delta == 0);
}

TEST_CASE("Holding still reports one long press, and unused, the release still taps")
{
    Touch t;
    t.input.press(50, 60, t.clock.now());
    t.frame();
    REQUIRE(t.input.next_wake() == t.clock.now() - Millis { 16 } + Millis { 800 });
    auto held = t.frame(Millis { 800 });
    REQUIRE(held.long_press.has_value());
    CHECK(held.long_press->first == 50);
    CHECK(held.pointer.down);
    CHECK(t.input.next_wake() == t.clock.now() - Millis { 816 } + Millis { 3000 }); // next: the very long press
    CHECK_FALSE(t.frame(Millis { 500 }).long_press.has_value());
    t.input.release(50, 60, t.clock.now());
    auto up = t.frame();
    CHECK(up.pointer.x == 50); // released on the button: it clicks
    CHECK_FALSE(up.pointer.down);
}

TEST_CASE("A long press the interface uses taps nothing on release")
{
    Touch t;
    t.input.press(50, 60, t.clock.now());
    t.frame();
    auto held = t.frame(Millis { 800 });
    REQUIRE(held.long_press.has_value());
    t.input.consume_long_press();
    CHECK(t.frame().pointer.x < -1e8f);
    t.input.release(50, 60, t.clock.now());
    CHECK(t.frame().pointer.x < -1e8f);
}

TEST_CASE("Holding still for 3 s reports the very long press once (the staff gesture)")
{
    Touch t;
    t.input.press(20, 20, t.clock.now());
    t.frame();
    CHECK(t.frame(Millis { 800 }).long_press.has_value());
    CHECK(t.input.next_wake().has_value());
    CHECK_FALSE(t.frame(Millis { 1000 }).very_long_press.has_value());
    auto held = t.frame(Millis { 1300 });
    REQUIRE(held.very_long_press.has_value());
    CHECK(held.very_long_press->first == 20);
    CHECK_FALSE(t.frame(Millis { 3000 }).very_long_press.has_value());
}
