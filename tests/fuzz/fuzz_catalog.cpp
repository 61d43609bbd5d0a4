// Fuzz target: a string catalog (assets/strings/*.json): key → text, nothing else.
#include "app/catalog.h"
#include "round_trip.h"

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size)
{
    auto catalog = kiosk::Catalog::parse(fuzz::text(data, size), "fuzz.json");
    if (!catalog)
        return 0;
    auto json = kiosk::parse_json(fuzz::text(data, size));
    if (!json || !json->is_object())
        fuzz::fail("a catalog was accepted that is not a JSON object");
    fuzz::check_round_trip(*json);
    for (auto& [key, value] : json->items()) {
        const std::string* found = catalog->find(key);
        if (!found || *found != value.get<std::string>())
            fuzz::fail("a catalog key does not give back its text");
    }
    return 0;
}
