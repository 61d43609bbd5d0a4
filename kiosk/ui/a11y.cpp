// The accessibility tree (see a11y.h).
#include "ui/a11y.h"

#include "app/secure_text.h"

#include <algorithm>
#include <cmath>

namespace kiosk::ui {

std::string_view role_name(Role role)
{
    switch (role) {
    case Role::Heading: return "heading";
    case Role::Text: return "text";
    case Role::Button: return "button";
    case Role::Key: return "key";
    case Role::Field: return "field";
    case Role::Status: return "status";
    case Role::Image: return "image";
    }
    return "?";
}

Rect Rect::intersect(const Rect& o) const
{
    float nx = std::max(x, o.x), ny = std::max(y, o.y);
    float nr = std::min(right(), o.right()), nb = std::min(bottom(), o.bottom());
    if (nr <= nx || nb <= ny)
        return {};
    return { nx, ny, nr - nx, nb - ny };
}

void A11yTree::begin_frame(float width, float height)
{
    m_width = width;
    m_height = height;
    m_nodes.clear();
}

A11yNode& A11yTree::add(A11yNode node)
{
    node.visible = node.visible.intersect(Rect { 0, 0, m_width, m_height });
    return m_nodes.emplace_back(std::move(node));
}

const A11yNode* A11yTree::find_visible(std::string_view label) const
{
    for (auto& node : m_nodes)
        if (node.is_visible() && (node.text == label || node.id == label))
            return &node;
    return nullptr;
}

const A11yNode* A11yTree::find_any(std::string_view label) const
{
    for (auto& node : m_nodes)
        if (node.text == label || node.id == label)
            return &node;
    return nullptr;
}

std::string A11yTree::describe_visible() const
{
    std::string out;
    for (auto& node : m_nodes) {
        if (!node.is_visible())
            continue;
        out += "  ";
        out += role_name(node.role);
        out += " \"" + node.text + "\" (" + node.id + ")\n";
    }
    return out;
}

bool A11yTree::differs_from(const A11yTree& other) const
{
    if (m_nodes.size() != other.m_nodes.size())
        return true;
    auto same_rect = [](const Rect& a, const Rect& b) {
        return std::fabs(a.x - b.x) < 0.5f && std::fabs(a.y - b.y) < 0.5f && std::fabs(a.w - b.w) < 0.5f && std::fabs(a.h - b.h) < 0.5f;
    };
    for (std::size_t i = 0; i < m_nodes.size(); ++i) {
        auto& a = m_nodes[i];
        auto& b = other.m_nodes[i];
        if (a.id != b.id || a.text != b.text || a.selected != b.selected || !same_rect(a.visible, b.visible))
            return true;
    }
    return false;
}

void A11yTree::wipe()
{
    for (auto& node : m_nodes)
        if (!node.text.empty())
            secure_zero(node.text.data(), node.text.size());
    m_nodes.clear();
}

}
