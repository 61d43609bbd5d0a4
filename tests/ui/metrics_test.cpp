// Millimetres to pixels with the display's DPI, and the fonts really reach 4.8 mm capitals.
#include "ui/fonts.h"
#include "ui/metrics.h"

#include <catch2/catch.hpp>
#include <imgui.h>

using namespace kiosk;
using namespace kiosk::ui;

TEST_CASE("Millimetres follow the DPI, not the text size")
{
    Metrics reference(149, TextSize::Normal);
    CHECK(reference.mm(25.4) == Approx(149));
    CHECK(reference.primary_target() == Approx(16 * 149 / 25.4));
    CHECK(reference.min_target() == Approx(10 * 149 / 25.4));
    Metrics dense(300, TextSize::Largest);
    CHECK(dense.min_target() == Approx(10 * 300 / 25.4));
    CHECK(dense.body_cap_px() == Approx(2 * 4.8 * 300 / 25.4));
    CHECK(dense.to_mm(dense.mm(16)) == Approx(16));
}

TEST_CASE("Body capitals measure at least 4.8 mm × text size at any DPI")
{
    ImGui::CreateContext();
    for (double dpi : { 96.0, 149.0, 220.0 })
        for (TextSize size : all_text_sizes) {
            Metrics m(dpi, size);
            FontSet fonts;
            auto built = fonts.build({ "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf", "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf" }, m);
            REQUIRE(built.ok());
            INFO("dpi " << dpi << " text " << text_percent(size));
            CHECK(m.to_mm(fonts.body_cap_px()) >= 4.8 * m.text_scale() - 0.1);
            CHECK(m.to_mm(fonts.body_cap_px()) <= 4.8 * m.text_scale() * 1.15);
        }
    ImGui::DestroyContext();
}

TEST_CASE("A missing font file is a clear error")
{
    ImGui::CreateContext();
    FontSet fonts;
    auto built = fonts.build({ "/nonexistent.ttf", "/nonexistent-bold.ttf" }, Metrics(149, TextSize::Normal));
    REQUIRE_FALSE(built.ok());
    CHECK(built.error().message == "font file /nonexistent.ttf is missing (install fonts-noto-core, or set font_regular/font_bold)");
    ImGui::DestroyContext();
}
