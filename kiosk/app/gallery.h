// Every screen the kiosk can show, as ready-made states: the screenshot flag and the layout audit
// draw each of them at every text size, theme and language.
#pragma once
#include "app/state.h"

#include <string>
#include <vector>

namespace kiosk {

struct GalleryEntry {
    std::string name;   // file-name friendly: "home", "still-there", "typing-practice-2"
    AppState state;
};

// `clinic` fills Find help (the demo clinic in the gallery run); entries that need content are
// left out when it has none.
// `lessons` fills Learn: one entry per exercise kind, fresh and part done, and the guided session.
std::vector<GalleryEntry> gallery(const Settings& settings, const Timing& timing, TimePoint now,
    std::shared_ptr<const ClinicContent> clinic = std::make_shared<const ClinicContent>(),
    std::shared_ptr<const LessonLibrary> lessons = std::make_shared<const LessonLibrary>());

}
