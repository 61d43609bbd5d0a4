// Every visible string comes from a catalog; a shipped language missing a key fails here.
#include "app/catalog.h"
#include "app/content.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

using namespace kiosk;

TEST_CASE("Every shipped language has every key, and no extra ones")
{
    auto strings = Strings::load(KIOSK_ASSETS_DIR);
    REQUIRE(strings.ok());
    const Catalog& english = strings->catalog(Language::English);
    REQUIRE(english.size() > 40);
    for (Language language : all_languages) {
        INFO("language " << language_code(language));
        CHECK(missing_keys(english, strings->catalog(language)).empty());
        CHECK(missing_keys(strings->catalog(language), english).empty());
    }
}

TEST_CASE("Every catalog key used by the interface code exists in English")
{
    // Keys appear in the code as t("…"), format(…, "…") and get(…, "…") calls.
    auto strings = Strings::load(KIOSK_ASSETS_DIR);
    REQUIRE(strings.ok());
    std::regex call(R"re((?:\bt|get|format)\((?:[^,()]*,\s*)?"([a-z_]+\.[a-z_0-9.]+)")re");
    std::set<std::string> used;
    for (auto& entry : std::filesystem::recursive_directory_iterator(std::filesystem::path(KIOSK_ASSETS_DIR) / ".." / "kiosk")) {
        if (entry.path().extension() != ".cpp")
            continue;
        std::ifstream in(entry.path());
        std::stringstream text;
        text << in.rdbuf();
        std::string source = text.str();
        for (std::sregex_iterator it(source.begin(), source.end(), call), end; it != end; ++it)
            used.insert((*it)[1]);
    }
    REQUIRE(used.size() > 30);
    for (auto& key : used) {
        INFO("key " << key);
        CHECK(strings->catalog(Language::English).find(key) != nullptr);
    }
}

TEST_CASE("Placeholders are filled, and a missing key shows itself in brackets")
{
    auto strings = Strings::load(KIOSK_ASSETS_DIR);
    REQUIRE(strings.ok());
    CHECK(strings->format(Language::English, "flow.step_of", { { "n", "2" }, { "m", "5" } }) == "Step 2 of 5");
    CHECK(strings->format(Language::Spanish, "flow.step_of", { { "n", "2" }, { "m", "5" } }) == "Paso 2 de 5");
    CHECK(strings->get(Language::Spanish, "no.such_key") == "[no.such_key]");
}

TEST_CASE("A malformed catalog is an error naming the file")
{
    auto bad = Catalog::parse(R"({"a.b": 3})", "xx.json");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message == "xx.json: key \"a.b\" must be text");
    CHECK_FALSE(Catalog::parse("[1,2]", "yy.json").ok());
    CHECK_FALSE(Strings::load("/nonexistent").ok());
}

TEST_CASE("The content loads with both keyboards")
{
    auto content = load_content(KIOSK_ASSETS_DIR);
    REQUIRE(content.ok());
    CHECK(content->keyboard(Language::Spanish).rows.at(2).back() == "ñ");
    // Ten keys a row, and the English letters' last row one more for the hyphen (names like Mary-Jo).
    CHECK(content->keyboard(Language::English).widest_row() == 11);
    CHECK(content->keyboard(Language::Spanish).widest_row() == 10);
    for (Language language : all_languages) {
        bool hyphen = false;
        for (auto& row : content->keyboard(language).rows)
            hyphen = hyphen || std::find(row.begin(), row.end(), "-") != row.end();
        CHECK(hyphen);
    }
}
