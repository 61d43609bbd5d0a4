// Settings: text size, colours and language. Each choice takes effect at once and lasts until
// the session ends.
#include "ui/screens/screens.h"

namespace kiosk::ui {

void theme_choice(Ui& ui, const AppState& state)
{
    auto style = [&](Theme t) { return state.settings.theme == t ? ButtonStyle::Selected : ButtonStyle::Normal; };
    ButtonSpec themes[] = {
        { "theme.dark", ui.t("theme.dark"), actions::SetTheme { Theme::Dark }, style(Theme::Dark) },
        { "theme.light", ui.t("theme.light"), actions::SetTheme { Theme::Light }, style(Theme::Light) },
    };
    button_row(ui, themes, ui.metrics.primary_target());
}

void draw_settings(const screens::Settings&, const AppState& state, Ui& ui)
{
    heading(ui, "settings.title", ui.t("settings.title"));
    paragraph(ui, "settings.text_size", ui.t("settings.text_size"));
    text_size_choice(ui, state);
    space(ui, 4);
    paragraph(ui, "settings.theme", ui.t("settings.theme"));
    theme_choice(ui, state);
    space(ui, 4);
    paragraph(ui, "settings.language", ui.t("settings.language"));
    language_choice(ui, state);
    space(ui, 6);
    button(ui, { "settings.done", ui.t("settings.done"), actions::Back {}, ButtonStyle::Primary }, 0, ui.metrics.primary_target());
}

}
