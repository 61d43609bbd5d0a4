// Welcome: the kiosk at rest. One big "Touch to start", and the choices a person may need before
// anything else: their language, a bigger text, and hearing the screen read aloud.
#include "ui/screens/screens.h"

namespace kiosk::ui {

// Welcome's choices keep their words at the normal text size (the top bar's font), so a person
// trying the sizes finds each choice where it was; where the room is tight they are 12 mm tall,
// not 16: they are not buttons that move the person on (≥ 10 mm).
void make_steady(Ui& ui, std::span<ButtonSpec> choices, float& min_height)
{
    for (auto& choice : choices) {
        choice.shown = choice.label;
        choice.padding_mm = 2.0;
    }
    if (intro_after_choices(ui))
        min_height = ui.metrics.min_target() + ui.metrics.mm(2);
}

void language_choice(Ui& ui, const AppState& state, const ButtonSpec* also, bool steady)
{
    auto style = [&](Language l) { return state.settings.language == l ? ButtonStyle::Selected : ButtonStyle::Normal; };
    ButtonSpec choices[] = {
        { "language.en", ui.strings.get(Language::English, "language.en"), actions::SetLanguage { Language::English }, style(Language::English) },
        { "language.es", ui.strings.get(Language::Spanish, "language.es"), actions::SetLanguage { Language::Spanish }, style(Language::Spanish) },
        also ? *also : ButtonSpec { "", "", actions::Tick {} },
    };
    choices[0].icon = choices[1].icon = Icon::Language;
    std::span<ButtonSpec> shown(choices, also ? 3 : 2);
    float height = ui.metrics.primary_target();
    if (steady)
        make_steady(ui, shown, height);
    button_row(ui, shown, height);
}

void text_size_choice(Ui& ui, const AppState& state, bool steady)
{
    auto style = [&](TextSize s) { return state.settings.text_size == s ? ButtonStyle::Selected : ButtonStyle::Normal; };
    ButtonSpec choices[] = {
        { "text_size.100", ui.t("text_size.normal"), actions::SetTextSize { TextSize::Normal }, style(TextSize::Normal) },
        { "text_size.150", ui.t("text_size.large"), actions::SetTextSize { TextSize::Large }, style(TextSize::Large) },
        { "text_size.200", ui.t("text_size.largest"), actions::SetTextSize { TextSize::Largest }, style(TextSize::Largest) },
    };
    float height = ui.metrics.primary_target();
    if (steady)
        make_steady(ui, choices, height);
    // Steady, the three stay on one row, each as wide as its words, where equal thirds would wrap one.
    button_row(ui, choices, height, true, steady);
}

void draw_welcome(const screens::Welcome&, const AppState& state, Ui& ui)
{
    heading(ui, "welcome.title", ui.strings.format(ui.language, "welcome.title", { { "clinic", ui.config.clinic_name } }));
    // Everything a person may need first is on the first screen (issue 15): Start, the language
    // and the text size; read-aloud and what the kiosk offers follow. On a short screen Start's
    // words are at the normal size too, so all of it fits above the fold.
    ButtonSpec start { "welcome.start", ui.t("welcome.start"), actions::Start {}, ButtonStyle::Primary, Role::Button, 3.0, Icon::Touch };
    if (short_screen(ui))
        start.shown = start.label;
    // Where the room is tight, Start is 16 mm tall, not 20, and the rows 2 mm apart, not 3.
    bool tight = intro_after_choices(ui);
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ui.metrics.gap(), tight ? ui.metrics.mm(2) : ui.metrics.gap()));
    button(ui, start, 0, tight ? ui.metrics.primary_target() : ui.metrics.mm(20));
    // Each language's name is written in that language, so no label is needed above them. The
    // words "Text size" stand above the sizes where there is room; their picture says it too.
    language_choice(ui, state, nullptr, true);
    if (!intro_after_choices(ui))
        paragraph(ui, "welcome.text_size", ui.t("welcome.text_size"));
    text_size_choice(ui, state, true);
    ImGui::PopStyleVar();
    // Read-aloud: a speaker and its name, for a person who finds reading hard.
    button(ui, read_aloud_button(ui, state, "welcome.read", 3.0), 0, ui.metrics.primary_target());
    space(ui, 2);
    paragraph(ui, "welcome.intro", ui.t("welcome.intro"));
}

}
