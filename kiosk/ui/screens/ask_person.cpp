// Ask for a person: tells plainly how to get a staff member. The clinic's own directions come
// from the config when it has them.
#include "ui/screens/screens.h"

namespace kiosk::ui {

void privacy_link(Ui& ui)
{
    button(ui, { "privacy.open", ui.t("privacy.open"), actions::Open { ScreenId::PrivacyInfo }, ButtonStyle::Normal, Role::Button, 3.0, Icon::Privacy }, 0, ui.metrics.primary_target());
}

void draw_privacy(const screens::PrivacyInfo&, const AppState&, Ui& ui)
{
    heading(ui, "privacy.title", ui.t("privacy.title"));
    for (const char* key : { "privacy.p1", "privacy.p2", "privacy.p3", "privacy.p4", "privacy.p5", "privacy.p6" })
        paragraph(ui, key, ui.t(key));
    button(ui, { "privacy.ok", ui.t("ask.ok"), actions::Back {}, ButtonStyle::Primary }, 0, ui.metrics.primary_target());
}

void draw_ask_person(const screens::AskPerson&, const AppState&, Ui& ui)
{
    heading(ui, "ask.title", ui.t("ask.title"));
    paragraph(ui, "ask.help", ui.t("ask.help"));
    const std::string& local = ui.language == Language::Spanish ? ui.config.help_directions_es : ui.config.help_directions_en;
    paragraph(ui, "ask.where", local.empty() ? ui.t("ask.where") : std::string_view(local));
    paragraph(ui, "ask.say", ui.t("ask.say"));
    paragraph(ui, "ask.hand", ui.t("ask.hand"));
    space(ui, 4);
    button(ui, { "ask.ok", ui.t("ask.ok"), actions::Back {}, ButtonStyle::Primary }, 0, ui.metrics.primary_target());
}

}
