// Fuzz target: one lesson file of assets/lessons, checked against the real string catalogs.
#include "app/content.h"
#include "app/lesson.h"
#include "round_trip.h"

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size)
{
    static const kiosk::Strings strings = [] {
        auto loaded = kiosk::Strings::load(KIOSK_ASSETS_DIR);
        if (!loaded)
            fuzz::fail("the real string catalogs do not load");
        return std::move(*loaded);
    }();
    auto lesson = kiosk::parse_lesson(fuzz::text(data, size), "fuzz.json", strings);
    if (!lesson) {
        if (lesson.error().message.rfind("fuzz.json: ", 0) != 0)
            fuzz::fail("a lesson error does not start with the file's name");
        return 0;
    }
    if (lesson->steps.empty() || lesson->steps.size() > 8)
        fuzz::fail("a lesson was accepted with 0 or more than 8 steps");
    fuzz::check_round_trip(*kiosk::parse_json(fuzz::text(data, size)));
    return 0;
}
