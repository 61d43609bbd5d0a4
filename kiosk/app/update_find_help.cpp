// Find help: the directory's categories, entries and QR codes, narrowed by choices (never by
// typing), and the breathing exercise.
#include "app/reducers.h"

#include <algorithm>

namespace kiosk {

using namespace reduce;

void reduce::find_help_input(AppState& state, const Action& action, TimePoint now)
{
    std::visit(Overloaded {
        [&](const actions::OpenHelpCategory& open) {
            if (std::find(directory_categories.begin(), directory_categories.end(), open.category) != directory_categories.end())
                push(state, screens::HelpList { open.category }, now);
        },
        [&](const actions::OpenHelpEntry& open) {
            if (find_entry(state, open.entry_id))
                push(state, screens::HelpEntry { open.entry_id }, now);
        },
        [&](const actions::ShowQr& show) {
            if (find_entry(state, show.entry_id))
                push(state, screens::HelpQr { show.entry_id, show.what }, now);
        },
        [&](const actions::ToggleHelpFilter& toggle) {
            if (auto* list = std::get_if<screens::HelpList>(&state.screen())) {
                bool& flag = toggle.filter == actions::HelpFilter::OpenToday ? list->open_today
                    : toggle.filter == actions::HelpFilter::Free           ? list->free_only
                                                                           : list->in_spanish;
                flag = !flag;
            }
        },
        [&](const actions::ClearHelpFilters&) {
            if (auto* list = std::get_if<screens::HelpList>(&state.screen()))
                list->open_today = list->free_only = list->in_spanish = false;
        },
        [&](const actions::PauseBreathing&) {
            if (auto* b = std::get_if<screens::Breathing>(&state.screen()); b && !b->paused) {
                b->elapsed_before = b->elapsed(now);
                b->paused = true;
            }
        },
        [&](const actions::ResumeBreathing&) {
            if (auto* b = std::get_if<screens::Breathing>(&state.screen()); b && b->paused) {
                if (b->elapsed_before >= screens::Breathing::longest)
                    b->elapsed_before = Millis { 0 }; // it stopped at its end: begin again
                b->started = now;
                b->paused = false;
            }
        },
        [](const auto&) { },
    }, action);
}

// A running breathing exercise keeps the person's session (they are following it), up to its
// longest run; then it pauses and the idle timer counts again.
void reduce::breathing_timer(AppState& state, TimePoint now)
{
    auto* breathing = std::get_if<screens::Breathing>(&state.screen());
    if (!breathing || breathing->paused || state.session.warning_until)
        return;
    if (breathing->elapsed(now) >= screens::Breathing::longest) {
        breathing->elapsed_before = screens::Breathing::longest;
        breathing->paused = true;
    } else {
        state.session.last_touch = now;
    }
}

}
