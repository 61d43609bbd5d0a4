// Content loaded from assets/ at start: the string catalogs and the keyboard layouts.
#pragma once
#include "app/catalog.h"
#include "app/keyboard_layout.h"

#include <array>
#include <filesystem>

namespace kiosk {

struct Content {
    Strings strings;
    std::array<KeyboardLayout, all_languages.size()> keyboards;

    const KeyboardLayout& keyboard(Language language) const { return keyboards.at(static_cast<std::size_t>(language)); }
};

Result<Content> load_content(const std::filesystem::path& assets_dir);

}
