// The headless test driver. It runs a scenario file against the real application through real
// SDL events, on a virtual clock, and checks what the accessibility tree says is on screen.
//
// Scenario file: one step per line; `#` starts a comment. Labels are a visible text or a
// widget id, with or without double quotes.
//   tap LABEL              finger down and up on the item's centre
//   scroll-to LABEL        swipe until LABEL is fully in view
//   double-tap LABEL       two taps 100 ms apart (the second must not fire on the next screen)
//   long-press LABEL       hold for 1.2 s, then lift
//   tap-first ID_PREFIX    tap the first visible item whose id starts with ID_PREFIX
//   wait-for-content SECS  wait (real time) for the first pull from a real clinic server
//   clinic silent|conflict the demo clinic stops answering bookings / loses the next slot
//   hold X_MM Y_MM SECS    hold a finger still at a point (millimetres from the top left)
//   hold-on LABEL SECS     hold a finger still on a visible item, then lift
//   swipe up|down [MM]     drag the content by MM millimetres (default 60) and let go
//   swipe left|right [MM]  a sideways swipe across the screen: to the next page or back
//   type TEXT              tap each key of TEXT on the on-screen keyboard (Shift as needed)
//   type-secret FILE       type the first line of FILE like `type`, never keeping it (forensic test)
//   wait-for-outbox SECS   wait (real time) until the sync worker's outbox is empty
//   sync-now SECS          ask the sync worker for a pull now; wait (real time) for new content
//   wait-for-staff-list SECS  wait (real time) until the open staff queue has its list (or failed)
//   pause-for-inspection SECS  print the pid, then idle (real time) until SIGUSR1 (forensic test)
//   advance SECONDS        move the virtual clock, drawing frames as the real loop would
//   expect LABEL           LABEL is visible
//   expect-not LABEL       LABEL is nowhere on screen
//   expect-secret FILE     some item on screen shows the first line of FILE (never kept: forensic test)
//   expect-hidden LABEL    LABEL is on the screen but scrolled out of view
//   expect-selected LABEL  LABEL is visible and marked as chosen
//   expect-text-size N     text is drawn at N % (100, 150 or 200)
//   expect-width LABEL A B a visible item is A to B millimetres wide
//   expect-sound on|off    the lessons' calm sound is (not) playing
//   expect-speech TEXT     read-aloud is reading, and what it was last given to say holds TEXT
//   expect-speech silent   read-aloud is not reading
//   expect-speech-lacks TEXT  what read-aloud was last given to say does not hold TEXT
//   wait-speech-done       waits (real time, the real engine) until the reading was heard to its end
//   set-clipboard TEXT     put TEXT on the system clipboard (as another program could)
//   expect-clipboard empty the system clipboard holds nothing
//   screenshot FILE.png    save the current frame (relative paths: to the output directory)
//   key COMBO              a keyboard shortcut, e.g. alt+f4, ctrl+q, escape, super (appliance tests)
//   window-close           a window manager's close request (SDL_WINDOWEVENT_CLOSE)
// A failed step exits non-zero, naming the step and listing what was on screen.
#pragma once
#include "app/clock.h"
#include "app/result.h"
#include "platform/runner.h"

#include <filesystem>
#include <string>
#include <vector>

namespace kiosk {

struct ScenarioStep {
    int line { 0 };
    std::string verb;
    std::string argument;
    std::string text;   // the whole line, for messages
};

Result<std::vector<ScenarioStep>> parse_scenario(const std::string& text, const std::string& name);

// Runs the steps; returns an error naming the failed step.
Result<bool> run_scenario(Runner& runner, ManualClock& clock, const std::vector<ScenarioStep>& steps,
    const std::string& name, const std::filesystem::path& output_dir);

}
