// The peer-support kiosk. Wiring only: read the flags (platform/flags.h), harden the process, then
// run the one Mode they ask for — the kiosk itself, or a tool: the PIN hasher, the config check,
// the frame benchmark, the screenshot gallery and layout audit, a scenario, the first-frame probe.
// Each mode is one run_<mode>() below; how a run ends becomes an exit status in exit_status() only.
#include "app/config.h"
#include "app/content.h"
#include "app/demo_clinic.h"
#include "app/secure_text.h"
#include "platform/flags.h"
#include "platform/gallery_run.h"
#include "platform/guards.h"
#include "platform/log.h"
#include "platform/pin.h"
#include "platform/runner.h"
#include "platform/scenario.h"
#include "store/database.h"
#include "sync/worker.h"

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

using namespace kiosk;

namespace {

// How a run ends. exit_status() is the one place these become the process's exit status.
enum class Ending {
    Done,       // 0
    Failed,     // 1: the kiosk could not start, a scenario step or the layout audit failed
    BadInput,   // 2: bad flags, config, content or scenario file
};

int exit_status(Ending ending)
{
    switch (ending) {
    case Ending::Done: return 0;
    case Ending::Failed: return 1;
    case Ending::BadInput: return 2;
    }
    return 1;
}

// A problem with what the kiosk was given, for the person who started it.
Ending refuse(const std::string& message)
{
    std::cerr << "kiosk: " << message << "\n";
    return Ending::BadInput;
}

// The kiosk could not start: to the log (the appliance's journal).
Ending cannot_start(const std::string& message, Ending ending = Ending::Failed)
{
    log::error("start", message);
    return ending;
}

void print_usage()
{
    std::cout << usage_text;
    for (const auto& key : config_keys())
        std::cout << "  " << key.key << "\n      " << key.meaning << "; " << key.allowed << "\n";
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

// The config files as one name for messages: "a.json + b.json", or "(defaults)".
std::string config_names(const std::vector<std::filesystem::path>& files)
{
    std::string names;
    for (const auto& file : files)
        names += (names.empty() ? "" : " + ") + file.string();
    return names.empty() ? std::string("(defaults)") : names;
}

// Everything but the live kiosk runs on a virtual clock, so results never depend on timing.
bool virtual_time(Mode mode)
{
    return mode == Mode::Scenario || mode == Mode::Gallery || mode == Mode::BenchFrames;
}

// The gallery, the audit and the frame benchmark never connect; scenarios may drive a kiosk
// connected to a real (test) server.
bool connects(Mode mode, const Config& config)
{
    return !config.server_url.empty() && (mode == Mode::Kiosk || mode == Mode::FirstFrame || mode == Mode::Scenario);
}

// --hash-pin
Ending run_hash_pin()
{
    std::string pin;
    std::getline(std::cin, pin);
    bool digits = pin.size() >= 4 && pin.size() <= 12 && pin.find_first_not_of("0123456789") == std::string::npos;
    auto hash = digits ? hash_pin(pin) : std::nullopt;
    secure_zero(pin.data(), pin.size());
    if (!hash)
        return refuse("a staff PIN is 4 to 12 digits");
    std::cout << *hash << "\n";
    return Ending::Done;
}

// --check-config
Ending run_check_config(const Config& config, const Flags& flags)
{
    if (!config.server_url.empty()) {
        if (auto key = store::Key::from_file(config.store_key_file); !key)
            return refuse(key.error().message);
        if (auto problem = sync::private_key_problem(config.key_file))
            return refuse("config " + config_names(flags.config) + ": key \"key_file\": " + *problem);
    }
    std::cout << "config " << config_names(flags.config) << " is valid\n";
    return Ending::Done;
}

// The config files, applied in order, with the process set up for them (log level, time zone).
Result<Config, Ending> read_config(const Flags& flags)
{
    Config config;
    if (!flags.config.empty()) {
        auto loaded = load_config(flags.config);
        if (!loaded)
            return refuse(loaded.error().message);
        config = std::move(*loaded);
    }
    log::set_level(config.log_level);
    // Times are shown in the clinic's zone (daylight saving from tzdata) and sent in UTC.
    if (!config.time_zone.empty()) {
        ::setenv("TZ", config.time_zone.c_str(), 1); // NOLINT(concurrency-mt-unsafe): before any thread starts
        ::tzset(); // NOLINT(concurrency-mt-unsafe): likewise
    }
    return config;
}

// The clinic server: the sync worker owns the encrypted store and the network. A store that
// cannot be opened stops the kiosk with a message for clinic IT.
Result<std::unique_ptr<sync::SyncWorker>, Ending> start_sync(const Config& config, Runner& kiosk)
{
    auto key = store::Key::from_file(config.store_key_file);
    if (!key)
        return cannot_start(key.error().message);
    if (auto problem = sync::private_key_problem(config.key_file))
        return cannot_start(*problem);
    sync::SyncSettings settings;
    settings.base_url = config.server_url;
    settings.tls = { config.ca_file, config.certificate_file, config.key_file, config.server_pins };
    settings.refresh_every = config.refresh;
    settings.database = std::filesystem::path(config.data_dir) / "kiosk.db";
    settings.key = *key;
    auto started = sync::SyncWorker::start(std::move(settings), kiosk.waker());
    if (!started)
        return cannot_start(started.error().message);
    kiosk.attach_sync(started->get());
    kiosk.set_backend(std::make_unique<SyncBackend>(**started));
    return std::move(*started);
}

// No clinic server: the built-in demo clinic's content, marked as demo wherever it shows.
std::optional<Ending> load_demo_content(const Flags& flags, Runner& kiosk, TimePoint now)
{
    auto wall = std::chrono::time_point_cast<std::chrono::seconds>(UtcSeconds {} + std::chrono::milliseconds(kiosk.wall_ms()));
    auto demo = load_demo_clinic(assets_dir(flags) / "demo" / "clinic.json", wall);
    if (!demo)
        return cannot_start(demo.error().message, Ending::BadInput);
    kiosk.dispatch(actions::ClinicLoaded { std::make_shared<const ClinicContent>(std::move(*demo)), false }, now);
    return std::nullopt;
}

// --start SCREEN: as a person would get there — Touch to start, then through Learn (a second
// apart, past the double-tap guard) — with the idle timer counting from now.
void open_start_screen(Runner& kiosk, ScreenId screen, TimePoint now)
{
    kiosk.dispatch(actions::Start {}, now);
    if (screen == ScreenId::Home)
        return;
    kiosk.dispatch(actions::Open { ScreenId::Learn }, now + Seconds { 1 });
    kiosk.dispatch(actions::Open { screen }, now + Seconds { 2 });
    kiosk.dispatch(actions::Touch {}, now);
}

// --bench-frames N
Ending run_bench_frames(Runner& kiosk, const Config& config, ManualClock& clock, const Flags& flags)
{
    run_frame_benchmark(kiosk, config, clock, flags.bench_frames);
    return Ending::Done;
}

// --screenshots DIR, --audit
Ending run_gallery_mode(Runner& kiosk, const Config& config, ManualClock& clock, const Flags& flags)
{
    auto result = run_gallery(kiosk, config, clock, { flags.screenshots, flags.audit, flags.only });
    if (!result) {
        std::cerr << result.error().message;
        return Ending::Failed;
    }
    std::cout << "drew " << *result << " screens" << (flags.audit ? "; layout audit passed" : "") << "\n";
    return Ending::Done;
}

// --scenario FILE
Ending run_scenario_mode(Runner& kiosk, ManualClock& clock, const Flags& flags)
{
    const std::string name = flags.scenario->string();
    std::ifstream in(*flags.scenario);
    if (!in)
        return refuse("scenario " + name + " cannot be read");
    std::stringstream text;
    text << in.rdbuf();
    auto steps = parse_scenario(text.str(), name);
    if (!steps)
        return refuse(steps.error().message);
    auto result = run_scenario(kiosk, clock, *steps, name, flags.output);
    if (!result) {
        std::cerr << "FAILED " << result.error().message;
        return Ending::Failed;
    }
    std::cout << "scenario " << name << ": " << steps->size() << " steps passed\n";
    return Ending::Done;
}

// --exit-after-first-frame
Ending run_first_frame(Runner& kiosk)
{
    kiosk.frame();
    timespec ts {};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    // For the start-time measurement, which reads it: a line that cannot be written shows there as missing.
    (void)std::printf("first-frame-monotonic-ns %lld\n", static_cast<long long>(ts.tv_sec) * 1000000000LL + ts.tv_nsec);
    return Ending::Done;
}

// The kiosk itself: the loop until SIGTERM.
Ending run_kiosk(Runner& kiosk)
{
    log::info("start", "kiosk ready");
    kiosk.run();
    log::info("stop", "kiosk stopped");
    return Ending::Done;
}

// Every mode with a window: the content, the window and the clinic (demo or server), then the mode.
Ending run_with_window(const Flags& flags, Config config)
{
    if (flags.text_size)
        config.defaults.text_size = *flags.text_size;
    if (flags.demo)
        config.server_url.clear();   // the demo clinic: no server, no store, no network
    auto content = load_content(assets_dir(flags));
    if (!content)
        return refuse(content.error().message);

    SteadyClock steady;
    ManualClock manual { TimePoint { Seconds { 1000 } } };
    Clock& clock = virtual_time(flags.mode) ? static_cast<Clock&>(manual) : static_cast<Clock&>(steady);
    auto runner = Runner::create(config, *content, flags.window, clock);
    if (!runner)
        return cannot_start(runner.error().message);
    Runner& kiosk = **runner;

    std::unique_ptr<sync::SyncWorker> worker;
    if (connects(flags.mode, config)) {
        auto started = start_sync(config, kiosk);
        if (!started)
            return started.error();
        worker = std::move(*started);
    }
    if (flags.wall_clock && virtual_time(flags.mode))
        kiosk.pin_wall_clock(std::chrono::duration_cast<std::chrono::milliseconds>(flags.wall_clock->time_since_epoch()).count());
    if (config.server_url.empty())
        if (auto stop = load_demo_content(flags, kiosk, clock.now()))
            return *stop;
    if (!worker)   // the demo clinic (empty when a server is configured but not connected to)
        kiosk.set_backend(std::make_unique<DemoBackend>(kiosk.state().clinic, flags.demo_silent, flags.demo_conflict));
    if (flags.start)
        open_start_screen(kiosk, *flags.start, clock.now());

    switch (flags.mode) {
    case Mode::BenchFrames: return run_bench_frames(kiosk, config, manual, flags);
    case Mode::Gallery: return run_gallery_mode(kiosk, config, manual, flags);
    case Mode::Scenario: return run_scenario_mode(kiosk, manual, flags);
    case Mode::FirstFrame: return run_first_frame(kiosk);
    default: return run_kiosk(kiosk);
    }
}

Ending run(const Flags& flags)
{
    switch (flags.mode) {
    case Mode::Version:
        std::cout << "kiosk 0.1.0\n";
        return Ending::Done;
    case Mode::Help:
        print_usage();
        return Ending::Done;
    case Mode::HashPin:
        return run_hash_pin();
    default:
        break;
    }
    auto config = read_config(flags);
    if (!config)
        return config.error();
    if (flags.mode == Mode::CheckConfig)
        return run_check_config(*config, flags);
    return run_with_window(flags, std::move(*config));
}

}

int main(int argc, char** argv)
{
    scrub_freed_heap(argv);
    harden_process();
    auto flags = parse_flags(std::vector<std::string>(argv + 1, argv + argc));
    if (!flags)
        return exit_status(refuse(flags.error().message));
    return exit_status(run(*flags));
}
