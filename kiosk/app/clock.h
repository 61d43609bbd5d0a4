// Time for the pure model. The model never reads a clock itself: the platform layer passes `now`
// into update(), so tests drive hours of idle time in microseconds and never sleep.
#pragma once
#include <chrono>

namespace kiosk {

using Millis = std::chrono::milliseconds;
using Seconds = std::chrono::seconds;
// A point on the kiosk's monotonic clock (milliseconds since the clock's own start).
using TimePoint = std::chrono::time_point<std::chrono::steady_clock, Millis>;

// The source of `now`. The real one wraps std::chrono::steady_clock; the test one is moved by hand.
class Clock {
public:
    virtual ~Clock() = default;
    virtual TimePoint now() const = 0;
};

class SteadyClock final : public Clock {
public:
    TimePoint now() const override
    {
        return std::chrono::time_point_cast<Millis>(std::chrono::steady_clock::now());
    }
};

// A clock that only moves when told to. Used by unit tests and by the scenario driver.
class ManualClock final : public Clock {
public:
    explicit ManualClock(TimePoint start = TimePoint {}) : m_now(start) { }
    TimePoint now() const override { return m_now; }
    void advance(Millis by) { m_now += by; }

private:
    TimePoint m_now;
};

}
