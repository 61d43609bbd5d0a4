// Fuzz target: a clinic server's search answer, read as the sync worker reads it — the
// depth-limited parse, the Bundle's entries by type, the next link, and the content the kiosk
// shows (peers, slots, queue, bookings, directory) built from them.
#include "round_trip.h"
#include "sync/fhir_parse.h"
#include "sync/worker.h"

#include <map>

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size)
{
    using Json = nlohmann::json;
    auto parsed = kiosk::parse_json(fuzz::text(data, size));
    if (!parsed)
        return 0;
    fuzz::check_round_trip(*parsed);
    const Json& bundle = *parsed;
    if (!bundle.is_object() || bundle.value("resourceType", Json()) != "Bundle")
        return 0;
    kiosk::sync::ParseCounts counts;
    std::map<std::string, std::vector<Json>> by_type;
    for (const char* type : { "Practitioner", "PractitionerRole", "Schedule", "Slot", "Appointment", "HealthcareService" })
        by_type[type] = kiosk::sync::bundle_resources(bundle, type, counts);
    (void)kiosk::sync::next_link(bundle);
    // A fixed "now" inside the seed answers' week, so slots are not all in the past.
    auto now = kiosk::sync::parse_instant("2026-11-30T10:00:00Z");
    kiosk::ClinicContent content = kiosk::sync::content_from_resources(by_type, *now);
    for (auto& slot : content.slots)
        if (slot.start < *now)
            fuzz::fail("a past slot was offered");
    return 0;
}
