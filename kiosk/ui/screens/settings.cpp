// Settings: text size, colours, language, read-aloud and volume. Each choice takes effect at once and lasts until
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

void speech_choice(Ui& ui, const AppState& state, bool in_lesson)
{
    bool tight = in_lesson && intro_after_choices(ui);
    bool steady = tight && short_screen(ui) && ui.metrics.text_size() == TextSize::Largest;
    if (!tight)
        paragraph(ui, "settings.read_aloud", ui.t("settings.read_aloud"));
    bool on = state.settings.read_aloud;
    ButtonSpec read[] = {
        { "read.on", ui.t("read.on"), actions::SetReadAloud { true }, on ? ButtonStyle::Selected : ButtonStyle::Normal },
        { "read.off", ui.t("read.off"), actions::SetReadAloud { false }, on ? ButtonStyle::Normal : ButtonStyle::Selected },
    };
    float read_height = ui.metrics.primary_target();
    if (steady)
        make_steady(ui, read, read_height);
    button_row(ui, read, read_height);
    if (!tight)
        space(ui, 3);
    paragraph(ui, "settings.volume", ui.t("settings.volume"));
    auto style = [&](Volume v) { return state.settings.volume == v ? ButtonStyle::Selected : ButtonStyle::Normal; };
    ButtonSpec volumes[] = {
        { "volume.quiet", ui.t("volume.quiet"), actions::SetVolume { Volume::Quiet }, style(Volume::Quiet) },
        { "volume.medium", ui.t("volume.medium"), actions::SetVolume { Volume::Medium }, style(Volume::Medium) },
        { "volume.loud", ui.t("volume.loud"), actions::SetVolume { Volume::Loud }, style(Volume::Loud) },
    };
    float volume_height = ui.metrics.primary_target();
    if (steady)
        make_steady(ui, volumes, volume_height);
    button_row(ui, volumes, volume_height);
}

ButtonSpec read_aloud_button(const Ui& ui, const AppState& state, std::string_view id, double padding_mm)
{
    if (state.speech.reading)
        return { id, ui.t("nav.stop_reading"), actions::StopReading {}, ButtonStyle::Selected, Role::Button, padding_mm, Icon::Stop };
    return { id, ui.t("nav.read"), actions::ReadAloud {}, ButtonStyle::Normal, Role::Button, padding_mm, Icon::Speaker };
}

void draw_settings(const screens::Settings&, const AppState& state, Ui& ui)
{
    heading(ui, "settings.title", ui.t("settings.title"));
    paragraph(ui, "settings.text_size", ui.t("settings.text_size"));
    // The sizes keep their words at the normal size, as on Welcome: each stays where it was while
    // a person tries them, and on a short screen they fit under the heading (issue 15).
    text_size_choice(ui, state, true);
    space(ui, 4);
    paragraph(ui, "settings.theme", ui.t("settings.theme"));
    theme_choice(ui, state);
    space(ui, 4);
    paragraph(ui, "settings.language", ui.t("settings.language"));
    language_choice(ui, state);
    space(ui, 4);
    speech_choice(ui, state);
    space(ui, 6);
    button(ui, { "settings.done", ui.t("settings.done"), actions::Back {}, ButtonStyle::Primary }, 0, ui.metrics.primary_target());
}

}
