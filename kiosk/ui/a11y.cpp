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
    // Not clear() alone: a text of up to 15 bytes (a short typed name) lives inside its node,
    // whose storage this frame reuses without overwriting all of it (issue 14).
    wipe();
}

A11yNode& A11yTree::add(A11yNode node)
{
    node.visible = node.visible.intersect(Rect { 0, 0, m_width, m_height });
    return m_nodes.emplace_back(std::move(node));
}

void A11yTree::clip_nodes(std::size_t first, const Rect& area)
{
    for (std::size_t i = first; i < m_nodes.size(); ++i)
        m_nodes[i].visible = m_nodes[i].visible.intersect(area);
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
    {
        if (!node.text.empty())
            secure_zero(node.text.data(), node.text.size());
        if (node.spoken && !node.spoken->empty())
            secure_zero(node.spoken->data(), node.spoken->size());
    }
    m_nodes.clear();
}

namespace {

// The words of `text` for the speech engine: arrows, ticks and other symbols drawn for the eye
// are dropped (eSpeak would name them), a bullet becomes a pause, and the text ends as a sentence.
std::string words_for_speech(std::string_view text)
{
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        auto c = static_cast<unsigned char>(text[i]);
        std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
        len = std::min(len, text.size() - i);
        char32_t cp = c;
        if (len > 1) {
            cp = c & (0x3F >> (len - 1));
            for (std::size_t k = 1; k < len; ++k)
                cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
        }
        bool symbol = (cp >= 0x2190 && cp <= 0x21FF) || (cp >= 0x2500 && cp <= 0x27BF) || cp >= 0x1F000;
        if (cp == 0x2022 || cp == 0x00B7)
            out += ",";
        else if (!symbol)
            out.append(text.substr(i, len));
        i += len;
    }
    auto first = out.find_first_not_of(" \t\n,");
    auto last = out.find_last_not_of(" \t\n,");
    if (first == std::string::npos)
        return {};
    out = out.substr(first, last - first + 1);
    if (std::string_view(".!?:;").find(out.back()) == std::string_view::npos)
        out += '.';
    return out;
}

}

std::string spoken_text(const A11yTree& tree, std::vector<std::string>* heard)
{
    std::string out;
    for (auto& node : tree.nodes()) {
        if (node.id.starts_with("nav.") || node.role == Role::Key || (node.role == Role::Field && !node.spoken))
            continue;
        std::string words = words_for_speech(node.spoken ? *node.spoken : node.text);
        if (words.empty())
            continue;
        if (heard) {
            if (std::find(heard->begin(), heard->end(), words) != heard->end())
                continue;
            heard->push_back(words);
        }
        if (!out.empty())
            out += '\n';
        out += words;
    }
    return out;
}

}
