// Keyboard practice, two steps: type on the on-screen keyboard, then see it back. What was typed
// lives in the screen's SecureText and is overwritten when the screen or the session ends.
#include "ui/keyboard.h"
#include "ui/screens/screens.h"

namespace kiosk::ui {

void draw_typing_practice(const screens::TypingPractice& typing, const AppState&, Ui& ui)
{
    step_counter(ui, typing.step, screens::TypingPractice::step_count);
    if (typing.step == 1) {
        paragraph(ui, "typing.prompt", ui.t("typing.prompt"));
        typed_field(ui, "typing.field", typing.text.view(), ui.t("typing.empty"));
        space(ui, 3);
        keyboard(ui, typing.shift);
        return;
    }
    heading(ui, "typing.well_done", ui.t("typing.well_done"));
    paragraph(ui, "typing.you_typed", ui.t("typing.you_typed"));
    typed_field(ui, "typing.field", typing.text.view(), ui.t("typing.empty"));
    paragraph(ui, "typing.not_kept", ui.t("typing.not_kept"));
    space(ui, 4);
    ButtonSpec next[] = {
        { "typing.again", ui.t("typing.again"), actions::TypeAgain {} },
        { "typing.finish", ui.t("typing.finish"), actions::Back {}, ButtonStyle::Primary },
    };
    button_row(ui, next, ui.metrics.primary_target());
}

}
