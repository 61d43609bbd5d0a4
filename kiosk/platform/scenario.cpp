// The scenario driver (see scenario.h). Events go through SDL_PushEvent into the same queue and
// the same touch layer as a real finger; the driver only chooses where and when. Each verb of the
// language is one small function below, listed in the table `verb_table`; the gestures they are
// made of are in scenario_driver.cpp.
#include "platform/scenario.h"

#include "platform/scenario_driver.h"
#include "ui/metrics.h"

#include <SDL.h>
#include <array>
#include <charconv>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string_view>
#include <thread>
#include <unistd.h>

namespace kiosk {

namespace {

// Set by SIGUSR1: ends a pause-for-inspection.
volatile std::sig_atomic_t inspection_over = 0;
void end_inspection(int) { inspection_over = 1; }

std::string trim(const std::string& s)
{
    auto b = s.find_first_not_of(" \t\r");
    auto e = s.find_last_not_of(" \t\r");
    return b == std::string::npos ? std::string {} : s.substr(b, e - b + 1);
}

std::string unquote(std::string s)
{
    if (s.size() >= 2 && s.front() == '"' && s.back() == '"')
        return s.substr(1, s.size() - 2);
    return s;
}

// What a verb is given: its step, and where screenshots go.
struct Call {
    const ScenarioStep& step;
    const std::filesystem::path& output_dir;
    const std::string& arg() const { return step.argument; }
};

using Outcome = Result<bool>;

std::pair<float, float> centre(const ui::A11yNode& node)
{
    return { node.visible.x + node.visible.w / 2, node.visible.y + node.visible.h / 2 };
}

Millis seconds_of(double seconds) { return Millis { static_cast<long long>(seconds * 1000) }; }

// --- Gestures -------------------------------------------------------------------------------

Outcome tap(ScenarioDriver& d, const Call& c) { return d.tap(c.arg()); }

Outcome double_tap(ScenarioDriver& d, const Call& c)
{
    d.advance(Millis { 600 });
    auto* node = d.find(c.arg());
    if (!node)
        return Error { "no visible item \"" + c.arg() + "\"" };
    auto [x, y] = centre(*node);
    d.tap_at(x, y);
    // The second tap lands 100 ms later at the same place, as a double tap does.
    d.clock().advance(Millis { 100 });
    d.tap_at(x, y);
    return true;
}

Outcome long_press(ScenarioDriver& d, const Call& c)
{
    d.advance(Millis { 600 });
    auto* node = d.find(c.arg());
    if (!node)
        return Error { "no visible item \"" + c.arg() + "\"" };
    auto [x, y] = centre(*node);
    d.finger(SDL_FINGERDOWN, x, y);
    d.settle();
    d.advance(Millis { 1200 }); // the loop wakes for the long press on its own
    d.finger(SDL_FINGERUP, x, y);
    d.settle();
    return true;
}

Outcome swipe(ScenarioDriver& d, const Call& c) { return d.swipe(c.arg()); }

// hold-on LABEL SECONDS: a finger held still on a visible item, then lifted.
Outcome hold_on(ScenarioDriver& d, const Call& c)
{
    const std::string& arg = c.arg();
    auto space = arg.rfind(' ');
    double seconds = space == std::string::npos ? -1 : std::strtod(arg.c_str() + space + 1, nullptr);
    if (seconds <= 0)
        return Error { "hold-on needs a label and SECONDS" };
    std::string label = trim(arg.substr(0, space));
    auto* node = d.find(label);
    if (!node)
        return Error { "no visible item \"" + label + "\"" };
    d.hold_at(node->visible.x + node->visible.w * 0.5f, node->visible.y + node->visible.h * 0.5f, seconds_of(seconds));
    return true;
}

// hold X_MM Y_MM SECONDS: a finger held still at a point, in millimetres from the top left.
Outcome hold(ScenarioDriver& d, const Call& c)
{
    std::istringstream in(c.arg());
    double x_mm = -1, y_mm = -1, seconds = -1;
    in >> x_mm >> y_mm >> seconds;
    if (x_mm < 0 || y_mm < 0 || seconds <= 0)
        return Error { "hold needs X_MM Y_MM SECONDS" };
    float px = static_cast<float>(d.runner().dpi() / ui::mm_per_inch);
    d.hold_at(static_cast<float>(x_mm) * px, static_cast<float>(y_mm) * px, seconds_of(seconds));
    return true;
}

Outcome scroll_to(ScenarioDriver& d, const Call& c) { return d.scroll_to(c.arg()); }

// The first visible item whose id starts with the argument (lists whose labels vary).
Outcome tap_first(ScenarioDriver& d, const Call& c)
{
    d.advance(Millis { 600 });
    for (const auto& node : d.runner().tree().nodes())
        if (node.is_visible() && node.interactive() && node.id.rfind(c.arg(), 0) == 0) {
            auto [x, y] = centre(node);
            d.tap_at(x, y);
            return true;
        }
    return Error { "no visible item with an id starting \"" + c.arg() + "\"" };
}

Outcome type(ScenarioDriver& d, const Call& c) { return d.type(c.arg()); }
Outcome type_secret(ScenarioDriver& d, const Call& c) { return d.type_secret(c.arg()); }
Outcome expect_secret(ScenarioDriver& d, const Call& c) { return d.expect_secret(c.arg()); }
Outcome key(ScenarioDriver& d, const Call& c) { return d.key(c.arg()); }

Outcome window_close(ScenarioDriver& d, const Call&)
{
    d.window_close();
    return true;
}

Outcome advance(ScenarioDriver& d, const Call& c)
{
    const std::string& arg = c.arg();
    double seconds = 0;
    auto [p, ec] = std::from_chars(arg.data(), arg.data() + arg.size(), seconds);
    if (ec != std::errc {} || seconds < 0)
        return Error { "advance needs a number of seconds" };
    d.advance(seconds_of(seconds));
    return true;
}

// --- The clinic and real time ---------------------------------------------------------------

Outcome clinic(ScenarioDriver& d, const Call& c)
{
    auto* demo = dynamic_cast<DemoBackend*>(d.runner().backend());
    if (!demo)
        return Error { "\"clinic\" needs the demo clinic" };
    if (c.arg() == "silent")
        demo->set_silent(true);
    else if (c.arg() == "conflict")
        demo->take_next_slot();
    else
        return Error { "clinic needs silent or conflict" };
    return true;
}

// Real time: the sync worker's first pull from a real server (at most N seconds).
Outcome wait_for_content(ScenarioDriver& d, const Call& c)
{
    const Runner& r = d.runner();
    if (d.wait_real(std::strtod(c.arg().c_str(), nullptr), [&] { return r.state().clinic->updated_at_ms > 0 && !r.state().clinic_from_cache; }))
        return true;
    return Error { "no content from the clinic server within " + c.arg() + " s" };
}

// Real time: the sync worker sends over a real connection until its outbox is empty.
Outcome wait_for_outbox(ScenarioDriver& d, const Call& c)
{
    if (!d.runner().sync_worker())
        return Error { "\"wait-for-outbox\" needs a clinic server" };
    const DeviceHealth& health = d.runner().state().health;
    if (d.wait_real(std::strtod(c.arg().c_str(), nullptr),
            [&] { return health.outbox_pending == 0 && health.outbox_rejected == 0 && health.last_success_ms > 0; }))
        return true;
    return Error { "the outbox was not delivered within " + c.arg() + " s" };
}

// Real time: the staff queue's list with names (or why there is none) came from the clinic;
// prints how long after this step (issue 14: the list opens within 1 s).
Outcome wait_for_staff_list(ScenarioDriver& d, const Call& c)
{
    const Runner& r = d.runner();
    auto answered = [&] {
        auto* queue = std::get_if<screens::StaffQueue>(&r.state().screen());
        return queue && queue->fetch != screens::StaffQueue::Fetch::Asking;
    };
    auto asked = std::chrono::steady_clock::now();
    if (!d.wait_real(std::strtod(c.arg().c_str(), nullptr), answered))
        return Error { "no staff list within " + c.arg() + " s" };
    auto took = std::chrono::duration_cast<Millis>(std::chrono::steady_clock::now() - asked);
    (void)std::printf("staff list answered %lld ms after the step\n", static_cast<long long>(took.count()));
    return true;
}

// Real time: a pull now, until new content came.
Outcome sync_now(ScenarioDriver& d, const Call& c)
{
    auto* worker = d.runner().sync_worker();
    if (!worker)
        return Error { "\"sync-now\" needs a clinic server" };
    const Runner& r = d.runner();
    std::int64_t before = r.state().clinic->updated_at_ms;
    worker->refresh_now();
    if (d.wait_real(std::strtod(c.arg().c_str(), nullptr), [&] { return r.state().clinic->updated_at_ms > before; }))
        return true;
    return Error { "no new content from the clinic server within " + c.arg() + " s" };
}

// Real time: the kiosk idles (handling events and sync results as the loop would) until
// SIGUSR1, so a test can look at the running process, its files and the server.
Outcome pause_for_inspection(ScenarioDriver& d, const Call& c)
{
    inspection_over = 0;
    struct sigaction action {};
    action.sa_handler = end_inspection;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGUSR1, &action, nullptr);
    (void)std::printf("paused for inspection at line %d: pid %d; SIGUSR1 goes on\n", c.step.line, static_cast<int>(::getpid()));
    (void)std::fflush(stdout); // like the line above: for whoever watches; the wait goes on regardless
    if (!d.wait_real(std::strtod(c.arg().c_str(), nullptr), [] { return inspection_over != 0; }))
        return Error { "no SIGUSR1 within " + c.arg() + " s" };
    return true;
}

// --- What is on screen (after the frames settle) ---------------------------------------------

Outcome expect(ScenarioDriver& d, const Call& c)
{
    if (!d.find(c.arg()))
        return Error { "expected \"" + c.arg() + "\" on screen" };
    return true;
}

Outcome expect_not(ScenarioDriver& d, const Call& c)
{
    if (d.runner().tree().find_any(c.arg()))
        return Error { "\"" + c.arg() + "\" should not be on screen" };
    return true;
}

Outcome expect_hidden(ScenarioDriver& d, const Call& c)
{
    const auto* node = d.runner().tree().find_any(c.arg());
    if (!node || node->is_visible())
        return Error { "expected \"" + c.arg() + "\" on the screen but scrolled out of view" };
    return true;
}

Outcome expect_selected(ScenarioDriver& d, const Call& c)
{
    const auto* node = d.find(c.arg());
    if (!node || !node->selected)
        return Error { "expected \"" + c.arg() + "\" visible and chosen" };
    return true;
}

// expect-whole LABEL: the item lies wholly in view, none of it under the top bar, past the fold
// or under "More below" (issue 15: a flow's first choice on arrival, no scrolling).
Outcome expect_whole(ScenarioDriver& d, const Call& c)
{
    const auto* node = d.runner().tree().find_any(c.arg());
    if (!node)
        return Error { "expected \"" + c.arg() + "\" on the screen" };
    if (node->visible.w + 0.5f < node->rect.w || node->visible.h + 0.5f < node->rect.h)
        return Error { "expected \"" + c.arg() + "\" wholly in view, but only part of it is" };
    return true;
}

// expect-width LABEL MIN_MM MAX_MM: a visible item's width on the glass.
Outcome expect_width(ScenarioDriver& d, const Call& c)
{
    const std::string& arg = c.arg();
    auto last = arg.rfind(' ');
    auto middle = last == std::string::npos ? std::string::npos : arg.rfind(' ', last - 1);
    if (middle == std::string::npos)
        return Error { "expect-width needs a label, a least and a most width in mm" };
    std::string label = trim(arg.substr(0, middle));
    double least = std::strtod(arg.substr(middle + 1, last - middle - 1).c_str(), nullptr), most = std::strtod(arg.substr(last + 1).c_str(), nullptr);
    const auto* node = d.find(label);
    if (!node)
        return Error { "expected \"" + label + "\" on screen" };
    double mm = node->rect.w / d.runner().dpi() * ui::mm_per_inch;
    if (mm < least - 0.05 || mm > most + 0.05)
        return Error { "\"" + label + "\" is " + std::to_string(mm) + " mm wide, expected " + std::to_string(least) + " to " + std::to_string(most) };
    return true;
}

Outcome expect_text_size(ScenarioDriver& d, const Call& c)
{
    int shown = text_percent(d.runner().fonts().built_for_size());
    if (std::to_string(shown) != c.arg() || text_percent(effective_settings(d.runner().state()).text_size) != shown)
        return Error { "text is drawn at " + std::to_string(shown) + "%, expected " + c.arg() + "%" };
    return true;
}

Outcome screenshot(ScenarioDriver& d, const Call& c)
{
    std::filesystem::path file = c.arg();
    if (file.is_relative())
        file = c.output_dir / file;
    d.runner().request_screenshot(file);
    d.runner().frame();
    if (auto error = d.runner().take_screenshot_error())
        return *error;
    return true;
}

// --- The clipboard, sound and read-aloud ------------------------------------------------------

// Something another program left on the system clipboard.
Outcome set_clipboard(ScenarioDriver&, const Call& c)
{
    if (SDL_SetClipboardText(c.arg().c_str()) != 0)
        return Error { std::string("cannot set the clipboard: ") + SDL_GetError() };
    return true;
}

Outcome expect_clipboard(ScenarioDriver&, const Call& c)
{
    if (c.arg() != "empty")
        return Error { "expect-clipboard needs \"empty\"" };
    char* text = SDL_GetClipboardText();
    std::string held = text ? text : "";
    SDL_free(text);
    if (!held.empty())
        return Error { "the clipboard still holds \"" + held + "\"" };
    return true;
}

Outcome expect_sound(ScenarioDriver& d, const Call& c)
{
    if (c.arg() != "on" && c.arg() != "off")
        return Error { "expect-sound needs on or off" };
    if (d.runner().sound_playing() != (c.arg() == "on"))
        return Error { std::string("the calm sound is ") + (d.runner().sound_playing() ? "playing" : "not playing") };
    return true;
}

// expect-speech TEXT: the last reading handed to the speech engine says TEXT;
// expect-speech silent: nothing is being read.
Outcome expect_speech(ScenarioDriver& d, const Call& c)
{
    const Runner& r = d.runner();
    const std::string& arg = c.arg();
    if (arg.empty())
        return Error { "expect-speech needs a text, or silent" };
    if (arg == "silent") {
        if (r.state().speech.reading || r.speaking())
            return Error { "read-aloud is still reading: \"" + r.last_spoken() + "\"" };
        return true;
    }
    if (!r.state().speech.reading || r.last_spoken().find(arg) == std::string::npos)
        return Error { "expected read-aloud to be reading \"" + arg + "\"; it " + (r.state().speech.reading ? "is" : "was") + " reading \""
            + r.last_spoken() + "\"" };
    return true;
}

Outcome expect_speech_lacks(ScenarioDriver& d, const Call& c)
{
    if (d.runner().last_spoken().find(c.arg()) != std::string::npos)
        return Error { "read-aloud said \"" + c.arg() + "\": \"" + d.runner().last_spoken() + "\"" };
    return true;
}

// The real speech engine and audio device (SDL's dummy driver plays in real time): waits until
// all of it was heard, then lets the model know.
Outcome wait_speech_done(ScenarioDriver& d, const Call&)
{
    Runner& r = d.runner();
    auto until = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (r.speaking() && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    if (r.speaking())
        return Error { "read-aloud was still speaking after 60 s" };
    r.process_events();
    if (!r.deliver_speech_done())
        return Error { "read-aloud had nothing to finish" };
    d.settle();
    return true;
}

// --- The table --------------------------------------------------------------------------------

struct Verb {
    std::string_view name;
    Outcome (*run)(ScenarioDriver&, const Call&);
    bool settles_first;     // checks what is on screen: the frames settle before it
    bool takes_argument { true };
};

constexpr std::array verb_table {
    Verb { "tap", tap, false },
    Verb { "double-tap", double_tap, false },
    Verb { "long-press", long_press, false },
    Verb { "swipe", swipe, false },
    Verb { "hold-on", hold_on, false },
    Verb { "hold", hold, false },
    Verb { "scroll-to", scroll_to, false },
    Verb { "tap-first", tap_first, false },
    Verb { "wait-for-content", wait_for_content, false },
    Verb { "clinic", clinic, false },
    Verb { "type-secret", type_secret, false },
    Verb { "wait-for-outbox", wait_for_outbox, false },
    Verb { "sync-now", sync_now, false },
    Verb { "wait-for-staff-list", wait_for_staff_list, false },
    Verb { "pause-for-inspection", pause_for_inspection, false },
    Verb { "type", type, false },
    Verb { "advance", advance, false },
    Verb { "expect", expect, true },
    Verb { "expect-not", expect_not, true },
    Verb { "expect-secret", expect_secret, true },
    Verb { "expect-hidden", expect_hidden, true },
    Verb { "expect-selected", expect_selected, true },
    Verb { "expect-whole", expect_whole, true },
    Verb { "set-clipboard", set_clipboard, true },
    Verb { "expect-clipboard", expect_clipboard, true },
    Verb { "expect-speech", expect_speech, true },
    Verb { "expect-speech-lacks", expect_speech_lacks, true },
    Verb { "wait-speech-done", wait_speech_done, true, false },
    Verb { "expect-sound", expect_sound, true },
    Verb { "expect-width", expect_width, true },
    Verb { "expect-text-size", expect_text_size, true },
    Verb { "key", key, true },
    Verb { "window-close", window_close, true, false },
    Verb { "screenshot", screenshot, true },
};

const Verb* find_verb(std::string_view name)
{
    for (const auto& verb : verb_table)
        if (verb.name == name)
            return &verb;
    return nullptr;
}

Outcome run_step(ScenarioDriver& driver, const ScenarioStep& step, const std::filesystem::path& output_dir)
{
    const Verb* verb = find_verb(step.verb);
    if (!verb)
        return Error { "unknown step" };
    if (verb->settles_first)
        driver.settle();
    return verb->run(driver, Call { step, output_dir });
}

}

Result<std::vector<ScenarioStep>> parse_scenario(const std::string& text, const std::string& name)
{
    std::vector<ScenarioStep> steps;
    std::istringstream in(text);
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        std::string t = trim(line);
        if (t.empty() || t[0] == '#')
            continue;
        auto space = t.find(' ');
        ScenarioStep step { number, t.substr(0, space), space == std::string::npos ? "" : unquote(trim(t.substr(space + 1))), t };
        const Verb* verb = find_verb(step.verb);
        if (!verb)
            return Error { name + ":" + std::to_string(number) + ": unknown step \"" + step.verb + "\"" };
        if (step.argument.empty() && verb->takes_argument)
            return Error { name + ":" + std::to_string(number) + ": \"" + step.verb + "\" needs an argument" };
        steps.push_back(std::move(step));
    }
    if (steps.empty())
        return Error { name + ": has no steps" };
    return steps;
}

Result<bool> run_scenario(Runner& runner, ManualClock& clock, const std::vector<ScenarioStep>& steps,
    const std::string& name, const std::filesystem::path& output_dir)
{
    ScenarioDriver driver(runner, clock);
    driver.settle();
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const auto& step = steps[i];
        auto result = run_step(driver, step, output_dir);
        if (result && runner.quit_asked())
            result = Error { "the kiosk quit (nothing a person does may close it)" };
        if (!result)
            return Error { name + ":" + std::to_string(step.line) + ": step " + std::to_string(i + 1) + " (" + step.text
                + ") failed: " + result.error().message + "\nOn screen:\n" + runner.tree().describe_visible() };
    }
    return true;
}

}
