// The large on-screen keyboard: letters, digits, Shift, Space, Delete and Done, every key at least
// 10 mm and 2 mm apart, in the layout of the screen's language. It emits TypeKey / DeleteKey /
// ShiftKey / KeyboardDone actions; the text itself lives in the screen's SecureText.
#pragma once
#include "ui/widgets.h"

#include <cfloat>

namespace kiosk::ui {

// On arrival the screen scrolls as far as needed to show the whole keyboard, but never past
// `keep_top`: where the words that must stay in view begin (a lesson's instruction, a heading),
// measured as ImGui::GetCursorPosY() + ImGui::GetScrollY() just before them (issue 15).
void keyboard(Ui& ui, bool shift, float keep_top = FLT_MAX);

// The field that shows what has been typed so far (drawn from the SecureText, not copied).
void typed_field(Ui& ui, std::string_view id, std::string_view typed, std::string_view empty_hint);

}
