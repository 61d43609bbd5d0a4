// Learn: the lesson list, as tiles with pictures (a lesson itself is drawn in lessons.cpp).
#include "ui/screens/screens.h"

namespace kiosk::ui {

void draw_learn(const screens::Learn&, const AppState& state, Ui& ui)
{
    const auto& lessons = state.lessons->lessons;
    heading(ui, "learn.title", ui.t(state.session.guided ? "learn.guided_title" : "learn.title"));
    if (lessons.empty()) {
        paragraph(ui, "learn.none", ui.t("learn.none"));
        return;
    }
    if (!intro_after_choices(ui))
        paragraph(ui, "learn.intro", ui.t("learn.intro"));
    std::vector<std::string> ids, labels;
    auto visible = visible_lessons(state);
    for (int i : visible) {
        const Lesson& lesson = lessons[static_cast<std::size_t>(i)];
        const LessonRecord* record = lesson_record(state, lesson.id);
        ids.push_back("learn.lesson." + lesson.id);
        labels.push_back(ui.strings.format(ui.language, record && record->finished ? "learn.tile_done" : "learn.tile",
            { { "n", std::to_string(lesson.number) }, { "title", std::string(ui.t(lesson.title)) }, { "minutes", std::to_string(lesson.minutes) } }));
    }
    std::vector<ButtonSpec> tiles;
    for (std::size_t k = 0; k < visible.size(); ++k) {
        const Lesson& lesson = lessons[static_cast<std::size_t>(visible[k])];
        const LessonRecord* record = lesson_record(state, lesson.id);
        tiles.push_back({ ids[k], labels[k], actions::OpenLesson { lesson.id }, record && record->finished ? ButtonStyle::Selected : ButtonStyle::Primary });
        tiles.back().icon = lesson_icon(lesson.id);
    }
    tile_rows(ui, tiles, 2, ui.metrics.mm(20));
    if (intro_after_choices(ui))
        paragraph(ui, "learn.intro", ui.t("learn.intro"));
    space(ui, 4);
    if (state.session.guided) {
        ButtonSpec finished { "guided.finished", ui.t("guided.finished"), actions::Open { ScreenId::HandBack } };
        finished.icon = Icon::Done;
        button(ui, finished, 0, ui.metrics.primary_target());
    } else {
        ButtonSpec keyboard { "learn.try_keyboard", ui.t("learn.try_keyboard"), actions::Open { ScreenId::TypingPractice } };
        keyboard.icon = Icon::Keyboard;
        button(ui, keyboard, 0, ui.metrics.primary_target());
    }
}

}
