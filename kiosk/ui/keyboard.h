// The large on-screen keyboard: letters, digits, Shift, Space, Delete and Done, every key at least
// 10 mm and 2 mm apart, in the layout of the screen's language. It emits TypeKey / DeleteKey /
// ShiftKey / KeyboardDone actions; the text itself lives in the screen's SecureText.
#pragma once
#include "ui/widgets.h"

namespace kiosk::ui {

void keyboard(Ui& ui, bool shift);

// The field that shows what has been typed so far (drawn from the SecureText, not copied).
void typed_field(Ui& ui, std::string_view id, std::string_view typed, std::string_view empty_hint);

}
