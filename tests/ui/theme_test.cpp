// Both themes: every text pair ≥ 7:1, every edge ≥ 3:1 (WCAG 1.4.6 AAA and 1.4.11).
#include "ui/theme.h"

#include <catch2/catch.hpp>

using namespace kiosk;
using namespace kiosk::ui;

TEST_CASE("The contrast formula gives WCAG's known values")
{
    CHECK(contrast_ratio({ 0, 0, 0 }, { 255, 255, 255 }) == Approx(21.0));
    CHECK(contrast_ratio({ 119, 119, 119 }, { 255, 255, 255 }) == Approx(4.48).epsilon(0.01));
    CHECK(contrast_ratio({ 10, 20, 30 }, { 10, 20, 30 }) == Approx(1.0));
}

TEST_CASE("Every text colour meets 7:1 and every edge 3:1, in both themes")
{
    for (Theme theme : all_themes) {
        const Palette& p = palette(theme);
        for (auto& pair : text_pairs(p)) {
            INFO(theme_name(theme) << ": " << pair.name);
            CHECK(contrast_ratio(pair.foreground, pair.background) >= 7.0);
        }
        for (auto& pair : edge_pairs(p)) {
            INFO(theme_name(theme) << ": " << pair.name);
            CHECK(contrast_ratio(pair.foreground, pair.background) >= 3.0);
        }
    }
}
