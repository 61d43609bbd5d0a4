// Lesson exercises that are choices among a few buttons: sorting messages into two groups,
// turning pages, and lesson 5's text size and colours. Drawn by draw_lesson (lessons.cpp).
#pragma once
#include "ui/screens/screens.h"

namespace kiosk::ui {

// Shared by the lesson files: the width left on the line, and a caption line saying how the
// exercise went (drawn as a paragraph after a little space).
float area_width();
void feedback(Ui& ui, std::string_view id, std::string_view text);

void draw_sort(const LessonStep& step, const screens::Exercise& ex, Ui& ui);
void draw_swipe(const LessonStep& step, const screens::Exercise& ex, Ui& ui);
void draw_lesson_settings(const AppState& state, Ui& ui);

}
