// Issue 12: the one depth limit on JSON the kiosk did not write, at each entry point of app/.
// Values nested 100,000 deep once crashed the kiosk (copy and dump() recurse per level).
#include "app/catalog.h"
#include "app/config.h"
#include "app/content.h"
#include "app/demo_clinic.h"
#include "app/json_limits.h"
#include "app/keyboard_layout.h"
#include "app/lesson.h"

#include <catch2/catch.hpp>
#include <string>

using namespace kiosk;

namespace {

std::string nested(int levels, const std::string& inner = "1")
{
    return std::string(static_cast<std::size_t>(levels), '[') + inner + std::string(static_cast<std::size_t>(levels), ']');
}

const std::string deep = nested(100000);

}

TEST_CASE("parse_json takes 64 levels and refuses 65, by value, whatever the depth")
{
    auto at_limit = parse_json(nested(max_json_depth));
    REQUIRE(at_limit.ok());
    CHECK(parse_json(at_limit->dump())->dump() == at_limit->dump()); // a copy and a dump are safe
    auto over = parse_json(nested(max_json_depth + 1));
    REQUIRE_FALSE(over.ok());
    CHECK(over.error().kind == JsonError::Kind::TooDeep);
    CHECK(over.error().message == "nested deeper than 64 levels");

    auto very = parse_json("{\"a\": 1, \"b\": {\"c\": " + deep + "}}");
    REQUIRE_FALSE(very.ok());
    CHECK(very.error().key == "b");
    CHECK(parse_json_or_discarded(deep).is_discarded());

    auto broken = parse_json("{\"a\": 1,}");
    REQUIRE_FALSE(broken.ok());
    CHECK(broken.error().kind == JsonError::Kind::Syntax);
    CHECK(broken.error().message == "not valid JSON near byte 9");
    // nlohmann reports a number too large for a double as out_of_range, not a parse_error.
    CHECK_FALSE(parse_json("[1e999]").ok());
    CHECK_FALSE(parse_json("").ok());
}

TEST_CASE("The config refuses a value nested 200,000 deep, naming the file and the key")
{
    auto config = parse_config("{\"dpi\": " + nested(200000, "") + "}", "/etc/kiosk.json");
    REQUIRE_FALSE(config.ok());
    CHECK(config.error().message == "config /etc/kiosk.json: key \"dpi\" is nested deeper than 64 levels (no setting needs more than 2)");
    auto whole = parse_config(nested(200000), "/etc/kiosk.json");
    REQUIRE_FALSE(whole.ok());
    CHECK(whole.error().message == "config /etc/kiosk.json: nested deeper than 64 levels");
    auto huge_number = parse_config("{\"dpi\": 1e999}", "/etc/kiosk.json");
    REQUIRE_FALSE(huge_number.ok());
    CHECK(huge_number.error().message.starts_with("config /etc/kiosk.json: not valid JSON"));
}

TEST_CASE("A string catalog, a keyboard layout, a lesson and the demo clinic refuse deep values with the file's name")
{
    auto catalog = Catalog::parse("{\"home.title\": " + deep + "}", "strings/en.json");
    REQUIRE_FALSE(catalog.ok());
    CHECK(catalog.error().message == "strings/en.json: nested deeper than 64 levels");

    auto layout = parse_keyboard_layout("{\"rows\": [[\"a\"], " + deep + "]}", "keyboards/en.json");
    REQUIRE_FALSE(layout.ok());
    CHECK(layout.error().message == "keyboards/en.json: nested deeper than 64 levels");

    auto loaded = load_content(KIOSK_ASSETS_DIR);
    REQUIRE(loaded.ok());
    auto lesson = parse_lesson("{\"id\": \"deep\", \"steps\": " + deep + "}", "30-deep.json", loaded->strings);
    REQUIRE_FALSE(lesson.ok());
    CHECK(lesson.error().message == "30-deep.json: (file): nested deeper than 64 levels");

    auto demo = parse_demo_clinic("{\"peers\": " + deep + "}", "demo/clinic.json", UtcSeconds {});
    REQUIRE_FALSE(demo.ok());
    CHECK(demo.error().message == "demo/clinic.json: nested deeper than 64 levels");
}
