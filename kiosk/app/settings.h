// The person's display choices. They belong to one session and return to the clinic's defaults
// when it ends.
#pragma once
#include <array>
#include <optional>
#include <string_view>

namespace kiosk {

enum class Language { English, Spanish };
enum class Theme { Dark, Light };
enum class TextSize { Normal, Large, Largest };

inline constexpr std::array all_languages { Language::English, Language::Spanish };
inline constexpr std::array all_themes { Theme::Dark, Theme::Light };
inline constexpr std::array all_text_sizes { TextSize::Normal, TextSize::Large, TextSize::Largest };

// 100, 150 or 200.
constexpr int text_percent(TextSize size)
{
    switch (size) {
    case TextSize::Normal: return 100;
    case TextSize::Large: return 150;
    case TextSize::Largest: return 200;
    }
    return 100;
}

// "en" / "es": the catalog file name and the config value.
constexpr std::string_view language_code(Language language)
{
    return language == Language::Spanish ? "es" : "en";
}
std::optional<Language> language_from_code(std::string_view code);

constexpr std::string_view theme_name(Theme theme) { return theme == Theme::Light ? "light" : "dark"; }
std::optional<Theme> theme_from_name(std::string_view name);

struct Settings {
    Language language { Language::English };
    Theme theme { Theme::Dark };
    TextSize text_size { TextSize::Normal };
    bool operator==(const Settings&) const = default;
};

}
