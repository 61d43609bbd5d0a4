// Backoff and Retry-After (see backoff.h).
#include "sync/backoff.h"

#include <algorithm>
#include <cmath>
#include <ctime>

namespace kiosk::sync {

Millis backoff_delay(const BackoffPolicy& policy, int failures, double random01)
{
    double base = static_cast<double>(policy.initial.count()) * std::pow(policy.multiplier, std::max(0, failures - 1));
    base = std::min(base, static_cast<double>(policy.maximum.count()));
    double factor = 1.0 + policy.jitter * (2.0 * random01 - 1.0);
    return Millis { static_cast<long long>(std::max(0.0, base * factor)) };
}

std::optional<Millis> parse_retry_after(const std::string& value, UtcSeconds now)
{
    constexpr Millis cap { Seconds { 3600 } };
    if (value.empty())
        return std::nullopt;
    if (std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        if (value.size() > 6)
            return cap;
        return std::min(cap, Millis { Seconds { std::stoll(value) } });
    }
    std::tm tm {};
    if (!strptime(value.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm))
        return std::nullopt;
    auto when = std::chrono::sys_seconds { std::chrono::seconds { timegm(&tm) } };
    if (when <= now)
        return Millis { 0 };
    return std::min(cap, std::chrono::duration_cast<Millis>(when - now));
}

}
