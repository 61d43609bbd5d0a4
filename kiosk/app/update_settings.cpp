// Settings: language, theme and text size. They are the person's and reset with the session.
#include "app/reducers.h"

namespace kiosk {

using namespace reduce;

void reduce::settings_input(AppState& state, const Action& action)
{
    std::visit(Overloaded {
        [&](const actions::SetLanguage& set) { state.settings.language = set.language; },
        [&](const actions::SetTheme& set) { state.settings.theme = set.theme; },
        [&](const actions::SetTextSize& set) { state.settings.text_size = set.size; },
        [](const auto&) { },
    }, action);
}

std::optional<Language> language_from_code(std::string_view code)
{
    if (code == "en") return Language::English;
    if (code == "es") return Language::Spanish;
    return std::nullopt;
}

std::optional<Theme> theme_from_name(std::string_view name)
{
    if (name == "dark") return Theme::Dark;
    if (name == "light") return Theme::Light;
    return std::nullopt;
}

}
