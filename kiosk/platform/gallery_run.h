// Draws every screen of the gallery at each text size and theme (and in each language), writes
// PNGs when asked, and runs the layout audit on each.
#pragma once
#include "app/config.h"
#include "app/result.h"
#include "platform/runner.h"

#include <filesystem>
#include <optional>

namespace kiosk {

struct GalleryOptions {
    std::optional<std::filesystem::path> screenshot_dir;
    bool audit { false };
    std::string only;   // only the screens whose name (as in the PNG's) contains it; "" = all
};

// Returns the number of screens drawn, or an error listing every audit problem.
Result<int> run_gallery(Runner& runner, const Config& config, ManualClock& clock, const GalleryOptions& options);

}

namespace kiosk {

// Draws each gallery screen `frames` times at 200 % text and prints the frame CPU time
// (thread CPU, draw + render + present) p50 and p99 per screen, in milliseconds.
void run_frame_benchmark(Runner& runner, const Config& config, ManualClock& clock, int frames);

}
