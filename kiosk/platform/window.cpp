// The window part (see window.h): SDL, the window, the renderer, ImGui and its fonts.
#include "platform/window.h"

#include "platform/draw_data.h"
#include "platform/log.h"
#include "platform/png.h"
#include "ui/frame.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string_view>
#include <thread>
#include <sys/stat.h>
#include <unistd.h>
#include <imgui.h>
#include <imgui_impl_sdlrenderer.h>

namespace kiosk {

namespace {

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

// SDL's start connects to the D-Bus session bus (input methods, the screen saver). With no bus
// address set and no user bus at $XDG_RUNTIME_DIR/bus — the appliance's case — libdbus then
// "autolaunches": it forks the kiosk and tries to exec dbus-launch along PATH (not installed, or
// it would start a bus daemon of the kiosk's own). SDL gives up on D-Bus when that fails. An
// address of a type libdbus does not know fails the same way at once, without the fork.
void skip_dbus_autolaunch()
{
    if (SDL_getenv("DBUS_SESSION_BUS_ADDRESS") != nullptr)
        return;
    const char* runtime = SDL_getenv("XDG_RUNTIME_DIR");
    struct stat bus {};
    if (runtime != nullptr && *runtime != '\0' && ::stat((std::string(runtime) + "/bus").c_str(), &bus) == 0 && S_ISSOCK(bus.st_mode))
        return;
    ::setenv("DBUS_SESSION_BUS_ADDRESS", "disabled:", 0); // NOLINT(concurrency-mt-unsafe): before any thread starts
}

const char* no_clipboard(void*) { return ""; }
void ignore_clipboard(void*, const char*) { }

}

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

Result<std::unique_ptr<KioskWindow>> KioskWindow::open(const Config& config, const WindowOptions& options, TextSize text_size)
{
    std::unique_ptr<KioskWindow> window(new KioskWindow());
    // The font atlas (FreeType rasterizing every glyph: the longest step of the start) is built on
    // a second thread while this one starts SDL and connects to the display, which is mostly
    // waiting. Until the join only that thread touches ImGui, and nothing here touches its atlas.
    // It is built for the DPI the window will most likely have; if the display reports another,
    // ensure_fonts() builds it again for that one.
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    window->m_imgui_context = true;
    const ui::Metrics metrics(expected_dpi(config, options), text_size);
    const ui::FontFiles files { config.font_regular, config.font_bold };
    Result<bool> fonts = true;
    std::thread builder([&] {
        fonts = window->m_fonts.build(files, metrics);
        // The texture's pixels (RGBA, converted from the atlas's alpha) are made here too; the
        // upload that must be on the SDL thread (ensure_fonts, below) then finds them ready.
        unsigned char* pixels = nullptr;
        int width = 0, height = 0;
        if (fonts)
            ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
    });
    auto created = window->create(config, options);
    builder.join();
    if (!created)
        return created.error();
    if (auto started = window->start_imgui(); !started)
        return started.error();
    if (!fonts)
        return fonts.error();
    if (auto ready = window->ensure_fonts(files, text_size); !ready)
        return ready.error();
    return window;
}

double KioskWindow::expected_dpi(const Config& config, const WindowOptions& options)
{
    return options.dpi ? *options.dpi : config.dpi ? *config.dpi : ui::reference_dpi;
}

Result<bool> KioskWindow::create(const Config& config, const WindowOptions& options)
{
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");   // the touch layer reads fingers itself
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
    SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
    // A window manager's close request (Alt+F4, a title bar's X) arrives as SDL_WINDOWEVENT_CLOSE
    // only, never as SDL_QUIT: SDL_QUIT then means SIGTERM or SIGINT. The Runner decides.
    SDL_SetHint(SDL_HINT_QUIT_ON_LAST_WINDOW_CLOSE, "0");
    m_windowed = options.windowed;
    if (config.renderer == RendererChoice::Software)
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0"); // keeps Mesa out of the process on X11
    // Xlib's input method, opened by SDL's X11 start, parses the locale's whole Compose table
    // (about 6,000 dead-key sequences for en_US.UTF-8: 10-35 ms of the start). The kiosk reads no
    // typed text from a keyboard (its keyboard is on screen), so it takes none, unless asked.
    ::setenv("XCOMPOSEFILE", "/dev/null", 0); // NOLINT(concurrency-mt-unsafe): before any thread starts
    skip_dbus_autolaunch();
    log::debug("start", "SDL video starting, " + since_start());
    if (!m_sdl.start())
        return Error { std::string("SDL could not start video (") + SDL_GetError() + "): " + no_display_message() };
    if (invisible_by_accident())
        return Error { no_display_message() };
    log::debug("start", "SDL video started, " + since_start());
    SDL_DisableScreenSaver();
    m_wake_event = SDL_RegisterEvents(1);

    Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI | (options.windowed ? 0u : static_cast<Uint32>(SDL_WINDOW_FULLSCREEN_DESKTOP));
    m_window.reset(SDL_CreateWindow("Peer support kiosk", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, options.width, options.height, flags));
    if (!m_window)
        return Error { std::string("SDL could not open a window: ") + SDL_GetError() };

    if (config.renderer == RendererChoice::Accelerated) {
        m_renderer.reset(SDL_CreateRenderer(m_window.get(), -1, SDL_RENDERER_ACCELERATED));
        if (!m_renderer)
            log::warning("window", std::string("accelerated renderer unavailable, using software: ") + SDL_GetError());
    }
    if (!m_renderer)
        m_renderer.reset(SDL_CreateRenderer(m_window.get(), -1, SDL_RENDERER_SOFTWARE));
    if (!m_renderer)
        return Error { std::string("SDL could not create a renderer: ") + SDL_GetError() };
    log::debug("start", "window and renderer ready, " + since_start());
    SDL_GetRendererOutputSize(m_renderer.get(), &m_width, &m_height);

    // Touch screens get no cursor; neither does a full-screen kiosk.
    if (SDL_GetNumTouchDevices() > 0 || !options.windowed)
        SDL_ShowCursor(SDL_DISABLE);

    float ddpi = 0;
    if (options.dpi)
        m_dpi = *options.dpi;
    else if (config.dpi)
        m_dpi = *config.dpi;
    else if (SDL_GetDisplayDPI(SDL_GetWindowDisplayIndex(m_window.get()), &ddpi, nullptr, nullptr) == 0 && ddpi >= 50 && ddpi <= 600)
        m_dpi = ddpi;
    else {
        m_dpi = ui::reference_dpi;
        log::info("window", "display reports no usable DPI; using the reference tablet's 149 (set \"dpi\" in the config to change)");
    }
    return true;
}

Result<bool> KioskWindow::start_imgui()
{
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;   // no imgui.ini: window state is never written on a shared device
    io.LogFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;
    io.GetClipboardTextFn = no_clipboard;   // the clipboard is never used
    io.SetClipboardTextFn = ignore_clipboard;
    if (!ImGui_ImplSDLRenderer_Init(m_renderer.get()))
        return Error { "ImGui could not use the SDL renderer" };
    m_imgui_backend = true;

    SDL_RendererInfo info {};
    SDL_GetRendererInfo(m_renderer.get(), &info);
    log::info("window", std::string("renderer ") + info.name + ", " + std::to_string(m_width) + "x" + std::to_string(m_height) + " px, "
            + std::to_string(static_cast<int>(m_dpi)) + " dpi");
    return true;
}

KioskWindow::~KioskWindow()
{
    if (m_imgui_backend)
        ImGui_ImplSDLRenderer_Shutdown();
    if (m_imgui_context)
        ImGui::DestroyContext();
}

std::function<void()> KioskWindow::waker() const
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

Result<bool> KioskWindow::ensure_fonts(const ui::FontFiles& files, TextSize size)
{
    if (!m_fonts.built() || m_fonts.built_for_size() != size || m_fonts.built_for_dpi() != m_dpi) {
        if (m_fonts_uploaded)
            ImGui_ImplSDLRenderer_DestroyFontsTexture();
        m_fonts_uploaded = false;
        auto built = m_fonts.build(files, ui::Metrics(m_dpi, size));
        if (!built)
            return built;
    }
    if (!m_fonts_uploaded) {
        ImGui_ImplSDLRenderer_CreateFontsTexture();
        // The texture now lives in the renderer; drop ImGui's CPU copies of the atlas pixels.
        ImGui::GetIO().Fonts->ClearTexData();
        m_fonts_uploaded = true;
    }
    return true;
}

void KioskWindow::style(Theme theme, const ui::Palette& colours, const ui::Metrics& metrics)
{
    if (m_styled_theme == theme)
        return;
    ui::apply_style(colours, metrics);
    m_styled_theme = theme;
}

void KioskWindow::present(const ui::Rgb& background)
{
    SDL_SetRenderDrawColor(m_renderer.get(), background.r, background.g, background.b, 255);
    SDL_RenderClear(m_renderer.get());
    render_draw_data(m_renderer.get(), ImGui::GetDrawData());
    if (m_screenshot)
        capture();
    SDL_RenderPresent(m_renderer.get());
}

void KioskWindow::capture()
{
    std::vector<std::uint8_t> pixels(static_cast<std::size_t>(m_width) * static_cast<std::size_t>(m_height) * 4);
    if (SDL_RenderReadPixels(m_renderer.get(), nullptr, SDL_PIXELFORMAT_ABGR8888, pixels.data(), m_width * 4) != 0)
        m_screenshot_error = Error { std::string("cannot read the frame: ") + SDL_GetError() };
    else if (auto written = write_png(*m_screenshot, m_width, m_height, pixels); !written)
        m_screenshot_error = written.error();
    m_screenshot.reset();
}

void KioskWindow::resized()
{
    SDL_GetRendererOutputSize(m_renderer.get(), &m_width, &m_height);
}

std::pair<float, float> KioskWindow::to_pixels(int x, int y) const
{
    int ww = 1, wh = 1;
    SDL_GetWindowSize(m_window.get(), &ww, &wh);
    return { static_cast<float>(x) * static_cast<float>(m_width) / static_cast<float>(std::max(ww, 1)),
        static_cast<float>(y) * static_cast<float>(m_height) / static_cast<float>(std::max(wh, 1)) };
}

}
