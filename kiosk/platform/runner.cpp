// The kiosk loop (see runner.h). Rendering on demand: after an event or a timer the loop draws
// frames until what is on screen stops changing, then sleeps in SDL_WaitEventTimeout until the
// next input or the next timer (idle warning, countdown second, long press, goodbye).
#include "platform/runner.h"

#include "platform/log.h"
#include "platform/pin.h"
#include "platform/png.h"
#include "platform/systemd_notify.h"
#include "ui/frame.h"
#include "ui/theme.h"
#include "ui/widgets.h"
#include "app/secure_text.h"

#include <algorithm>
#include <atomic>
#include <ctime>
#include <fstream>
#include <sstream>
#include <string_view>
#include <unistd.h>
#include <imgui.h>
#include <imgui_impl_sdlrenderer.h>
#include <sodium.h>

namespace kiosk {

namespace {

std::atomic<bool> quit_requested { false };

// What a person on a machine with no screen needs to read: what is missing, and how to run the
// kiosk anyway. (SDL would otherwise say "No available video device", or say nothing at all.)
std::string no_display_message()
{
    auto unset = [](const char* name) {
        const char* value = SDL_getenv(name);
        return value == nullptr || *value == '\0';
    };
    std::string missing;
    for (const char* name : { "DISPLAY", "WAYLAND_DISPLAY" })
        if (unset(name))
            missing += std::string(missing.empty() ? "" : " and ") + name;
    return "no display to open a window on (" + (missing.empty() ? std::string("neither X11 nor Wayland answered") : missing + " not set")
        + "). Start the kiosk in a desktop session, or headless: SDL_VIDEODRIVER=dummy kiosk --windowed ... "
          "(no display at all) or xvfb-run -a kiosk --windowed ... (a virtual X11 screen)";
}

// SDL 2.26 quietly falls back to its "offscreen" driver when there is no X11, Wayland or KMS: the
// kiosk would then run on, drawing to nothing that anyone can see. Invisible drivers are only
// for when they are asked for by name (SDL_VIDEODRIVER), as the tests do.
bool invisible_by_accident()
{
    const char* driver = SDL_GetCurrentVideoDriver();
    if (driver == nullptr || (std::string_view(driver) != "offscreen" && std::string_view(driver) != "dummy"))
        return false;
    const char* asked = SDL_getenv("SDL_VIDEODRIVER");
    return asked == nullptr || std::string_view(asked).find(driver) == std::string_view::npos;
}

// Milliseconds since the process started, for the start-up phase log lines.
std::string since_start()
{
    timespec now {};
    clock_gettime(CLOCK_MONOTONIC, &now);
    std::ifstream stat("/proc/self/stat");
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    std::istringstream fields(text.substr(text.rfind(')') + 2));
    std::string field;
    long long start_ticks = 0;
    for (int i = 3; i <= 22 && fields >> field; ++i)
        if (i == 22)
            start_ticks = std::stoll(field);
    double started_ms = static_cast<double>(start_ticks) * 1000.0 / static_cast<double>(sysconf(_SC_CLK_TCK));
    double now_ms = static_cast<double>(now.tv_sec) * 1000.0 + static_cast<double>(now.tv_nsec) / 1e6;
    return std::to_string(static_cast<long long>(now_ms - started_ms)) + " ms after exec";
}

const char* no_clipboard(void*) { return ""; }

// A random (version 4) UUID for a request the person may confirm this frame.
std::string new_uuid()
{
    unsigned char b[16];
    randombytes_buf(b, sizeof b);
    b[6] = static_cast<unsigned char>((b[6] & 0x0F) | 0x40);
    b[8] = static_cast<unsigned char>((b[8] & 0x3F) | 0x80);
    char out[37];
    std::snprintf(out, sizeof out, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1], b[2], b[3], b[4], b[5],
        b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
    return out;
}
void ignore_clipboard(void*, const char*) { }

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
    , m_state(make_initial_state(config.defaults, config.timing, clock.now()))
    , m_touch(TouchInput::Tuning {})
{
    m_state.lessons = content.lessons;
    for (auto& problem : content.lessons->problems)
        log::warning("lessons", problem + " (this lesson is skipped)");
    // The demo clinic's PIN is printed in the README and its data_dir may not exist: its lockout
    // lives in memory only. A kiosk with a clinic server keeps it next to its store.
    if (!config.server_url.empty())
        m_lockout_file = std::filesystem::path(config.data_dir) / "staff-lockout";
}

void Runner::restore_staff_lockout(TimePoint now)
{
    m_lockout_restored = true;
    if (!m_lockout_file)
        return;
    StaffGuard& guard = m_state.staff_guard;
    auto read = read_lockout(*m_lockout_file);
    if (!read) {
        // Unreadable or damaged: a lockout rather than five free guesses.
        log::error("staff", read.error().message + "; the PIN pad starts locked for a minute");
        guard.lockouts = std::max(guard.lockouts, 1);
        guard.locked_until = now + Seconds { 60 };
        save_staff_lockout(now);
        return;
    }
    if (!*read)
        return;
    const LockoutRecord& record = **read;
    guard.failures = record.failures;
    guard.lockouts = record.lockouts;
    if (std::int64_t left = record.locked_until_ms - wall_ms(); left > 0) {
        // A clock set back (a tablet without a clock battery) cannot make it longer than it was.
        Millis longest = Seconds { 60 } * (1 << std::min(std::max(guard.lockouts, 1) - 1, 10));
        guard.locked_until = now + std::min(Millis { left }, longest);
    }
    m_lockout_saved = record;
    log::info("staff", "PIN lockout restored: " + std::to_string(record.failures) + " wrong since the last lockout, "
        + std::to_string(record.lockouts) + " lockouts" + (guard.locked(now) ? ", locked" : ""));
}

void Runner::save_staff_lockout(TimePoint now)
{
    if (!m_lockout_file)
        return;
    const StaffGuard& guard = m_state.staff_guard;
    LockoutRecord record { guard.failures, guard.lockouts,
        guard.locked(now) ? wall_ms() + std::chrono::duration_cast<Millis>(*guard.locked_until - now).count() : 0 };
    if (record == m_lockout_saved)
        return;
    if (auto written = write_lockout(*m_lockout_file, record); !written) {
        log::error("staff", written.error().message + "; the PIN lockout would not outlive a restart");
        return;
    }
    m_lockout_saved = record;
}

Runner::~Runner()
{
    m_tree.wipe();
    m_previous_tree.wipe();
    if (m_imgui_started) {
        ImGui_ImplSDLRenderer_Shutdown();
        ImGui::DestroyContext();
    }
}

Result<std::unique_ptr<Runner>> Runner::create(const Config& config, const Content& content, const WindowOptions& options, Clock& clock)
{
    std::unique_ptr<Runner> runner(new Runner(config, content, clock));
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");   // the touch layer reads fingers itself
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
    SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
    // A window manager's close request (Alt+F4, a title bar's X) arrives as SDL_WINDOWEVENT_CLOSE
    // only, never as SDL_QUIT: SDL_QUIT then means SIGTERM or SIGINT. handle_event decides.
    SDL_SetHint(SDL_HINT_QUIT_ON_LAST_WINDOW_CLOSE, "0");
    runner->m_windowed = options.windowed;
    if (config.renderer == RendererChoice::Software)
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0"); // keeps Mesa out of the process on X11
    log::debug("start", "SDL video starting, " + since_start());
    if (!runner->m_sdl.start())
        return Error { std::string("SDL could not start video (") + SDL_GetError() + "): " + no_display_message() };
    if (invisible_by_accident())
        return Error { no_display_message() };
    log::debug("start", "SDL video started, " + since_start());
    SDL_DisableScreenSaver();
    runner->m_wake_event = SDL_RegisterEvents(1);
    runner->m_speech = std::make_unique<SpeechPlayer>(runner->waker()); // no engine, thread or device until first used

    Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI | (options.windowed ? 0u : static_cast<Uint32>(SDL_WINDOW_FULLSCREEN_DESKTOP));
    runner->m_window.reset(SDL_CreateWindow("Peer support kiosk", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
        options.width, options.height, flags));
    if (!runner->m_window)
        return Error { std::string("SDL could not open a window: ") + SDL_GetError() };

    if (config.renderer == RendererChoice::Accelerated) {
        runner->m_renderer.reset(SDL_CreateRenderer(runner->m_window.get(), -1, SDL_RENDERER_ACCELERATED));
        if (!runner->m_renderer)
            log::warning("window", std::string("accelerated renderer unavailable, using software: ") + SDL_GetError());
    }
    if (!runner->m_renderer)
        runner->m_renderer.reset(SDL_CreateRenderer(runner->m_window.get(), -1, SDL_RENDERER_SOFTWARE));
    if (!runner->m_renderer)
        return Error { std::string("SDL could not create a renderer: ") + SDL_GetError() };
    log::debug("start", "window and renderer ready, " + since_start());
    SDL_GetRendererOutputSize(runner->m_renderer.get(), &runner->m_width, &runner->m_height);

    // Touch screens get no cursor; neither does a full-screen kiosk.
    if (SDL_GetNumTouchDevices() > 0 || !options.windowed)
        SDL_ShowCursor(SDL_DISABLE);

    float ddpi = 0;
    if (options.dpi)
        runner->m_dpi = *options.dpi;
    else if (config.dpi)
        runner->m_dpi = *config.dpi;
    else if (SDL_GetDisplayDPI(SDL_GetWindowDisplayIndex(runner->m_window.get()), &ddpi, nullptr, nullptr) == 0 && ddpi >= 50 && ddpi <= 600)
        runner->m_dpi = ddpi;
    else {
        runner->m_dpi = ui::reference_dpi;
        log::info("window", "display reports no usable DPI; using the reference tablet's 149 (set \"dpi\" in the config to change)");
    }

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    runner->m_imgui_started = true;
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;   // no imgui.ini: window state is never written on a shared device
    io.LogFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;
    io.GetClipboardTextFn = no_clipboard;   // the clipboard is never used
    io.SetClipboardTextFn = ignore_clipboard;
    if (!ImGui_ImplSDLRenderer_Init(runner->m_renderer.get()))
        return Error { "ImGui could not use the SDL renderer" };

    SDL_RendererInfo info {};
    SDL_GetRendererInfo(runner->m_renderer.get(), &info);
    log::info("window", std::string("renderer ") + info.name + ", " + std::to_string(runner->m_width) + "x"
            + std::to_string(runner->m_height) + " px, " + std::to_string(static_cast<int>(runner->m_dpi)) + " dpi");

    runner->m_pin_hash = !config.staff_pin_hash.empty() ? config.staff_pin_hash : config.server_url.empty() ? demo_pin_hash : "";
    runner->m_touch.set_slop(static_cast<float>(runner->m_dpi / ui::mm_per_inch * 4.0));
    if (auto fonts = runner->ensure_fonts(); !fonts)
        return fonts.error();
    log::debug("start", "fonts ready, " + since_start());
    return runner;
}

Result<bool> Runner::ensure_fonts()
{
    TextSize size = effective_settings(m_state).text_size;
    if (m_fonts.built() && m_fonts.built_for_size() == size)
        return true;
    if (m_fonts.built())
        ImGui_ImplSDLRenderer_DestroyFontsTexture();
    auto built = m_fonts.build({ m_config.font_regular, m_config.font_bold }, ui::Metrics(m_dpi, size));
    if (!built)
        return built;
    ImGui_ImplSDLRenderer_CreateFontsTexture();
    // The texture now lives in the renderer; drop ImGui's CPU copies of the atlas pixels.
    ImGui::GetIO().Fonts->ClearTexData();
    return true;
}

void Runner::set_state(AppState state)
{
    m_state = std::move(state);
    // A new state is a new screen (scrolled to the top), even with the same generation number.
    m_seen_generation = m_state.screen_generation - 1;
    m_timer.reset();
    m_touch.cancel();
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

void Runner::set_backend(std::unique_ptr<ClinicBackend> backend, SyncBackend* sync_backend)
{
    m_backend = std::move(backend);
    m_sync_backend = sync_backend;
}

std::optional<TimePoint> Runner::earliest_answer_due() const
{
    std::optional<TimePoint> earliest;
    for (auto& [uuid, due] : m_answer_due)
        if (!earliest || due < *earliest)
            earliest = due;
    return earliest;
}

bool Runner::exchange_with_clinic(TimePoint now)
{
    bool news = false;
    if (m_backend) {
        for (auto& request : m_state.requests) {
            if (request.kind == Request::Kind::Booking)
                m_answer_due[request.uuid] = now + Seconds { 5 };
            m_backend->send(request, now, UtcSeconds { std::chrono::seconds { wall_ms() / 1000 } });
        }
        for (auto& action : m_backend->poll(now)) {
            if (auto* answer = std::get_if<actions::RequestAnswered>(&action))
                m_answer_due.erase(answer->uuid);
            update(m_state, action, now);
            news = true;
        }
    }
    m_state.requests.clear();
    // The clinic did not answer a waiting person within 5 s: say so (the request stays queued).
    for (auto it = m_answer_due.begin(); it != m_answer_due.end();) {
        if (now >= it->second) {
            log::warning("booking", "the clinic did not answer within 5 s");
            update(m_state, actions::RequestAnswered { it->first, actions::RequestAnswered::Outcome::NoAnswer }, now);
            it = m_answer_due.erase(it);
            news = true;
        } else {
            ++it;
        }
    }
    return news;
}

void Runner::attach_sync(sync::SyncWorker* worker)
{
    m_sync = worker;
    m_state.health.server_configured = worker != nullptr;
}

std::function<void()> Runner::waker() const
{
    Uint32 type = m_wake_event;
    return [type] {
        if (type == static_cast<Uint32>(-1) || type == 0)
            return;
        SDL_Event e {};
        e.type = type;
        SDL_PushEvent(&e); // thread-safe
    };
}

void Runner::drain_sync(TimePoint now)
{
    if (!m_sync)
        return;
    for (auto& event : m_sync->drain()) {
        if (auto* loaded = std::get_if<sync::events::ContentLoaded>(&event)) {
            const ClinicContent& c = *loaded->content;
            log::info("sync", std::string(loaded->from_cache ? "cached" : "pulled") + " content: " + std::to_string(c.peers.size())
                    + " peers, " + std::to_string(c.slots.size()) + " free slots, " + std::to_string(c.directory.size())
                    + " directory entries, " + std::to_string(c.skipped) + " skipped");
            update(m_state, actions::ClinicLoaded { loaded->content, loaded->from_cache }, now);
        } else if (auto* changed = std::get_if<sync::events::StatusChanged>(&event)) {
            const auto& s = changed->status;
            DeviceHealth health;
            health.server_configured = true;
            health.last_success_ms = s.last_success_ms;
            health.last_error = s.last_error;
            health.outbox_pending = s.outbox.pending;
            health.outbox_rejected = s.outbox.rejected;
            health.rejected = s.rejected;
            health.skipped_entries = s.skipped;
            if (s.certificate_expires)
                health.certificate_expires_s = s.certificate_expires->time_since_epoch().count();
            if (health.last_error != m_state.health.last_error && !health.last_error.empty())
                log::warning("sync", health.last_error);
            if (health.outbox_rejected != m_state.health.outbox_rejected)
                log::error("sync", std::to_string(health.outbox_rejected) + " outbox items rejected by the server (see the health view)");
            update(m_state, actions::HealthChanged { std::move(health) }, now);
        } else if (auto* sent = std::get_if<sync::events::Sent>(&event)) {
            if (m_sync_backend)
                m_sync_backend->on_sent(*sent);
        }
    }
}

bool Runner::check_pin(TimePoint now)
{
    auto* pin = std::get_if<screens::StaffPin>(&m_state.screen());
    if (m_pin_check.valid()) {
        if (m_pin_check.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
            return false;
        bool correct = m_pin_check.get();
        log::info("staff", correct ? "staff mode unlocked" : "wrong staff PIN");
        update(m_state, actions::PinChecked { correct }, now);
        save_staff_lockout(now); // on disk before this frame shows the answer
        return true;
    }
    if (!pin || !pin->checking)
        return false;
    // The check (Argon2id, tens of ms) runs off the UI thread; its copy of the digits is
    // overwritten as soon as it is done. The wake-up brings the answer into the next frame.
    auto digits = std::make_shared<std::string>(pin->digits.view());
    m_pin_check = std::async(std::launch::async, [hash = m_pin_hash, digits, wake = waker()] {
        bool ok = !hash.empty() && verify_pin(hash, *digits);
        secure_zero(digits->data(), digits->size());
        wake();
        return ok;
    });
    return false;
}

void Runner::handle_event(const SDL_Event& e)
{
    if (e.type == m_wake_event) {
        m_dirty = true; // the sync worker has news; drained at the start of the frame
        return;
    }
    TimePoint now = m_clock.now();
    auto scale = [&](int x, int y) {
        int ww = 1, wh = 1;
        SDL_GetWindowSize(m_window.get(), &ww, &wh);
        return std::pair { static_cast<float>(x) * static_cast<float>(m_width) / static_cast<float>(std::max(ww, 1)),
            static_cast<float>(y) * static_cast<float>(m_height) / static_cast<float>(std::max(wh, 1)) };
    };
    auto finger_at = [&](const SDL_TouchFingerEvent& f) {
        return std::pair { f.x * static_cast<float>(m_width), f.y * static_cast<float>(m_height) };
    };
    switch (e.type) {
    case SDL_QUIT:
        m_quit = true;
        break;
    case SDL_FINGERDOWN:
        if (!m_finger) {
            m_finger = e.tfinger.fingerId;
            auto [x, y] = finger_at(e.tfinger);
            m_touch.press(x, y, now);
        }
        break;
    case SDL_FINGERMOTION:
        if (m_finger == e.tfinger.fingerId) {
            auto [x, y] = finger_at(e.tfinger);
            m_touch.move(x, y, now);
        }
        break;
    case SDL_FINGERUP:
        if (m_finger == e.tfinger.fingerId) {
            auto [x, y] = finger_at(e.tfinger);
            m_touch.release(x, y, now);
            m_finger.reset();
        }
        break;
    case SDL_MOUSEBUTTONDOWN:
        if (e.button.which != SDL_TOUCH_MOUSEID && e.button.button == SDL_BUTTON_LEFT) {
            auto [x, y] = scale(e.button.x, e.button.y);
            m_touch.press(x, y, now);
        }
        break;
    case SDL_MOUSEMOTION:
        if (e.motion.which != SDL_TOUCH_MOUSEID && (e.motion.state & SDL_BUTTON_LMASK)) {
            auto [x, y] = scale(e.motion.x, e.motion.y);
            m_touch.move(x, y, now);
        }
        break;
    case SDL_MOUSEBUTTONUP:
        if (e.button.which != SDL_TOUCH_MOUSEID && e.button.button == SDL_BUTTON_LEFT) {
            auto [x, y] = scale(e.button.x, e.button.y);
            m_touch.release(x, y, now);
        }
        break;
    case SDL_WINDOWEVENT:
        // No way out of the full-screen kiosk: only a development window closes.
        if (e.window.event == SDL_WINDOWEVENT_CLOSE) {
            if (m_windowed)
                m_quit = true;
            else
                log::info("window", "close request ignored (the kiosk stops only on SIGTERM)");
            break;
        }
        SDL_GetRendererOutputSize(m_renderer.get(), &m_width, &m_height);
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
    if (m_dirty || m_touch.busy())
        return true;
    if (m_pin_check.valid() && m_pin_check.wait_for(std::chrono::seconds(0)) == std::future_status::ready)
        return true;
    TimePoint now = m_clock.now();
    // The timer as it stood after the last frame: asking next_wake() now would already name the
    // following second, and the frame due at this one would never be drawn.
    auto hold = m_touch.next_wake();
    return (m_timer && *m_timer <= now) || (hold && *hold <= now);
}

void Runner::frame()
{
    TimePoint now = m_clock.now();
    if (!m_lockout_restored)
        restore_staff_lockout(now);
    unsigned sessions_before = m_state.sessions_ended;
    drain_sync(now);
    bool clinic_news = exchange_with_clinic(now);
    if (!m_hold_speech_done)
        deliver_speech_done();
    update(m_state, actions::Tick {}, now);
    if (auto fonts = ensure_fonts(); !fonts)
        log::error("fonts", fonts.error().message);
    const Settings& settings = effective_settings(m_state);
    const ui::Palette& colours = ui::palette(settings.theme);
    ui::Metrics metrics(m_dpi, settings.text_size);
    if (m_styled_theme != settings.theme) {
        ui::apply_style(colours, metrics);
        m_styled_theme = settings.theme;
    }

    TouchFrame touch = m_touch.begin_frame(now);
    if (touch.touched)
        update(m_state, actions::Touch {}, now);
    // The staff gesture: a 3 s hold in the top-left corner (15 × 15 mm), on any screen.
    float corner = static_cast<float>(m_dpi / ui::mm_per_inch * 15.0);
    if (touch.very_long_press && touch.very_long_press->first < corner && touch.very_long_press->second < corner) {
        m_touch.consume_long_press();
        update(m_state, actions::StaffGesture {}, now);
    }
    bool new_screen = m_state.screen_generation != m_seen_generation;
    m_seen_generation = m_state.screen_generation;

    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(static_cast<float>(m_width), static_cast<float>(m_height));
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
        .fonts = m_fonts, .config = m_config, .language = settings.language, .now = now, .wall_ms = 0, .fresh_uuid = {}, .tree = m_tree, .out = out };
    ui.scroll_delta = new_screen ? 0.0f : touch.scroll_delta;
    ui.swipe = new_screen ? 0 : touch.swipe;
    ui.wall_ms = wall_ms();
    ui.fresh_uuid = new_uuid();
    ui.new_screen = new_screen;
    ui::draw_frame(m_state, ui);
    ImGui::Render();

    SDL_SetRenderDrawColor(m_renderer.get(), colours.background.r, colours.background.g, colours.background.b, 255);
    SDL_RenderClear(m_renderer.get());
    ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
    if (m_screenshot) {
        std::vector<std::uint8_t> pixels(static_cast<std::size_t>(m_width) * static_cast<std::size_t>(m_height) * 4);
        if (SDL_RenderReadPixels(m_renderer.get(), nullptr, SDL_PIXELFORMAT_ABGR8888, pixels.data(), m_width * 4) != 0)
            m_screenshot_error = Error { std::string("cannot read the frame: ") + SDL_GetError() };
        else if (auto written = write_png(*m_screenshot, m_width, m_height, pixels); !written)
            m_screenshot_error = written.error();
        m_screenshot.reset();
    }
    SDL_RenderPresent(m_renderer.get());
    if (++m_frames == 1)
        log::debug("start", "first frame presented, " + since_start());

    // Read-aloud follows the model, and speaks from what this frame showed.
    bool speech_news = false;
    if (m_state.speech.reading && m_state.speech.request != m_spoken_request) {
        m_spoken_request = m_state.speech.request;
        if (m_state.speech.whole)
            m_heard.clear();
        std::string text = ui::spoken_text(m_tree, &m_heard);
        if (text.empty()) {
            update(m_state, actions::SpeechDone { m_spoken_request }, now); // nothing new to read
            speech_news = true;
        } else {
            m_speech->say(std::move(text), settings.language, settings.volume, m_spoken_request);
        }
    } else if (!m_state.speech.reading && m_speech->speaking()) {
        m_speech->stop();
    }
    m_sound.set_volume(volume_percent(settings.volume));

    for (auto& action : out)
        update(m_state, action, now);
    bool pin_answered = check_pin(now);
    pin_answered = exchange_with_clinic(now) || pin_answered;
    if (m_state.sessions_ended != sessions_before) {
        // The session ended: what earlier frames recorded (it may include typed text) goes too.
        m_previous_tree.wipe();
        m_heard.clear();
        // The kiosk never puts anything on the clipboard; whatever is there goes too.
        if (SDL_HasClipboardText())
            SDL_SetClipboardText("");
        m_touch.cancel();
        m_finger.reset();
        log::info("session", std::string("ended: ") + std::string(wipe_reason_name(*m_state.last_wipe)));
    }
    m_sound.set_playing(lesson_sound_playing(m_state));
    m_timer = next_wake(m_state, now);
    if (auto due = earliest_answer_due(); due && (!m_timer || *due < *m_timer))
        m_timer = due;
    m_dirty = clinic_news || pin_answered || speech_news || !out.empty() || new_screen || touch.scroll_delta != 0 || touch.swipe != 0 || m_tree.differs_from(m_previous_tree)
        || m_state.screen_generation != m_seen_generation || m_frames < 2;
}

bool Runner::deliver_speech_done()
{
    auto done = m_speech->take_finished();
    if (!done)
        return false;
    update(m_state, actions::SpeechDone { *done }, m_clock.now());
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
            if (auto hold = m_touch.next_wake(); hold && (!deadline || *hold < *deadline))
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
