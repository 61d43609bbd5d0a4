// Content loaded from assets/ at start: the string catalogs, the keyboard layouts and the lessons.
#pragma once
#include "app/catalog.h"
#include "app/keyboard_layout.h"
#include "app/lesson.h"

#include <array>
#include <filesystem>
#include <memory>

namespace kiosk {

struct Content {
    Strings strings;
    std::array<KeyboardLayout, all_languages.size()> keyboards;
    // Lesson files that fail validation are left out and named in lessons->problems.
    std::shared_ptr<const LessonLibrary> lessons { std::make_shared<const LessonLibrary>() };

    const KeyboardLayout& keyboard(Language language) const { return keyboards.at(static_cast<std::size_t>(language)); }
};

Result<Content> load_content(const std::filesystem::path& assets_dir);

}
