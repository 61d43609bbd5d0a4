// The kiosk's accessibility tree: every frame, each widget records what it is (role), what it
// says (text), its stable id and where it is. The scenario driver taps and checks through it, the
// layout audit measures it, and read-aloud speaks from it. No ImGui types appear here.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::ui {

enum class Role { Heading, Text, Button, Key, Field, Status, Image };
std::string_view role_name(Role role);

struct Rect {
    float x { 0 }, y { 0 }, w { 0 }, h { 0 };
    float right() const { return x + w; }
    float bottom() const { return y + h; }
    bool contains(float px, float py) const { return px >= x && px < right() && py >= y && py < bottom(); }
    bool overlaps(const Rect& o) const { return x < o.right() && o.x < right() && y < o.bottom() && o.y < bottom(); }
    Rect intersect(const Rect& o) const;
    bool empty() const { return w <= 0 || h <= 0; }
};

struct A11yNode {
    std::string id;        // stable, language-independent ("home.learn")
    Role role { Role::Text };
    std::string text;      // what is shown (and would be read aloud)
    Rect rect;             // the whole item, in window pixels
    Rect visible;          // the part not scrolled away or clipped; empty when off screen
    bool primary { false };     // a button that moves the person on (≥ 16 mm)
    bool selected { false };    // a chosen option
    bool text_fits { true };    // the text fits inside rect without being cut
    // What read-aloud says for this node instead of `text`; "" says nothing. Set where the text
    // holds what a person typed, which is never read out in a waiting room.
    std::optional<std::string> spoken {};
    bool interactive() const { return role == Role::Button || role == Role::Key; }
    bool is_visible() const { return !visible.empty(); }
};

class A11yTree {
public:
    // Starts a frame's tree: overwrites the last frame's texts (as wipe() does) and empties it.
    void begin_frame(float width, float height);
    A11yNode& add(A11yNode node);
    // Narrows the visible part of nodes [first, end) to `area` (what a strip drawn over them hides).
    void clip_nodes(std::size_t first, const Rect& area);
    // The node added last (the tree must not be empty).
    A11yNode& last() { return m_nodes.back(); }

    const std::vector<A11yNode>& nodes() const { return m_nodes; }
    float width() const { return m_width; }
    float height() const { return m_height; }

    // The first visible node whose text or id equals `label`.
    const A11yNode* find_visible(std::string_view label) const;
    // Any node (visible or not) whose text or id equals `label`.
    const A11yNode* find_any(std::string_view label) const;
    // One line per visible node, for failure messages: `button "Home" (home.back)`.
    std::string describe_visible() const;
    // True when the visible content (ids, texts, rectangles) differs from `other`.
    bool differs_from(const A11yTree& other) const;
    // Overwrites every recorded text (it may hold what a person typed) and empties the tree.
    void wipe();

private:
    std::vector<A11yNode> m_nodes;
    float m_width { 0 }, m_height { 0 };
};

// What read-aloud says for the screen in `tree`: its headings, text, messages and choices, in
// order, each ending as a sentence. Left out: the top bar (the same on every screen), keyboard
// keys, typed fields, and nodes whose `spoken` is "". With `heard`, only nodes whose words are
// not in it yet are read, and they are added to it (a new message on the same screen).
std::string spoken_text(const A11yTree& tree, std::vector<std::string>* heard = nullptr);

}
