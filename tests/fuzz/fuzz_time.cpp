// Fuzz target: the times a server sends — FHIR instants, the HTTP Date header and Retry-After
// (seconds or an HTTP date). Whatever is accepted must be what it says: an instant formatted and
// parsed again is the same instant, and a Retry-After is never negative nor over its hour cap.
#include "round_trip.h"
#include "sync/backoff.h"
#include "sync/fhir_parse.h"

#include <fuzzer/FuzzedDataProvider.h>
#include <regex>


extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size)
{
    using namespace kiosk::sync;
    FuzzedDataProvider in(data, size);
    auto now = kiosk::UtcSeconds { std::chrono::seconds { in.ConsumeIntegralInRange<std::int64_t>(0, 7258118400) } }; // 1970..2200
    std::string text = in.ConsumeRemainingBytesAsString();

    if (auto instant = parse_instant(text)) {
        // FHIR's instant: YYYY-MM-DDThh:mm:ss[.fraction](Z|+hh:mm|-hh:mm), nothing else accepted.
        static const std::regex instant_syntax(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))");
        if (!std::regex_match(text, instant_syntax))
            fuzz::fail("parse_instant accepted a malformed instant");
        auto again = parse_instant(format_instant(*instant));
        if (!again || *again != *instant)
            fuzz::fail("parse_instant(format_instant(t)) != t");
    }
    if (auto date = parse_http_date(text)) {
        auto again = parse_instant(format_instant(*date));
        if (date->time_since_epoch().count() >= 0 && date->time_since_epoch().count() < 7258118400 && (!again || *again != *date))
            fuzz::fail("an HTTP date does not survive format_instant");
    }
    if (auto wait = parse_retry_after(text, now))
        if (wait->count() < 0 || *wait > kiosk::Millis { std::chrono::seconds { 3600 } })
            fuzz::fail("Retry-After outside 0 s .. 1 h");
    return 0;
}
