// Keyboard layouts are data; bad files are refused with a reason, and Shift capitalizes.
#include "app/keyboard_layout.h"

#include <catch2/catch.hpp>

using namespace kiosk;

TEST_CASE("A layout is rows of single characters")
{
    auto layout = parse_keyboard_layout(R"({"rows": [["a","b"],["c"]]})", "k.json");
    REQUIRE(layout.ok());
    CHECK(layout->widest_row() == 2);
    CHECK_FALSE(parse_keyboard_layout(R"({"rows": []})", "k.json").ok());
    CHECK_FALSE(parse_keyboard_layout(R"({"rows": [["ab c d e"]]})", "k.json").ok());
    CHECK_FALSE(parse_keyboard_layout(R"({"keys": [["a"]]})", "k.json").ok());
    CHECK(parse_keyboard_layout(R"({"rows": [[1]]})", "k.json").error().message == "k.json: each key must be one character");
}

TEST_CASE("Shift gives capitals for ASCII and Spanish letters, and leaves the rest")
{
    CHECK(upper_case_key("a") == "A");
    CHECK(upper_case_key("ñ") == "Ñ");
    CHECK(upper_case_key("é") == "É");
    CHECK(upper_case_key("ü") == "Ü");
    CHECK(upper_case_key("7") == "7");
    CHECK(upper_case_key("¿") == "¿");
}
