// Theme colours and the WCAG contrast formula (see theme.h).
#include "ui/theme.h"

#include <algorithm>
#include <cmath>

namespace kiosk::ui {

namespace {

constexpr Palette dark_palette {
    .background { 0x12, 0x14, 0x17 },
    .text { 0xF4, 0xF4, 0xF2 },
    .button { 0x26, 0x30, 0x3E },
    .button_text { 0xFF, 0xFF, 0xFF },
    .button_pressed { 0x3A, 0x48, 0x5C },
    .primary { 0xA8, 0xD8, 0xFF },
    .primary_text { 0x0A, 0x0A, 0x0A },
    .primary_pressed { 0xD6, 0xEC, 0xFF },
    .selected { 0xFF, 0xE0, 0x8A },
    .selected_text { 0x0A, 0x0A, 0x0A },
    .urgent { 0xFF, 0xC2, 0xB8 },
    .urgent_text { 0x0A, 0x0A, 0x0A },
    .urgent_pressed { 0xFF, 0xDD, 0xD6 },
    .edge { 0x9A, 0xAE, 0xC8 },
    .field { 0x00, 0x00, 0x00 },
    .field_text { 0xFF, 0xFF, 0xFF },
};

constexpr Palette light_palette {
    .background { 0xFA, 0xFA, 0xF7 },
    .text { 0x12, 0x12, 0x12 },
    .button { 0xE2, 0xE8, 0xF0 },
    .button_text { 0x0B, 0x0B, 0x0B },
    .button_pressed { 0xC8, 0xD2, 0xE0 },
    .primary { 0x0B, 0x3D, 0x91 },
    .primary_text { 0xFF, 0xFF, 0xFF },
    .primary_pressed { 0x08, 0x2A, 0x66 },
    .selected { 0x5A, 0x2D, 0x00 },
    .selected_text { 0xFF, 0xFF, 0xFF },
    .urgent { 0x8A, 0x10, 0x10 },
    .urgent_text { 0xFF, 0xFF, 0xFF },
    .urgent_pressed { 0x6A, 0x08, 0x08 },
    .edge { 0x4A, 0x5A, 0x70 },
    .field { 0xFF, 0xFF, 0xFF },
    .field_text { 0x00, 0x00, 0x00 },
};

double channel(std::uint8_t value)
{
    double c = value / 255.0;
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double luminance(Rgb c)
{
    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

}

const Palette& palette(Theme theme)
{
    return theme == Theme::Light ? light_palette : dark_palette;
}

double contrast_ratio(Rgb a, Rgb b)
{
    double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

std::vector<ColourPair> text_pairs(const Palette& p)
{
    return {
        { "text on background", p.text, p.background },
        { "button text on button", p.button_text, p.button },
        { "button text on pressed button", p.button_text, p.button_pressed },
        { "primary text on primary", p.primary_text, p.primary },
        { "primary text on pressed primary", p.primary_text, p.primary_pressed },
        { "selected text on selected", p.selected_text, p.selected },
        { "urgent text on urgent", p.urgent_text, p.urgent },
        { "urgent text on pressed urgent", p.urgent_text, p.urgent_pressed },
        { "typed text in field", p.field_text, p.field },
    };
}

std::vector<ColourPair> edge_pairs(const Palette& p)
{
    return {
        { "button edge on background", p.edge, p.background },
        { "primary button face on background", p.primary, p.background },
        { "selected face on background", p.selected, p.background },
        { "urgent face on background", p.urgent, p.background },
        { "field edge on field", p.edge, p.field },
    };
}

}
