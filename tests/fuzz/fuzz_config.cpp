// Fuzz target: the config file, as `kiosk --config` / `--check-config` read it. Never a crash;
// an error always names the file; an accepted config survives the JSON round trip.
#include "app/config.h"
#include "round_trip.h"

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size)
{
    auto config = kiosk::parse_config(fuzz::text(data, size), "fuzz.json");
    if (!config) {
        if (config.error().message.rfind("config fuzz.json: ", 0) != 0)
            fuzz::fail("a config error does not start with the file's name");
        return 0;
    }
    auto json = kiosk::parse_json(fuzz::text(data, size));
    if (!json)
        fuzz::fail("a config was accepted that parse_json refuses");
    fuzz::check_round_trip(*json);
    return 0;
}
