// sd_notify for the appliance's unit (see systemd_notify.h).
#include "platform/systemd_notify.h"

#include "platform/log.h"

#include <charconv>
#include <cstdlib>
#include <cstring>
#include <systemd/sd-daemon.h>

namespace kiosk {

SystemdNotifier SystemdNotifier::from_environment()
{
    SystemdNotifier notifier;
    const char* socket = std::getenv("NOTIFY_SOCKET"); // NOLINT(concurrency-mt-unsafe): no thread changes the environment once any has started
    notifier.m_socket = socket && *socket;
    const char* usec = std::getenv("WATCHDOG_USEC"); // NOLINT(concurrency-mt-unsafe): likewise
    unsigned long long value = 0;
    if (notifier.m_socket && usec && std::from_chars(usec, usec + std::strlen(usec), value).ec == std::errc {} && value >= 2000) {
        notifier.m_interval = std::chrono::milliseconds(value / 2000);
        log::info("systemd", "watchdog on: a ping every " + std::to_string(notifier.m_interval->count()) + " ms");
    }
    return notifier;
}

void SystemdNotifier::ready()
{
    if (!m_socket || m_ready)
        return;
    m_ready = true;
    sd_notify(0, "READY=1");
}

std::optional<std::chrono::milliseconds> SystemdNotifier::ping_if_due(std::chrono::steady_clock::time_point now)
{
    if (!m_interval)
        return std::nullopt;
    if (now >= m_next) {
        sd_notify(0, "WATCHDOG=1");
        m_next = now + *m_interval;
    }
    return std::chrono::duration_cast<std::chrono::milliseconds>(m_next - now) + std::chrono::milliseconds(1);
}

void SystemdNotifier::stopping()
{
    if (m_socket)
        sd_notify(0, "STOPPING=1");
}

}
