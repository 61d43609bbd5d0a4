// The kiosk's command line: what main() runs (one Mode) and with what. Parsing never exits and
// never prints: it returns the flags, or an error message for main to show (exit status 2).
#pragma once
#include "app/clock.h"
#include "app/result.h"
#include "app/settings.h"
#include "app/state.h"
#include "platform/window.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace kiosk {

// What one run of the kiosk does. When several are asked for, the first in this order wins.
enum class Mode {
    Version,         // --version (as soon as it is read)
    Help,            // --help
    HashPin,         // --hash-pin: a staff PIN from standard input to its hash
    CheckConfig,     // --check-config
    BenchFrames,     // --bench-frames N
    Gallery,         // --screenshots DIR and/or --audit
    Scenario,        // --scenario FILE
    FirstFrame,      // --exit-after-first-frame
    Kiosk,           // the kiosk itself (the demo clinic unless a server is configured)
};

struct Flags {
    Mode mode { Mode::Kiosk };
    std::vector<std::filesystem::path> config;   // --config and --config-dir files, in order
    std::optional<std::filesystem::path> assets;
    WindowOptions window;
    std::optional<std::filesystem::path> scenario;
    std::filesystem::path output { "." };
    std::optional<std::filesystem::path> screenshots;
    std::string only;   // --only: gallery screens whose name contains it
    bool audit { false };
    std::optional<ScreenId> start;
    std::optional<TextSize> text_size;
    int bench_frames { 0 };
    std::optional<UtcSeconds> wall_clock;
    bool demo { false };            // the demo clinic even when the config names a server
    bool demo_silent { false };     // tests: the demo clinic never answers a booking
    bool demo_conflict { false };   // tests: someone else takes the next booked time first
};

// The flags in `args` (without the program's name), or what is wrong with them.
Result<Flags> parse_flags(const std::vector<std::string>& args);

// The --help text (without the config keys' list, which main adds).
extern const char* const usage_text;

}
