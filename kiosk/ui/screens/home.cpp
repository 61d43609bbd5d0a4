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
    main[0].icon = Icon::Learn;
    main[1].icon = Icon::FindHelp;
    main[2].icon = Icon::BookPeer;
    tile_rows(ui, main, 3, tile);
    ButtonSpec more[] = {
        { "home.ask", ui.t("home.ask"), actions::Open { ScreenId::AskPerson } },
        { "home.settings", ui.t("home.settings"), actions::Open { ScreenId::Settings } },
    };
    more[0].icon = Icon::Person;
    more[1].icon = Icon::Settings;
    tile_rows(ui, more, 2, ui.metrics.primary_target());
    language_choice(ui, state);
    ButtonSpec done { "home.done", ui.t("home.done"), actions::Done {} };
    done.icon = Icon::Done;
    button(ui, done, 0, ui.metrics.primary_target());
    privacy_link(ui);
}

}
