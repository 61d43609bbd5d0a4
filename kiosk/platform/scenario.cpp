// The scenario driver (see scenario.h). Events go through SDL_PushEvent into the same queue and
// the same touch layer as a real finger; the driver only chooses where and when.
#include "platform/scenario.h"

#include "app/secure_text.h"
#include "ui/metrics.h"

#include <SDL.h>
#include <atomic>
#include <charconv>
#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>
#include <cstdlib>
#include <cmath>
#include <set>
#include <thread>
#include <sstream>

namespace kiosk {

namespace {

constexpr Millis frame_time { 16 };
const std::set<std::string> verbs { "tap", "tap-first", "clinic", "wait-for-content", "hold", "scroll-to", "double-tap", "long-press", "swipe", "type", "advance", "expect",
    "expect-not", "expect-hidden", "expect-selected", "expect-text-size", "expect-width", "expect-sound", "set-clipboard", "expect-clipboard", "hold-on", "screenshot", "type-secret",
    "wait-for-outbox", "sync-now", "pause-for-inspection", "expect-speech", "expect-speech-lacks", "wait-speech-done", "key", "window-close" };

// Set by SIGUSR1: ends a pause-for-inspection.
volatile std::sig_atomic_t inspection_over = 0;
void end_inspection(int) { inspection_over = 1; }

std::string trim(std::string s)
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

class Driver {
public:
    Driver(Runner& runner, ManualClock& clock) : m_runner(runner), m_clock(clock)
    {
        m_runner.hold_speech_done(true); // a reading ends when the scenario says wait-speech-done
    }

    // Draws frames, advancing the clock one frame time each, until nothing changes any more.
    void settle()
    {
        for (int i = 0; i < 400; ++i) {
            m_runner.process_events();
            if (!m_runner.needs_frame()) {
                if (!m_runner.background_busy())
                    return;
                std::this_thread::sleep_for(std::chrono::milliseconds(5)); // real time: a real thread works
                continue;
            }
            m_runner.frame();
            m_clock.advance(frame_time);
        }
    }

    // Moves the virtual clock by `by`, waking exactly when the real loop would.
    void advance(Millis by)
    {
        TimePoint end = m_clock.now() + by;
        while (m_clock.now() < end) {
            settle();
            auto wake = m_runner.next_timer();
            TimePoint target = wake && *wake > m_clock.now() && *wake < end ? *wake : end;
            m_clock.advance(std::max(Millis { 1 }, target - m_clock.now()));
            settle();
        }
    }

    void finger(Uint32 type, float x, float y)
    {
        SDL_Event e {};
        e.type = type;
        e.tfinger.touchId = 1;
        e.tfinger.fingerId = 1;
        e.tfinger.x = x / static_cast<float>(m_runner.width());
        e.tfinger.y = y / static_cast<float>(m_runner.height());
        e.tfinger.pressure = 1.0f;
        SDL_PushEvent(&e);
    }

    // A keyboard shortcut, e.g. "alt+f4", "ctrl+q", "escape", "left gui": the modifiers go down,
    // the key is pressed and released, the modifiers come up, as a hardware keyboard sends them.
    Result<bool> key(const std::string& combo)
    {
        std::vector<std::pair<SDL_Keycode, Uint16>> held;
        Uint16 mods = 0;
        std::string rest = combo;
        for (auto plus = rest.find('+'); plus != std::string::npos && plus + 1 < rest.size(); plus = rest.find('+')) {
            std::string mod = rest.substr(0, plus);
            rest = rest.substr(plus + 1);
            if (mod == "ctrl") held.push_back({ SDLK_LCTRL, KMOD_LCTRL });
            else if (mod == "alt") held.push_back({ SDLK_LALT, KMOD_LALT });
            else if (mod == "shift") held.push_back({ SDLK_LSHIFT, KMOD_LSHIFT });
            else if (mod == "super") held.push_back({ SDLK_LGUI, KMOD_LGUI });
            else return Error { "unknown modifier \"" + mod + "\" (ctrl, alt, shift, super)" };
        }
        SDL_Keycode code = rest == "super" ? SDLK_LGUI : SDL_GetKeyFromName(rest.c_str());
        if (code == SDLK_UNKNOWN)
            return Error { "unknown key \"" + rest + "\" (an SDL key name like F4, Q, Escape)" };
        auto send = [&](Uint32 type, SDL_Keycode k) {
            SDL_Event e {};
            e.type = type;
            e.key.windowID = SDL_GetWindowID(m_runner.window());
            e.key.state = type == SDL_KEYDOWN ? SDL_PRESSED : SDL_RELEASED;
            e.key.keysym.sym = k;
            e.key.keysym.scancode = SDL_GetScancodeFromKey(k);
            e.key.keysym.mod = mods;
            SDL_PushEvent(&e);
        };
        for (auto& [k, m] : held) {
            mods = static_cast<Uint16>(mods | m);
            send(SDL_KEYDOWN, k);
        }
        send(SDL_KEYDOWN, code);
        settle();
        m_clock.advance(Millis { 80 });
        send(SDL_KEYUP, code);
        for (auto it = held.rbegin(); it != held.rend(); ++it) {
            mods = static_cast<Uint16>(mods & ~it->second);
            send(SDL_KEYUP, it->first);
        }
        settle();
        return true;
    }

    // What a window manager's close request (Alt+F4, a title bar's X) produces: SDL's window
    // close event, then, as SDL_SendWindowEvent does for the last window unless the hint
    // SDL_HINT_QUIT_ON_LAST_WINDOW_CLOSE is off, SDL_QUIT.
    void window_close()
    {
        SDL_Event e {};
        e.type = SDL_WINDOWEVENT;
        e.window.event = SDL_WINDOWEVENT_CLOSE;
        e.window.windowID = SDL_GetWindowID(m_runner.window());
        SDL_PushEvent(&e);
        if (SDL_GetHintBoolean(SDL_HINT_QUIT_ON_LAST_WINDOW_CLOSE, SDL_TRUE)) {
            SDL_Event quit {};
            quit.type = SDL_QUIT;
            SDL_PushEvent(&quit);
        }
        settle();
    }

    const ui::A11yNode* find(const std::string& label) { return m_runner.tree().find_visible(label); }

    void tap_at(float x, float y, Millis hold = Millis { 80 })
    {
        finger(SDL_FINGERDOWN, x, y);
        settle();
        m_clock.advance(hold);
        finger(SDL_FINGERUP, x, y);
        settle();
    }

    Result<bool> tap(const std::string& label, Millis pace = Millis { 600 })
    {
        // A person takes a moment between taps; this also passes the after-change settle time.
        advance(pace);
        auto* node = find(label);
        if (!node)
            return Error { "no visible item \"" + label + "\"" };
        tap_at(node->visible.x + node->visible.w / 2, node->visible.y + node->visible.h / 2);
        return true;
    }

    Result<bool> type(const std::string& text)
    {
        for (std::size_t i = 0; i < text.size();) {
            std::size_t len = 1;
            auto lead = static_cast<unsigned char>(text[i]);
            if (lead >= 0xF0) len = 4;
            else if (lead >= 0xE0) len = 3;
            else if (lead >= 0xC0) len = 2;
            std::string ch = text.substr(i, len);
            i += len;
            if (ch == " ") {
                if (auto r = tap("key.space", Millis { 300 }); !r)
                    return r;
                continue;
            }
            std::string lower = ch;
            bool upper = ch.size() == 1 && ch[0] >= 'A' && ch[0] <= 'Z';
            if (upper)
                lower[0] = static_cast<char>(ch[0] - 'A' + 'a');
            if (!find("key.shift") && m_runner.tree().find_any("key.shift"))
                if (auto r = scroll_to("key.shift"); !r)
                    return r; // a person scrolls the keyboard into view first
            auto* shift = find("key.shift");
            if (!shift)
                return Error { "no on-screen keyboard is visible" };
            bool is_letter = lower.size() == 1 && lower[0] >= 'a' && lower[0] <= 'z';
            if (is_letter && shift->selected != upper)
                if (auto r = tap("key.shift", Millis { 300 }); !r)
                    return r;
            if (!find("key." + lower))
                return Error { "the keyboard has no key for \"" + ch + "\"" };
            if (auto r = tap("key." + lower, Millis { 300 }); !r)
                return r;
        }
        return true;
    }

    // Types the text held in FILE (its first line) without keeping it: the scenario never holds
    // it, it is read with read(2) into a buffer on this stack (no stdio buffer, no std::string),
    // typed one character at a time, and the buffer is overwritten. For the forensic test.
    Result<bool> type_secret(const std::string& file)
    {
        char buffer[256];
        int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            return Error { "cannot read the secret file" };
        ssize_t n = ::read(fd, buffer, sizeof buffer - 1);
        ::close(fd);
        std::size_t length = n > 0 ? static_cast<std::size_t>(n) : 0;
        while (length > 0 && (buffer[length - 1] == '\n' || buffer[length - 1] == '\r'))
            --length;
        Result<bool> result = true;
        for (std::size_t i = 0; i < length && result; ++i) {
            char one[2] = { buffer[i], '\0' };
            result = type(one);
        }
        secure_zero(buffer, sizeof buffer);
        if (length == 0)
            return Error { "the secret file is empty" };
        return result;
    }

    Result<bool> swipe(const std::string& argument)
    {
        std::istringstream in(argument);
        std::string direction;
        double mm = 60;
        in >> direction >> mm;
        if (direction != "up" && direction != "down" && direction != "left" && direction != "right")
            return Error { "swipe needs up, down, left or right" };
        float distance = static_cast<float>(mm * m_runner.dpi() / ui::mm_per_inch);
        if (direction == "left" || direction == "right") {
            // A sideways swipe across the middle of the screen: to the next page (left) or back.
            float w = static_cast<float>(m_runner.width()), y = static_cast<float>(m_runner.height()) * 0.6f;
            float x0 = direction == "left" ? w * 0.5f + distance * 0.5f : w * 0.5f - distance * 0.5f;
            float step = direction == "left" ? -distance : distance;
            advance(Millis { 400 });
            finger(SDL_FINGERDOWN, x0, y);
            settle();
            for (int i = 1; i <= 10; ++i) {
                m_clock.advance(frame_time);
                finger(SDL_FINGERMOTION, x0 + step * static_cast<float>(i) / 10.0f, y);
                m_runner.process_events();
                m_runner.frame();
            }
            finger(SDL_FINGERUP, x0 + step, y);
            settle();
            return true;
        }
        // A flick: lifted while still moving, so the content coasts on.
        drag_content(direction == "up" ? -distance : distance, true);
        advance(Millis { 2000 }); // let momentum finish
        return true;
    }

    // A drag by `pixels` (positive: content moves down). Unless it is a flick, the finger is held
    // still before lifting so nothing coasts: how a person scrolls to something they can see.
    void drag_content(float pixels, bool flick = false)
    {
        float x = static_cast<float>(m_runner.width()) * 0.5f;
        float h = static_cast<float>(m_runner.height());
        float y0 = pixels > 0 ? h * 0.3f : h * 0.9f;
        float room = pixels > 0 ? h * 0.65f : -h * 0.65f;
        float step = std::abs(pixels) > std::abs(room) ? room : pixels;
        advance(Millis { 400 });
        finger(SDL_FINGERDOWN, x, y0);
        settle();
        for (int i = 1; i <= 10; ++i) {
            m_clock.advance(frame_time);
            finger(SDL_FINGERMOTION, x, y0 + step * static_cast<float>(i) / 10.0f);
            m_runner.process_events();
            m_runner.frame();
        }
        if (!flick)
            m_clock.advance(Millis { 300 }); // held still before lifting: nothing coasts
        finger(SDL_FINGERUP, x, y0 + step);
        settle();
    }

    Result<bool> scroll_to(const std::string& label)
    {
        float slop = static_cast<float>(m_runner.dpi() / ui::mm_per_inch * 5.0);
        for (int i = 0; i < 30; ++i) {
            settle();
            auto* node = m_runner.tree().find_any(label);
            if (!node)
                return Error { "no item \"" + label + "\" on this screen" };
            if (node->visible.h >= node->rect.h - 0.5f)
                return true;
            // Cut at the top (or above the view): bring the content down; else up.
            bool above = node->is_visible() ? node->visible.y > node->rect.y + 0.5f : node->rect.y < static_cast<float>(m_runner.height()) * 0.5f;
            float missing = node->is_visible() ? node->rect.h - node->visible.h : static_cast<float>(m_runner.height()) * 0.5f;
            drag_content((above ? 1.0f : -1.0f) * (missing + slop * 2));
        }
        return Error { "\"" + label + "\" could not be scrolled into view" };
    }

    Result<bool> run(const ScenarioStep& step, const std::filesystem::path& output_dir)
    {
        const std::string& arg = step.argument;
        if (step.verb == "tap")
            return tap(arg);
        if (step.verb == "double-tap") {
            advance(Millis { 600 });
            auto* node = find(arg);
            if (!node)
                return Error { "no visible item \"" + arg + "\"" };
            float x = node->visible.x + node->visible.w / 2, y = node->visible.y + node->visible.h / 2;
            tap_at(x, y);
            // The second tap lands 100 ms later at the same place, as a double tap does.
            m_clock.advance(Millis { 100 });
            tap_at(x, y);
            return true;
        }
        if (step.verb == "long-press") {
            advance(Millis { 600 });
            auto* node = find(arg);
            if (!node)
                return Error { "no visible item \"" + arg + "\"" };
            float x = node->visible.x + node->visible.w / 2, y = node->visible.y + node->visible.h / 2;
            finger(SDL_FINGERDOWN, x, y);
            settle();
            advance(Millis { 1200 }); // the loop wakes for the long press on its own
            finger(SDL_FINGERUP, x, y);
            settle();
            return true;
        }
        if (step.verb == "swipe")
            return swipe(arg);
        if (step.verb == "hold-on") {
            // hold-on LABEL SECONDS: a finger held still on a visible item, then lifted.
            auto space = arg.rfind(' ');
            double seconds = space == std::string::npos ? -1 : std::atof(arg.c_str() + space + 1);
            if (seconds <= 0)
                return Error { "hold-on needs a label and SECONDS" };
            std::string label = trim(arg.substr(0, space));
            auto* node = find(label);
            if (!node)
                return Error { "no visible item \"" + label + "\"" };
            float x = node->visible.x + node->visible.w * 0.5f, y = node->visible.y + node->visible.h * 0.5f;
            advance(Millis { 600 });
            finger(SDL_FINGERDOWN, x, y);
            settle();
            advance(Millis { static_cast<long long>(seconds * 1000) });
            finger(SDL_FINGERUP, x, y);
            settle();
            return true;
        }
        if (step.verb == "hold") {
            std::istringstream in(arg);
            double x_mm = -1, y_mm = -1, seconds = -1;
            in >> x_mm >> y_mm >> seconds;
            if (x_mm < 0 || y_mm < 0 || seconds <= 0)
                return Error { "hold needs X_MM Y_MM SECONDS" };
            float px = static_cast<float>(m_runner.dpi() / ui::mm_per_inch);
            advance(Millis { 600 });
            finger(SDL_FINGERDOWN, static_cast<float>(x_mm) * px, static_cast<float>(y_mm) * px);
            settle();
            advance(Millis { static_cast<long long>(seconds * 1000) });
            finger(SDL_FINGERUP, static_cast<float>(x_mm) * px, static_cast<float>(y_mm) * px);
            settle();
            return true;
        }
        if (step.verb == "scroll-to")
            return scroll_to(arg);
        if (step.verb == "tap-first") {
            // The first visible item whose id starts with the argument (lists whose labels vary).
            advance(Millis { 600 });
            for (auto& node : m_runner.tree().nodes())
                if (node.is_visible() && node.interactive() && node.id.rfind(arg, 0) == 0) {
                    tap_at(node.visible.x + node.visible.w / 2, node.visible.y + node.visible.h / 2);
                    return true;
                }
            return Error { "no visible item with an id starting \"" + arg + "\"" };
        }
        if (step.verb == "wait-for-content") {
            // Real time: the sync worker's first pull from a real server (at most N seconds).
            double seconds = std::atof(arg.c_str());
            auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(static_cast<long long>(seconds * 1000));
            while (std::chrono::steady_clock::now() < end) {
                m_runner.process_events();
                if (m_runner.needs_frame())
                    m_runner.frame();
                if (m_runner.state().clinic->updated_at_ms > 0 && !m_runner.state().clinic_from_cache)
                    return true;
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            }
            return Error { "no content from the clinic server within " + arg + " s" };
        }
        if (step.verb == "clinic") {
            auto* demo = dynamic_cast<DemoBackend*>(m_runner.backend());
            if (!demo)
                return Error { "\"clinic\" needs the demo clinic" };
            if (arg == "silent")
                demo->set_silent(true);
            else if (arg == "conflict")
                demo->take_next_slot();
            else
                return Error { "clinic needs silent or conflict" };
            return true;
        }
        if (step.verb == "type-secret")
            return type_secret(arg);
        if (step.verb == "wait-for-outbox" || step.verb == "sync-now") {
            // Real time: the sync worker sends (or pulls) over a real connection.
            auto* worker = m_runner.sync_worker();
            if (!worker)
                return Error { "\"" + step.verb + "\" needs a clinic server" };
            std::int64_t before = m_runner.state().clinic->updated_at_ms;
            if (step.verb == "sync-now")
                worker->refresh_now();
            auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(static_cast<long long>(std::atof(arg.c_str()) * 1000));
            while (std::chrono::steady_clock::now() < end) {
                m_runner.process_events();
                if (m_runner.needs_frame())
                    m_runner.frame();
                const auto& health = m_runner.state().health;
                if (step.verb == "wait-for-outbox" && health.outbox_pending == 0 && health.outbox_rejected == 0 && health.last_success_ms > 0)
                    return true;
                if (step.verb == "sync-now" && m_runner.state().clinic->updated_at_ms > before)
                    return true;
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            }
            return Error { step.verb == "sync-now" ? "no new content from the clinic server within " + arg + " s"
                                                   : "the outbox was not delivered within " + arg + " s" };
        }
        if (step.verb == "pause-for-inspection") {
            // Real time: the kiosk idles (handling events and sync results as the loop would)
            // until SIGUSR1, so a test can look at the running process, its files and the server.
            inspection_over = 0;
            struct sigaction action {};
            action.sa_handler = end_inspection;
            sigemptyset(&action.sa_mask);
            ::sigaction(SIGUSR1, &action, nullptr);
            std::printf("paused for inspection at line %d: pid %d; SIGUSR1 goes on\n", step.line, static_cast<int>(::getpid()));
            std::fflush(stdout);
            auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(static_cast<long long>(std::atof(arg.c_str()) * 1000));
            while (!inspection_over && std::chrono::steady_clock::now() < end) {
                m_runner.process_events();
                if (m_runner.needs_frame())
                    m_runner.frame();
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            }
            if (!inspection_over)
                return Error { "no SIGUSR1 within " + arg + " s" };
            return true;
        }
        if (step.verb == "type")
            return type(arg);
        if (step.verb == "advance") {
            double seconds = 0;
            auto [p, ec] = std::from_chars(arg.data(), arg.data() + arg.size(), seconds);
            if (ec != std::errc {} || seconds < 0)
                return Error { "advance needs a number of seconds" };
            advance(Millis { static_cast<long long>(seconds * 1000) });
            return true;
        }
        settle();
        if (step.verb == "expect") {
            if (!find(arg))
                return Error { "expected \"" + arg + "\" on screen" };
            return true;
        }
        if (step.verb == "expect-not") {
            if (m_runner.tree().find_any(arg))
                return Error { "\"" + arg + "\" should not be on screen" };
            return true;
        }
        if (step.verb == "expect-hidden") {
            auto* node = m_runner.tree().find_any(arg);
            if (!node || node->is_visible())
                return Error { "expected \"" + arg + "\" on the screen but scrolled out of view" };
            return true;
        }
        if (step.verb == "expect-selected") {
            auto* node = find(arg);
            if (!node || !node->selected)
                return Error { "expected \"" + arg + "\" visible and chosen" };
            return true;
        }
        if (step.verb == "set-clipboard") {
            // Something another program left on the system clipboard.
            if (SDL_SetClipboardText(arg.c_str()) != 0)
                return Error { std::string("cannot set the clipboard: ") + SDL_GetError() };
            return true;
        }
        if (step.verb == "expect-clipboard") {
            if (arg != "empty")
                return Error { "expect-clipboard needs \"empty\"" };
            char* text = SDL_GetClipboardText();
            std::string held = text ? text : "";
            SDL_free(text);
            if (!held.empty())
                return Error { "the clipboard still holds \"" + held + "\"" };
            return true;
        }
        if (step.verb == "expect-speech") {
            // expect-speech TEXT: the last reading handed to the speech engine says TEXT;
            // expect-speech silent: nothing is being read.
            if (arg.empty())
                return Error { "expect-speech needs a text, or silent" };
            if (arg == "silent") {
                if (m_runner.state().speech.reading || m_runner.speaking())
                    return Error { "read-aloud is still reading: \"" + m_runner.last_spoken() + "\"" };
                return true;
            }
            if (!m_runner.state().speech.reading || m_runner.last_spoken().find(arg) == std::string::npos)
                return Error { "expected read-aloud to be reading \"" + arg + "\"; it " + (m_runner.state().speech.reading ? "is" : "was")
                    + " reading \"" + m_runner.last_spoken() + "\"" };
            return true;
        }
        if (step.verb == "expect-speech-lacks") {
            if (m_runner.last_spoken().find(arg) != std::string::npos)
                return Error { "read-aloud said \"" + arg + "\": \"" + m_runner.last_spoken() + "\"" };
            return true;
        }
        if (step.verb == "wait-speech-done") {
            // The real speech engine and audio device (SDL's dummy driver plays in real time):
            // waits until all of it was heard, then lets the model know.
            auto until = std::chrono::steady_clock::now() + std::chrono::seconds(60);
            while (m_runner.speaking() && std::chrono::steady_clock::now() < until)
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            if (m_runner.speaking())
                return Error { "read-aloud was still speaking after 60 s" };
            m_runner.process_events();
            if (!m_runner.deliver_speech_done())
                return Error { "read-aloud had nothing to finish" };
            settle();
            return true;
        }
        if (step.verb == "expect-sound") {
            if (arg != "on" && arg != "off")
                return Error { "expect-sound needs on or off" };
            if (m_runner.sound_playing() != (arg == "on"))
                return Error { std::string("the calm sound is ") + (m_runner.sound_playing() ? "playing" : "not playing") };
            return true;
        }
        if (step.verb == "expect-width") {
            // expect-width LABEL MIN_MM MAX_MM: a visible item's width on the glass.
            auto last = arg.rfind(' ');
            auto middle = last == std::string::npos ? std::string::npos : arg.rfind(' ', last - 1);
            if (middle == std::string::npos)
                return Error { "expect-width needs a label, a least and a most width in mm" };
            std::string label = trim(arg.substr(0, middle));
            double least = std::atof(arg.substr(middle + 1, last - middle - 1).c_str()), most = std::atof(arg.substr(last + 1).c_str());
            auto* node = find(label);
            if (!node)
                return Error { "expected \"" + label + "\" on screen" };
            double mm = node->rect.w / m_runner.dpi() * ui::mm_per_inch;
            if (mm < least - 0.05 || mm > most + 0.05)
                return Error { "\"" + label + "\" is " + std::to_string(mm) + " mm wide, expected " + std::to_string(least) + " to " + std::to_string(most) };
            return true;
        }
        if (step.verb == "expect-text-size") {
            int shown = text_percent(m_runner.fonts().built_for_size());
            if (std::to_string(shown) != arg || text_percent(effective_settings(m_runner.state()).text_size) != shown)
                return Error { "text is drawn at " + std::to_string(shown) + "%, expected " + arg + "%" };
            return true;
        }
        if (step.verb == "key")
            return key(arg);
        if (step.verb == "window-close") {
            window_close();
            return true;
        }
        if (step.verb == "screenshot") {
            std::filesystem::path file = arg;
            if (file.is_relative())
                file = output_dir / file;
            m_runner.request_screenshot(file);
            m_runner.frame();
            if (auto error = m_runner.take_screenshot_error())
                return *error;
            return true;
        }
        return Error { "unknown step" };
    }

private:
    Runner& m_runner;
    ManualClock& m_clock;
};

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
        if (!verbs.count(step.verb))
            return Error { name + ":" + std::to_string(number) + ": unknown step \"" + step.verb + "\"" };
        if (step.argument.empty() && step.verb != "wait-speech-done" && step.verb != "window-close")
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
    Driver driver(runner, clock);
    driver.settle();
    for (std::size_t i = 0; i < steps.size(); ++i) {
        auto& step = steps[i];
        auto result = driver.run(step, output_dir);
        if (result && runner.quit_asked())
            result = Error { "the kiosk quit (nothing a person does may close it)" };
        if (!result)
            return Error { name + ":" + std::to_string(step.line) + ": step " + std::to_string(i + 1) + " (" + step.text
                + ") failed: " + result.error().message + "\nOn screen:\n" + runner.tree().describe_visible() };
    }
    return true;
}

}
