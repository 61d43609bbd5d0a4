// One frame of the interface: the top bar (Back, Home, Ask for a person) and the current screen
// in a scrolling region. Called between ImGui::NewFrame() and ImGui::Render().
#pragma once
#include "ui/widgets.h"

namespace kiosk::ui {

// Applies the theme's colours and spacing to the ImGui style (once per theme change).
void apply_style(const Palette& colours, const Metrics& metrics);

void draw_frame(const AppState& state, Ui& ui);

}
