// The person's display and sound choices. They belong to one session and return to the clinic's defaults
// when it ends.
#pragma once
#include <array>
#include <optional>
#include <string_view>

namespace kiosk {

enum class Language { English, Spanish };
enum class Theme { Dark, Light };
enum class TextSize { Normal, Large, Largest };
// How loud read-aloud and the lessons' sounds are.
enum class Volume { Quiet, Medium, Loud };

inline constexpr std::array all_languages { Language::English, Language::Spanish };
inline constexpr std::array all_themes { Theme::Dark, Theme::Light };
inline constexpr std::array all_text_sizes { TextSize::Normal, TextSize::Large, TextSize::Largest };
inline constexpr std::array all_volumes { Volume::Quiet, Volume::Medium, Volume::Loud };

// The gain applied to the kiosk's sounds, in percent of full scale.
constexpr int volume_percent(Volume volume)
{
    switch (volume) {
    case Volume::Quiet: return 30;
    case Volume::Medium: return 60;
    case Volume::Loud: return 100;
    }
    return 60;
}

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
    bool read_aloud { false };      // read each new screen aloud (see AppState::speech)
    Volume volume { Volume::Medium };
    bool operator==(const Settings&) const = default;
};

}
