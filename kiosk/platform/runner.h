// The running kiosk: the window and the loop. It owns the one state tree and a few parts, each
// in its own file, that turn the world into actions for update() — the only place the state
// changes:
//   KioskWindow     SDL, the window and renderer, ImGui, fonts, presenting (window.h)
//   Pointer         finger and mouse events into the touch layer (pointer.h)
//   ClinicExchange  requests to the clinic, its answers and the sync worker's news (clinic_exchange.h)
//   PinCheck        the staff PIN's slow hash off this thread, and its lockout on disk (pin_check.h)
//   ReadAloud       speech that follows the model (read_aloud.h); CalmSound, the lessons' sound (sound.h)
// main.cpp creates it; the scenario driver and the screenshot gallery drive it frame by frame.
#pragma once
#include "app/config.h"
#include "app/content.h"
#include "app/state.h"
#include "platform/clinic_exchange.h"
#include "platform/pin_check.h"
#include "platform/pointer.h"
#include "platform/read_aloud.h"
#include "platform/sound.h"
#include "platform/window.h"
#include "sync/worker.h"
#include "ui/a11y.h"
#include "ui/fonts.h"

#include <filesystem>
#include <memory>
#include <optional>

namespace kiosk {

class Runner {
public:
    static Result<std::unique_ptr<Runner>> create(const Config& config, const Content& content, const WindowOptions& options, Clock& clock);
    ~Runner();
    Runner(const Runner&) = delete;
    Runner& operator=(const Runner&) = delete;

    // The normal loop: sleeps in SDL_WaitEventTimeout until input, a timer or a wake-up arrives,
    // and draws a frame only then. Returns when the window is closed or SIGTERM arrives.
    void run();

    // One frame: the parts' news, timers, input, draw, present, apply actions.
    void frame();
    // Handles every SDL event already queued. Returns false when asked to quit.
    bool process_events();
    // True once something asked the loop to end (SIGTERM or SIGINT; a window manager's close
    // request only in a --windowed development window).
    bool quit_asked() const;
    // True when a frame would show something new (input queued, momentum, a timer due, or the
    // last frame changed what is on screen).
    bool needs_frame() const;
    // The lessons' calm sound is playing (for the scenario driver).
    bool sound_playing() const { return m_sound.playing(); }
    // Read-aloud, for the scenario driver: what was last handed to the speech engine, whether
    // it is still being heard, and holding back the "finished" news until the driver asks for it
    // (so a scenario does not depend on how fast the speech is heard).
    const std::string& last_spoken() const { return m_speech->last_spoken(); }
    bool speaking() const { return m_speech->speaking(); }
    void hold_speech_done(bool hold) { m_speech->hold_done(hold); }
    // Hands a finished reading to the model; true when there was one.
    bool deliver_speech_done();
    // True while work off this thread will soon need a frame (a staff PIN being checked).
    bool background_busy() const { return m_pin.busy() || m_clinic.waiting(); }
    // When the model next needs a frame, as of the last frame drawn.
    std::optional<TimePoint> next_timer() const { return m_timer; }

    // The next frame is also written to `file` as a PNG.
    void request_screenshot(std::filesystem::path file) { m_window->request_screenshot(std::move(file)); }
    std::optional<Error> take_screenshot_error() { return m_window->take_screenshot_error(); }

    const AppState& state() const { return m_state; }
    // Applies an action from outside the loop (main's start-up, e.g. the demo clinic's content).
    void dispatch(const Action& action, TimePoint now);
    const ui::A11yTree& tree() const { return m_tree; }
    const ui::FontSet& fonts() const { return m_window->fonts(); }
    double dpi() const { return m_window->dpi(); }
    int width() const { return m_window->width(); }
    int height() const { return m_window->height(); }
    SDL_Window* window() const { return m_window->sdl(); }
    unsigned frames_drawn() const { return m_frames; }
    // Replaces the state tree (the gallery shows each screen this way).
    void set_state(AppState state);
    // Tests: the wall clock reads `start` at this moment and moves with the (virtual) clock.
    void pin_wall_clock(std::int64_t start_ms);
    std::int64_t wall_ms() const;
    ClinicBackend* backend() { return m_clinic.backend(); }
    // Where the person's requests go (the demo clinic or the sync worker).
    void set_backend(std::unique_ptr<ClinicBackend> backend) { m_clinic.set_backend(std::move(backend)); }
    // Results of the sync worker are drained at the start of each frame.
    void attach_sync(sync::SyncWorker* worker);
    sync::SyncWorker* sync_worker() { return m_clinic.sync_worker(); }
    // A function any thread may call to wake the loop (it pushes an SDL user event).
    std::function<void()> waker() const { return m_window->waker(); }

private:
    Runner(const Config& config, const Content& content, Clock& clock);
    void handle_event(const SDL_Event& event);
    // Applies each action; true when there was any.
    bool dispatch_all(const std::vector<Action>& actions, TimePoint now);
    // Before drawing: the parts' news since the last frame, then the timers. True when news came.
    bool take_news(TimePoint now);
    // Draws and presents the frame; returns what the person did on it.
    std::vector<Action> draw(TimePoint now, const TouchFrame& touch, bool new_screen);
    // Requests out, answers in; true when something came in.
    bool exchange_with_clinic(TimePoint now);
    // After drawing: read-aloud follows the model; true when it answered at once.
    bool after_draw(TimePoint now);
    void end_of_session();

    const Config& m_config;
    const Content& m_content;
    Clock& m_clock;
    std::unique_ptr<KioskWindow> m_window;   // first: SDL outlives the parts that use its audio
    AppState m_state;
    Pointer m_pointer;
    CalmSound m_sound;
    std::unique_ptr<ReadAloud> m_speech;
    ClinicExchange m_clinic;
    PinCheck m_pin;
    ui::A11yTree m_tree, m_previous_tree;
    unsigned m_seen_generation { ~0u };
    bool m_dirty { true };
    std::optional<TimePoint> m_timer;   // when the model next needs a frame (after the last one)
    bool m_quit { false };
    unsigned m_frames { 0 };
    std::optional<TimePoint> m_last_frame;
    std::optional<std::pair<std::int64_t, TimePoint>> m_wall_pin;   // (wall ms, clock) for tests
};

// Sets the flag that makes run() return (from a SIGTERM/SIGINT handler).
void request_quit();

}
