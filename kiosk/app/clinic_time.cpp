// Local time for display (see clinic_time.h).
#include "app/clinic_time.h"

namespace kiosk {

std::tm local_time(UtcSeconds t)
{
    std::time_t s = t.time_since_epoch().count();
    std::tm tm {};
    localtime_r(&s, &tm);
    return tm;
}

UtcSeconds local_midnight(UtcSeconds now, int days)
{
    std::tm tm = local_time(now);
    tm.tm_hour = 0;
    tm.tm_min = 0;
    tm.tm_sec = 0;
    tm.tm_mday += days;
    tm.tm_isdst = -1; // let mktime decide, for that day
    return UtcSeconds { std::chrono::seconds { std::mktime(&tm) } };
}

ClockTime clock_time(UtcSeconds t)
{
    std::tm tm = local_time(t);
    return { tm.tm_hour % 12 == 0 ? 12 : tm.tm_hour % 12, tm.tm_min, tm.tm_hour < 12 };
}

}
