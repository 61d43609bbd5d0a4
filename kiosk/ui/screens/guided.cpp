// The staff's guided sessions: set up (track, lessons, an optional patient reference, hand over),
// the summary after the PIN with "Send to the clinic record", and "Please give the tablet back".
// What a tap does is in app/update_staff.cpp.
#include "ui/keyboard.h"
#include "ui/screens/screens.h"

#include <imgui.h>

namespace kiosk::ui {

void draw_guided_setup(const screens::GuidedSetup& g, const AppState& state, Ui& ui)
{
    using Step = screens::GuidedSetup::Step;
    const auto& library = *state.lessons;
    float heading_top = ImGui::GetCursorPosY(); // the keyboard keeps the heading in view (keyboard.h)
    heading(ui, "guided.title", ui.t("guided.title"));
    switch (g.step) {
    case Step::Track: {
        paragraph(ui, "guided.choose_track", ui.t("guided.choose_track"));
        std::vector<std::string> ids, labels;
        std::vector<std::vector<std::string>> tracks;
        for (auto& preset : track_presets()) {
            std::vector<std::string> track;
            for (int number : preset.numbers)
                for (auto& lesson : library.lessons)
                    if (lesson.number == number)
                        track.push_back(lesson.id);
            if (track.empty())
                continue;
            ids.push_back(preset.name_key);
            labels.push_back(std::string(ui.t(preset.name_key)));
            tracks.push_back(std::move(track));
        }
        for (std::size_t i = 0; i < ids.size(); ++i) {
            button(ui, { ids[i], labels[i], actions::ChooseTrack { tracks[i] }, ButtonStyle::Primary }, 0, ui.metrics.primary_target());
            space(ui, 2);
        }
        button(ui, { "guided.pick", ui.t("guided.pick"), actions::ChooseTrack {} }, 0, ui.metrics.primary_target());
        break;
    }
    case Step::Pick: {
        paragraph(ui, "guided.pick_prompt", ui.t("guided.pick_prompt"));
        std::vector<std::string> ids, labels;
        for (auto& lesson : library.lessons) {
            ids.push_back("guided.lesson." + lesson.id);
            labels.push_back(std::to_string(lesson.number) + ". " + std::string(ui.t(lesson.title)));
        }
        std::vector<ButtonSpec> tiles;
        for (std::size_t i = 0; i < library.lessons.size(); ++i) {
            bool on = std::find(g.picked.begin(), g.picked.end(), library.lessons[i].id) != g.picked.end();
            tiles.push_back({ ids[i], labels[i], actions::ToggleLesson { library.lessons[i].id }, on ? ButtonStyle::Selected : ButtonStyle::Normal });
        }
        for (std::size_t i = 0; i < tiles.size(); i += 2)
            button_row(ui, std::span(tiles).subspan(i, std::min<std::size_t>(2, tiles.size() - i)), ui.metrics.min_target() + ui.metrics.mm(3), true);
        space(ui, 3);
        if (!g.picked.empty())
            button(ui, { "guided.next", ui.t("lesson.next"), actions::NextStep {}, ButtonStyle::Primary }, 0, ui.metrics.primary_target());
        break;
    }
    case Step::Reference:
        // "No reference" first; then the field right above the keys, so what is typed stays in
        // view when the keyboard is scrolled to. On arrival the heading
        // stays in view and the keyboard's last rows may wait below "More below" (issue 15).
        paragraph(ui, "guided.reference_prompt", ui.t("guided.reference_prompt"));
        button(ui, { "guided.skip_reference", ui.t("guided.skip_reference"), actions::SkipName {} }, 0, ui.metrics.min_target() + ui.metrics.mm(2));
        space(ui, 2);
        typed_field(ui, "guided.reference", g.reference.view(), ui.t("guided.reference_empty"), true);
        keyboard(ui, g.shift, heading_top);
        break;
    case Step::Handover: {
        std::string list;
        for (auto& id : g.picked)
            if (auto* lesson = library.find(id))
                list += (list.empty() ? "" : ", ") + std::to_string(lesson->number);
        paragraph(ui, "guided.track_is", ui.strings.format(ui.language, "guided.track_is", { { "lessons", list } }));
        if (!g.reference.empty())
            paragraph(ui, "guided.reference_is", ui.strings.format(ui.language, "guided.reference_is", { { "reference", std::string(g.reference.view()) } }));
        if (!g.reference.empty())
            ui.tree.last().spoken = "";
        paragraph(ui, "guided.handover_prompt", ui.t("guided.handover_prompt"));
        space(ui, 3);
        button(ui, { "guided.hand_over", ui.t("guided.hand_over"), actions::HandOver {}, ButtonStyle::Primary }, 0, ui.metrics.primary_target());
        break;
    }
    }
}

void draw_guided_summary(const screens::GuidedSummary&, const AppState& state, Ui& ui)
{
    heading(ui, "guided.summary_title", ui.t("guided.summary_title"));
    if (!state.session.guided)
        return;
    const GuidedSession& guided = *state.session.guided;
    if (!guided.reference.empty())
    {
        paragraph(ui, "guided.reference_is", ui.strings.format(ui.language, "guided.reference_is", { { "reference", std::string(guided.reference.view()) } }));
        ui.tree.last().spoken = "";
    }
    auto minutes = [](Millis t) { return std::to_string((t.count() + 59999) / 60000); };
    for (auto& id : guided.track) {
        const Lesson* lesson = state.lessons->find(id);
        if (!lesson)
            continue;
        const LessonRecord* record = lesson_record(state, id);
        std::string title = std::to_string(lesson->number) + ". " + std::string(ui.t(lesson->title));
        std::string line = !record ? ui.strings.format(ui.language, "guided.not_opened", { { "title", title } })
                                   : ui.strings.format(ui.language, record->finished ? "guided.line_finished" : "guided.line_started",
                                       { { "title", title }, { "done", std::to_string(record->count(LessonRecord::Mark::Done)) },
                                           { "steps", std::to_string(lesson->steps.size()) },
                                           { "skipped", std::to_string(record->count(LessonRecord::Mark::Skipped)) },
                                           { "minutes", minutes(record->time) } });
        paragraph(ui, "guided.line." + id, line);
    }
    paragraph(ui, "guided.total", ui.strings.format(ui.language, "guided.total", { { "minutes", minutes(ui.now - guided.began) } }));
    space(ui, 3);
    button(ui, { "guided.send", ui.t("guided.send"), actions::SendProgress { ui.fresh_uuid }, ButtonStyle::Primary }, 0, ui.metrics.primary_target());
    space(ui, 2);
    button(ui, { "guided.finish_without", ui.t("guided.finish_without"), actions::FinishGuided {} }, 0, ui.metrics.primary_target());
}

void draw_hand_back(const screens::HandBack&, const AppState&, Ui& ui)
{
    heading(ui, "guided.hand_back_title", ui.t("guided.hand_back_title"));
    paragraph(ui, "guided.hand_back", ui.t("guided.hand_back"));
    space(ui, 4);
    button(ui, { "guided.more_lessons", ui.t("guided.more_lessons"), actions::Open { ScreenId::Learn } }, 0, ui.metrics.primary_target());
}

}
