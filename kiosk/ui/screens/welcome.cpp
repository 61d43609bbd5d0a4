// Welcome: the kiosk at rest. One big "Touch to start", and the choices a person may need before
// anything else: their language, a bigger text, and hearing the screen read aloud.
#include "ui/screens/screens.h"

namespace kiosk::ui {

void language_choice(Ui& ui, const AppState& state, const ButtonSpec* also)
{
    auto style = [&](Language l) { return state.settings.language == l ? ButtonStyle::Selected : ButtonStyle::Normal; };
    ButtonSpec choices[] = {
        { "language.en", ui.strings.get(Language::English, "language.en"), actions::SetLanguage { Language::English }, style(Language::English) },
        { "language.es", ui.strings.get(Language::Spanish, "language.es"), actions::SetLanguage { Language::Spanish }, style(Language::Spanish) },
        also ? *also : ButtonSpec { "", "", actions::Tick {} },
    };
    choices[0].icon = choices[1].icon = Icon::Language;
    button_row(ui, std::span<const ButtonSpec>(choices, also ? 3 : 2), ui.metrics.primary_target());
}

void text_size_choice(Ui& ui, const AppState& state)
{
    auto style = [&](TextSize s) { return state.settings.text_size == s ? ButtonStyle::Selected : ButtonStyle::Normal; };
    ButtonSpec choices[] = {
        { "text_size.100", ui.t("text_size.normal"), actions::SetTextSize { TextSize::Normal }, style(TextSize::Normal) },
        { "text_size.150", ui.t("text_size.large"), actions::SetTextSize { TextSize::Large }, style(TextSize::Large) },
        { "text_size.200", ui.t("text_size.largest"), actions::SetTextSize { TextSize::Largest }, style(TextSize::Largest) },
    };
    button_row(ui, choices, ui.metrics.primary_target(), true);
}

void draw_welcome(const screens::Welcome&, const AppState& state, Ui& ui)
{
    heading(ui, "welcome.title", ui.strings.format(ui.language, "welcome.title", { { "clinic", ui.config.clinic_name } }));
    // Everything a person may need first is on the first screen (issue 15): Start, the language,
    // read-aloud and the text size; what the kiosk offers is said below them.
    button(ui, { "welcome.start", ui.t("welcome.start"), actions::Start {}, ButtonStyle::Primary, Role::Button, 3.0, Icon::Touch }, 0, ui.metrics.mm(20));
    // Each language's name is written in that language, so no label is needed above them. Next
    // to them, read-aloud: a speaker and its name, for a person who finds reading hard.
    // The two languages share a row; read-aloud follows the text sizes, whose heading is left out
    // at the larger sizes (a person who chose one has found them).
    language_choice(ui, state);
    if (ui.metrics.text_size() == TextSize::Normal)
        paragraph(ui, "welcome.text_size", ui.t("welcome.text_size"));
    text_size_choice(ui, state);
    button(ui, read_aloud_button(ui, state, "welcome.read", 3.0), 0, ui.metrics.primary_target());
    space(ui, 2);
    paragraph(ui, "welcome.intro", ui.t("welcome.intro"));
}

}
