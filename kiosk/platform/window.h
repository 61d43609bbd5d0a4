// The Runner's window part: SDL (video), the window and its renderer, the ImGui context with the
// kiosk's fonts and style, the loop's wake-up event, and presenting a frame (with a screenshot
// when one was asked for). Nothing here knows the model.
#pragma once
#include "app/config.h"
#include "app/result.h"
#include "platform/sdl_handles.h"
#include "ui/fonts.h"
#include "ui/metrics.h"
#include "ui/theme.h"

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <utility>

namespace kiosk {

struct WindowOptions {
    bool windowed { false };
    int width { 1280 };
    int height { 800 };
    std::optional<double> dpi;   // overrides both the display and the config
};

class KioskWindow {
public:
    // Starts SDL video, opens the window (full screen unless windowed) and its renderer, and
    // starts ImGui on it with the config's fonts at `text_size`. An error says what is missing
    // (e.g. no display, and how to run headless).
    static Result<std::unique_ptr<KioskWindow>> open(const Config& config, const WindowOptions& options, TextSize text_size);
    ~KioskWindow();
    KioskWindow(const KioskWindow&) = delete;
    KioskWindow& operator=(const KioskWindow&) = delete;

    // A function any thread may call to wake the loop (it pushes an SDL user event).
    std::function<void()> waker() const;
    bool is_wake(const SDL_Event& e) const { return e.type == m_wake_event; }
    // A development window (closing it ends the kiosk), not the full-screen kiosk.
    bool windowed() const { return m_windowed; }

    // The fonts for `size` (rebuilt, and the texture uploaded again, only when it changed).
    Result<bool> ensure_fonts(const ui::FontFiles& files, TextSize size);
    // The ImGui style for a theme (applied again only when the theme changed).
    void style(Theme theme, const ui::Palette& colours, const ui::Metrics& metrics);
    // Draws ImGui's frame over `background`, writes the screenshot asked for, and presents.
    void present(const ui::Rgb& background);
    // The window's pixel size may have changed.
    void resized();
    // A window coordinate (mouse) in renderer pixels.
    std::pair<float, float> to_pixels(int x, int y) const;

    void request_screenshot(std::filesystem::path file) { m_screenshot = std::move(file); }
    std::optional<Error> take_screenshot_error() { return std::exchange(m_screenshot_error, std::nullopt); }

    const ui::FontSet& fonts() const { return m_fonts; }
    double dpi() const { return m_dpi; }
    int width() const { return m_width; }
    int height() const { return m_height; }
    SDL_Window* sdl() const { return m_window.get(); }

private:
    KioskWindow() = default;
    Result<bool> create(const Config& config, const WindowOptions& options);
    Result<bool> start_imgui();
    // The DPI create() will choose when the display reports none (the flag's, the config's, or the
    // reference tablet's).
    static double expected_dpi(const Config& config, const WindowOptions& options);
    void capture();

    SdlSubsystem m_sdl;
    SdlWindow m_window;
    SdlRenderer m_renderer;
    bool m_imgui_context { false };
    bool m_imgui_backend { false };
    bool m_fonts_uploaded { false };
    bool m_windowed { false };
    double m_dpi { 0 };
    int m_width { 0 }, m_height { 0 };
    Uint32 m_wake_event { 0 };
    ui::FontSet m_fonts;
    std::optional<Theme> m_styled_theme;
    std::optional<std::filesystem::path> m_screenshot;
    std::optional<Error> m_screenshot_error;
};

// Milliseconds since the process started, for the start-up phase log lines.
std::string since_start();

}
