// The layout audit (see audit.h).
#include "ui/audit.h"

#include <cstdio>

namespace kiosk::ui {

namespace {

std::string mm_text(double value)
{
    char buffer[32];
    (void)std::snprintf(buffer, sizeof buffer, "%.1f mm", value); // a report line: a huge value cut short is still ended
    return buffer;
}

std::string name(const A11yNode& n) { return std::string(role_name(n.role)) + " " + n.id + " \"" + n.text + "\""; }

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
