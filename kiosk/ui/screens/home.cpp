// Home: the three things the kiosk does, a person to ask, settings, and "I'm done".
#include "ui/screens/screens.h"

#include <imgui.h>

namespace kiosk::ui {

void draw_home(const screens::Home&, const AppState& state, Ui& ui)
{
    heading(ui, "home.title", ui.t("home.title"));
    float tile = ui.metrics.mm(20);
    ButtonSpec main[] = {
        { "home.learn", ui.t("home.learn"), actions::Open { ScreenId::Learn }, ButtonStyle::Primary },
        { "home.find_help", ui.t("home.find_help"), actions::Open { ScreenId::FindHelp }, ButtonStyle::Primary },
        { "home.book", ui.t("home.book"), actions::Open { ScreenId::BookPeer }, ButtonStyle::Primary },
    };
    button_row(ui, main, tile, true);
    ButtonSpec more[] = {
        { "home.ask", ui.t("home.ask"), actions::Open { ScreenId::AskPerson } },
        { "home.settings", ui.t("home.settings"), actions::Open { ScreenId::Settings } },
    };
    button_row(ui, more, ui.metrics.primary_target());
    language_choice(ui, state);
    button(ui, { "home.done", ui.t("home.done"), actions::Done {} }, 0, ui.metrics.primary_target());
    privacy_link(ui);
}

}
