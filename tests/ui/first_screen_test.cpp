// The first-screen rule (issue 15) over the whole gallery: every screen × text size × language ×
// theme, on the reference tablet (1280×800, 149 dpi) and a 1024×600 screen at 170 dpi. The real
// frame (top bar, screens, fonts) is laid out by Dear ImGui with no window and no renderer — the
// pattern of ImGui's example_null — so this runs in seconds.
//
// Screens not yet laid out for it are listed in `known_failing` (screen@size): the test fails if
// a screen not listed breaks the rule, and also if a listed one passes everywhere (then take it off
// the list), so the list stays the true state of the work. FIRST_SCREEN_ALL=1 in the environment
// reports the listed screens' problems too.
#include "app/content.h"
#include "app/demo_clinic.h"
#include "app/gallery.h"
#include "ui/audit.h"
#include "ui/frame.h"

#include <catch2/catch.hpp>
#include <imgui.h>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>

using namespace kiosk;
using namespace kiosk::ui;

namespace {

struct Display {
    float width, height;
    double dpi;
    std::string name;
};

// What is left (issue 15's report). On 1024×600, where a line of text at 150 % or 200 % is 13 to
// 18 mm of a 90 mm screen: lesson steps whose instruction and exercise are taller than the room,
// two Find help lists whose first entry wraps to three lines in Spanish at 200 %.
const std::set<std::string> known_failing {
    "help-list-app@1024x600",
    "help-list-everyday@1024x600",
    "lesson-call-2@1024x600",
    "lesson-hold-2@1024x600",
    "lesson-hold@1024x600",
    "lesson-settings@1024x600",
    "lesson-sort-2@1024x600",
    "lesson-sort@1024x600",
    "lesson-speech-2@1024x600",
    "lesson-speech@1024x600",
    "lesson-swipe-2@1024x600",
    "lesson-swipe@1024x600",
    "lesson-undo@1024x600",
};

}

TEST_CASE("First screen: the heading and the first choice are in view on arrival, on every gallery screen")
{
    auto content = load_content(KIOSK_ASSETS_DIR);
    REQUIRE(content);
    // 2026-11-30T10:00:00Z, as the scenario tests.
    std::int64_t wall_ms = 1796032800000;
    auto clinic = load_demo_clinic(std::string(KIOSK_ASSETS_DIR) + "/demo/clinic.json",
        std::chrono::time_point_cast<std::chrono::seconds>(UtcSeconds {} + std::chrono::milliseconds(wall_ms)));
    REQUIRE(clinic);
    auto shared_clinic = std::make_shared<const ClinicContent>(std::move(*clinic));
    Config config;
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    std::map<std::string, std::string> failing;   // screen@display → its problems
    int drawn = 0;
    for (const Display& display : { Display { 1280, 800, 149, "1280x800" }, Display { 1024, 600, 170, "1024x600" } })
        for (TextSize size : all_text_sizes) {
            Metrics metrics(display.dpi, size);
            FontSet fonts;
            REQUIRE(fonts.build({ "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf", "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf" }, metrics));
            for (Language language : all_languages)
                for (Theme theme : all_themes) {
                    apply_style(palette(theme), metrics);
                    Settings settings { language, theme, size };
                    for (auto& entry : gallery(settings, config.timing, TimePoint { Seconds { 1000 } }, shared_clinic, content->lessons)) {
                        A11yTree tree;
                        for (int frame = 0; frame < 2; ++frame) {
                            io.DisplaySize = ImVec2(display.width, display.height);
                            io.DeltaTime = 1.0f / 60.0f;
                            io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
                            ImGui::NewFrame();
                            tree.begin_frame(display.width, display.height);
                            std::vector<Action> out;
                            Ui ui { .metrics = metrics, .colours = palette(theme), .content = *content, .strings = content->strings,
                                .fonts = fonts, .config = config, .language = language, .now = TimePoint { Seconds { 1000 } },
                                .wall_ms = wall_ms, .fresh_uuid = {}, .tree = tree, .out = out };
                            ui.new_screen = frame == 0;
                            draw_frame(entry.state, ui);
                            ImGui::Render();
                        }
                        ++drawn;
                        auto problems = first_screen_problems(tree, entry.state);
                        std::string key = entry.name + "@" + display.name;
                        // FIRST_SCREEN_DUMP=screen@size: every node's place, to see what takes the room.
                        if (const char* dump = std::getenv("FIRST_SCREEN_DUMP"); dump && key == dump && theme == Theme::Dark)
                            for (auto& n : tree.nodes())
                                std::printf("%s %d%% %-10s %-28s y %6.0f h %5.0f w %5.0f \"%.40s\"\n", language_code(language).data(), text_percent(size),
                                    std::string(role_name(n.role)).c_str(), n.id.c_str(), n.rect.y, n.rect.h, n.rect.w, n.text.c_str());
                        for (auto& p : problems)
                            failing[key] += "  " + entry.name + "-" + std::string(language_code(language)) + "-" + std::string(theme_name(theme)) + "-"
                                + std::to_string(text_percent(size)) + ": " + p + "\n";
                    }
                }
        }
    ImGui::DestroyContext();
    INFO("screens drawn: " << drawn);
    std::string unexpected, fixed;
    for (auto& [key, problems] : failing)
        if (!known_failing.contains(key) || std::getenv("FIRST_SCREEN_ALL"))
            unexpected += problems;
    for (auto& key : known_failing)
        if (!failing.contains(key))
            fixed += "  " + key + "\n";
    CHECK(drawn > 1000);
    INFO("first-screen problems:\n" << unexpected);
    CHECK(unexpected.empty());
    INFO("listed as failing, but they pass now (take them off known_failing):\n" << fixed);
    CHECK(fixed.empty());
}
