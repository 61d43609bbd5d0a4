// Frame dispatch (see frame.h).
#include "ui/frame.h"

#include "ui/screens/screens.h"

#include <algorithm>
#include <imgui.h>
#include <optional>

namespace kiosk::ui {

namespace {

template<class... Ts>
struct Overloaded : Ts... {
    using Ts::operator()...;
};
// C++20 deduces this without the guide; clang 14 (clang-tidy-14) does not.
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

ImVec4 colour(Rgb c) { return ImVec4(static_cast<float>(c.r) / 255.0f, static_cast<float>(c.g) / 255.0f, static_cast<float>(c.b) / 255.0f, 1.0f); }

bool shows_top_bar(const AppState& state)
{
    return !state.session.warning_until;
}

constexpr double bar_padding_mm = 2.0;

float label_width(const Ui& ui, std::string_view label)
{
    return ui.fonts.bold()->CalcTextSizeA(ui.fonts.bold()->FontSize, FLT_MAX, -1.0f, label.data(), label.data() + label.size()).x;
}

// The bar's buttons for this screen, most needed first: Back and Home where they mean something,
// crisis help, and a person — on every screen but the countdown.
std::vector<ButtonSpec> bar_items(const AppState& state, const Ui& ui)
{
    std::vector<ButtonSpec> items;
    auto id = screen_id(state.screen());
    // Bar buttons have slimmer side padding (2 mm) so all four fit one row at 100 % text.
    bool root = id == ScreenId::Welcome || id == ScreenId::Goodbye || id == ScreenId::Home;
    if (!root && can_go_back(state))
        items.push_back({ "nav.back", ui.t("nav.back"), actions::Back {}, ButtonStyle::Normal, Role::Button, bar_padding_mm });
    if (!root)
        items.push_back({ "nav.home", ui.t("nav.home"), actions::GoHome {}, ButtonStyle::Normal, Role::Button, bar_padding_mm });
    if (id != ScreenId::Crisis)
        items.push_back({ "nav.crisis", ui.t("nav.crisis"), actions::Open { ScreenId::Crisis }, ButtonStyle::Urgent, Role::Button, bar_padding_mm });
    if (id != ScreenId::Goodbye && id != ScreenId::Home && id != ScreenId::AskPerson)
        items.push_back({ "nav.ask", ui.t("nav.ask"), actions::Open { ScreenId::AskPerson }, ButtonStyle::Normal, Role::Button, bar_padding_mm });
    // Read-aloud, once a person has turned it on (on Welcome, in Settings or in lesson 5): stop
    // it, or hear the screen again. Welcome has its own button in the content.
    if (id != ScreenId::Goodbye && id != ScreenId::Welcome && speech_allowed(state) && state.settings.read_aloud)
        items.push_back(read_aloud_button(ui, state, state.speech.reading ? "nav.stop_reading" : "nav.read", bar_padding_mm));
    return items;
}

// Buttons flow left to right and wrap; the last of each row takes the rest of the row.
struct BarLayout {
    std::vector<std::vector<std::pair<std::size_t, float>>> rows;   // (item, width)
    std::vector<float> row_heights;
    float height { 0 };
};

BarLayout bar_layout(const std::vector<ButtonSpec>& items, const Ui& ui, float avail)
{
    BarLayout layout;
    float pad = 2 * ui.metrics.mm(bar_padding_mm);
    float gap = ui.metrics.gap();
    float used = 0;
    for (std::size_t i = 0; i < items.size(); ++i) {
        // Each button fits its label (and its picture, as wide as 1.2 lines of text are tall).
        float picture = items[i].icon != Icon::None ? ui.fonts.bold()->FontSize * 1.2f : 0.0f;
        float width = std::min(avail, label_width(ui, items[i].label) + picture + pad + 1.0f);
        if (layout.rows.empty() || used + gap + width > avail) {
            layout.rows.emplace_back();
            used = 0;
        } else {
            used += gap;
        }
        layout.rows.back().emplace_back(i, width);
        used += width;
    }
    for (auto& row : layout.rows) {
        float total = gap * static_cast<float>(row.size() - 1);
        for (auto& [i, w] : row)
            total += w;
        // The last button of the row takes what is left, unless it is read-aloud's (a row of
        // its own keeps its size).
        auto stretch = std::find_if(row.rbegin(), row.rend(), [&](auto& item) { return items[item.first].icon == Icon::None; });
        if (stretch != row.rend())
            stretch->second += avail - total;
        float h = ui.metrics.primary_target();
        for (auto& [i, w] : row) {
            auto& label = items[i].label;
            float picture = items[i].icon != Icon::None ? ui.fonts.bold()->FontSize * 1.2f : 0.0f;
            ImVec2 size = ui.fonts.bold()->CalcTextSizeA(ui.fonts.bold()->FontSize, FLT_MAX, w - pad - picture, label.data(), label.data() + label.size());
            h = std::max(h, size.y + pad);
        }
        layout.row_heights.push_back(h);
        layout.height += h + (layout.height > 0 ? gap : 0.0f);
    }
    return layout;
}

void top_bar(const std::vector<ButtonSpec>& items, const BarLayout& layout, Ui& ui, std::size_t first_row, std::size_t end_row)
{
    float gap = ui.metrics.gap();
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(gap, gap));
    for (std::size_t r = first_row; r < end_row && r < layout.rows.size(); ++r) {
        bool first = true;
        for (auto& [i, w] : layout.rows[r]) {
            if (!first)
                ImGui::SameLine(0, gap);
            first = false;
            button(ui, items[i], w, layout.row_heights[r]);
        }
    }
    ImGui::PopStyleVar();
}

// A thin bar at the right edge showing where the visible part sits in a longer screen.
void scroll_indicator(Ui& ui)
{
    float max = ImGui::GetScrollMaxY();
    if (max <= ui.metrics.margin())
        return; // only the bottom margin is out of view: nothing to scroll to
    ImVec2 pos = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
    float total = size.y + max;
    float bar_h = std::max(size.y * size.y / total, ui.metrics.mm(10));
    float y = pos.y + (size.y - bar_h) * (ImGui::GetScrollY() / max);
    float w = ui.metrics.mm(1.5);
    float x = pos.x + size.x - w - ui.metrics.mm(1.5);
    // The indicator sits in the right margin, which the child window's own clip rectangle excludes.
    ImGui::PushClipRect(pos, ImVec2(pos.x + size.x, pos.y + size.y), false);
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(x, y), ImVec2(x + w, y + bar_h), to_imgui(ui.colours.edge));
    ImGui::PopClipRect();
}

}

void apply_style(const Palette& colours, const Metrics& metrics)
{
    ImGuiStyle& style = ImGui::GetStyle();
    style = ImGuiStyle {};
    style.WindowPadding = ImVec2(0, 0);
    style.WindowBorderSize = 0;
    style.ChildBorderSize = 0;
    style.FramePadding = ImVec2(0, 0);
    style.ItemSpacing = ImVec2(metrics.gap(), metrics.gap());
    style.ScrollbarSize = 0;
    style.TouchExtraPadding = ImVec2(0, 0);
    style.AntiAliasedFill = false;
    style.AntiAliasedLines = false;
    // Window backgrounds are left transparent: the renderer clears the screen to the background
    // colour (a fast fill), and the software rasterizer is spared two full-screen triangles pairs.
    style.Colors[ImGuiCol_WindowBg] = ImVec4(0, 0, 0, 0);
    style.Colors[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
    style.Colors[ImGuiCol_Text] = colour(colours.text);
}

void draw_frame(const AppState& state, Ui& ui)
{
    ImGuiIO& io = ImGui::GetIO();
    float margin = ui.metrics.margin();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(margin, margin * 0.5f));
    ImGui::Begin("kiosk", nullptr,
        ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings
            | ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse);
    ImGui::PushFont(ui.fonts.body());
    ui.clip = { 0, 0, io.DisplaySize.x, io.DisplaySize.y };
    // The bar's rows stay on top while together they take at most 30 % of the screen (the
    // first row always does); with large text the rows after that become the first thing in the
    // scrolling content, so the screen's own content always has room.
    std::vector<ButtonSpec> items;
    std::optional<BarLayout> bar;
    if (shows_top_bar(state)) {
        items = bar_items(state, ui);
        bar = bar_layout(items, ui, io.DisplaySize.x - 2 * margin);
    }
    std::size_t pinned_rows = 0;
    if (bar) {
        float used = 0;
        for (std::size_t r = 0; r < bar->rows.size(); ++r) {
            used += bar->row_heights[r] + (r > 0 ? ui.metrics.gap() : 0.0f);
            if (r > 0 && used > io.DisplaySize.y * 0.3f)
                break;
            pinned_rows = r + 1;
        }
        top_bar(items, *bar, ui, 0, pinned_rows);
    }
    bool bar_scrolls = bar && pinned_rows < bar->rows.size();
    float top = ImGui::GetCursorPosY();

    // The screen's own content scrolls; drag-to-scroll and momentum come from the touch layer.
    // The child spans the full width; its padding keeps the margins, and the right margin holds
    // the scroll indicator so it never covers a button.
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(margin, 0));
    ImGui::SetCursorPos(ImVec2(0, top));
    ImGui::BeginChild("content", ImVec2(io.DisplaySize.x, io.DisplaySize.y - top), false,
        ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_AlwaysUseWindowPadding | ImGuiWindowFlags_NoSavedSettings);
    if (ui.new_screen)
        ImGui::SetScrollY(0);
    else if (ui.scroll_delta != 0)
        ImGui::SetScrollY(ImGui::GetScrollY() - ui.scroll_delta);
    ImVec2 wpos = ImGui::GetWindowPos(), wsize = ImGui::GetWindowSize();
    ui.clip = { wpos.x, wpos.y, wsize.x, wsize.y };
    if (bar_scrolls) {
        top_bar(items, *bar, ui, pinned_rows, bar->rows.size());
        ImGui::Dummy(ImVec2(1, ui.metrics.gap()));
    }
    if (state.session.warning_until) {
        draw_still_there(state, ui);
    } else {
        std::visit(Overloaded {
            [&](const screens::Welcome& s) { draw_welcome(s, state, ui); },
            [&](const screens::Home& s) { draw_home(s, state, ui); },
            [&](const screens::Settings& s) { draw_settings(s, state, ui); },
            [&](const screens::AskPerson& s) { draw_ask_person(s, state, ui); },
            [&](const screens::Learn& s) { draw_learn(s, state, ui); },
            [&](const screens::FindHelp& s) { draw_find_help(s, state, ui); },
            [&](const screens::BookPeer& s) { draw_book_peer(s, state, ui); },
            [&](const screens::TypingPractice& s) { draw_typing_practice(s, state, ui); },
            [&](const screens::LessonRun& s) { draw_lesson(s, state, ui); },
            [&](const screens::GuidedSetup& s) { draw_guided_setup(s, state, ui); },
            [&](const screens::GuidedSummary& s) { draw_guided_summary(s, state, ui); },
            [&](const screens::HandBack& s) { draw_hand_back(s, state, ui); },
            [&](const screens::Goodbye& s) { draw_goodbye(s, state, ui); },
            [&](const screens::StaffPin& s) { draw_staff_pin(s, state, ui); },
            [&](const screens::StaffHome& s) { draw_staff_home(s, state, ui); },
            [&](const screens::StaffHealth& s) { draw_staff_health(s, state, ui); },
            [&](const screens::StaffQueue& s) { draw_staff_queue(s, state, ui); },
            [&](const screens::PrivacyInfo& s) { draw_privacy(s, state, ui); },
            [&](const screens::HelpList& s) { draw_help_list(s, state, ui); },
            [&](const screens::HelpEntry& s) { draw_help_entry(s, state, ui); },
            [&](const screens::HelpQr& s) { draw_help_qr(s, state, ui); },
            [&](const screens::Crisis& s) { draw_crisis(s, state, ui); },
            [&](const screens::Breathing& s) { draw_breathing(s, state, ui); },
            [&](const screens::MeetPeers& s) { draw_meet_peers(s, state, ui); },
            [&](const screens::WalkIn& s) { draw_walk_in(s, state, ui); },
            [&](const screens::BookTime& s) { draw_book_time(s, state, ui); },
        }, state.screen());
    }
    ImGui::Dummy(ImVec2(1, margin));
    scroll_indicator(ui);
    ImGui::EndChild();
    ImGui::PopStyleVar();
    ImGui::PopFont();
    ImGui::End();
    ImGui::PopStyleVar();
}

}
