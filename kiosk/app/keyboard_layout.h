// On-screen keyboard layouts are data: assets/keyboards/<language>.json holds rows of keys, each
// key one character as typed without Shift. The special keys (Shift, Delete, Space, Done) are
// added by the widget.
#pragma once
#include "app/result.h"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

struct KeyboardLayout {
    std::vector<std::vector<std::string>> rows;
    std::size_t widest_row() const;
};

Result<KeyboardLayout> parse_keyboard_layout(std::string_view json_text, std::string_view name);
Result<KeyboardLayout> load_keyboard_layout(const std::filesystem::path& file);

// The upper-case form of one UTF-8 character typed on the keyboard (ASCII and Latin-1 letters).
std::string upper_case_key(std::string_view key);

}
