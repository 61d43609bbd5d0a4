// Short sentences: the privacy screen's English reads at Flesch–Kincaid grade 6 or lower
// (AMA/HHS guidance), and so do the kiosk's other full sentences taken together.
#include "app/catalog.h"

#include <catch2/catch.hpp>
#include <cctype>
#include <sstream>

using namespace kiosk;

namespace {

// Syllables by vowel groups, with a silent final e: the usual estimate.
int syllables(std::string word)
{
    std::string w;
    for (char c : word)
        if (std::isalpha(static_cast<unsigned char>(c)))
            w += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (w.empty())
        return 0;
    int count = 0;
    bool vowel = false;
    for (char c : w) {
        bool v = std::string("aeiouy").find(c) != std::string::npos;
        if (v && !vowel)
            ++count;
        vowel = v;
    }
    if (w.size() > 2 && w.back() == 'e' && w[w.size() - 2] != 'l')
        --count;
    return std::max(1, count);
}

double grade(const std::string& text)
{
    int sentences = 0, words = 0, syl = 0;
    std::istringstream in(text);
    std::string word;
    while (in >> word) {
        ++words;
        syl += syllables(word);
        char last = word.back();
        if (last == '.' || last == '?' || last == '!' || (last == '"' && word.size() > 1 && word[word.size() - 2] == '.'))
            ++sentences;
    }
    sentences = std::max(1, sentences);
    return 0.39 * words / sentences + 11.8 * syl / std::max(1, words) - 15.59;
}

}

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
