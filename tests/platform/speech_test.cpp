// The real speech engine (eSpeak NG from Debian): it speaks both languages, a longer text takes
// longer, and a reading can be cut short. No audio device is needed: the samples are counted.
#include "platform/speech.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>

using namespace kiosk;

namespace {

// Seconds of audio made for `text`; it must be audible (not silence).
double seconds_of(std::string_view text, Language language)
{
    std::size_t samples = 0;
    int loudest = 0;
    auto rate = synthesize(text, language, [&](const std::int16_t* wav, int count) {
        samples += static_cast<std::size_t>(count);
        for (int i = 0; i < count; ++i)
            loudest = std::max(loudest, std::abs(static_cast<int>(wav[i])));
        return true;
    });
    REQUIRE(rate.ok());
    CHECK(loudest > 3000);
    return static_cast<double>(samples) / *rate;
}

}

TEST_CASE("eSpeak NG reads English and Spanish, and more words take longer")
{
    double hello = seconds_of("Touch to start.", Language::English);
    double hola = seconds_of("Toque para empezar.", Language::Spanish);
    double longer = seconds_of("Touch to start. Learn to use a tablet. Find help. Talk with a peer.", Language::English);
    CHECK(hello > 0.4);
    CHECK(hello < 5.0);
    CHECK(hola > 0.4);
    CHECK(longer > hello * 2.5);
    CHECK(std::string(speech_voice(Language::Spanish)) == "es-419");
}

TEST_CASE("A reading stops as soon as its listener says so")
{
    int pieces = 0;
    auto rate = synthesize("One. Two. Three. Four. Five. Six. Seven. Eight. Nine. Ten.", Language::English, [&](const std::int16_t*, int) {
        ++pieces;
        return pieces < 2;
    });
    REQUIRE(rate.ok());
    CHECK(pieces == 2);
}
