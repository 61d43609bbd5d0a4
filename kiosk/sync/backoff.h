// Retry policy as a plain struct (after Chromium's BackoffEntry): exponential delay with jitter,
// capped, and the server's Retry-After honoured when it asks for longer.
#pragma once
#include "app/clinic.h"
#include "app/clock.h"

#include <optional>
#include <string>

namespace kiosk::sync {

struct BackoffPolicy {
    Millis initial { 2000 };
    double multiplier { 2.0 };
    double jitter { 0.2 };          // ± this fraction, at random
    Millis maximum { Seconds { 300 } };
};

// Delay before attempt number `failures` + 1, with `random01` in [0, 1) choosing the jitter.
Millis backoff_delay(const BackoffPolicy& policy, int failures, double random01);

// Retry-After as seconds ("120") or an HTTP date ("Wed, 21 Oct 2026 07:28:00 GMT"), relative to
// `now`. Values beyond an hour are capped there.
std::optional<Millis> parse_retry_after(const std::string& value, UtcSeconds now);

}
