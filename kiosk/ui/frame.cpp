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

ImVec4 colour(Rgb c) { return ImVec4(c.r / 255.0f, c.g / 255.0f, c.b / 255.0f, 1.0f); }

bool shows_top_bar(const AppState& state)
{
    if (state.session.warning_until)
        return false;
    // Home has its own "Ask for a person" tile, and is itself home.
    auto id = screen_id(state.screen());
    return id != ScreenId::Goodbye && id != ScreenId::Home;
}

// The bar's words at this text size; Welcome shows only "Ask for a person".
struct BarLayout {
    bool one_row;       // Back, Home and Ask side by side
    float height;       // of the whole bar
};

float label_width(const Ui& ui, std::string_view label)
{
    return ui.fonts.bold()->CalcTextSizeA(ui.fonts.bold()->FontSize, FLT_MAX, -1.0f, label.data(), label.data() + label.size()).x;
}

float widest_word_width(const Ui& ui, std::string_view text)
{
    float widest = 0;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = std::min(text.find(' ', start), text.size());
        widest = std::max(widest, label_width(ui, text.substr(start, end - start)));
        start = end + 1;
    }
    return widest;
}

BarLayout bar_layout(const AppState& state, const Ui& ui, float avail)
{
    float pad = 2 * ui.metrics.mm(3.0);
    float gap = ui.metrics.gap();
    float h = ui.metrics.primary_target();
    float line = ui.fonts.bold()->FontSize;
    std::string_view ask = ui.t("nav.ask");
    auto wrapped_height = [&](float width) {
        ImVec2 size = ui.fonts.bold()->CalcTextSizeA(line, FLT_MAX, width - pad, ask.data(), ask.data() + ask.size());
        return std::max(h, size.y + pad);
    };
    if (std::holds_alternative<screens::Welcome>(state.screen()))
        return { true, wrapped_height(avail) };
    float left = label_width(ui, ui.t("nav.home")) + pad + gap;
    if (can_go_back(state))
        left += label_width(ui, ui.t("nav.back")) + pad + gap;
    float rest = avail - left;
    if (rest >= widest_word_width(ui, ask) + pad && rest >= ui.metrics.mm(30))
        return { true, std::max(std::max(h, line + pad), wrapped_height(rest)) };
    return { false, std::max(h, line + pad) + gap + wrapped_height(avail) };
}

void top_bar(const AppState& state, Ui& ui, const BarLayout& layout)
{
    float h = ui.metrics.primary_target();
    float gap = ui.metrics.gap();
    auto natural = [&](std::string_view label) { return label_width(ui, label) + 2 * ui.metrics.mm(3.0) + 1.0f; };
    std::string_view back = ui.t("nav.back"), home = ui.t("nav.home"), ask = ui.t("nav.ask");
    float wb = natural(back), wh = natural(home);
    bool one_row = layout.one_row;
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(gap, gap));
    if (std::holds_alternative<screens::Welcome>(state.screen())) {
        // Welcome is the root: nothing to go back to, but a person is still one tap away.
        button(ui, { "nav.ask", ask, actions::Open { ScreenId::AskPerson } }, 0, h);
        ImGui::PopStyleVar();
        return;
    }
    if (can_go_back(state)) {
        button(ui, { "nav.back", back, actions::Back {} }, wb, h);
        ImGui::SameLine(0, gap);
    }
    button(ui, { "nav.home", home, actions::GoHome {} }, wh, h);
    if (one_row)
        ImGui::SameLine(0, gap);
    button(ui, { "nav.ask", ask, actions::Open { ScreenId::AskPerson } }, 0, h);
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
    // The bar stays on top while it takes at most a quarter of the screen; with very large text
    // on a small screen it becomes the first thing in the scrolling content instead, so the
    // screen's own content always has room.
    std::optional<BarLayout> bar;
    if (shows_top_bar(state))
        bar = bar_layout(state, ui, io.DisplaySize.x - 2 * margin);
    bool bar_scrolls = bar && bar->height > io.DisplaySize.y * 0.25f;
    if (bar && !bar_scrolls)
        top_bar(state, ui, *bar);
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
        top_bar(state, ui, *bar);
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
            [&](const screens::Goodbye& s) { draw_goodbye(s, state, ui); },
            [&](const screens::StaffPin& s) { draw_staff_pin(s, state, ui); },
            [&](const screens::StaffHome& s) { draw_staff_home(s, state, ui); },
            [&](const screens::StaffHealth& s) { draw_staff_health(s, state, ui); },
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
