// The gallery run (see gallery_run.h).
#include "platform/gallery_run.h"

#include "app/gallery.h"
#include "ui/audit.h"

namespace kiosk {

Result<int> run_gallery(Runner& runner, const Config& config, ManualClock& clock, const GalleryOptions& options)
{
    std::string problems;
    int drawn = 0;
    for (Language language : all_languages)
        for (Theme theme : all_themes)
            for (TextSize size : all_text_sizes) {
                Settings settings { language, theme, size };
                for (auto& entry : gallery(settings, config.timing, clock.now(), runner.state().clinic, runner.state().lessons)) {
                    std::string name = entry.name + "-" + std::string(language_code(language)) + "-"
                        + std::string(theme_name(theme)) + "-" + std::to_string(text_percent(size));
                    if (name.find(options.only) == std::string::npos)
                        continue;
                    runner.set_state(std::move(entry.state));
                    // Two frames: the first lays out, the second is the settled picture.
                    runner.frame();
                    if (options.screenshot_dir)
                        runner.request_screenshot(*options.screenshot_dir / (name + ".png"));
                    runner.frame();
                    if (auto error = runner.take_screenshot_error())
                        return *error;
                    ++drawn;
                    if (options.audit) {
                        ui::Metrics metrics(runner.dpi(), size);
                        for (auto& problem : ui::audit_layout(runner.tree(), metrics, runner.fonts().body_cap_px(), runner.state()))
                            problems += "  " + name + ": " + problem + "\n";
                    }
                }
            }
    if (!problems.empty())
        return Error { "layout audit failed:\n" + problems };
    return drawn;
}

}

#include <algorithm>
#include <cstdio>
#include <ctime>

namespace kiosk {

namespace {
double thread_cpu_ms()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}
}

void run_frame_benchmark(Runner& runner, const Config& config, ManualClock& clock, int frames)
{
    Settings settings = config.defaults;
    settings.text_size = TextSize::Largest;
    // A report for a person (--bench-frames): a line that cannot be written has no one to tell.
    (void)std::printf("frame CPU time at 200%% text, %dx%d, %d frames per screen\n", runner.width(), runner.height(), frames);
    (void)std::printf("%-20s %8s %8s\n", "screen", "p50 ms", "p99 ms");
    double worst_p99 = 0;
    for (auto& entry : gallery(settings, config.timing, clock.now(), runner.state().clinic, runner.state().lessons)) {
        runner.set_state(std::move(entry.state));
        runner.frame();
        std::vector<double> times;
        for (int i = 0; i < frames; ++i) {
            clock.advance(Millis { 16 });
            double start = thread_cpu_ms();
            runner.frame();
            times.push_back(thread_cpu_ms() - start);
        }
        std::sort(times.begin(), times.end());
        auto at = [&](double q) { return times[std::min(times.size() - 1, static_cast<std::size_t>(q * static_cast<double>(times.size())))]; };
        (void)std::printf("%-20s %8.2f %8.2f\n", entry.name.c_str(), at(0.50), at(0.99));
        worst_p99 = std::max(worst_p99, at(0.99));
    }
    (void)std::printf("worst p99 ms %.2f\n", worst_p99);
}

}
