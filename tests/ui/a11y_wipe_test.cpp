// The accessibility tree keeps no typed text from one frame to the next (issue 14 item 2). A text
// of up to 15 bytes lives inside its std::string (the small-string buffer), so inside the node,
// inside the tree's vector; begin_frame reuses that storage, and destroying a string does not
// overwrite it: a short name typed into a field stayed in the vector wherever the next screen
// (Welcome, after a wipe) drew fewer nodes, or a long text's heap pointer covered only part.
#include "ui/a11y.h"

#include <catch2/catch.hpp>
#include <string>
#include <string_view>

using namespace kiosk::ui;

namespace {

// The raw bytes of every node slot the tree's vector holds, used or not.
std::string_view storage(const A11yTree& tree)
{
    return { reinterpret_cast<const char*>(tree.nodes().data()), tree.nodes().capacity() * sizeof(A11yNode) };
}

A11yNode node(const char* id, Role role, const char* text)
{
    A11yNode n;
    n.id = id;
    n.role = role;
    n.text = text;
    return n;
}

}

TEST_CASE("A11y tree: a new frame leaves nothing of the last frame's short texts in the reused storage")
{
    A11yTree tree;
    tree.begin_frame(800, 600);
    tree.add(node("welcome.title", Role::Heading, "Welcome to the clinic's kiosk"));
    for (int i = 0; i < 6; ++i)
        tree.add(node("book.name", Role::Field, "QZXWVJKQPMRTYUW")); // 15 bytes: inside the node
    tree.add(node("book.sent", Role::Text, "QZXWVJ")).spoken = std::string("QZXWVJ");
    const A11yNode* before = tree.nodes().data();
    REQUIRE(storage(tree).find("QZXWVJKQPMRTYUW") != std::string_view::npos); // the search can find it

    tree.begin_frame(800, 600);
    tree.add(node("welcome.start", Role::Button, "Touch to start, a label longer than 15 bytes"));
    REQUIRE(tree.nodes().data() == before); // the same storage, reused
    CHECK(storage(tree).find("QZXWVJ") == std::string_view::npos);
    CHECK(storage(tree).find("KQPMRTYUW") == std::string_view::npos);
}
