// The kiosk loop (see runner.h). Rendering on demand: after an event or a timer the loop draws
// frames until what is on screen stops changing, then sleeps in SDL_WaitEventTimeout until the
// next input or the next timer (idle warning, countdown second, long press, goodbye).
//
// A frame: the parts' news (sync results, the clinic's answers, a finished reading) and a Tick
// go to update(); then the touch layer's frame, the draw (the screens add what the person did as
// actions), present; then those actions, and the parts again (new requests out, a PIN check
// started or answered, a reading started). Every change to the state is an update().
#include "platform/runner.h"

#include "platform/log.h"
#include "platform/pin.h"
#include "platform/systemd_notify.h"
#include "ui/frame.h"
#include "ui/theme.h"
#include "ui/widgets.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <imgui.h>
#include <imgui_impl_sdlrenderer.h>
#include <sodium.h>

namespace kiosk {

namespace {

std::atomic<bool> quit_requested { false };

// A random (version 4) UUID for a request the person may confirm this frame.
std::string new_uuid()
{
    unsigned char b[16];
    randombytes_buf(b, sizeof b);
    b[6] = static_cast<unsigned char>((b[6] & 0x0F) | 0x40);
    b[8] = static_cast<unsigned char>((b[8] & 0x3F) | 0x80);
    char out[37];
    (void)std::snprintf(out, sizeof out, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1], b[2], b[3], b[4], b[5],
        b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
    return out;
}

AppState initial_state(const Config& config, const Content& content, TimePoint now)
{
    AppState state = make_initial_state(config.defaults, config.timing, now);
    state.lessons = content.lessons;
    return state;
}

// The staff PIN's hash: the config's, or the demo clinic's documented one (never with a server).
std::string staff_pin_hash(const Config& config)
{
    return !config.staff_pin_hash.empty() ? config.staff_pin_hash : config.server_url.empty() ? demo_pin_hash : "";
}

// The demo clinic's PIN is printed in the README and its data_dir may not exist: its lockout
// lives in memory only. A kiosk with a clinic server keeps it next to its store.
std::optional<std::filesystem::path> lockout_file(const Config& config)
{
    if (config.server_url.empty())
        return std::nullopt;
    return std::filesystem::path(config.data_dir) / "staff-lockout";
}

}

void request_quit()
{
    quit_requested = true;
    SDL_Event e {};
    e.type = SDL_QUIT;
    SDL_PushEvent(&e);
}

Runner::Runner(const Config& config, const Content& content, Clock& clock)
    : m_config(config)
    , m_content(content)
    , m_clock(clock)
    , m_state(initial_state(config, content, clock.now()))
    , m_pin(staff_pin_hash(config), lockout_file(config))
{
    for (const auto& problem : content.lessons->problems)
        log::warning("lessons", problem + " (this lesson is skipped)");
}

Runner::~Runner()
{
    m_tree.wipe();
    m_previous_tree.wipe();
}

Result<std::unique_ptr<Runner>> Runner::create(const Config& config, const Content& content, const WindowOptions& options, Clock& clock)
{
    std::unique_ptr<Runner> runner(new Runner(config, content, clock));
    auto window = KioskWindow::open(config, options, effective_settings(runner->m_state).text_size);
    if (!window)
        return window.error();
    runner->m_window = std::move(*window);
    runner->m_speech = std::make_unique<ReadAloud>(runner->waker()); // no engine, thread or device until first used
    runner->m_pin.set_waker(runner->waker());
    runner->m_pointer.touch().set_slop(static_cast<float>(runner->dpi() / ui::mm_per_inch * 4.0));
    if (auto fonts = runner->m_window->ensure_fonts({ config.font_regular, config.font_bold }, effective_settings(runner->m_state).text_size); !fonts)
        return fonts.error();
    log::debug("start", "fonts ready, " + since_start());
    return runner;
}

void Runner::dispatch(const Action& action, TimePoint now)
{
    update(m_state, action, now);
    m_dirty = true;
}

bool Runner::dispatch_all(const std::vector<Action>& actions, TimePoint now)
{
    for (const auto& action : actions)
        update(m_state, action, now);
    return !actions.empty();
}

void Runner::set_state(AppState state)
{
    m_state = std::move(state);
    // A new state is a new screen (scrolled to the top), even with the same generation number.
    m_seen_generation = m_state.screen_generation - 1;
    m_timer.reset();
    m_pointer.touch().cancel();
    m_dirty = true;
}

void Runner::pin_wall_clock(std::int64_t start_ms)
{
    m_wall_pin = std::pair { start_ms, m_clock.now() };
}

std::int64_t Runner::wall_ms() const
{
    if (m_wall_pin)
        return m_wall_pin->first + (m_clock.now() - m_wall_pin->second).count();
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

void Runner::attach_sync(sync::SyncWorker* worker)
{
    m_clinic.attach_sync(worker);
    DeviceHealth health = m_state.health;
    health.server_configured = worker != nullptr;
    update(m_state, actions::HealthChanged { std::move(health) }, m_clock.now());
}

void Runner::handle_event(const SDL_Event& e)
{
    if (m_window->is_wake(e)) {
        m_dirty = true; // a part has news (sync worker, PIN check, speech); taken at the start of the frame
        return;
    }
    if (m_pointer.feed(e, m_clock.now(), *m_window))
        return;
    switch (e.type) {
    case SDL_QUIT:
        m_quit = true;
        break;
    case SDL_WINDOWEVENT:
        // No way out of the full-screen kiosk: only a development window closes.
        if (e.window.event == SDL_WINDOWEVENT_CLOSE) {
            if (m_window->windowed())
                m_quit = true;
            else
                log::info("window", "close request ignored (the kiosk stops only on SIGTERM)");
            break;
        }
        m_window->resized();
        m_dirty = true;
        break;
    case SDL_RENDER_TARGETS_RESET:
    case SDL_RENDER_DEVICE_RESET:
        m_dirty = true;
        break;
    default:
        break;
    }
}

bool Runner::process_events()
{
    SDL_Event e;
    while (SDL_PollEvent(&e))
        handle_event(e);
    return !m_quit && !quit_requested;
}

bool Runner::quit_asked() const
{
    return m_quit || quit_requested;
}

bool Runner::needs_frame() const
{
    if (m_dirty || m_pointer.touch().busy() || m_pin.answer_ready())
        return true;
    TimePoint now = m_clock.now();
    // The timer as it stood after the last frame: asking next_wake() now would already name the
    // following second, and the frame due at this one would never be drawn.
    auto hold = m_pointer.touch().next_wake();
    return (m_timer && *m_timer <= now) || (hold && *hold <= now);
}

bool Runner::take_news(TimePoint now)
{
    if (auto restored = m_pin.restore(m_state.staff_guard, now, wall_ms()))
        update(m_state, *restored, now);
    dispatch_all(m_clinic.drain_sync(m_state.health), now);
    bool news = exchange_with_clinic(now);
    if (!m_speech->holding_done())
        deliver_speech_done();
    update(m_state, actions::Tick {}, now);
    return news;
}

bool Runner::exchange_with_clinic(TimePoint now)
{
    if (!m_state.requests.empty()) {
        m_clinic.send(m_state.requests, now, UtcSeconds { std::chrono::seconds { wall_ms() / 1000 } });
        update(m_state, actions::RequestsTaken {}, now);
    }
    return dispatch_all(m_clinic.pump(now), now);
}

std::vector<Action> Runner::draw(TimePoint now, const TouchFrame& touch, bool new_screen)
{
    const Settings& settings = effective_settings(m_state);
    const ui::Palette& colours = ui::palette(settings.theme);
    ui::Metrics metrics(dpi(), settings.text_size);
    m_window->style(settings.theme, colours, metrics);

    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(static_cast<float>(width()), static_cast<float>(height()));
    io.DeltaTime = m_last_frame ? std::max(0.001f, std::chrono::duration<float>(now - *m_last_frame).count()) : 1.0f / 60.0f;
    m_last_frame = now;
    io.MousePos = ImVec2(touch.pointer.x, touch.pointer.y);
    io.MouseDown[0] = touch.pointer.down;

    ImGui_ImplSDLRenderer_NewFrame();
    ImGui::NewFrame();
    std::swap(m_tree, m_previous_tree);
    m_tree.begin_frame(io.DisplaySize.x, io.DisplaySize.y);
    std::vector<Action> out;
    ui::Ui ui { .metrics = metrics, .colours = colours, .content = m_content, .strings = m_content.strings,
        .fonts = m_window->fonts(), .config = m_config, .language = settings.language, .now = now, .wall_ms = 0, .fresh_uuid = {}, .tree = m_tree, .out = out };
    ui.scroll_delta = new_screen ? 0.0f : touch.scroll_delta;
    ui.swipe = new_screen ? 0 : touch.swipe;
    ui.wall_ms = wall_ms();
    ui.fresh_uuid = new_uuid();
    ui.new_screen = new_screen;
    ui::draw_frame(m_state, ui);
    ImGui::Render();
    m_window->present(colours.background);
    if (++m_frames == 1)
        log::debug("start", "first frame presented, " + since_start());
    return out;
}

bool Runner::after_draw(TimePoint now)
{
    // Read-aloud follows the model, and speaks from what this frame showed.
    bool news = false;
    if (auto done = m_speech->pump(m_state, m_tree)) {
        update(m_state, *done, now); // nothing new to read
        news = true;
    }
    return news;
}

void Runner::end_of_session()
{
    // The session ended: what earlier frames recorded (it may include typed text) goes too.
    m_previous_tree.wipe();
    m_speech->forget_heard();
    // The kiosk never puts anything on the clipboard; whatever is there goes too.
    if (SDL_HasClipboardText())
        SDL_SetClipboardText("");
    m_pointer.cancel();
    log::info("session", std::string("ended: ") + std::string(wipe_reason_name(*m_state.last_wipe)));
}

void Runner::frame()
{
    TimePoint now = m_clock.now();
    unsigned sessions_before = m_state.sessions_ended;
    bool clinic_news = take_news(now);
    if (auto fonts = m_window->ensure_fonts({ m_config.font_regular, m_config.font_bold }, effective_settings(m_state).text_size); !fonts)
        log::error("fonts", fonts.error().message);

    TouchFrame touch = m_pointer.touch().begin_frame(now);
    if (touch.touched)
        update(m_state, actions::Touch {}, now);
    // The staff gesture: a 3 s hold in the top-left corner (15 × 15 mm), on any screen.
    float corner = static_cast<float>(dpi() / ui::mm_per_inch * 15.0);
    if (touch.very_long_press && touch.very_long_press->first < corner && touch.very_long_press->second < corner) {
        m_pointer.touch().consume_long_press();
        update(m_state, actions::StaffGesture {}, now);
    }
    bool new_screen = m_state.screen_generation != m_seen_generation;
    m_seen_generation = m_state.screen_generation;

    std::vector<Action> out = draw(now, touch, new_screen);
    bool speech_news = after_draw(now);
    dispatch_all(out, now);
    bool pin_answered = false;
    if (auto answer = m_pin.pump(m_state)) {
        update(m_state, *answer, now);
        m_pin.save(m_state.staff_guard, now, wall_ms()); // on disk before this frame shows the answer
        pin_answered = true;
    }
    pin_answered = exchange_with_clinic(now) || pin_answered;
    if (m_state.sessions_ended != sessions_before)
        end_of_session();
    m_sound.pump(m_state);
    m_timer = next_wake(m_state, now);
    if (auto due = m_clinic.next_deadline(); due && (!m_timer || *due < *m_timer))
        m_timer = due;
    m_dirty = clinic_news || pin_answered || speech_news || !out.empty() || new_screen || touch.scroll_delta != 0 || touch.swipe != 0
        || m_tree.differs_from(m_previous_tree) || m_state.screen_generation != m_seen_generation || m_frames < 2;
}

bool Runner::deliver_speech_done()
{
    auto done = m_speech->take_done();
    if (!done)
        return false;
    update(m_state, *done, m_clock.now());
    m_dirty = true;
    return true;
}

void Runner::run()
{
    // Under the appliance's unit: READY=1 after the first frame, and a watchdog ping from this
    // thread, which wakes for it (every half WatchdogSec) only when nothing else woke it sooner.
    auto systemd = SystemdNotifier::from_environment();
    while (true) {
        auto ping_in = systemd.ping_if_due(std::chrono::steady_clock::now());
        if (!needs_frame()) {
            TimePoint now = m_clock.now();
            std::optional<TimePoint> deadline = m_timer;
            if (auto hold = m_pointer.touch().next_wake(); hold && (!deadline || *hold < *deadline))
                deadline = hold;
            int timeout_ms = 60'000;
            if (deadline)
                timeout_ms = static_cast<int>(std::clamp<long long>((*deadline - now).count(), 1, 60'000));
            if (ping_in)
                timeout_ms = std::min(timeout_ms, static_cast<int>(std::clamp<long long>(ping_in->count(), 1, 60'000)));
            SDL_Event e;
            if (SDL_WaitEventTimeout(&e, timeout_ms))
                handle_event(e);
        }
        if (!process_events())
            break;
        if (needs_frame())
            frame();
        if (m_frames > 0)
            systemd.ready();
    }
    systemd.stopping();
}

}
