// Log lines go to stderr (journald picks them up) with a level and a component. They carry
// facts about the kiosk — never text a person typed or chose: callers pass only fixed words,
// numbers and names of files and keys.
#pragma once
#include "app/config.h"

#include <string_view>

namespace kiosk::log {

void set_level(LogLevel level);
void write(LogLevel level, std::string_view component, std::string_view message);

inline void error(std::string_view component, std::string_view message) { write(LogLevel::Error, component, message); }
inline void warning(std::string_view component, std::string_view message) { write(LogLevel::Warning, component, message); }
inline void info(std::string_view component, std::string_view message) { write(LogLevel::Info, component, message); }
inline void debug(std::string_view component, std::string_view message) { write(LogLevel::Debug, component, message); }

}
