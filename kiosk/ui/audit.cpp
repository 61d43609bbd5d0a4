// The layout audit (see audit.h).
#include "ui/audit.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <variant>

namespace kiosk::ui {

namespace {

std::string mm_text(double value)
{
    char buffer[32];
    (void)std::snprintf(buffer, sizeof buffer, "%.1f mm", value); // a report line: a huge value cut short is still ended
    return buffer;
}

std::string name(const A11yNode& n) { return std::string(role_name(n.role)) + " " + n.id + " \"" + n.text + "\""; }

bool in_bar(const A11yNode& n) { return n.id.starts_with("nav."); }

const A11yNode* by_id(const std::vector<A11yNode>& nodes, std::string_view id)
{
    for (auto& n : nodes)
        if (n.id == id)
            return &n;
    return nullptr;
}

// The first touch target after `from` (a node index) that is not in the top bar; `prefix`, when
// given, narrows it to ids starting with it.
const A11yNode* first_target_after(const std::vector<A11yNode>& nodes, std::size_t from, std::string_view prefix = {})
{
    for (std::size_t i = from; i < nodes.size(); ++i)
        if (nodes[i].interactive() && !in_bar(nodes[i]) && nodes[i].id.starts_with(prefix))
            return &nodes[i];
    return nullptr;
}

// Screens whose purpose is a choice. On the others (a notice, an entry, a ticket, a step that
// asks to read first) the words come first and the choice may follow them below the fold, with
// the "More below" strip saying so; their heading must still be on the first screen.
bool choosing_screen(ScreenId id)
{
    switch (id) {
    case ScreenId::Home:
    case ScreenId::Settings:
    case ScreenId::Learn:
    case ScreenId::FindHelp:
    case ScreenId::BookPeer:
    case ScreenId::HelpList:
    case ScreenId::StaffHome:
    case ScreenId::MeetPeers:
        return true;
    default:
        return false;
    }
}

std::string px(float value) { return std::to_string(static_cast<int>(std::lround(value))) + " px"; }

}

std::vector<std::string> first_screen_problems(const A11yTree& tree, const AppState& state)
{
    const float tolerance = 0.5f;
    auto& nodes = tree.nodes();
    float bar_bottom = 0;
    for (auto& n : nodes)
        if (in_bar(n))
            bar_bottom = std::max(bar_bottom, n.rect.bottom());
    // (what it is, the node or nullptr when the screen does not have it)
    std::vector<std::pair<std::string, const A11yNode*>> wanted;
    std::size_t after = 0;
    for (std::size_t i = 0; i < nodes.size(); ++i)
        if (nodes[i].role == Role::Heading) {
            wanted.emplace_back("the heading", &nodes[i]);
            after = i + 1;
            break;
        }
    auto id = screen_id(state.screen());
    const auto* lesson = std::get_if<screens::LessonRun>(&state.screen());
    // The countdown ("Are you still there?") is drawn instead of the screen: its own first choice.
    bool countdown = state.session.warning_until.has_value();
    if (countdown)
        lesson = nullptr;
    if (!countdown && id == ScreenId::Welcome) {
        for (const char* item : { "welcome.start", "language.en", "language.es", "text_size.100", "text_size.150", "text_size.200" })
            wanted.emplace_back(std::string("the choice ") + item, by_id(nodes, item));
    } else if (lesson && !lesson->finished) {
        const A11yNode* text = by_id(nodes, "lesson.text");
        wanted.emplace_back("the instruction", text);
        std::size_t from = text ? static_cast<std::size_t>(text - nodes.data()) + 1 : 0;
        wanted.emplace_back("the exercise's target", first_target_after(nodes, from));
    } else if (!countdown && id == ScreenId::HelpList && first_target_after(nodes, after, "help.entry.")) {
        wanted.emplace_back("the first entry", first_target_after(nodes, after, "help.entry."));
    } else if (countdown || choosing_screen(id)) {
        wanted.emplace_back("the first choice", first_target_after(nodes, after));
    }
    std::string screen = std::to_string(static_cast<int>(tree.width())) + "×" + std::to_string(static_cast<int>(tree.height()));
    std::vector<std::string> problems;
    // The top bar: one row, and at most a fifth of the screen's height (issue 15).
    const A11yNode* first_in_bar = nullptr;
    for (auto& n : nodes) {
        if (!in_bar(n))
            continue;
        if (!first_in_bar)
            first_in_bar = &n;
        else if (n.rect.y >= first_in_bar->rect.bottom() - tolerance)
            problems.push_back("first screen " + screen + ": the top bar takes more than one row (" + name(n) + " starts at " + px(n.rect.y) + ")");
    }
    if (bar_bottom > tree.height() * 0.2f + tolerance)
        problems.push_back("first screen " + screen + ": the top bar ends at " + px(bar_bottom) + ", more than a fifth of the screen's height");
    for (auto& [what, node] : wanted) {
        if (!node) {
            if (id == ScreenId::Welcome || lesson)
                problems.push_back("first screen " + screen + ": " + what + " is missing");
            continue;
        }
        if (node->rect.y + tolerance < bar_bottom)
            problems.push_back("first screen " + screen + ": " + what + ", " + name(*node) + ", starts at " + px(node->rect.y)
                + ", under the top bar (its bottom is at " + px(bar_bottom) + ")");
        else if (node->rect.bottom() > tree.height() + tolerance || node->rect.right() > tree.width() + tolerance
            || node->visible.h + tolerance < node->rect.h || node->visible.w + tolerance < node->rect.w)
            problems.push_back("first screen " + screen + ": " + what + ", " + name(*node) + ", ends at " + px(node->rect.bottom())
                + ", below what the first screen shows (" + px(node->is_visible() ? node->visible.bottom() : 0.0f) + " of it seen)");
    }
    return problems;
}

std::vector<std::string> audit_layout(const A11yTree& tree, const Metrics& m, float body_cap_px, const AppState& state)
{
    std::vector<std::string> problems;
    const float tolerance = 0.5f;
    auto& nodes = tree.nodes();
    for (auto& n : nodes) {
        if (n.interactive()) {
            double need = n.primary ? primary_target_mm : min_target_mm;
            if (m.to_mm(n.rect.w + tolerance) < need || m.to_mm(n.rect.h + tolerance) < need)
                problems.push_back(name(n) + " is " + mm_text(m.to_mm(n.rect.w)) + " × " + mm_text(m.to_mm(n.rect.h))
                    + ", needs " + mm_text(need));
        }
        if (!n.text_fits)
            problems.push_back(name(n) + " has text cut off");
        if (n.rect.x < -tolerance || n.rect.right() > tree.width() + tolerance)
            problems.push_back(name(n) + " goes past the screen edge");
    }
    for (std::size_t i = 0; i < nodes.size(); ++i)
        for (std::size_t j = i + 1; j < nodes.size(); ++j) {
            const A11yNode& a = nodes[i];
            const A11yNode& b = nodes[j];
            float inset = tolerance;
            // What is seen: content scrolled under the pinned top bar is clipped away there. Items
            // both out of view are compared whole, as laid out.
            bool whole = !a.is_visible() && !b.is_visible();
            const Rect& pa = whole ? a.rect : a.visible;
            const Rect& pb = whole ? b.rect : b.visible;
            Rect ra { pa.x + inset, pa.y + inset, pa.w - 2 * inset, pa.h - 2 * inset };
            Rect rb { pb.x + inset, pb.y + inset, pb.w - 2 * inset, pb.h - 2 * inset };
            if (ra.overlaps(rb)) {
                problems.push_back(name(a) + " overlaps " + name(b));
                continue;
            }
            if (a.interactive() && b.interactive()) {
                float half_gap = m.mm(2.0) / 2 - tolerance;
                Rect ga { pa.x - half_gap, pa.y - half_gap, pa.w + 2 * half_gap, pa.h + 2 * half_gap };
                Rect gb { pb.x - half_gap, pb.y - half_gap, pb.w + 2 * half_gap, pb.h + 2 * half_gap };
                if (!pa.empty() && !pb.empty() && ga.overlaps(gb))
                    problems.push_back(name(a) + " is closer than 2 mm to " + name(b));
            }
        }
    if (body_cap_px + tolerance < m.body_cap_px())
        problems.push_back("body capitals are " + mm_text(m.to_mm(body_cap_px)) + ", need " + mm_text(m.to_mm(m.body_cap_px())));

    auto id = screen_id(state.screen());
    bool countdown = state.session.warning_until.has_value();
    auto has = [&](std::string_view wanted) {
        for (auto& n : nodes)
            if (n.id == wanted)
                return true;
        return false;
    };
    if (!countdown && id != ScreenId::Crisis && !has("nav.crisis"))
        problems.push_back("no \"Need help right now?\" on this screen");
    if (!countdown && id != ScreenId::Goodbye && id != ScreenId::AskPerson && !has("nav.ask") && !has("home.ask") && !has("crisis.ask"))
        problems.push_back("no \"Ask for a person\" on this screen");
    // Staff mode's home, and a guided session's (its lesson list), are homes too.
    bool is_home = id == ScreenId::Home || id == ScreenId::StaffHome || (id == ScreenId::Learn && state.stack.size() == 1);
    if (!countdown && id != ScreenId::Goodbye && id != ScreenId::Welcome && !is_home && !has("nav.back"))
        problems.push_back("no Back button on this screen");
    if (!countdown && id != ScreenId::Goodbye && id != ScreenId::Welcome && id != ScreenId::Home && !has("nav.home"))
        problems.push_back("no Home button on this screen");
    bool any_visible_target = false;
    for (auto& n : nodes)
        any_visible_target = any_visible_target || (n.interactive() && n.is_visible());
    if (!any_visible_target)
        problems.push_back("no touch target is visible");
    return problems;
}

}
