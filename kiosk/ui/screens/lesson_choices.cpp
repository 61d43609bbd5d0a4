// Lesson exercises that are choices among a few buttons (lesson_choices.h). Where the room is
// tight on a short screen (150 % or 200 % text, or a screen under 110 mm tall) each puts its
// buttons and what they act on together right under the instruction, so both are in view on
// arrival (issue 15): the buttons' words at the normal size, as Welcome's and Settings' choices.
#include "ui/screens/lesson_choices.h"

#include <algorithm>
#include <array>
#include <cfloat>
#include <imgui.h>

namespace kiosk::ui {

float area_width() { return ImGui::GetContentRegionAvail().x; }

void feedback(Ui& ui, std::string_view id, std::string_view text)
{
    space(ui, 2);
    paragraph(ui, id, text);
}

namespace {

// From the cursor down to the top of the "More below" strip, as the screen is on arrival.
float room_above_fold(const Ui& ui) { return ImGui::GetWindowSize().y - more_below_height(ui) - ImGui::GetCursorPosY(); }

// The message to sort in a field's frame, `pad` from its edge, at least 12 mm tall: the lesson's
// own words, not typed, so read aloud.
float message_height(const Ui& ui, std::string_view text, ImFont* font, float pad)
{
    ImVec2 size = font->CalcTextSizeA(font->FontSize, FLT_MAX, area_width() - 2 * pad, text.data(), text.data() + text.size());
    return std::max(ui.metrics.mm(12.0), size.y + 2 * pad);
}

void message(Ui& ui, std::string_view text, ImFont* font, float pad)
{
    float width = area_width();
    float height = message_height(ui, text, font, pad);
    ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(width, height));
    Rect r { at.x, at.y, width, height };
    ImDrawList* list = ImGui::GetWindowDrawList();
    float edge = std::max(1.0f, ui.metrics.mm(0.6));
    list->AddRectFilled(at, ImVec2(r.right(), r.bottom()), to_imgui(ui.colours.edge));
    list->AddRectFilled(ImVec2(at.x + edge, at.y + edge), ImVec2(r.right() - edge, r.bottom() - edge), to_imgui(ui.colours.field));
    list->AddText(font, font->FontSize, ImVec2(at.x + pad, at.y + pad), to_imgui(ui.colours.field_text), text.data(), text.data() + text.size(),
        width - 2 * pad);
    ui.tree.add({ .id = "lesson.sort.item", .role = Role::Field, .text = std::string(text), .rect = r, .visible = r.intersect(ui.clip),
        .spoken = std::string(text) });
}

// The messages' words as large as the room above `below` allows on arrival, the same for every
// message of the step: the body text's size, the instruction's, or the normal size; nullptr when
// not even the normal size leaves the room.
ImFont* message_font(const Ui& ui, const LessonStep& step, float pad, float below)
{
    std::array<ImFont*, 3> fonts { ui.fonts.body(), ui.fonts.heading(), ui.fonts.bar() };
    std::sort(fonts.begin(), fonts.end(), [](ImFont* a, ImFont* b) { return a->FontSize > b->FontSize; });
    float room = room_above_fold(ui) - below;
    for (ImFont* font : fonts) {
        if (font->FontSize > ui.fonts.body()->FontSize)
            continue;
        float tallest = 0;
        for (const SortItem& item : step.sort_items)
            tallest = std::max(tallest, message_height(ui, ui.t(item.text), font, pad));
        if (tallest <= room)
            return font;
    }
    return nullptr;
}

}

void draw_swipe(const LessonStep& step, const screens::Exercise& ex, Ui& ui)
{
    const exercise::Swipe& swipe = ex.get<exercise::Swipe>();
    if (ui.swipe != 0)
        ui.emit(actions::TurnPage { ui.swipe });
    int pages = static_cast<int>(step.items.size());
    auto which = [&] {
        paragraph(ui, "lesson.swipe.page", ui.strings.format(ui.language, "lesson.swipe.page",
            { { "n", std::to_string(swipe.page + 1) }, { "m", std::to_string(pages) } }));
    };
    ButtonSpec arrows[] = {
        { "lesson.swipe.back", ui.t("lesson.swipe.back"), actions::TurnPage { -1 } },
        { "lesson.swipe.on", ui.t("lesson.swipe.on"), actions::TurnPage { 1 } },
    };
    float arrow_height = ui.metrics.min_target() + ui.metrics.mm(2);
    // The arrows under the page, or where the room is tight above it (issue 15). On a short screen
    // they are side by side, their words at the normal size, and "Page 1 of 3" follows the page,
    // so the arrows and the page are in view together.
    bool tight = intro_after_choices(ui);
    bool compact = tight && short_screen(ui);
    if (compact)
        make_steady(ui, arrows, arrow_height);
    else
        which();
    if (tight) {
        button_row(ui, arrows, arrow_height, compact, compact);
        if (!compact)
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
    if (compact)
        which();
    if (!tight) {
        space(ui, 2);
        button_row(ui, arrows, arrow_height);
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
    auto style = [&](int g) { return sort.sort_answer && *sort.sort_answer == g ? ButtonStyle::Selected : ButtonStyle::Normal; };
    ButtonSpec groups[] = {
        { "lesson.sort.group0", ui.t(step.groups[0]), actions::Choose { 0 }, style(0) },
        { "lesson.sort.group1", ui.t(step.groups[1]), actions::Choose { 1 }, style(1) },
    };
    float group_height = ui.metrics.primary_target();
    std::string_view text = ui.t(item.text);
    if (tight && short_screen(ui)) {
        // On a short screen where the room is tight, the message and the two groups right under it
        // are seen together on arrival: the groups' words at the normal size, 1.5 mm from their
        // edge, the message's as large as the room allows, 2 mm between them. Where the step's
        // messages are too long for that (lesson 9's), the groups come first, right under the
        // instruction, and the message follows, each in the same place for every message.
        make_steady(ui, groups, group_height);
        for (auto& group : groups)
            group.padding_mm = 1.5;
        float row = std::max(group_height, ui.fonts.bar()->FontSize + 2 * ui.metrics.mm(1.5));
        float gap = ui.metrics.mm(2);
        float pad = ui.metrics.mm(1.5);
        ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ui.metrics.gap(), gap));
        if (ImFont* font = message_font(ui, step, pad, gap + row)) {
            message(ui, text, font, pad);
            button_row(ui, groups, group_height);
        } else {
            button_row(ui, groups, group_height);
            ImFont* under = message_font(ui, step, pad, 0);
            message(ui, text, under ? under : ui.fonts.bar(), pad);
        }
        ImGui::PopStyleVar();
    } else {
        message(ui, text, ui.fonts.body(), ui.metrics.mm(2));
        space(ui, 2);
        button_row(ui, groups, group_height);
    }
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
    // The instruction above asks for a bigger text: where the room is tight the sizes follow it
    // at once, without their caption.
    if (!intro_after_choices(ui))
        paragraph(ui, "settings.text_size", ui.t("settings.text_size"));
    text_size_choice(ui, state, true); // steady, as in Settings
    space(ui, 3);
    paragraph(ui, "settings.theme", ui.t("settings.theme"));
    theme_choice(ui, state);
    feedback(ui, "lesson.settings.preview", ui.t("lesson.settings.preview"));
}

}
