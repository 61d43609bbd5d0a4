// The scenario driver's gestures (see scenario.h for the language): what a person's finger, a
// hardware keyboard or a window manager does, sent as real SDL events into the same queue and the
// same touch layer as the real thing, on a virtual clock. The verbs in scenario.cpp are built
// from these.
#pragma once
#include "app/clock.h"
#include "app/result.h"
#include "platform/runner.h"

#include <SDL.h>
#include <functional>
#include <string>

namespace kiosk {

class ScenarioDriver {
public:
    ScenarioDriver(Runner& runner, ManualClock& clock);
    Runner& runner() { return m_runner; }
    ManualClock& clock() { return m_clock; }

    // Draws frames, advancing the clock one frame time each, until nothing changes any more.
    void settle();
    // Moves the virtual clock by `by`, waking exactly when the real loop would.
    void advance(Millis by);
    // Draws frames as the real loop would (no clock change) until `done` or `seconds` of real time.
    bool wait_real(double seconds, const std::function<bool()>& done);
    void finger(Uint32 type, float x, float y);
    // A keyboard shortcut, e.g. "alt+f4", "ctrl+q", "escape", "left gui".
    Result<bool> key(const std::string& combo);
    // A window manager's close request.
    void window_close();
    const ui::A11yNode* find(const std::string& label) { return m_runner.tree().find_visible(label); }
    void tap_at(float x, float y, Millis hold = Millis { 80 });
    Result<bool> tap(const std::string& label, Millis pace = Millis { 600 });
    // A finger held still at (x, y) for `hold` (after a person's pause), then lifted.
    void hold_at(float x, float y, Millis hold);
    Result<bool> type(const std::string& text);
    Result<bool> type_secret(const std::string& file);
    // Some item on screen shows the first line of `file` (the forensic test's canary; never kept).
    Result<bool> expect_secret(const std::string& file);
    Result<bool> swipe(const std::string& argument);
    void drag_content(float pixels, bool flick = false);
    Result<bool> scroll_to(const std::string& label);

private:
    Runner& m_runner;
    ManualClock& m_clock;
};

}
