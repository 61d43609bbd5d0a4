// The command line (see flags.h): one small function per flag that takes a value.
#include "platform/flags.h"

#include "app/config.h"
#include "sync/fhir_parse.h"

#include <charconv>
#include <map>
#include <set>

namespace kiosk {

const char* const usage_text = R"(Usage: kiosk [FLAGS]

The peer-support kiosk: full screen, touch, for clinic waiting rooms. With no flags it starts the
demo clinic (built in; no network needed) full screen.

Flags:
  --config PATH             Read settings from this JSON file (keys below). Invalid → exit 2.
                            Given again, a later file's keys replace an earlier one's.
  --config-dir DIR          Then every DIR/*.json in name order, like --config (none if no DIR):
                            the appliance reads /etc/peer-kiosk/kiosk.json, then conf.d/.
  --windowed                A 1280x800 window instead of full screen (development).
  --size WxH                Window size in pixels (with --windowed), e.g. 1920x1200.
  --dpi N                   Pixels per inch of the screen (overrides display and config).
  --assets DIR              Where strings/ and keyboards/ are (default: the source tree's assets/,
                            or $KIOSK_ASSETS).
  --demo                    Use the built-in demo clinic even when the config names a server_url
                            (the default without one; no network is used).
  --start SCREEN            Open on SCREEN with a session started (development, benchmarks):
                            home, settings, ask-person, learn, find-help, book-peer, typing-practice.
  --text-size 100|150|200   Start at this text size (development).
  --scenario FILE           Run a scenario file through real SDL events on a virtual clock; exit 0
                            when every step passes, 1 with the failed step otherwise.
  --wall-clock INSTANT      Tests: the wall clock starts at INSTANT (e.g. 2026-11-30T10:00:00Z) and
                            moves with the virtual clock (with --scenario, --screenshots, --audit).
  --output DIR              Where scenario screenshots go (default: current directory).
  --screenshots DIR         Draw every screen at every text size, theme and language into DIR as PNG.
  --only TEXT               With --screenshots or --audit: only the screens whose file name contains
                            TEXT (e.g. lesson-hold-en-dark).
  --audit                   Check every screen's layout (target sizes, clipping, overlap, Back/Home
                            and Ask for a person); exit 1 listing every problem.
  --exit-after-first-frame  Print the CLOCK_MONOTONIC time of the first presented frame and exit.
  --bench-frames N          Print frame CPU time p50/p99 per screen at 200% text, N frames each.
  --demo-silent             Tests: the demo clinic never answers (a booking then says so after 5 s).
  --demo-conflict           Tests: in the demo clinic, someone else takes the next booked time first.
  --hash-pin                Read a staff PIN (4-12 digits) from standard input and print its hash
                            for the "staff_pin_hash" config key.
  --check-config            Validate the config (and the store key file when a server is set), then exit.
  --help                    This text.
  --version                 The version.

Headless: SDL_VIDEODRIVER=dummy kiosk --windowed ...   or   xvfb-run -a kiosk --windowed

Config keys (JSON object, every key optional):
)";

namespace {

// A flag's value, read into the flags; returns false when the value is not one it takes.
using ValueReader = bool (*)(Flags&, const std::string&);

struct ValueFlag {
    const char* needs;   // for the message: "flag --x needs <needs>"
    ValueReader read;
};

bool read_size(Flags& flags, const std::string& v)
{
    int w = 0, h = 0;
    const char* end = v.data() + v.size();
    auto width = std::from_chars(v.data(), end, w);
    if (width.ec != std::errc {} || width.ptr == end || *width.ptr != 'x' || std::from_chars(width.ptr + 1, end, h).ec != std::errc {})
        return false;
    if (w < 320 || h < 240 || w > 8192 || h > 8192)
        return false;
    flags.window.width = w;
    flags.window.height = h;
    return true;
}

bool read_dpi(Flags& flags, const std::string& v)
{
    double dpi = 0;
    if (std::from_chars(v.data(), v.data() + v.size(), dpi).ec != std::errc {} || dpi < 50 || dpi > 600)
        return false;
    flags.window.dpi = dpi;
    return true;
}

bool read_start(Flags& flags, const std::string& v)
{
    auto id = screen_from_name(v);
    if (!id || *id == ScreenId::Welcome || *id == ScreenId::Goodbye)
        return false;
    flags.start = id;
    return true;
}

bool read_text_size(Flags& flags, const std::string& v)
{
    if (v == "100") flags.text_size = TextSize::Normal;
    else if (v == "150") flags.text_size = TextSize::Large;
    else if (v == "200") flags.text_size = TextSize::Largest;
    else return false;
    return true;
}

bool read_bench_frames(Flags& flags, const std::string& v)
{
    int n = 0;
    if (std::from_chars(v.data(), v.data() + v.size(), n).ec != std::errc {} || n < 1 || n > 100000)
        return false;
    flags.bench_frames = n;
    return true;
}

bool read_wall_clock(Flags& flags, const std::string& v)
{
    flags.wall_clock = sync::parse_instant(v);
    return flags.wall_clock.has_value();
}

const std::map<std::string, ValueFlag>& value_flags()
{
    static const std::map<std::string, ValueFlag> flags {
        { "--wall-clock", { "an instant like 2026-11-30T10:00:00Z", read_wall_clock } },
        { "--config-dir", { "a directory", [](Flags& f, const std::string& v) {
              for (auto& file : config_dir_files(v))
                  f.config.push_back(file);
              return true;
          } } },
        { "--config", { "a path", [](Flags& f, const std::string& v) { f.config.emplace_back(v); return true; } } },
        { "--assets", { "a path", [](Flags& f, const std::string& v) { f.assets = v; return true; } } },
        { "--scenario", { "a path", [](Flags& f, const std::string& v) { f.scenario = v; return true; } } },
        { "--output", { "a path", [](Flags& f, const std::string& v) { f.output = v; return true; } } },
        { "--screenshots", { "a path", [](Flags& f, const std::string& v) { f.screenshots = v; return true; } } },
        { "--only", { "a name", [](Flags& f, const std::string& v) { f.only = v; return true; } } },
        { "--size", { "WIDTHxHEIGHT, e.g. 1280x800", read_size } },
        { "--dpi", { "a number from 50 to 600", read_dpi } },
        { "--start", { "a screen name (see --help)", read_start } },
        { "--text-size", { "100, 150 or 200", read_text_size } },
        { "--bench-frames", { "a number of frames", read_bench_frames } },
    };
    return flags;
}

// The flags without a value; each sets a switch or asks for a mode.
bool read_switch(const std::string& arg, Flags& flags, std::set<Mode>& modes)
{
    if (arg == "--help" || arg == "-h") modes.insert(Mode::Help);
    else if (arg == "--windowed") flags.window.windowed = true;
    else if (arg == "--demo") flags.demo = true;
    else if (arg == "--audit") flags.audit = true;
    else if (arg == "--demo-silent") flags.demo_silent = true;
    else if (arg == "--demo-conflict") flags.demo_conflict = true;
    else if (arg == "--hash-pin") modes.insert(Mode::HashPin);
    else if (arg == "--check-config") modes.insert(Mode::CheckConfig);
    else if (arg == "--exit-after-first-frame") modes.insert(Mode::FirstFrame);
    else return false;
    return true;
}

}

Result<Flags> parse_flags(const std::vector<std::string>& args)
{
    Flags flags;
    std::set<Mode> modes;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg == "--version") {
            flags.mode = Mode::Version;   // at once, as the flags after it are never read
            return flags;
        }
        if (read_switch(arg, flags, modes))
            continue;
        auto flag = value_flags().find(arg);
        if (flag == value_flags().end())
            return Error { "unknown flag " + arg + " (see --help)" };
        if (i + 1 >= args.size() || !flag->second.read(flags, args[++i]))
            return Error { "flag " + arg + " needs " + flag->second.needs };
    }
    if (flags.bench_frames > 0) modes.insert(Mode::BenchFrames);
    if (flags.screenshots || flags.audit) modes.insert(Mode::Gallery);
    if (flags.scenario) modes.insert(Mode::Scenario);
    flags.mode = modes.empty() ? Mode::Kiosk : *modes.begin();
    return flags;
}

}
