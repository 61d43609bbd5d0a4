// Learn: one lesson step by step with its exercise, and the end of a lesson (the lesson list is in
// learn.cpp, the staff's guided sessions in guided.cpp). Each exercise kind is one function below,
// or in lesson_choices.cpp for sorting, turning pages and lesson 5's text size and colours; what a
// tap does is in app/update_lessons.cpp, the lesson's words in the catalogs.
#include "ui/keyboard.h"
#include "ui/screens/lesson_choices.h"
#include "ui/screens/screens.h"

#include <array>
#include <cfloat>
#include <cmath>
#include <imgui.h>

namespace kiosk::ui {

namespace {


// The words on a step's first target, when known before it is drawn: a read step's link or Next,
// a choice step's first choice. Empty: a one-line target.
std::string_view first_target_words(const LessonStep& step, const Ui& ui)
{
    if (step.kind == ExerciseKind::Read)
        return ui.t(step.link.empty() ? "lesson.next" : step.link_label);
    if (step.kind == ExerciseKind::Choose && !step.choices.empty())
        return ui.t(step.choices.front().label);
    return {};
}

// On a short screen at 150–200 %: true when the instruction in the heading font would leave no
// room under it for the step's first target above "More below"; it is then drawn at the normal
// size (bold), as headings are there.
bool instruction_at_normal_size(const LessonStep& step, Ui& ui)
{
    if (!intro_after_choices(ui) || !short_screen(ui) || ui.metrics.text_size() == TextSize::Normal)
        return false;
    ImFont* bold = ui.fonts.bold();
    float pad = ui.metrics.mm(label_padding_mm(ui));
    std::string_view words = first_target_words(step, ui);
    float label = words.empty() ? bold->FontSize
                                : bold->CalcTextSizeA(bold->FontSize, FLT_MAX, area_width() - 2 * pad, words.data(), words.data() + words.size()).y;
    float target = std::max(ui.metrics.primary_target(), label + 2 * pad);
    float room = ImGui::GetContentRegionAvail().y - more_below_height(ui) - ui.metrics.gap();
    return instruction_height(ui, ui.t(step.text)) + target > room;
}


// Simple pictures made of rectangles and circles (the software renderer's fast path), in a box
// `h` tall, centred. Recorded as an image with words, for the tree and read-aloud.
void picture(Ui& ui, std::string_view name, float h)
{
    float w = area_width();
    ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(w, h));
    ImDrawList* list = ImGui::GetWindowDrawList();
    float cx = at.x + w * 0.5f, cy = at.y + h * 0.5f, u = h / 10.0f;
    unsigned ink = to_imgui(ui.colours.primary), face = to_imgui(ui.colours.button), edge = to_imgui(ui.colours.edge);
    auto box = [&](float x0, float y0, float x1, float y1, unsigned c) { list->AddRectFilled(ImVec2(cx + x0 * u, cy + y0 * u), ImVec2(cx + x1 * u, cy + y1 * u), c); };
    if (name == "tablet" || name == "phone") {
        float half = name == "tablet" ? 4.5f : 2.5f;
        box(-half, -4.8f, half, 4.8f, edge);
        box(-half + 0.5f, -4.3f, half - 0.5f, 3.5f, face);
        filled_circle(cx, cy + 4.15f * u, 0.4f * u, ui.colours.button);
    } else if (name == "hand") {
        box(-2.5f, -0.5f, 2.5f, 4.5f, ink);
        box(-2.5f, -4.5f, -1.3f, 0.0f, ink);
        box(-1.0f, -4.8f, 0.2f, 0.0f, ink);
        box(0.5f, -4.5f, 1.7f, 0.0f, ink);
        box(2.6f, -1.0f, 3.8f, 2.0f, ink);
    } else if (name == "lock" || name == "shield") {
        if (name == "lock") {
            box(-2.5f, -4.5f, 2.5f, -0.5f, ink);
            box(-1.6f, -3.6f, 1.6f, -0.5f, to_imgui(ui.colours.background));
            box(-3.5f, -0.5f, 3.5f, 4.5f, ink);
        } else {
            box(-3.5f, -4.5f, 3.5f, 1.0f, ink);
            for (int band = 0; band < 16; ++band) { // 0.25-unit bands from y = 1 to 5
                float y = 1.0f + 0.25f * static_cast<float>(band);
                float half = 3.5f * (1.0f - (y - 1.0f) / 3.8f);
                box(-half, y, half, y + 0.25f, ink);
            }
        }
        filled_circle(cx, cy + 1.5f * u, 0.8f * u, ui.colours.background);
    } else if (name == "wifi") {
        for (int ring = 3; ring >= 1; --ring) {
            filled_circle(cx, cy + 4.0f * u, static_cast<float>(ring) * 2.6f * u, ring % 2 ? ui.colours.primary : ui.colours.background);
        }
        box(-9.0f, 4.0f, 9.0f, 9.0f, to_imgui(ui.colours.background));
        filled_circle(cx, cy + 3.6f * u, 0.9f * u, ui.colours.primary);
    } else if (name == "people") {
        for (float dx : { -2.6f, 2.6f }) {
            filled_circle(cx + dx * u, cy - 2.0f * u, 1.6f * u, ui.colours.primary);
            box(dx - 2.2f, 0.2f, dx + 2.2f, 4.5f, ink);
        }
    } else if (name == "heart") {
        filled_circle(cx - 1.8f * u, cy - 1.5f * u, 2.2f * u, ui.colours.urgent);
        filled_circle(cx + 1.8f * u, cy - 1.5f * u, 2.2f * u, ui.colours.urgent);
        for (int band = 0; band < 24; ++band) { // 0.25-unit bands from y = -1.5 to 4.5
            float y = -1.5f + 0.25f * static_cast<float>(band);
            float half = 4.0f * (1.0f - (y + 1.5f) / 6.0f);
            box(-half, y, half, y + 0.25f, to_imgui(ui.colours.urgent));
        }
    }
    Rect r { at.x, at.y, w, h };
    std::string key = "lesson.picture." + std::string(name);
    ui.tree.add({ .id = key, .role = Role::Image, .text = std::string(ui.t(key)), .rect = r, .visible = r.intersect(ui.clip) });
}

void draw_read(const LessonStep& step, Ui& ui)
{
    // The picture takes the room above Next, up to 30 mm, so Next is in view on arrival; with less
    // than 12 mm left (200 % text on a small screen) it is left out.
    float room = ImGui::GetContentRegionAvail().y - ui.metrics.primary_target() * (step.link.empty() ? 1.0F : 2.0F) - ui.metrics.mm(30);
    if (!step.picture.empty() && room >= ui.metrics.mm(12))
        picture(ui, step.picture, std::min(room, ui.metrics.mm(30)));
    if (!step.link.empty()) {
        if (!intro_after_choices(ui))
            space(ui, 3);
        auto target = screen_from_name(step.link);
        if (target)
            button(ui, { "lesson.link", ui.t(step.link_label), actions::Open { *target }, ButtonStyle::Normal, Role::Button, label_padding_mm(ui) }, 0,
                ui.metrics.primary_target());
    }
}

// Circles that move and shrink from 16 mm to 10 mm with each tap.
void draw_tap(const LessonStep& step, const screens::Exercise& ex, Ui& ui)
{
    const exercise::Tap& tap = ex.get<exercise::Tap>();
    static constexpr std::array<std::pair<float, float>, 10> spots { { { 0.5f, 0.5f }, { 0.2f, 0.3f }, { 0.8f, 0.7f }, { 0.3f, 0.8f },
        { 0.75f, 0.25f }, { 0.5f, 0.2f }, { 0.15f, 0.65f }, { 0.85f, 0.4f }, { 0.4f, 0.45f }, { 0.6f, 0.8f } } };
    auto count = [&] {
        paragraph(ui, "lesson.tap.count", ui.strings.format(ui.language, "lesson.tap.count",
            { { "n", std::to_string(tap.taps) }, { "m", std::to_string(step.count) } }));
    };
    // Where the room is tight the count follows the circle's area, which takes the room left
    // above it and "More below" (the circle wholly in view on arrival, issue 15); elsewhere the room
    // left above Repeat and Skip, so the circle shows without scrolling.
    bool tight = intro_after_choices(ui);
    if (!tight)
        count();
    float w = area_width();
    float d = ui.metrics.mm(tap_target_mm(tap.taps, step.count));
    float room = tight ? ImGui::GetContentRegionAvail().y - more_below_height(ui) - ui.fonts.body()->FontSize - ui.metrics.gap()
                       : ImGui::GetContentRegionAvail().y - ui.metrics.primary_target() - ui.metrics.mm(14);
    float h = tight ? std::clamp(room, d, ui.metrics.mm(70)) : std::clamp(room, ui.metrics.mm(30), ui.metrics.mm(70));
    ImVec2 at = ImGui::GetCursorScreenPos();
    if (ex.done) {
        ImGui::Dummy(ImVec2(w, ui.metrics.mm(4)));
        if (tight)
            count();
        return;
    }
    auto spot = spots[static_cast<std::size_t>(tap.taps) % spots.size()];
    float x = at.x + (w - d) * spot.first, y = at.y + (h - d) * spot.second;
    ImGui::Dummy(ImVec2(w, h));
    ImVec2 after = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos(ImVec2(x, y));
    bool clicked = ImGui::InvisibleButton("##tap-target", ImVec2(d, d));
    ImGui::SetCursorScreenPos(after);
    filled_circle(x + d * 0.5f, y + d * 0.5f, d * 0.5f, ui.colours.primary);
    Rect r { x, y, d, d };
    ui.tree.add({ .id = "lesson.target", .role = Role::Button, .text = std::string(ui.t("lesson.tap.target")), .rect = r, .visible = r.intersect(ui.clip) });
    if (clicked)
        ui.emit(actions::TapTarget {});
    if (tight)
        count();
}

// The ring that fills while the target is held (letting go keeps it), `part` of the way round.
void hold_ring(const Ui& ui, ImVec2 centre, float radius, float thick, float part)
{
    ImDrawList* list = ImGui::GetWindowDrawList();
    list->PathArcTo(centre, radius - thick * 0.5f, 0, 2 * 3.14159265f, 48);
    list->PathStroke(to_imgui(ui.colours.button), ImDrawFlags_Closed, thick);
    if (part > 0) {
        float start = -3.14159265f / 2;
        list->PathArcTo(centre, radius - thick * 0.5f, start, start + 2 * 3.14159265f * part, std::max(4, static_cast<int>(48 * part)));
        list->PathStroke(to_imgui(ui.colours.primary), ImDrawFlags_None, thick);
    }
}

// A big button to hold while a ring around it fills. Letting go keeps the ring. Where its words do
// not fit inside the ring at this text size, or the ring would not be in view on arrival (200 %
// text, a short screen), it is a wide button with the ring at its left, its words beside it.
void draw_hold(const LessonStep& step, const screens::Exercise& ex, Ui& ui)
{
    const exercise::Hold& hold = ex.get<exercise::Hold>();
    float w = area_width();
    ImFont* font = ui.fonts.bold();
    std::string_view label = ui.t(ex.done ? "lesson.hold.full" : "lesson.hold.target");
    double full = static_cast<double>(Millis { Seconds { step.count } }.count());
    float part = ex.done ? 1.0f : static_cast<float>(std::min(1.0, static_cast<double>(hold.held_for(ui.now).count()) / full));
    float thick = ui.metrics.mm(4);
    // As large as the room above the feedback line and Repeat / Next allows, so both stay in view;
    // where the room is tight, the room above "More below".
    bool tight = intro_after_choices(ui);
    float avail = ImGui::GetContentRegionAvail().y;
    float room = tight ? avail - more_below_height(ui) - ui.metrics.gap()
                       : avail - ui.metrics.primary_target() - ui.fonts.body()->FontSize * 2 - ui.metrics.mm(12);
    float size = std::min(std::clamp(room, ui.metrics.mm(40), ui.metrics.mm(64)), w);
    float inner = (size * 0.5f - thick - ui.metrics.mm(2)) * 1.41f;
    float widest = std::max(widest_word(font, ui.t("lesson.hold.target")), widest_word(font, ui.t("lesson.hold.full")));
    bool ring_form = widest + ui.metrics.mm(2) <= inner && (!tight || size <= room + 0.5f);
    ImVec2 at = ImGui::GetCursorScreenPos();
    Rect r;
    ImVec2 text_at;
    if (ring_form) {
        ImVec2 centre(at.x + w * 0.5f, at.y + size * 0.5f);
        hold_ring(ui, centre, size * 0.5f, thick, part);
        r = { centre.x - inner * 0.5f, centre.y - inner * 0.5f, inner, inner };
    } else {
        float pad = ui.metrics.mm(2);
        float h = std::max(ui.metrics.primary_target(), font->FontSize + 2 * pad);
        r = { at.x, at.y, w, h };
        size = h;
    }
    ImGui::SetCursorScreenPos(ImVec2(r.x, r.y));
    ImGui::InvisibleButton("##hold-target", ImVec2(r.w, r.h));
    bool active = ImGui::IsItemActive();
    ImGui::SetCursorScreenPos(ImVec2(at.x, at.y + size));
    ImGui::Dummy(ImVec2(w, 1));
    ImDrawList* list = ImGui::GetWindowDrawList();
    Rgb face = active ? ui.colours.primary_pressed : ui.colours.primary;
    list->AddRectFilled(ImVec2(r.x, r.y), ImVec2(r.right(), r.bottom()), to_imgui(ring_form ? face : ui.colours.edge));
    float text_left = r.x, text_w = r.w;
    if (!ring_form) {
        float edge = std::max(1.0f, ui.metrics.mm(0.4));
        list->AddRectFilled(ImVec2(r.x + edge, r.y + edge), ImVec2(r.right() - edge, r.bottom() - edge), to_imgui(face));
        // The ring at the left, on the button's own colour.
        float ring = r.h - 2 * ui.metrics.mm(2);
        hold_ring(ui, ImVec2(r.x + ui.metrics.mm(3) + ring * 0.5f, r.y + r.h * 0.5f), ring * 0.5f, ui.metrics.mm(3), part);
        text_left = r.x + ui.metrics.mm(3) + ring;
        text_w = r.w - (text_left - r.x);
    }
    ImVec2 text = font->CalcTextSizeA(font->FontSize, FLT_MAX, text_w, label.data(), label.data() + label.size());
    text_at = ImVec2(text_left + (text_w - text.x) * 0.5f, r.y + (r.h - text.y) * 0.5f);
    list->AddText(font, font->FontSize, text_at, to_imgui(ui.colours.primary_text), label.data(), label.data() + label.size(), text_w);
    ui.tree.add({ .id = "lesson.hold", .role = Role::Button, .text = std::string(label), .rect = r, .visible = r.intersect(ui.clip),
        .text_fits = widest_word(font, label) <= text_w + 0.5f && text.y <= r.h + 0.5f });
    if (!ex.done && active && !hold.hold_since)
        ui.emit(actions::HoldTarget {});
    else if (!ex.done && !active && hold.hold_since)
        ui.emit(actions::ReleaseTarget {});
}

void draw_scroll(const LessonStep& step, const screens::Exercise& ex, Ui& ui)
{
    const exercise::Scroll& scroll = ex.get<exercise::Scroll>();
    for (std::size_t i = 0; i < step.items.size(); ++i) {
        bool found = ex.done && step.items[i] == step.target;
        button(ui, { step.items[i], ui.t(step.items[i]), actions::PickItem { static_cast<int>(i) }, found ? ButtonStyle::Selected : ButtonStyle::Normal },
            0, ui.metrics.min_target() + ui.metrics.mm(2));
        // What was tapped is answered right under it, where the person is looking.
        if (found)
            paragraph(ui, "lesson.scroll.found", ui.t("lesson.scroll.found"));
        else if (scroll.wrong_item == static_cast<int>(i))
            paragraph(ui, "lesson.scroll.not_this", ui.strings.format(ui.language, "lesson.scroll.not_this", { { "item", std::string(ui.t(step.target)) } }));
        space(ui, 1);
    }
}

// `text_top`: where the instruction begins, which the keyboard keeps in view (keyboard.h).
void draw_type(const LessonStep& step, const screens::Exercise& ex, Ui& ui, float text_top)
{
    const exercise::Type& type = ex.get<exercise::Type>();
    float field_top = ImGui::GetCursorPosY();
    // Done where the room is tight: Next, then that it is not kept (draw_lesson).
    if (!(ex.done && intro_after_choices(ui)))
        typed_field(ui, "lesson.field", type.typed.view(), ui.t("typing.empty"), !ex.done);
    if (ex.done) {
        if (!intro_after_choices(ui)) // where the room is tight it follows Next (draw_lesson)
            paragraph(ui, "typing.not_kept", ui.t("typing.not_kept"));
        return;
    }
    if (type.mismatch)
        paragraph(ui, "lesson.type.mismatch", ui.strings.format(ui.language, "lesson.type.mismatch",
            { { "goal", step.goal_text[static_cast<std::size_t>(ui.language)] } }));
    // When "Not quite" shows under the field, the keyboard is fitted into view again, keeping the
    // field in view: Delete and Done are not pushed below the fold by it.
    bool refit = just_shown(ui, "lesson.type.mismatch", type.mismatch);
    keyboard(ui, type.shift, refit ? field_top : text_top, refit);
    space(ui, 2);
    privacy_link(ui); // the step asks for something (a first name): what happens to it
}

void draw_choose(const LessonStep& step, const screens::Exercise& ex, Ui& ui)
{
    const exercise::Choose& choose = ex.get<exercise::Choose>();
    std::vector<ButtonSpec> options;
    for (std::size_t i = 0; i < step.choices.size(); ++i) {
        bool chosen = choose.chosen && *choose.chosen == static_cast<int>(i);
        options.push_back({ step.choices[i].label, ui.t(step.choices[i].label), actions::Choose { static_cast<int>(i) },
            chosen ? ButtonStyle::Selected : ButtonStyle::Normal });
    }
    for (auto& option : options) {
        option.padding_mm = label_padding_mm(ui);
        button(ui, option, 0, ui.metrics.min_target() + ui.metrics.mm(3));
        space(ui, 1);
    }
    if (!choose.chosen)
        return;
    const LessonChoice& choice = step.choices[static_cast<std::size_t>(*choose.chosen)];
    feedback(ui, "lesson.choose.feedback", ui.t(choice.feedback));
    if (!choice.right)
        button(ui, { "lesson.try_again", ui.t("lesson.try_again"), actions::TryAgain {} }, 0, ui.metrics.min_target() + ui.metrics.mm(2));
}

void draw_undo(const LessonStep& step, const screens::Exercise& ex, Ui& ui)
{
    const exercise::Undo& undo = ex.get<exercise::Undo>();
    std::vector<std::string> ids, labels;
    std::vector<ButtonSpec> tiles;
    for (std::size_t i = 0; i < step.items.size(); ++i) {
        ids.push_back("lesson.undo.item." + std::to_string(i));
        labels.push_back(undo.deleted[i] ? std::string(ui.t("lesson.undo.gone"))
                                       : ui.strings.format(ui.language, "lesson.undo.delete", { { "item", std::string(ui.t(step.items[i])) } }));
    }
    for (std::size_t i = 0; i < step.items.size(); ++i)
        tiles.push_back({ ids[i], labels[i], actions::PickItem { static_cast<int>(i) }, undo.deleted[i] ? ButtonStyle::Selected : ButtonStyle::Normal });
    // As tiles: one per row at 200 %, and at 150 % on a short screen, so the first is in view.
    tile_rows(ui, tiles, tiles.size(), ui.metrics.mm(22));
    if (undo.last_deleted >= 0) {
        feedback(ui, "lesson.undo.deleted", ui.strings.format(ui.language, "lesson.undo.deleted",
            { { "item", std::string(ui.t(step.items[static_cast<std::size_t>(undo.last_deleted)])) } }));
        button(ui, { "lesson.undo", ui.t("lesson.undo"), actions::UndoDelete {}, ButtonStyle::Primary }, 0, ui.metrics.primary_target());
    }
}

void draw_audio(const LessonStep& step, const screens::Exercise& ex, Ui& ui)
{
    const exercise::Audio& audio = ex.get<exercise::Audio>();
    auto elapsed = audio.audio_elapsed(ui.now);
    auto caption_at = static_cast<std::size_t>(elapsed.count() / 4000) % step.items.size();
    auto play = [&] {
        button(ui, audio.playing ? ButtonSpec { "lesson.audio.pause", ui.t("lesson.audio.pause"), actions::PlayAudio { false }, ButtonStyle::Primary }
                              : ButtonSpec { "lesson.audio.play", ui.t("lesson.audio.play"), actions::PlayAudio { true }, ButtonStyle::Primary },
            0, ui.metrics.primary_target());
    };
    // Where the room is tight, Play first, then the words to breathe with (issue 15).
    bool tight = intro_after_choices(ui);
    if (tight) {
        play();
        space(ui, 2);
    }
    std::string_view caption = audio.playing || elapsed.count() > 0 ? ui.t(step.items[caption_at]) : ui.t("lesson.audio.ready");
    heading(ui, "lesson.audio.caption", caption);
    auto clock = [](long long ms) {
        long long s = ms / 1000;
        std::string seconds = std::to_string(s % 60);
        return std::to_string(s / 60) + ":" + (seconds.size() < 2 ? "0" : "") + seconds;
    };
    paragraph(ui, "lesson.audio.time", ui.strings.format(ui.language, "lesson.audio.time",
        { { "now", clock(elapsed.count()) }, { "all", clock(step.count * 1000LL) } }));
    float w = area_width();
    ImVec2 at = ImGui::GetCursorScreenPos();
    float bar = ui.metrics.mm(3);
    float part = std::min(1.0f, static_cast<float>(elapsed.count()) / (static_cast<float>(step.count) * 1000.0f));
    ImDrawList* list = ImGui::GetWindowDrawList();
    list->AddRectFilled(at, ImVec2(at.x + w, at.y + bar), to_imgui(ui.colours.button));
    list->AddRectFilled(at, ImVec2(at.x + w * part, at.y + bar), to_imgui(ui.colours.primary));
    ImGui::Dummy(ImVec2(w, bar));
    if (!tight) {
        space(ui, 3);
        play();
    }
}

void draw_call(const LessonStep& step, const screens::Exercise& ex, Ui& ui)
{
    const exercise::Call& call = ex.get<exercise::Call>();
    using Call = exercise::Call::Phase;
    static constexpr std::array tasks { "lesson.call.task0", "lesson.call.task1", "lesson.call.task2", "lesson.call.task3", "lesson.call.task4" };
    std::string caller(ui.t(step.caller));
    if (call.call == Call::Ended) {
        paragraph(ui, "lesson.call.ended", ui.t("lesson.call.ended"));
        return;
    }
    // Who is calling, and the pretend video: the caller, and the person's own small picture unless
    // the camera is off. They follow the task and its buttons, the exercise (issue 15).
    auto video = [&] {
        paragraph(ui, "lesson.call.status", ui.strings.format(ui.language, call.call == Call::Ringing ? "lesson.call.ringing" : "lesson.call.talking",
            { { "name", caller } }));
        float w = area_width();
        float h = ui.metrics.mm(35);
        ImVec2 at = ImGui::GetCursorScreenPos();
        ImDrawList* list = ImGui::GetWindowDrawList();
        list->AddRectFilled(at, ImVec2(at.x + w, at.y + h), to_imgui(ui.colours.field));
        filled_circle(at.x + w * 0.5f, at.y + h * 0.4f, h * 0.22f, ui.colours.primary);
        list->AddRectFilled(ImVec2(at.x + w * 0.5f - h * 0.3f, at.y + h * 0.68f), ImVec2(at.x + w * 0.5f + h * 0.3f, at.y + h), to_imgui(ui.colours.primary));
        if (call.call == Call::Talking) {
            ImVec2 a(at.x + w - h * 0.45f - 6, at.y + 6), b(at.x + w - 6, at.y + h * 0.45f);
            list->AddRectFilled(a, b, to_imgui(call.camera_off ? ui.colours.edge : ui.colours.button));
        }
        ImGui::Dummy(ImVec2(w, h));
        Rect r { at.x, at.y, w, h };
        ui.tree.add({ .id = "lesson.call.video", .role = Role::Image, .text = caller, .rect = r, .visible = r.intersect(ui.clip) });
    };
    // The task ("Now tap Mute") above its buttons, or where the room is tight under them.
    auto task = [&] {
        if (static_cast<std::size_t>(call.task) < tasks.size())
            paragraph(ui, "lesson.call.task", ui.t(tasks[static_cast<std::size_t>(call.task)]));
    };
    bool tight = intro_after_choices(ui);
    if (!tight)
        task();
    if (call.call == Call::Ringing) {
        button(ui, { "lesson.call.answer", ui.t("lesson.call.answer"), actions::PressCall { actions::CallButton::Answer }, ButtonStyle::Primary }, 0,
            ui.metrics.primary_target());
        if (tight)
            task();
        video();
        return;
    }
    ButtonSpec controls[] = {
        { "lesson.call.mute", ui.t(call.muted ? "lesson.call.unmute" : "lesson.call.mute"), actions::PressCall { actions::CallButton::Mute },
            call.muted ? ButtonStyle::Selected : ButtonStyle::Normal },
        { "lesson.call.camera", ui.t(call.camera_off ? "lesson.call.camera_on" : "lesson.call.camera_off"), actions::PressCall { actions::CallButton::Camera },
            call.camera_off ? ButtonStyle::Selected : ButtonStyle::Normal },
        { "lesson.call.hang_up", ui.t("lesson.call.hang_up"), actions::PressCall { actions::CallButton::HangUp }, ButtonStyle::Urgent },
    };
    tile_rows(ui, controls, std::size(controls), ui.metrics.primary_target());
    if (tight)
        task();
    video();
}

void draw_passcode(const LessonStep& step, const screens::Exercise& ex, Ui& ui)
{
    const exercise::Passcode& code = ex.get<exercise::Passcode>();
    if (ex.done) {
        paragraph(ui, "lesson.passcode.match", ui.t("lesson.passcode.match"));
        return;
    }
    // Where the room is tight the pad comes first, under the marks, and the words after it.
    auto words = [&] {
        if (code.mismatch)
            paragraph(ui, "lesson.passcode.mismatch", ui.t("lesson.passcode.mismatch"));
        paragraph(ui, "lesson.passcode.prompt", ui.strings.format(ui.language, code.retyping ? "lesson.passcode.again" : "lesson.passcode.first",
            { { "n", std::to_string(step.count) } }));
    };
    bool tight = intro_after_choices(ui);
    if (!tight)
        words();
    // Stars for typed digits, lines for the rest: the person sees how many are left.
    std::string marks, all_typed, none_typed;
    std::size_t typed = (code.retyping ? code.second : code.first).size();
    for (int i = 0; i < step.count; ++i) {
        marks += (i ? " " : "") + std::string(static_cast<std::size_t>(i) < typed ? "*" : "_");
        all_typed += i ? " *" : "*";
        none_typed += i ? " _" : "_";
    }
    digit_pad(ui, "lesson.pin", [](char d) -> Action { return actions::PickItem { d - '0' }; }, actions::DeleteKey {}, nullptr,
        { "lesson.passcode.marks", marks, { all_typed, none_typed } });
    if (tight)
        words();
}

// The next lesson the person may open after `index`, or -1.
int next_lesson(const AppState& state, int index)
{
    for (int i : visible_lessons(state))
        if (i > index)
            return i;
    return -1;
}

void draw_lesson_end(const Lesson& lesson, const screens::LessonRun& run, const AppState& state, Ui& ui)
{
    heading(ui, "lesson.end.title", ui.t("lesson.end.title"));
    paragraph(ui, "lesson.end.learned", ui.t(lesson.learned));
    space(ui, 4);
    int next = next_lesson(state, run.lesson);
    std::string next_label;
    if (next >= 0) {
        const Lesson& n = state.lessons->lessons[static_cast<std::size_t>(next)];
        next_label = ui.strings.format(ui.language, "lesson.end.next", { { "title", std::string(ui.t(n.title)) } });
        button(ui, { "lesson.end.next", next_label, actions::OpenLesson { n.id }, ButtonStyle::Primary }, 0, ui.metrics.primary_target());
    } else if (state.session.guided) {
        button(ui, { "lesson.end.finished", ui.t("guided.finished"), actions::Open { ScreenId::HandBack }, ButtonStyle::Primary }, 0,
            ui.metrics.primary_target());
    }
    space(ui, 2);
    ButtonSpec more[] = {
        { "lesson.end.again", ui.t("lesson.end.again"), actions::LessonRepeat {} },
        { "lesson.end.list", ui.t("lesson.end.list"), actions::Open { ScreenId::Learn } },
    };
    button_row(ui, more, ui.metrics.primary_target());
}

}

void draw_lesson(const screens::LessonRun& run, const AppState& state, Ui& ui)
{
    const auto& lessons = state.lessons->lessons;
    if (run.lesson < 0 || run.lesson >= static_cast<int>(lessons.size()))
        return;
    const Lesson& lesson = lessons[static_cast<std::size_t>(run.lesson)];
    if (run.finished) {
        draw_lesson_end(lesson, run, state, ui);
        return;
    }
    const LessonStep& step = lesson.steps[static_cast<std::size_t>(run.step)];
    const screens::Exercise& ex = run.ex;
    // The instruction and the exercise first (issue 15); "Step 2 of 5 – Press and hold" below.
    // Where the room is tight (larger text, a short screen) the longer explanation follows the
    // exercise; elsewhere it reads on from the instruction, as one paragraph.
    bool tight = intro_after_choices(ui);
    float text_top = ImGui::GetCursorPosY(); // in the content, whatever the scroll (keyboard.h)
    bool normal_size = instruction_at_normal_size(step, ui);
    if (step.more.empty() || tight)
        instruction(ui, "lesson.text", ui.t(step.text), normal_size);
    else
        instruction(ui, "lesson.text", std::string(ui.t(step.text)) + " " + std::string(ui.t(step.more)));
    // Where the room is tight, items keep only the usual 3 mm between them.
    if (!tight)
        space(ui, 2);
    switch (step.kind) {
    case ExerciseKind::Read: draw_read(step, ui); break;
    case ExerciseKind::Tap: draw_tap(step, ex, ui); break;
    case ExerciseKind::Hold: draw_hold(step, ex, ui); break;
    case ExerciseKind::Scroll: draw_scroll(step, ex, ui); break;
    case ExerciseKind::Swipe: draw_swipe(step, ex, ui); break;
    case ExerciseKind::Type: draw_type(step, ex, ui, text_top); break;
    case ExerciseKind::Choose: draw_choose(step, ex, ui); break;
    case ExerciseKind::Sort: draw_sort(step, ex, ui); break;
    case ExerciseKind::Undo: draw_undo(step, ex, ui); break;
    case ExerciseKind::Audio: draw_audio(step, ex, ui); break;
    case ExerciseKind::Call: draw_call(step, ex, ui); break;
    case ExerciseKind::Passcode: draw_passcode(step, ex, ui); break;
    case ExerciseKind::Settings: draw_lesson_settings(state, ui); break;
    case ExerciseKind::Speech: speech_choice(ui, state, true); break;
    }
    // Nothing can be failed: Skip is always there, and becomes Next once the exercise is done.
    // A step with nothing to do (read, settings) has no Repeat. Where the room is tight and the
    // exercise is done, Next comes right after it, before the praise.
    ButtonSpec nav[] = {
        { "lesson.repeat", ui.t("lesson.repeat"), actions::LessonRepeat {} },
        ex.done ? ButtonSpec { "lesson.next", ui.t("lesson.next"), actions::LessonNext {}, ButtonStyle::Primary }
                : ButtonSpec { "lesson.skip", ui.t("lesson.skip"), actions::LessonNext {} },
    };
    for (auto& b : nav)
        b.padding_mm = label_padding_mm(ui);
    auto nav_row = [&] {
        if (!tight)
            space(ui, 4);
        button_row(ui, step.done_at_once() ? std::span(nav).subspan(1) : std::span(nav), ui.metrics.primary_target());
    };
    bool nav_first = tight && ex.done && !step.done_at_once();
    if (nav_first)
        nav_row();
    if (nav_first && step.kind == ExerciseKind::Type)
        paragraph(ui, "typing.not_kept", ui.t("typing.not_kept"));
    if (tight && !step.more.empty() && !ex.done) {
        space(ui, 2);
        paragraph(ui, "lesson.more", ui.t(step.more));
    }
    if (ex.done && !step.done_at_once()) {
        std::string kind_done = "lesson.done." + std::string(exercise_kind_name(step.kind));
        feedback(ui, "lesson.done", ui.t(step.done.empty() ? kind_done : step.done));
    }
    if (!nav_first)
        nav_row();
    paragraph(ui, "flow.step", ui.strings.format(ui.language, "lesson.step_of",
        { { "n", std::to_string(run.step + 1) }, { "m", std::to_string(lesson.steps.size()) }, { "title", std::string(ui.t(lesson.title)) } }));
}

}
