// Goodbye, after "I'm done", and "Are you still there?" before an idle session is cleared.
#include "ui/screens/screens.h"

#include <string>

namespace kiosk::ui {

void draw_goodbye(const screens::Goodbye&, const AppState&, Ui& ui)
{
    heading(ui, "goodbye.title", ui.t("goodbye.title"));
    paragraph(ui, "goodbye.cleared", ui.t("goodbye.cleared"));
    button(ui, { "goodbye.again", ui.t("goodbye.again"), actions::LeaveGoodbye {}, ButtonStyle::Primary }, 0, ui.metrics.primary_target());
    paragraph(ui, "goodbye.thanks", ui.t("goodbye.thanks"));
}

void draw_still_there(const AppState& state, Ui& ui)
{
    // The one answer comes right under the question, so it is in view even at the largest text.
    heading(ui, "still.title", ui.t("still.title"));
    button(ui, { "still.here", ui.t("still.here"), actions::StillHere {}, ButtonStyle::Primary }, 0, ui.metrics.mm(30));
    paragraph(ui, "still.countdown",
        ui.strings.format(ui.language, "still.countdown", { { "n", std::to_string(warning_seconds_left(state, ui.now)) } }));
}

}
