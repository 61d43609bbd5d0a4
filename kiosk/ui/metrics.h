// Every size on screen comes from here, in millimetres, converted to pixels with the display's
// DPI. Screens never use bare pixel literals. The numbers are those of
// shared/design/accessibility-numbers.md: primary buttons ≥ 16 mm, every touch target ≥ 10 mm and
// ≥ 2 mm apart, body text capitals ≥ 4.8 mm at 100 %.
#pragma once
#include "app/settings.h"

namespace kiosk::ui {

inline constexpr double mm_per_inch = 25.4;
inline constexpr double reference_dpi = 149.0;   // the 10.1" 1280×800 reference tablet

inline constexpr double primary_target_mm = 16.0;
inline constexpr double min_target_mm = 10.0;
inline constexpr double target_gap_mm = 3.0;
inline constexpr double body_cap_height_mm = 4.8;
inline constexpr double heading_ratio = 1.25;   // heading font size / body font size

class Metrics {
public:
    Metrics(double dpi, TextSize text_size);

    double dpi() const { return m_dpi; }
    double px_per_mm() const { return m_px_per_mm; }
    float text_scale() const { return m_text_scale; }
    TextSize text_size() const { return m_text_size; }
    // Pixels for a length in millimetres (not scaled by text size).
    float mm(double millimetres) const { return static_cast<float>(millimetres * m_px_per_mm); }
    // Millimetres for a length in pixels.
    double to_mm(float pixels) const { return pixels / m_px_per_mm; }

    // Capital-letter height the body text must reach at this text size, in pixels.
    float body_cap_px() const { return mm(body_cap_height_mm) * m_text_scale; }

    float primary_target() const { return mm(primary_target_mm); }
    float min_target() const { return mm(min_target_mm); }
    float gap() const { return mm(target_gap_mm); }
    float margin() const { return mm(6.0); }

private:
    double m_dpi;
    double m_px_per_mm;
    float m_text_scale;
    TextSize m_text_size;
};

}
