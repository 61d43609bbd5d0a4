// Learn: its own issue fills this in. Until then each says plainly
// that the feature is not on this kiosk yet, and where to get help instead. Learn already offers
// keyboard practice.
#include "ui/screens/screens.h"

namespace kiosk::ui {

namespace {

void not_yet(Ui& ui, std::string_view title_key)
{
    heading(ui, title_key, ui.t(title_key));
    paragraph(ui, "soon.body", ui.t("soon.body"));
    paragraph(ui, "soon.ask", ui.t("soon.ask"));
    space(ui, 4);
}

}

void draw_learn(const screens::Learn&, const AppState&, Ui& ui)
{
    not_yet(ui, "learn.title");
    paragraph(ui, "learn.keyboard_intro", ui.t("learn.keyboard_intro"));
    button(ui, { "learn.try_keyboard", ui.t("learn.try_keyboard"), actions::Open { ScreenId::TypingPractice }, ButtonStyle::Primary },
        0, ui.metrics.primary_target());
}


}
