// Lesson exercises that are choices among a few buttons (lesson_choices.h), moved out of
// lessons.cpp (issue 13: files under 600 lines).
#include "ui/screens/lesson_choices.h"
#include "ui/keyboard.h"

#include <algorithm>
#include <imgui.h>

namespace kiosk::ui {

namespace {

float area_width() { return ImGui::GetContentRegionAvail().x; }

// A caption line that says how the exercise went: recorded as a status, drawn as a paragraph.
void feedback(Ui& ui, std::string_view id, std::string_view text)
{
    space(ui, 2);
    paragraph(ui, id, text);
}

}

void draw_swipe(const LessonStep& step, const screens::Exercise& ex, Ui& ui)
{
    const exercise::Swipe& swipe = ex.get<exercise::Swipe>();
    if (ui.swipe != 0)
        ui.emit(actions::TurnPage { ui.swipe });
    int pages = static_cast<int>(step.items.size());
    paragraph(ui, "lesson.swipe.page", ui.strings.format(ui.language, "lesson.swipe.page",
        { { "n", std::to_string(swipe.page + 1) }, { "m", std::to_string(pages) } }));
    ButtonSpec arrows[] = {
        { "lesson.swipe.back", ui.t("lesson.swipe.back"), actions::TurnPage { -1 } },
        { "lesson.swipe.on", ui.t("lesson.swipe.on"), actions::TurnPage { 1 } },
    };
    // The arrows under the page, or where the room is tight above it (issue 15).
    bool tight = intro_after_choices(ui);
    if (tight) {
        button_row(ui, arrows, ui.metrics.min_target() + ui.metrics.mm(2));
        space(ui, 2);
    }
    float w = area_width();
    ImVec2 at = ImGui::GetCursorScreenPos();
    float h = ui.metrics.mm(35);
    ImDrawList* list = ImGui::GetWindowDrawList();
    list->AddRectFilled(at, ImVec2(at.x + w, at.y + h), to_imgui(ui.colours.edge));
    list->AddRectFilled(ImVec2(at.x + 3, at.y + 3), ImVec2(at.x + w - 3, at.y + h - 3), to_imgui(ui.colours.field));
    std::string_view text = ui.t(step.items[static_cast<std::size_t>(swipe.page)]);
    ImFont* font = ui.fonts.heading();
    float size = font->FontSize;
    ImVec2 t = font->CalcTextSizeA(size, w, w - ui.metrics.mm(8), text.data(), text.data() + text.size());
    list->AddText(font, size, ImVec2(at.x + (w - t.x) * 0.5f, at.y + std::max(ui.metrics.mm(2), (h - t.y) * 0.5f)), to_imgui(ui.colours.field_text),
        text.data(), text.data() + text.size(), w - ui.metrics.mm(8));
    ImGui::Dummy(ImVec2(w, std::max(h, t.y + ui.metrics.mm(4))));
    Rect r { at.x, at.y, w, h };
    ui.tree.add({ .id = "lesson.swipe.card", .role = Role::Text, .text = std::string(text), .rect = r, .visible = r.intersect(ui.clip) });
    if (!tight) {
        space(ui, 2);
        button_row(ui, arrows, ui.metrics.min_target() + ui.metrics.mm(2));
    }
}

void draw_sort(const LessonStep& step, const screens::Exercise& ex, Ui& ui)
{
    const exercise::Sort& sort = ex.get<exercise::Sort>();
    int n = static_cast<int>(step.sort_items.size());
    if (ex.done) {
        paragraph(ui, "lesson.sort.all", ui.strings.format(ui.language, "lesson.sort.all",
            { { "right", std::to_string(sort.sort_right) }, { "m", std::to_string(n) } }));
        return;
    }
    const SortItem& item = step.sort_items[static_cast<std::size_t>(sort.sort_index)];
    // "Message 2 of 5" above the message, or where the room is tight after the groups.
    auto which = [&] {
        paragraph(ui, "lesson.sort.which", ui.strings.format(ui.language, "lesson.sort.which",
            { { "n", std::to_string(sort.sort_index + 1) }, { "m", std::to_string(n) } }));
    };
    bool tight = intro_after_choices(ui);
    if (!tight)
        which();
    typed_field(ui, "lesson.sort.item", ui.t(item.text), "");
    ui.tree.last().spoken = std::string(ui.t(item.text)); // the lesson's own message, not typed: read it
    space(ui, 2);
    auto style = [&](int g) { return sort.sort_answer && *sort.sort_answer == g ? ButtonStyle::Selected : ButtonStyle::Normal; };
    ButtonSpec groups[] = {
        { "lesson.sort.group0", ui.t(step.groups[0]), actions::Choose { 0 }, style(0) },
        { "lesson.sort.group1", ui.t(step.groups[1]), actions::Choose { 1 }, style(1) },
    };
    button_row(ui, groups, ui.metrics.primary_target());
    if (tight)
        which();
    if (!sort.sort_answer)
        return;
    feedback(ui, "lesson.sort.clue", ui.t(item.clue));
    button(ui, { "lesson.sort.next", ui.t(sort.sort_index + 1 < n ? "lesson.sort.next" : "lesson.sort.finish"), actions::TurnPage { 1 }, ButtonStyle::Primary },
        0, ui.metrics.primary_target());
}

void draw_lesson_settings(const AppState& state, Ui& ui)
{
    paragraph(ui, "settings.text_size", ui.t("settings.text_size"));
    text_size_choice(ui, state, true); // steady, as in Settings
    space(ui, 3);
    paragraph(ui, "settings.theme", ui.t("settings.theme"));
    theme_choice(ui, state);
    feedback(ui, "lesson.settings.preview", ui.t("lesson.settings.preview"));
}

}
