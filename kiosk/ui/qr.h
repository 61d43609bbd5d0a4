// QR codes (libqrencode) drawn as plain rectangles: dark modules on white with a four-module
// quiet zone, at least 35 mm wide whatever the theme, so a person's own phone camera reads it.
#pragma once
#include "ui/widgets.h"

#include <string>

namespace kiosk::ui {

inline constexpr double qr_min_width_mm = 35.0;

// Draws the code for `payload` centred on the line, `width_mm` wide (quiet zone included), and
// records it in the accessibility tree (role Image, text = the payload). False if it cannot be
// encoded.
bool qr_code(Ui& ui, std::string_view id, const std::string& payload, double width_mm);

}
