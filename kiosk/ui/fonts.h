// Fonts from Debian font packages (Noto Sans by default), rasterized with FreeType at exactly the
// sizes the current text size needs. The atlas is rebuilt when the text size changes, and the
// font size is chosen by measuring the real capital height of the font, so any configured font
// meets the 4.8 mm capital rule.
#pragma once
#include "app/result.h"
#include "ui/metrics.h"

#include <string>

struct ImFont;

namespace kiosk::ui {

struct FontFiles {
    std::string regular;
    std::string bold;
};

// A pictogram's side over its font's size (the bold and bar fonts carry the icons of icons.h).
inline constexpr float icon_ratio = 0.9f;

class FontSet {
public:
    // Builds the atlas into the current ImGui context for `metrics`. The caller uploads the
    // texture afterwards (the renderer backend does so on its next frame).
    Result<bool> build(const FontFiles& files, const Metrics& metrics);

    ImFont* body() const { return m_body; }
    ImFont* bold() const { return m_bold; }
    ImFont* heading() const { return m_heading; }
    ImFont* bar() const { return m_bar; }           // the top bar's labels: bold at the normal text size
    ImFont* display() const { return m_display; }   // very large digits and capitals: ticket codes
    float body_cap_px() const { return m_body_cap_px; }   // measured height of 'H'
    double built_for_dpi() const { return m_dpi; }
    TextSize built_for_size() const { return m_size; }
    bool built() const { return m_body != nullptr; }

private:
    ImFont* m_body { nullptr };
    ImFont* m_bold { nullptr };
    ImFont* m_heading { nullptr };
    ImFont* m_bar { nullptr };
    ImFont* m_display { nullptr };
    float m_body_cap_px { 0 };
    double m_dpi { 0 };
    TextSize m_size { TextSize::Normal };
};

}
