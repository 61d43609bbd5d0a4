// Keyboard layout loading (see keyboard_layout.h).
#include "app/keyboard_layout.h"

#include "app/json_limits.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace kiosk {

std::size_t KeyboardLayout::widest_row() const
{
    std::size_t widest = 0;
    for (auto& row : rows)
        widest = std::max(widest, row.size());
    return widest;
}

Result<KeyboardLayout> parse_keyboard_layout(std::string_view json_text, std::string_view name)
{
    std::string file(name);
    auto parsed = parse_json(json_text);
    if (!parsed)
        return Error { file + ": " + parsed.error().message };
    auto& json = *parsed;
    if (!json.is_object() || !json.contains("rows") || !json["rows"].is_array())
        return Error { file + ": must be {\"rows\": [[\"q\", \"w\", ...], ...]}" };
    KeyboardLayout layout;
    for (auto& row : json["rows"]) {
        if (!row.is_array() || row.empty() || row.size() > 14)
            return Error { file + ": each row must list 1 to 14 keys" };
        auto& keys = layout.rows.emplace_back();
        for (auto& key : row) {
            if (!key.is_string() || key.get<std::string>().empty() || key.get<std::string>().size() > 4)
                return Error { file + ": each key must be one character" };
            keys.push_back(key.get<std::string>());
        }
    }
    if (layout.rows.empty() || layout.rows.size() > 6)
        return Error { file + ": must have 1 to 6 rows" };
    return layout;
}

Result<KeyboardLayout> load_keyboard_layout(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return Error { file.string() + ": cannot be read" };
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return parse_keyboard_layout(buffer.str(), file.string());
}

std::string upper_case_key(std::string_view key)
{
    std::string out(key);
    if (out.size() == 1 && out[0] >= 'a' && out[0] <= 'z')
        out[0] = static_cast<char>(out[0] - 'a' + 'A');
    // Two-byte Latin-1 letters à..þ (C3 A0..C3 BE, except ÷ C3 B7) become À..Þ (C3 80..C3 9E).
    else if (out.size() == 2 && static_cast<unsigned char>(out[0]) == 0xC3) {
        auto second = static_cast<unsigned char>(out[1]);
        if (second >= 0xA0 && second <= 0xBE && second != 0xB7)
            out[1] = static_cast<char>(second - 0x20);
    }
    return out;
}

}
