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

// Screens not yet laid out for the rule (screen@size). None is left: every gallery screen meets it
// at every text size, in both languages and themes, on both screens. A screen added later that
// cannot meet it yet is listed here with its reason, until it does.
const std::set<std::string> known_failing {
};

// Lays out `state` as the kiosk does on arrival (two frames: the first lays out, the second is
// what is seen) and returns the first-screen rule's problems. FIRST_SCREEN_DUMP=<key> (a
// screen@size) prints every node's place for that key, to see what takes the room.
std::vector<std::string> problems_on_arrival(const AppState& state, const Content& content, const Config& config, const Display& display,
    const Metrics& metrics, const FontSet& fonts, const std::string& key)
{
    ImGuiIO& io = ImGui::GetIO();
    Theme theme = state.settings.theme;
    Language language = state.settings.language;
    apply_style(palette(theme), metrics);
    A11yTree tree;
    for (int frame = 0; frame < 2; ++frame) {
        io.DisplaySize = ImVec2(display.width, display.height);
        io.DeltaTime = 1.0f / 60.0f;
        io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
        ImGui::NewFrame();
        tree.begin_frame(display.width, display.height);
        std::vector<Action> out;
        Ui ui { .metrics = metrics, .colours = palette(theme), .content = content, .strings = content.strings,
            .fonts = fonts, .config = config, .language = language, .now = TimePoint { Seconds { 1000 } },
            .wall_ms = 1796032800000, .fresh_uuid = {}, .tree = tree, .out = out };
        ui.new_screen = frame == 0;
        draw_frame(state, ui);
        ImGui::Render();
    }
    if (const char* dump = std::getenv("FIRST_SCREEN_DUMP"); dump && key == dump && theme == Theme::Dark)
        for (auto& n : tree.nodes())
            std::printf("%s %d%% %-10s %-28s y %6.0f h %5.0f w %5.0f \"%.40s\"\n", language_code(language).data(), text_percent(metrics.text_size()),
                std::string(role_name(n.role)).c_str(), n.id.c_str(), n.rect.y, n.rect.h, n.rect.w, n.text.c_str());
    return first_screen_problems(tree, state);
}

// Calls fn(display, metrics, fonts) on both screens at every text size, with the fonts built.
template<class Fn>
void at_every_size(Fn fn)
{
    for (const Display& display : { Display { 1280, 800, 149, "1280x800" }, Display { 1024, 600, 170, "1024x600" } })
        for (TextSize size : all_text_sizes) {
            Metrics metrics(display.dpi, size);
            FontSet fonts;
            REQUIRE(fonts.build({ "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf", "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf" }, metrics));
            fn(display, metrics, fonts);
        }
}

// Fails with the problems of keys not in `known` (all of them with FIRST_SCREEN_ALL=1), and with
// the keys in `known` that pass now: the list must stay the true state of the work.
void check_against(const std::map<std::string, std::string>& failing, const std::set<std::string>& known)
{
    std::string unexpected, fixed;
    for (auto& [key, problems] : failing)
        if (!known.contains(key) || std::getenv("FIRST_SCREEN_ALL"))
            unexpected += problems;
    for (auto& key : known)
        if (!failing.contains(key))
            fixed += "  " + key + "\n";
    INFO("first-screen problems:\n" << unexpected);
    CHECK(unexpected.empty());
    INFO("listed as failing, but they pass now (take them off the list):\n" << fixed);
    CHECK(fixed.empty());
}

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
    at_every_size([&](const Display& display, const Metrics& metrics, const FontSet& fonts) {
            TextSize size = metrics.text_size();
            for (Language language : all_languages)
                for (Theme theme : all_themes) {
                    Settings settings { language, theme, size };
                    for (auto& entry : gallery(settings, config.timing, TimePoint { Seconds { 1000 } }, shared_clinic, content->lessons)) {
                        ++drawn;
                        std::string key = entry.name + "@" + display.name;
                        auto problems = problems_on_arrival(entry.state, *content, config, display, metrics, fonts, key);
                        for (auto& p : problems)
                            failing[key] += "  " + entry.name + "-" + std::string(language_code(language)) + "-" + std::string(theme_name(theme)) + "-"
                                + std::to_string(text_percent(size)) + ": " + p + "\n";
                    }
                }
        });
    ImGui::DestroyContext();
    INFO("screens drawn: " << drawn);
    CHECK(drawn > 1000);
    check_against(failing, known_failing);
}

// Lesson steps not yet laid out for the rule (lesson-step@size), kept true as `known_failing`
// above. None is left.
const std::set<std::string> known_failing_steps {
};

// Not only the gallery's first step of each exercise kind: every step of every shipped lesson, as it
// opens, at each text size and language on both screens (one theme: colours do not move anything).
TEST_CASE("First screen: every step of every lesson shows its instruction and its target on arrival")
{
    auto content = load_content(KIOSK_ASSETS_DIR);
    REQUIRE(content);
    REQUIRE(content->lessons->lessons.size() >= 10);
    Config config;
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;
    std::map<std::string, std::string> failing;
    int steps = 0;
    at_every_size([&](const Display& display, const Metrics& metrics, const FontSet& fonts) {
            TextSize size = metrics.text_size();
            for (Language language : all_languages)
                for (auto& lesson : content->lessons->lessons)
                    for (std::size_t step = 0; step < lesson.steps.size(); ++step) {
                        AppState state = make_initial_state({ language, Theme::Dark, size }, config.timing, TimePoint { Seconds { 900 } });
                        state.lessons = content->lessons;
                        TimePoint t { Seconds { 901 } };
                        for (const Action& a : std::vector<Action> { actions::Start {}, actions::Open { ScreenId::Learn }, actions::OpenLesson { lesson.id } })
                            update(state, a, t += Seconds { 1 });
                        for (std::size_t i = 0; i < step; ++i)
                            update(state, actions::LessonNext {}, t += Seconds { 1 });
                        auto* run = std::get_if<screens::LessonRun>(&state.screen());
                        REQUIRE(run);
                        REQUIRE(run->step == static_cast<int>(step));
                        ++steps;
                        std::string key = lesson.id + "-" + std::to_string(step + 1) + "@" + display.name;
                        for (auto& p : problems_on_arrival(state, *content, config, display, metrics, fonts, key))
                            failing[key] += "  " + key + " " + std::string(language_code(language)) + " " + std::to_string(text_percent(size)) + ": " + p + "\n";
                    }
        });
    ImGui::DestroyContext();
    INFO("lesson steps drawn: " << steps);
    CHECK(steps > 200);
    check_against(failing, known_failing_steps);
}
