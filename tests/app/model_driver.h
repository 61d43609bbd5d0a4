// Driving the pure model as a person would, on a manual clock: the unit tests' shared fixture.
#pragma once
#include "app/state.h"

namespace kiosk::test {

struct ModelDriver {
    ManualClock clock { TimePoint { Seconds { 100 } } };
    Settings defaults {};
    Timing timing {};
    AppState state = make_initial_state(defaults, timing, clock.now());

    ModelDriver() = default;
    // A kiosk whose config sets these defaults (the state is built from them).
    explicit ModelDriver(const Settings& clinic_defaults) : defaults(clinic_defaults) { }

    // A person's tap: some time passes first, then the finger lands (Touch) and the action fires.
    void tap(const Action& action, Millis pause = Millis { 1000 })
    {
        clock.advance(pause);
        update(state, actions::Touch {}, clock.now());
        update(state, action, clock.now());
    }
    // Time passes with no touch; the model's timers run.
    void wait(Millis by)
    {
        clock.advance(by);
        update(state, actions::Tick {}, clock.now());
    }
    ScreenId on() const { return screen_id(state.screen()); }
    bool warning() const { return state.session.warning_until.has_value(); }
};

}
