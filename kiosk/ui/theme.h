// The two colour themes. Every text/background pair is at least 7:1 (WCAG 1.4.6 AAA) and every
// edge or indicator at least 3:1 against what it sits on (WCAG 1.4.11); tests/ui/theme_test.cpp
// checks each pair listed by text_pairs() and edge_pairs().
#pragma once
#include "app/settings.h"

#include <cstdint>
#include <string_view>
#include <vector>

namespace kiosk::ui {

struct Rgb {
    std::uint8_t r, g, b;
};

struct Palette {
    Rgb background;       // the screen
    Rgb text;             // body and headings on the background
    Rgb button;           // ordinary button face
    Rgb button_text;
    Rgb button_pressed;   // face while a finger is on it
    Rgb primary;          // the button that moves the person on
    Rgb primary_text;
    Rgb primary_pressed;
    Rgb selected;         // a chosen option (text size, theme, language)
    Rgb selected_text;
    Rgb urgent;           // "Need help right now?"
    Rgb urgent_text;
    Rgb urgent_pressed;
    Rgb edge;             // button borders, scroll indicator
    Rgb field;            // typed-text box
    Rgb field_text;
};

const Palette& palette(Theme theme);

// WCAG 2 contrast ratio between two sRGB colours, from 1 to 21.
double contrast_ratio(Rgb a, Rgb b);

struct ColourPair {
    std::string_view name;
    Rgb foreground;
    Rgb background;
};
// Text drawn on a background: each must be ≥ 7:1.
std::vector<ColourPair> text_pairs(const Palette& p);
// Edges and indicators against their surroundings: each must be ≥ 3:1.
std::vector<ColourPair> edge_pairs(const Palette& p);

}
