// The scenario language's parser and its table of verbs: every file the suite runs parses, an
// unknown verb or a missing argument is an error naming the file and the line.
#include "platform/scenario.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

using namespace kiosk;

TEST_CASE("An unknown verb is an error with the file and line number")
{
    auto steps = parse_scenario("# a comment\n\ntap Learn\nfrobnicate Home\nexpect Home\n", "s.txt");
    REQUIRE_FALSE(steps);
    CHECK(steps.error().message == "s.txt:4: unknown step \"frobnicate\"");
}

TEST_CASE("A verb that takes an argument needs one, the two that take none parse bare")
{
    auto missing = parse_scenario("tap Learn\nexpect\n", "s.txt");
    REQUIRE_FALSE(missing);
    CHECK(missing.error().message == "s.txt:2: \"expect\" needs an argument");

    auto bare = parse_scenario("wait-speech-done\nwindow-close\n", "s.txt");
    REQUIRE(bare);
    REQUIRE(bare->size() == 2);
    CHECK((*bare)[0].verb == "wait-speech-done");
    CHECK((*bare)[1].line == 2);
}

TEST_CASE("A step keeps its line, verb, unquoted argument and text")
{
    auto steps = parse_scenario("  tap \"Ask for a person\"  \n", "s.txt");
    REQUIRE(steps);
    REQUIRE(steps->size() == 1);
    const ScenarioStep& step = steps->front();
    CHECK(step.line == 1);
    CHECK(step.verb == "tap");
    CHECK(step.argument == "Ask for a person");
    CHECK(step.text == "tap \"Ask for a person\"");
}

TEST_CASE("A file with no steps is an error")
{
    auto steps = parse_scenario("# only a comment\n", "empty.txt");
    REQUIRE_FALSE(steps);
    CHECK(steps.error().message == "empty.txt: has no steps");
}

TEST_CASE("Every scenario the suite runs parses with the table of verbs")
{
    for (const auto& dir : { "scenarios", "appliance", "driver", "forensic", "sync", "platform/lockout" })
        for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(KIOSK_TESTS_DIR) / dir)) {
            if (entry.path().extension() != ".txt")
                continue;
            std::ifstream in(entry.path());
            std::stringstream text;
            text << in.rdbuf();
            INFO(entry.path().string());
            CHECK(parse_scenario(text.str(), entry.path().string()));
        }
}
