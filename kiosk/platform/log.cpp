// Logging to stderr (see log.h). One write() call per line so lines from threads never interleave.
#include "platform/log.h"

#include <atomic>
#include <string>
#include <unistd.h>

namespace kiosk::log {

namespace {
std::atomic<LogLevel> current_level { LogLevel::Info };

std::string_view level_name(LogLevel level)
{
    switch (level) {
    case LogLevel::Error: return "error";
    case LogLevel::Warning: return "warning";
    case LogLevel::Info: return "info";
    case LogLevel::Debug: return "debug";
    }
    return "?";
}
}

void set_level(LogLevel level) { current_level = level; }

void write(LogLevel level, std::string_view component, std::string_view message)
{
    if (static_cast<int>(level) > static_cast<int>(current_level.load()))
        return;
    std::string line = "kiosk ";
    line += level_name(level);
    line += " ";
    line += component;
    line += ": ";
    line += message;
    line += "\n";
    [[maybe_unused]] auto written = ::write(STDERR_FILENO, line.data(), line.size());
}

}
