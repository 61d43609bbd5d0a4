// Loading everything in assets/ that the shell needs (see content.h).
#include "app/content.h"

namespace kiosk {

Result<Content> load_content(const std::filesystem::path& assets_dir)
{
    auto strings = Strings::load(assets_dir);
    if (!strings)
        return strings.error();
    Content content { std::move(*strings), {} };
    for (Language language : all_languages) {
        auto layout = load_keyboard_layout(assets_dir / "keyboards" / (std::string(language_code(language)) + ".json"));
        if (!layout)
            return layout.error();
        content.keyboards.at(static_cast<std::size_t>(language)) = std::move(*layout);
    }
    content.lessons = std::make_shared<const LessonLibrary>(load_lessons(assets_dir / "lessons", content.strings));
    return content;
}

}
