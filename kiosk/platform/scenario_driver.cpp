// The scenario driver's gestures (see scenario_driver.h).
#include "platform/scenario_driver.h"

#include "app/secure_text.h"
#include "ui/metrics.h"

#include <chrono>
#include <cmath>
#include <cstring>
#include <fcntl.h>
#include <sstream>
#include <thread>
#include <unistd.h>
#include <vector>

namespace kiosk {

namespace {
constexpr Millis frame_time { 16 };
}

ScenarioDriver::ScenarioDriver(Runner& runner, ManualClock& clock)
    : m_runner(runner)
    , m_clock(clock)
{
    m_runner.hold_speech_done(true); // a reading ends when the scenario says wait-speech-done
}

bool ScenarioDriver::wait_real(double seconds, const std::function<bool()>& done)
{
    auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(static_cast<long long>(seconds * 1000));
    while (std::chrono::steady_clock::now() < end) {
        m_runner.process_events();
        if (m_runner.needs_frame())
            m_runner.frame();
        if (done())
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
}

void ScenarioDriver::hold_at(float x, float y, Millis hold)
{
    advance(Millis { 600 });
    finger(SDL_FINGERDOWN, x, y);
    settle();
    advance(hold);
    finger(SDL_FINGERUP, x, y);
    settle();
}
// Draws frames, advancing the clock one frame time each, until nothing changes any more.
void ScenarioDriver::settle()
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
void ScenarioDriver::advance(Millis by)
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

void ScenarioDriver::finger(Uint32 type, float x, float y)
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
Result<bool> ScenarioDriver::key(const std::string& combo)
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
void ScenarioDriver::window_close()
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


void ScenarioDriver::tap_at(float x, float y, Millis hold)
{
    finger(SDL_FINGERDOWN, x, y);
    settle();
    m_clock.advance(hold);
    finger(SDL_FINGERUP, x, y);
    settle();
}

Result<bool> ScenarioDriver::tap(const std::string& label, Millis pace)
{
    // A person takes a moment between taps; this also passes the after-change settle time.
    advance(pace);
    auto* node = find(label);
    if (!node)
        return Error { "no visible item \"" + label + "\"" };
    tap_at(node->visible.x + node->visible.w / 2, node->visible.y + node->visible.h / 2);
    return true;
}

Result<bool> ScenarioDriver::type(const std::string& text)
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

// Reads a secret file's first line into BUFFER with read(2) (no stdio buffer, no std::string);
// returns its length without the line end, 0 when unreadable or empty. The caller overwrites it.
static std::size_t read_secret(const std::string& file, char (&buffer)[256])
{
    int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    ssize_t n = ::read(fd, buffer, sizeof buffer - 1);
    ::close(fd);
    std::size_t length = n > 0 ? static_cast<std::size_t>(n) : 0;
    while (length > 0 && (buffer[length - 1] == '\n' || buffer[length - 1] == '\r'))
        --length;
    return length;
}

// Types the text held in FILE (its first line) without keeping it: the scenario never holds
// it, it is read with read(2) into a buffer on this stack (no stdio buffer, no std::string),
// typed one character at a time (a UTF-8 letter such as "é" is one character, typed on the
// Spanish keyboard), and the buffer is overwritten. Digits go to a PIN pad when no keyboard
// shows them (the staff PIN, a lesson's passcode). For the forensic test.
Result<bool> ScenarioDriver::type_secret(const std::string& file)
{
    char buffer[256];
    std::size_t length = read_secret(file, buffer);
    Result<bool> result = true;
    for (std::size_t i = 0; i < length && result;) {
        char one[5] = {};
        std::size_t bytes = 1;
        while (bytes < 4 && i + bytes < length && (static_cast<unsigned char>(buffer[i + bytes]) & 0xC0) == 0x80)
            ++bytes;
        std::memcpy(one, buffer + i, bytes);
        i += bytes;
        bool digit = bytes == 1 && one[0] >= '0' && one[0] <= '9';
        std::string pad_key = std::string(m_runner.tree().find_any(std::string("pin.") + one) ? "pin." : "lesson.pin.") + one;
        if (digit && !m_runner.tree().find_any(std::string("key.") + one) && m_runner.tree().find_any(pad_key)) {
            if (!find(pad_key))
                result = scroll_to(pad_key); // a person scrolls the pad's key into view first
            if (result)
                result = tap(pad_key, Millis { 300 });
        } else {
            result = type(one);
        }
        secure_zero(one, sizeof one);
    }
    secure_zero(buffer, sizeof buffer);
    if (length == 0)
        return Error { "the secret file is missing or empty" };
    return result;
}

Result<bool> ScenarioDriver::expect_secret(const std::string& file)
{
    char buffer[256];
    std::size_t length = read_secret(file, buffer);
    std::string_view secret(buffer, length);
    bool shown = false;
    for (auto& node : m_runner.tree().nodes())
        shown = shown || (length > 0 && node.text.find(secret) != std::string::npos);
    secure_zero(buffer, sizeof buffer);
    if (length == 0)
        return Error { "the secret file is missing or empty" };
    if (!shown)
        return Error { "the secret is not on screen" };
    return true;
}

Result<bool> ScenarioDriver::swipe(const std::string& argument)
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
void ScenarioDriver::drag_content(float pixels, bool flick)
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

Result<bool> ScenarioDriver::scroll_to(const std::string& label)
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

}
