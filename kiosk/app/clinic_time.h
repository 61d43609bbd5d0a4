// Instants are kept and sent in UTC and shown in the clinic's time zone: the process's TZ, set
// from the config at start (tzdata knows daylight saving). These helpers are the only place
// that converts; the booking screens and their tests use them.
#pragma once
#include "app/clinic.h"

#include <ctime>

namespace kiosk {

std::tm local_time(UtcSeconds t);
// Local midnight `days` after the local day of `now` (a day may be 23 or 25 hours long).
UtcSeconds local_midnight(UtcSeconds now, int days);
// 12-hour clock: "9:30", plus whether it is before noon.
struct ClockTime {
    int hour12;
    int minute;
    bool am;
};
ClockTime clock_time(UtcSeconds t);

}
