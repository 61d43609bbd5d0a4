// Tells systemd the kiosk is up and alive (sd_notify): READY=1 after the first frame, WATCHDOG=1
// from the loop thread every half WatchdogSec, so a hung UI thread stops the pings and systemd
// restarts the session. Nothing happens outside systemd (no NOTIFY_SOCKET).
#pragma once
#include <chrono>
#include <optional>

namespace kiosk {

class SystemdNotifier {
public:
    // Reads NOTIFY_SOCKET and WATCHDOG_USEC. WATCHDOG_PID is not checked: under the appliance's
    // unit the watched main process is cage, and the kiosk (its child) pings for the session
    // (the unit says NotifyAccess=all).
    static SystemdNotifier from_environment();

    bool enabled() const { return m_socket; }
    // READY=1, once.
    void ready();
    // WATCHDOG=1 when due. Returns how long the loop may sleep before the next ping is due
    // (nothing when there is no watchdog).
    std::optional<std::chrono::milliseconds> ping_if_due(std::chrono::steady_clock::time_point now);
    void stopping();

private:
    bool m_socket { false };
    bool m_ready { false };
    std::optional<std::chrono::milliseconds> m_interval;   // half of WatchdogSec
    std::chrono::steady_clock::time_point m_next {};
};

}
