// The layout audit's first-screen rule, on trees laid out by hand: what falls below the first
// screen or under the top bar is reported by item; what lies between passes.
#include "ui/audit.h"

#include <catch2/catch.hpp>

using namespace kiosk;
using namespace kiosk::ui;

namespace {

A11yNode node(std::string id, Role role, Rect r)
{
    return { .id = std::move(id), .role = role, .text = "x", .rect = r, .visible = r };
}

AppState on(Screen screen)
{
    AppState state;
    state.stack.push_back(std::move(screen));
    return state;
}

bool mentions(const std::vector<std::string>& problems, std::string_view what)
{
    for (auto& p : problems)
        if (p.find(what) != std::string::npos)
            return true;
    return false;
}

}

TEST_CASE("First screen: a list whose first item is below the fold fails, naming the item and the screen size")
{
    A11yTree tree;
    tree.begin_frame(1280, 800);
    tree.add(node("nav.back", Role::Button, { 40, 10, 300, 100 }));
    tree.add(node("learn.title", Role::Heading, { 40, 130, 600, 80 }));
    tree.add(node("learn.intro", Role::Text, { 40, 220, 1200, 500 }));
    tree.add(node("learn.lesson.hello", Role::Button, { 40, 740, 600, 120 }));
    auto problems = first_screen_problems(tree, on(screens::Learn {}));
    REQUIRE(problems.size() == 1);
    CHECK(mentions(problems, "1280×800"));
    CHECK(mentions(problems, "learn.lesson.hello"));
    CHECK(mentions(problems, "below what the first screen shows"));

    A11yTree fits;
    fits.begin_frame(1280, 800);
    fits.add(node("nav.back", Role::Button, { 40, 10, 300, 100 }));
    fits.add(node("learn.title", Role::Heading, { 40, 130, 600, 80 }));
    fits.add(node("learn.lesson.hello", Role::Button, { 40, 600, 600, 190 }));
    fits.add(node("learn.lesson.next", Role::Button, { 40, 800, 600, 190 }));   // the second may scroll
    CHECK(first_screen_problems(fits, on(screens::Learn {})).empty());
}

TEST_CASE("First screen: a heading under the top bar's second row fails")
{
    A11yTree tree;
    tree.begin_frame(1024, 600);
    tree.add(node("nav.back", Role::Button, { 40, 10, 300, 100 }));
    tree.add(node("nav.ask", Role::Button, { 40, 120, 900, 100 }));   // a bar row in the content
    tree.add(node("find_help.title", Role::Heading, { 40, 180, 600, 80 }));
    tree.add(node("help.category.crisis", Role::Button, { 40, 280, 600, 120 }));
    auto problems = first_screen_problems(tree, on(screens::FindHelp {}));
    REQUIRE(problems.size() == 3);
    CHECK(mentions(problems, "the heading"));
    CHECK(mentions(problems, "under the top bar"));
    CHECK(mentions(problems, "the top bar takes more than one row (button nav.ask"));
    CHECK(mentions(problems, "the top bar ends at 220 px, more than a fifth"));
}

TEST_CASE("First screen: the top bar is one row and no more than a fifth of the screen's height")
{
    auto with_bar = [](float height) {
        A11yTree tree;
        tree.begin_frame(1024, 600);
        tree.add(node("nav.back", Role::Button, { 40, 10, 300, height }));
        tree.add(node("nav.ask", Role::Button, { 360, 10, 300, height }));
        tree.add(node("find_help.title", Role::Heading, { 40, 20 + height, 600, 60 }));
        tree.add(node("help.category.crisis", Role::Button, { 40, 100 + height, 600, 120 }));
        return first_screen_problems(tree, on(screens::FindHelp {}));
    };
    CHECK(with_bar(110).empty());   // ends at 120 px: a fifth of 600
    auto tall = with_bar(111);
    REQUIRE(tall.size() == 1);
    CHECK(mentions(tall, "the top bar ends at 121 px, more than a fifth of the screen's height"));
}

TEST_CASE("First screen: Welcome needs Start, both languages and every text size")
{
    A11yTree tree;
    tree.begin_frame(1280, 800);
    tree.add(node("welcome.title", Role::Heading, { 40, 10, 600, 80 }));
    tree.add(node("welcome.start", Role::Button, { 40, 100, 1200, 150 }));
    tree.add(node("language.en", Role::Button, { 40, 300, 400, 100 }));
    tree.add(node("language.es", Role::Button, { 480, 300, 400, 100 }));
    tree.add(node("text_size.100", Role::Button, { 40, 720, 400, 100 }));
    tree.add(node("text_size.150", Role::Button, { 480, 720, 400, 100 }));
    tree.add(node("text_size.200", Role::Button, { 880, 720, 400, 100 }));
    AppState welcome;
    auto problems = first_screen_problems(tree, welcome);
    CHECK(problems.size() == 3);
    CHECK(mentions(problems, "text_size.200"));
}

TEST_CASE("First screen: a lesson step needs its instruction and its target")
{
    A11yTree tree;
    tree.begin_frame(1280, 800);
    tree.add(node("nav.back", Role::Button, { 40, 10, 300, 100 }));
    tree.add(node("flow.step", Role::Text, { 40, 130, 600, 60 }));
    tree.add(node("lesson.text", Role::Text, { 40, 200, 1200, 300 }));
    tree.add(node("lesson.target", Role::Button, { 600, 700, 120, 120 }));
    tree.add(node("lesson.skip", Role::Button, { 40, 900, 600, 100 }));
    auto problems = first_screen_problems(tree, on(screens::LessonRun {}));
    REQUIRE(problems.size() == 1);
    CHECK(mentions(problems, "the exercise's target"));
    CHECK(mentions(problems, "lesson.target"));
}
