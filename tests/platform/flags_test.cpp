// The command line as a value: parse_flags never exits or prints; a bad flag is an error message
// (main shows it and exits 2), and the mode follows from the flags with one order of precedence.
#include "platform/flags.h"

#include <catch2/catch.hpp>

using namespace kiosk;

namespace {
Result<Flags> parse(std::vector<std::string> args) { return parse_flags(args); }
}

TEST_CASE("No flags: the kiosk itself, full screen, with the defaults")
{
    auto flags = parse({});
    REQUIRE(flags);
    CHECK(flags->mode == Mode::Kiosk);
    CHECK_FALSE(flags->window.windowed);
    CHECK(flags->config.empty());
    CHECK(flags->output == ".");
}

TEST_CASE("A bad flag or a bad value is an error value naming the flag, not an exit")
{
    auto unknown = parse({ "--windowed", "--frobnicate" });
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().message == "unknown flag --frobnicate (see --help)");

    auto missing = parse({ "--config" });
    REQUIRE_FALSE(missing);
    CHECK(missing.error().message == "flag --config needs a path");

    auto size = parse({ "--size", "100x100" });
    REQUIRE_FALSE(size);
    CHECK(size.error().message == "flag --size needs WIDTHxHEIGHT, e.g. 1280x800");

    CHECK(parse({ "--dpi", "900" }).error().message == "flag --dpi needs a number from 50 to 600");
    CHECK(parse({ "--text-size", "120" }).error().message == "flag --text-size needs 100, 150 or 200");
    CHECK(parse({ "--bench-frames", "0" }).error().message == "flag --bench-frames needs a number of frames");
    CHECK(parse({ "--start", "welcome" }).error().message == "flag --start needs a screen name (see --help)");
    CHECK(parse({ "--wall-clock", "yesterday" }).error().message == "flag --wall-clock needs an instant like 2026-11-30T10:00:00Z");
    // --help does not hide a bad flag after it.
    CHECK_FALSE(parse({ "--help", "--nope" }));
}

TEST_CASE("Values are read into the flags")
{
    auto flags = parse({ "--windowed", "--size", "1024x600", "--dpi", "170", "--config", "a.json", "--config", "b.json",
        "--start", "settings", "--text-size", "150", "--demo", "--demo-silent", "--wall-clock", "2026-11-30T10:00:00Z" });
    REQUIRE(flags);
    CHECK(flags->window.windowed);
    CHECK(flags->window.width == 1024);
    CHECK(flags->window.height == 600);
    CHECK(flags->window.dpi == 170.0);
    CHECK(flags->config == std::vector<std::filesystem::path> { "a.json", "b.json" });
    CHECK(flags->start == ScreenId::Settings);
    CHECK(flags->text_size == TextSize::Large);
    CHECK(flags->demo);
    CHECK(flags->demo_silent);
    CHECK_FALSE(flags->demo_conflict);
    REQUIRE(flags->wall_clock);
    CHECK(flags->mode == Mode::Kiosk);
}

TEST_CASE("One mode per run, in one order of precedence")
{
    CHECK(parse({ "--exit-after-first-frame" })->mode == Mode::FirstFrame);
    CHECK(parse({ "--scenario", "s.txt", "--exit-after-first-frame" })->mode == Mode::Scenario);
    CHECK(parse({ "--scenario", "s.txt", "--audit" })->mode == Mode::Gallery);
    CHECK(parse({ "--screenshots", "out" })->mode == Mode::Gallery);
    CHECK(parse({ "--audit", "--bench-frames", "10" })->mode == Mode::BenchFrames);
    CHECK(parse({ "--bench-frames", "10", "--check-config" })->mode == Mode::CheckConfig);
    CHECK(parse({ "--check-config", "--hash-pin" })->mode == Mode::HashPin);
    CHECK(parse({ "--hash-pin", "--help" })->mode == Mode::Help);
    // --version answers at once: what follows it is not read.
    CHECK(parse({ "--version", "--frobnicate" })->mode == Mode::Version);
    CHECK_FALSE(parse({ "--frobnicate", "--version" }));
}

TEST_CASE("A window size is WIDTHxHEIGHT within limits, a DPI a number from 50 to 600")
{
    CHECK(parse({ "--size", "1920x1200" })->window.width == 1920);
    CHECK_FALSE(parse({ "--size", "1920" }));
    CHECK_FALSE(parse({ "--size", "x1200" }));
    CHECK_FALSE(parse({ "--size", "1920x" }));
    CHECK_FALSE(parse({ "--size", "9000x1200" }));
    CHECK(parse({ "--dpi", "149.5" })->window.dpi == 149.5);
    CHECK_FALSE(parse({ "--dpi", "many" }));
    CHECK_FALSE(parse({ "--dpi", "49" }));
}
