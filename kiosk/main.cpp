// The peer-support kiosk. Wiring only: read the flags and the config, harden the process, load
// the content, open the window, then run the loop — or the scenario driver, the screenshot
// gallery, the layout audit or the frame benchmark when a flag asks for one.
#include "app/config.h"
#include "app/content.h"
#include "app/demo_clinic.h"
#include "platform/gallery_run.h"
#include "platform/guards.h"
#include "platform/log.h"
#include "platform/pin.h"
#include "app/secure_text.h"
#include "platform/runner.h"
#include "platform/scenario.h"
#include "store/database.h"
#include "sync/fhir_parse.h"
#include "sync/worker.h"

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

using namespace kiosk;

namespace {

struct Flags {
    std::vector<std::filesystem::path> config;   // --config and --config-dir files, in order
    std::optional<std::filesystem::path> assets;
    WindowOptions window;
    std::optional<std::filesystem::path> scenario;
    std::filesystem::path output { "." };
    std::optional<std::filesystem::path> screenshots;
    bool audit { false };
    std::optional<ScreenId> start;
    std::optional<TextSize> text_size;
    bool exit_after_first_frame { false };
    bool check_config { false };
    bool hash_pin { false };
    int bench_frames { 0 };
    std::optional<UtcSeconds> wall_clock;
    bool demo { false };
    bool demo_silent { false };
    bool demo_conflict { false };
};

constexpr const char* usage_text = R"(Usage: kiosk [FLAGS]

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

void print_usage()
{
    std::cout << usage_text;
    for (auto& key : config_keys())
        std::cout << "  " << key.key << "\n      " << key.meaning << "; " << key.allowed << "\n";
}

std::optional<std::string> parse_flags(int argc, char** argv, Flags& flags, bool& help)
{
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        auto value = [&]() -> std::optional<std::string> {
            if (i + 1 >= argc)
                return std::nullopt;
            return std::string(argv[++i]);
        };
        auto need = [&](const char* what) { return "flag " + arg + " needs " + what; };
        if (arg == "--help" || arg == "-h") {
            help = true;
        } else if (arg == "--version") {
            std::cout << "kiosk 0.1.0\n";
            std::exit(0);
        } else if (arg == "--windowed") {
            flags.window.windowed = true;
        } else if (arg == "--demo") {
            flags.demo = true;
        } else if (arg == "--audit") {
            flags.audit = true;
        } else if (arg == "--wall-clock") {
            auto v = value();
            auto at = v ? sync::parse_instant(*v) : std::nullopt;
            if (!at)
                return need("an instant like 2026-11-30T10:00:00Z");
            flags.wall_clock = at;
        } else if (arg == "--demo-silent") {
            flags.demo_silent = true;
        } else if (arg == "--demo-conflict") {
            flags.demo_conflict = true;
        } else if (arg == "--hash-pin") {
            flags.hash_pin = true;
        } else if (arg == "--check-config") {
            flags.check_config = true;
        } else if (arg == "--exit-after-first-frame") {
            flags.exit_after_first_frame = true;
        } else if (arg == "--config-dir") {
            auto v = value();
            if (!v)
                return need("a directory");
            for (auto& file : config_dir_files(*v))
                flags.config.push_back(file);
        } else if (arg == "--config" || arg == "--assets" || arg == "--scenario" || arg == "--output" || arg == "--screenshots") {
            auto v = value();
            if (!v)
                return need("a path");
            if (arg == "--config") flags.config.push_back(*v);
            else if (arg == "--assets") flags.assets = *v;
            else if (arg == "--scenario") flags.scenario = *v;
            else if (arg == "--output") flags.output = *v;
            else flags.screenshots = *v;
        } else if (arg == "--size") {
            auto v = value();
            int w = 0, h = 0;
            if (!v || std::sscanf(v->c_str(), "%dx%d", &w, &h) != 2 || w < 320 || h < 240 || w > 8192 || h > 8192)
                return need("WIDTHxHEIGHT, e.g. 1280x800");
            flags.window.width = w;
            flags.window.height = h;
        } else if (arg == "--dpi") {
            auto v = value();
            double dpi = 0;
            if (!v || std::sscanf(v->c_str(), "%lf", &dpi) != 1 || dpi < 50 || dpi > 600)
                return need("a number from 50 to 600");
            flags.window.dpi = dpi;
        } else if (arg == "--start") {
            auto v = value();
            auto id = v ? screen_from_name(*v) : std::nullopt;
            if (!id || *id == ScreenId::Welcome || *id == ScreenId::Goodbye)
                return need("a screen name (see --help)");
            flags.start = id;
        } else if (arg == "--text-size") {
            auto v = value();
            if (v == "100") flags.text_size = TextSize::Normal;
            else if (v == "150") flags.text_size = TextSize::Large;
            else if (v == "200") flags.text_size = TextSize::Largest;
            else return need("100, 150 or 200");
        } else if (arg == "--bench-frames") {
            auto v = value();
            int n = 0;
            if (!v || std::from_chars(v->data(), v->data() + v->size(), n).ec != std::errc {} || n < 1 || n > 100000)
                return need("a number of frames");
            flags.bench_frames = n;
        } else {
            return "unknown flag " + arg + " (see --help)";
        }
    }
    return std::nullopt;
}

std::filesystem::path assets_dir(const Flags& flags)
{
    if (flags.assets)
        return *flags.assets;
    if (const char* env = std::getenv("KIOSK_ASSETS")) // NOLINT(concurrency-mt-unsafe): before any thread starts
        return env;
    if (std::filesystem::is_directory(KIOSK_SOURCE_ASSETS))
        return KIOSK_SOURCE_ASSETS;
    return "/usr/share/peer-kiosk/assets";
}

}

// The config files as one name for messages: "a.json + b.json", or "(defaults)".
std::string config_names(const std::vector<std::filesystem::path>& files)
{
    std::string names;
    for (auto& file : files)
        names += (names.empty() ? "" : " + ") + file.string();
    return names.empty() ? std::string("(defaults)") : names;
}

int main(int argc, char** argv)
{
    scrub_freed_heap(argv);
    harden_process();

    Flags flags;
    bool help = false;
    if (auto problem = parse_flags(argc, argv, flags, help)) {
        std::cerr << "kiosk: " << *problem << "\n";
        return 2;
    }
    if (help) {
        print_usage();
        return 0;
    }

    if (flags.hash_pin) {
        std::string pin;
        std::getline(std::cin, pin);
        bool digits = pin.size() >= 4 && pin.size() <= 12 && pin.find_first_not_of("0123456789") == std::string::npos;
        auto hash = digits ? hash_pin(pin) : std::nullopt;
        secure_zero(pin.data(), pin.size());
        if (!hash) {
            std::cerr << "kiosk: a staff PIN is 4 to 12 digits\n";
            return 2;
        }
        std::cout << *hash << "\n";
        return 0;
    }

    Config config;
    if (!flags.config.empty()) {
        auto loaded = load_config(flags.config);
        if (!loaded) {
            std::cerr << "kiosk: " << loaded.error().message << "\n";
            return 2;
        }
        config = std::move(*loaded);
    }
    log::set_level(config.log_level);
    // Times are shown in the clinic's zone (daylight saving from tzdata) and sent in UTC.
    if (!config.time_zone.empty()) {
        ::setenv("TZ", config.time_zone.c_str(), 1); // NOLINT(concurrency-mt-unsafe): before any thread starts
        ::tzset(); // NOLINT(concurrency-mt-unsafe): likewise
    }
    if (flags.check_config) {
        if (!config.server_url.empty()) {
            if (auto key = store::Key::from_file(config.store_key_file); !key) {
                std::cerr << "kiosk: " << key.error().message << "\n";
                return 2;
            }
            if (auto problem = sync::private_key_problem(config.key_file)) {
                std::cerr << "kiosk: config " << config_names(flags.config) << ": key \"key_file\": " << *problem << "\n";
                return 2;
            }
        }
        std::cout << "config " << config_names(flags.config) << " is valid\n";
        return 0;
    }
    if (flags.text_size)
        config.defaults.text_size = *flags.text_size;
    if (flags.demo)
        config.server_url.clear();   // the demo clinic: no server, no store, no network

    auto content = load_content(assets_dir(flags));
    if (!content) {
        std::cerr << "kiosk: " << content.error().message << "\n";
        return 2;
    }

    // Everything but the live kiosk runs on a virtual clock, so results never depend on timing.
    bool virtual_time = flags.scenario || flags.screenshots || flags.audit || flags.bench_frames > 0;
    SteadyClock steady;
    ManualClock manual { TimePoint { Seconds { 1000 } } };
    Clock& clock = virtual_time ? static_cast<Clock&>(manual) : static_cast<Clock&>(steady);

    auto runner = Runner::create(config, *content, flags.window, clock);
    if (!runner) {
        log::error("start", runner.error().message);
        return 1;
    }
    Runner& kiosk = **runner;

    // The clinic server, when configured: the sync worker owns the encrypted store and the
    // network. A store that cannot be opened stops the kiosk with a message for clinic IT.
    std::unique_ptr<sync::SyncWorker> worker;
    // Scenarios may drive a kiosk connected to a real (test) server; the gallery, the audit and
    // the frame benchmark never connect.
    bool connects = !config.server_url.empty() && (!virtual_time || (flags.scenario && !flags.screenshots && !flags.audit && flags.bench_frames == 0));
    if (connects) {
        auto key = store::Key::from_file(config.store_key_file);
        if (!key) {
            log::error("start", key.error().message);
            return 1;
        }
        if (auto problem = sync::private_key_problem(config.key_file)) {
            log::error("start", *problem);
            return 1;
        }
        sync::SyncSettings settings;
        settings.base_url = config.server_url;
        settings.tls = { config.ca_file, config.certificate_file, config.key_file, config.server_pins };
        settings.refresh_every = config.refresh;
        settings.database = std::filesystem::path(config.data_dir) / "kiosk.db";
        settings.key = *key;
        auto started = sync::SyncWorker::start(std::move(settings), kiosk.waker());
        if (!started) {
            log::error("start", started.error().message);
            return 1;
        }
        worker = std::move(*started);
        kiosk.attach_sync(worker.get());
    }

    if (flags.wall_clock && virtual_time)
        kiosk.pin_wall_clock(std::chrono::duration_cast<std::chrono::milliseconds>(flags.wall_clock->time_since_epoch()).count());

    // No clinic server: the built-in demo clinic, marked as demo wherever it shows.
    if (config.server_url.empty()) {
        auto wall = std::chrono::time_point_cast<std::chrono::seconds>(UtcSeconds {} + std::chrono::milliseconds(kiosk.wall_ms()));
        auto demo = load_demo_clinic(assets_dir(flags) / "demo" / "clinic.json", wall);
        if (!demo) {
            log::error("start", demo.error().message);
            return 2;
        }
        kiosk.dispatch(actions::ClinicLoaded { std::make_shared<const ClinicContent>(std::move(*demo)), false }, clock.now());
    }

    if (worker) {
        kiosk.set_backend(std::make_unique<SyncBackend>(*worker));
    } else {
        kiosk.set_backend(std::make_unique<DemoBackend>(kiosk.state().clinic, flags.demo_silent, flags.demo_conflict));
    }

    if (flags.start) {
        // As a person would get there: Touch to start, then through Learn (a second apart, past
        // the double-tap guard); the idle timer counts from now.
        kiosk.dispatch(actions::Start {}, clock.now());
        if (*flags.start != ScreenId::Home) {
            kiosk.dispatch(actions::Open { ScreenId::Learn }, clock.now() + Seconds { 1 });
            kiosk.dispatch(actions::Open { *flags.start }, clock.now() + Seconds { 2 });
            kiosk.dispatch(actions::Touch {}, clock.now());
        }
    }

    if (flags.bench_frames > 0) {
        run_frame_benchmark(kiosk, config, manual, flags.bench_frames);
        return 0;
    }
    if (flags.screenshots || flags.audit) {
        auto result = run_gallery(kiosk, config, manual, { flags.screenshots, flags.audit });
        if (!result) {
            std::cerr << result.error().message;
            return 1;
        }
        std::cout << "drew " << *result << " screens" << (flags.audit ? "; layout audit passed" : "") << "\n";
        return 0;
    }
    if (flags.scenario) {
        std::ifstream in(*flags.scenario);
        if (!in) {
            std::cerr << "kiosk: scenario " << flags.scenario->string() << " cannot be read\n";
            return 2;
        }
        std::stringstream text;
        text << in.rdbuf();
        auto steps = parse_scenario(text.str(), flags.scenario->string());
        if (!steps) {
            std::cerr << "kiosk: " << steps.error().message << "\n";
            return 2;
        }
        auto result = run_scenario(kiosk, manual, *steps, flags.scenario->string(), flags.output);
        if (!result) {
            std::cerr << "FAILED " << result.error().message;
            return 1;
        }
        std::cout << "scenario " << flags.scenario->string() << ": " << steps->size() << " steps passed\n";
        return 0;
    }
    if (flags.exit_after_first_frame) {
        kiosk.frame();
        timespec ts {};
        clock_gettime(CLOCK_MONOTONIC, &ts);
        std::printf("first-frame-monotonic-ns %lld\n", static_cast<long long>(ts.tv_sec) * 1000000000LL + ts.tv_nsec);
        return 0;
    }

    log::info("start", "kiosk ready");
    kiosk.run();
    log::info("stop", "kiosk stopped");
    return 0;
}
