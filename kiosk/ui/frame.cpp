// Frame dispatch (see frame.h).
#include "ui/frame.h"

#include "ui/screens/screens.h"

#include <algorithm>
#include <imgui.h>

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

// Between a bar button's words and its edge, and between two bar buttons: on a short screen less,
// so five buttons (read-aloud on) keep their words on one line each in one row (issue 15).
double bar_padding_mm(const Ui& ui) { return short_screen(ui) ? 0.6 : 1.5; }
float bar_gap(const Ui& ui) { return short_screen(ui) ? ui.metrics.mm(target_gap_mm - 1.0) : ui.metrics.gap(); }

// The bar's buttons for this screen, most needed first: Back and Home where they mean something,
// crisis help, and a person — on every screen but the countdown. Each shows a picture above a
// short label ("Help now"); its full name ("Need help right now?") is what the tree and
// read-aloud say.
std::vector<ButtonSpec> bar_items(const AppState& state, const Ui& ui)
{
    std::vector<ButtonSpec> items;
    auto id = screen_id(state.screen());
    bool root = id == ScreenId::Welcome || id == ScreenId::Goodbye || id == ScreenId::Home;
    auto item = [&](std::string_view key, Action action, ButtonStyle style, Icon icon) {
        items.push_back({ key, ui.t(key), std::move(action), style, Role::Button, bar_padding_mm(ui), icon, ui.t(std::string(key) + "_short") });
    };
    if (!root && can_go_back(state))
        item("nav.back", actions::Back {}, ButtonStyle::Normal, Icon::Back);
    if (!root)
        item("nav.home", actions::GoHome {}, ButtonStyle::Normal, Icon::Home);
    if (id != ScreenId::Crisis)
        item("nav.crisis", actions::Open { ScreenId::Crisis }, ButtonStyle::Urgent, Icon::HelpNow);
    if (id != ScreenId::Goodbye && id != ScreenId::Home && id != ScreenId::AskPerson)
        item("nav.ask", actions::Open { ScreenId::AskPerson }, ButtonStyle::Normal, Icon::Person);
    // Read-aloud, once a person has turned it on (on Welcome, in Settings or in lesson 5): stop
    // it, or hear the screen again. Welcome has its own button in the content.
    if (id != ScreenId::Goodbye && id != ScreenId::Welcome && speech_allowed(state) && state.settings.read_aloud) {
        bool reading = state.speech.reading;
        ButtonSpec read = read_aloud_button(ui, state, reading ? "nav.stop_reading" : "nav.read", bar_padding_mm(ui));
        read.shown = ui.t(reading ? "nav.stop_reading_short" : "nav.read_short");
        items.push_back(read);
    }
    return items;
}

// One row, always (issue 15). Each button is as wide as its picture and short label, side by side
// when the row has room for that, else the picture above the words; room left over is shared out.
// When even that does not fit, the widest are narrowed first and their words wrap.
struct BarLayout {
    std::vector<float> widths;
    float height { 0 };
};

BarLayout bar_layout(std::vector<ButtonSpec>& items, const Ui& ui, float avail)
{
    BarLayout layout;
    if (items.empty())
        return layout;
    float gap = bar_gap(ui);
    float room = avail - gap * static_cast<float>(items.size() - 1);
    std::vector<float> natural;
    float total = 0;
    for (bool stacked : { false, true }) {
        natural.clear();
        total = 0;
        for (auto& item : items) {
            item.stacked = stacked;
            natural.push_back(bar_button_size(ui, item, 0).x);
            total += natural.back();
        }
        if (total <= room)
            break;
    }
    if (total <= room) {
        // Room left over goes to the narrowest first, toward a quarter of the row each, so Back
        // and Home keep their places and a lone button does not span the screen.
        float cell = (avail - 3 * gap) / 4;
        float slack = room - total;
        layout.widths = natural;
        std::vector<std::size_t> order(items.size());
        for (std::size_t i = 0; i < order.size(); ++i)
            order[i] = i;
        std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return natural[x] < natural[y]; });
        for (std::size_t i : order) {
            float add = std::clamp(cell - natural[i], 0.0f, slack);
            layout.widths[i] += add;
            slack -= add;
        }
    } else {
        // The largest cap c with sum(min(natural, c)) ≤ room.
        std::vector<float> sorted = natural;
        std::sort(sorted.begin(), sorted.end());
        float cap = room / static_cast<float>(items.size());
        float below = 0;
        for (std::size_t i = 0; i < sorted.size(); ++i) {
            float c = (room - below) / static_cast<float>(sorted.size() - i);
            if (c <= sorted[i]) {
                cap = c;
                break;
            }
            below += sorted[i];
        }
        for (float w : natural)
            layout.widths.push_back(std::min(w, cap));
    }
    for (std::size_t i = 0; i < items.size(); ++i)
        layout.height = std::max(layout.height, bar_button_size(ui, items[i], layout.widths[i]).y);
    return layout;
}

void top_bar(const std::vector<ButtonSpec>& items, const BarLayout& layout, Ui& ui)
{
    float gap = bar_gap(ui);
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(gap, gap));
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0)
            ImGui::SameLine(0, gap);
        button(ui, items[i], layout.widths[i], layout.height);
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
    // On a short screen 4 mm at the sides, not 6: the room goes to the bar and the choices.
    float margin = short_screen(ui) ? ui.metrics.mm(4) : ui.metrics.margin();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    // Above the bar half a margin, a quarter on a short screen (widgets.h).
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(margin, margin * (short_screen(ui) ? 0.25f : 0.5f)));
    ImGui::Begin("kiosk", nullptr,
        ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings
            | ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse);
    ImGui::PushFont(ui.fonts.body());
    ui.clip = { 0, 0, io.DisplaySize.x, io.DisplaySize.y };
    // The bar: one row, pinned above the scrolling content.
    if (shows_top_bar(state)) {
        std::vector<ButtonSpec> items = bar_items(state, ui);
        top_bar(items, bar_layout(items, ui, io.DisplaySize.x - 2 * margin), ui);
    }
    float top = ImGui::GetCursorPosY();

    // The screen's own content scrolls; drag-to-scroll and momentum come from the touch layer.
    // The child spans the full width; its padding keeps the margins, and the right margin holds
    // the scroll indicator so it never covers a button.
    float view = io.DisplaySize.y - top;
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(margin, 0));
    ImGui::SetCursorPos(ImVec2(0, top));
    ImGui::BeginChild("content", ImVec2(io.DisplaySize.x, view), false,
        ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_AlwaysUseWindowPadding | ImGuiWindowFlags_NoSavedSettings);
    if (ui.new_screen)
        ImGui::SetScrollY(0);
    else if (ui.scroll_delta != 0)
        ImGui::SetScrollY(ImGui::GetScrollY() - ui.scroll_delta);
    ImVec2 wpos = ImGui::GetWindowPos(), wsize = ImGui::GetWindowSize();
    ui.clip = { wpos.x, wpos.y, wsize.x, wsize.y };
    std::size_t first_content_node = ui.tree.nodes().size();
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
    // "More below" (issue 15: not only a thin bar): when content lies under the bottom strip or
    // past it, the strip says so, over the content, in a window of its own that takes the touches
    // there. The content gets a strip's height of room at its end, so its last item can scroll
    // clear of it.
    float cue = more_below_height(ui);
    float content_end = ImGui::GetCursorPosY();
    bool overflows = content_end > view + 0.5f;
    if (overflows)
        ImGui::Dummy(ImVec2(1, cue));
    bool more = overflows && content_end - ImGui::GetScrollY() > view - cue + 0.5f;
    scroll_indicator(ui);
    ImGui::EndChild();
    ImGui::PopStyleVar();
    ui.clip = { 0, 0, io.DisplaySize.x, io.DisplaySize.y };
    if (more) {
        Rect strip { 0, io.DisplaySize.y - cue, io.DisplaySize.x, cue };
        ui.tree.clip_nodes(first_content_node, { 0, 0, io.DisplaySize.x, strip.y });
        more_below(ui, strip);
    }
    ImGui::PopFont();
    ImGui::End();
    ImGui::PopStyleVar();
}

}
