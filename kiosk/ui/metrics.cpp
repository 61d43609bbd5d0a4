// Metrics: see metrics.h.
#include "ui/metrics.h"

namespace kiosk::ui {

Metrics::Metrics(double dpi, TextSize text_size)
    : m_dpi(dpi)
    , m_px_per_mm(dpi / mm_per_inch)
    , m_text_scale(static_cast<float>(text_percent(text_size)) / 100.0f)
    , m_text_size(text_size)
{
}

}
