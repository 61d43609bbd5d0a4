// The running kiosk: the SDL window and renderer, the ImGui context, the touch layer and the one
// state tree, and the loop that renders only when something changed. main.cpp creates it; the
// scenario driver and the screenshot gallery drive it frame by frame.
#pragma once
#include "app/config.h"
#include "app/content.h"
#include "app/state.h"
#include "platform/sdl_handles.h"
#include "platform/sound.h"
#include "platform/speech.h"
#include "platform/touch_input.h"
#include "platform/backend.h"
#include "platform/lockout_file.h"
#include "sync/worker.h"
#include "ui/a11y.h"
#include "ui/fonts.h"

#include <filesystem>
#include <future>
#include <map>
#include <memory>
#include <optional>

namespace kiosk {

struct WindowOptions {
    bool windowed { false };
    int width { 1280 };
    int height { 800 };
    std::optional<double> dpi;   // overrides both the display and the config
};

class Runner {
public:
    static Result<std::unique_ptr<Runner>> create(const Config& config, const Content& content, const WindowOptions& options, Clock& clock);
    ~Runner();
    Runner(const Runner&) = delete;
    Runner& operator=(const Runner&) = delete;

    // The normal loop: sleeps in SDL_WaitEventTimeout until input, a timer or a wake-up arrives,
    // and draws a frame only then. Returns when the window is closed or SIGTERM arrives.
    void run();

    // One frame: timers, input, draw, present, apply actions.
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
    const std::string& last_spoken() const { return m_speech->last_text(); }
    bool speaking() const { return m_speech->speaking(); }
    void hold_speech_done(bool hold) { m_hold_speech_done = hold; }
    // Hands a finished reading to the model; true when there was one.
    bool deliver_speech_done();
    // True while work off this thread will soon need a frame (a staff PIN being checked).
    bool background_busy() const { return m_pin_check.valid() || !m_answer_due.empty(); }
    // When the model next needs a frame, as of the last frame drawn.
    std::optional<TimePoint> next_timer() const { return m_timer; }

    // The next frame is also written to `file` as a PNG.
    void request_screenshot(std::filesystem::path file) { m_screenshot = std::move(file); }
    std::optional<Error> take_screenshot_error() { return std::exchange(m_screenshot_error, std::nullopt); }

    AppState& state() { return m_state; }
    const ui::A11yTree& tree() const { return m_tree; }
    const ui::FontSet& fonts() const { return m_fonts; }
    double dpi() const { return m_dpi; }
    int width() const { return m_width; }
    SDL_Window* window() const { return m_window.get(); }
    int height() const { return m_height; }
    unsigned frames_drawn() const { return m_frames; }
    // Replaces the state tree (the gallery shows each screen this way).
    void set_state(AppState state);
    // Tests: the wall clock reads `start` at this moment and moves with the (virtual) clock.
    void pin_wall_clock(std::int64_t start_ms);
    std::int64_t wall_ms() const;
    ClinicBackend* backend() { return m_backend.get(); }
    // Where the person's requests go (the demo clinic or the sync worker).
    void set_backend(std::unique_ptr<ClinicBackend> backend, SyncBackend* sync_backend = nullptr);
    // Results of the sync worker are drained at the start of each frame.
    void attach_sync(sync::SyncWorker* worker);
    sync::SyncWorker* sync_worker() { return m_sync; }
    // A function any thread may call to wake the loop (it pushes an SDL user event).
    std::function<void()> waker() const;

private:
    Runner(const Config& config, const Content& content, Clock& clock);
    void handle_event(const SDL_Event& event);
    void drain_sync(TimePoint now);
    bool check_pin(TimePoint now);   // true when an answer came in
    bool exchange_with_clinic(TimePoint now); // requests out, answers in; true when something came in
    std::optional<TimePoint> earliest_answer_due() const;
    // The staff PIN lockout on disk (a kiosk with a clinic server): read before the first frame,
    // written whenever a PIN answer changes it.
    void restore_staff_lockout(TimePoint now);
    void save_staff_lockout(TimePoint now);
    Result<bool> ensure_fonts();

    const Config& m_config;
    const Content& m_content;
    Clock& m_clock;
    SdlSubsystem m_sdl;
    SdlWindow m_window;
    SdlRenderer m_renderer;
    bool m_imgui_started { false };
    double m_dpi { 0 };
    int m_width { 0 }, m_height { 0 };
    AppState m_state;
    TouchInput m_touch;
    CalmSound m_sound;
    std::unique_ptr<SpeechPlayer> m_speech;    // after m_sdl: closes its audio device first
    unsigned m_spoken_request { 0 };     // the model's speech request last handed over
    std::vector<std::string> m_heard;    // what was read on this screen (a new message adds to it)
    bool m_hold_speech_done { false };
    ui::FontSet m_fonts;
    std::optional<Theme> m_styled_theme;
    ui::A11yTree m_tree, m_previous_tree;
    unsigned m_seen_generation { ~0u };
    std::optional<SDL_FingerID> m_finger;
    bool m_dirty { true };
    std::optional<TimePoint> m_timer;   // when the model next needs a frame (after the last one)
    bool m_quit { false };
    bool m_windowed { false };   // a development window: closing it ends the kiosk
    unsigned m_frames { 0 };
    std::optional<TimePoint> m_last_frame;
    sync::SyncWorker* m_sync { nullptr };
    std::optional<std::pair<std::int64_t, TimePoint>> m_wall_pin;   // (wall ms, clock) for tests
    std::string m_pin_hash;
    std::unique_ptr<ClinicBackend> m_backend;
    SyncBackend* m_sync_backend { nullptr };
    std::map<std::string, TimePoint> m_answer_due;   // bookings waiting for the clinic: uuid → deadline
    std::future<bool> m_pin_check;      // a staff PIN being checked off this thread
    std::optional<std::filesystem::path> m_lockout_file;   // data_dir/staff-lockout; none in the demo clinic
    bool m_lockout_restored { false };
    LockoutRecord m_lockout_saved;
    Uint32 m_wake_event { 0 };
    std::optional<std::filesystem::path> m_screenshot;
    std::optional<Error> m_screenshot_error;
};

// Sets the flag that makes run() return (from a SIGTERM/SIGINT handler).
void request_quit();

}
