// The large on-screen keyboard: letters, digits, Shift, Space, Delete and Done, every key at least
// 10 mm and 2 mm apart, in the layout of the screen's language. It emits TypeKey / DeleteKey /
// ShiftKey / KeyboardDone actions; the text itself lives in the screen's SecureText.
#pragma once
#include "ui/widgets.h"

#include <cfloat>

namespace kiosk::ui {

// On arrival the screen scrolls as far as needed to show the whole keyboard, but never past
// `keep_top`: where the words that must stay in view begin (a lesson's instruction, a heading),
// measured as ImGui::GetCursorPosY() just before them (in the content, whatever the scroll; on
// arrival the scroll is still the last screen's). Then the keyboard's last rows may wait below
// "More below" (issue 15). On a short screen its keys are compact (10.5 mm).
// `refit`: do the same now, not on a new screen (a message above the keyboard has just shown).
void keyboard(Ui& ui, bool shift, float keep_top = FLT_MAX, bool refit = false);

// The field that shows what has been typed so far (drawn from the SecureText, not copied).
// `keys_follow`: the keyboard comes right under it, 2 mm below (as keys follow keys): on a short
// screen its first row is then in view on arrival, on the reference tablet at 100 % the whole
// keyboard (English). On a short screen the field's words are no larger than a lesson's
// instruction, with no more room above and below them than a line's, and its empty hint keeps to
// one line.
void typed_field(Ui& ui, std::string_view id, std::string_view typed, std::string_view empty_hint, bool keys_follow = false);

// True on the first frame that `on` holds for `id` (and not on a new screen): something has just
// shown above the keyboard, which may then be fitted into view again (keyboard's `refit`).
bool just_shown(Ui& ui, std::string_view id, bool on);

}
