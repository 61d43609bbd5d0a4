// Short sentences: the privacy screen's English reads at Flesch–Kincaid grade 6 or lower
// (AMA/HHS guidance), and so do the kiosk's other full sentences taken together.
#include "app/catalog.h"
#include "reading_grade.h"

#include <catch2/catch.hpp>
#include <cctype>
#include <sstream>

using namespace kiosk;
using kiosk::test::grade;

TEST_CASE("The grade estimate tells easy from hard text")
{
    CHECK(grade("The cat sat. It was warm.") < 2);
    CHECK(grade("Comprehensive interoperability considerations necessitate organizational deliberation regarding implementation.") > 12);
}

TEST_CASE("The privacy screen reads at grade 6 or lower, in short sentences")
{
    auto strings = Strings::load(KIOSK_ASSETS_DIR);
    REQUIRE(strings.ok());
    std::string text;
    for (const char* key : { "privacy.p1", "privacy.p2", "privacy.p3", "privacy.p4", "privacy.p5", "privacy.p6" }) {
        auto* line = strings->catalog(Language::English).find(key);
        REQUIRE(line);
        text += *line + " ";
        CHECK(strings->catalog(Language::Spanish).find(key) != nullptr);
    }
    INFO(text);
    CHECK(grade(text) <= 6.0);
}

TEST_CASE("The kiosk's English sentences, together, read at grade 6 or lower")
{
    auto strings = Strings::load(KIOSK_ASSETS_DIR);
    REQUIRE(strings.ok());
    std::string text;
    int sentences = 0;
    for (auto& key : strings->catalog(Language::English).keys()) {
        const std::string& line = *strings->catalog(Language::English).find(key);
        if (line.find('{') != std::string::npos || line.size() < 20 || line.back() != '.')
            continue; // labels and templates are not prose
        text += line + " ";
        ++sentences;
    }
    REQUIRE(sentences > 30);
    INFO(text);
    CHECK(grade(text) <= 6.0);
}
