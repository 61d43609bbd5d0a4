// Read-aloud in the model: when something should be heard. The UI says what (ui::spoken_text),
// the platform speaks it (platform/speech.cpp).
#include "app/reducers.h"

namespace kiosk {

using namespace reduce;

namespace {

void read_now(AppState& state, bool whole)
{
    state.speech.reading = true;
    state.speech.whole = whole;
    ++state.speech.request;
}

}

// A new screen (a flow's next step is one) is read whole; a lesson's feedback within its step has
// only its new text read.
SpeechPlace reduce::speech_place(const AppState& state)
{
    SpeechPlace place { state.screen_generation, state.session.warning_until.has_value(), {} };
    if (auto* run = std::get_if<screens::LessonRun>(&state.screen())) {
        // The step, and what its exercise kind says its message depends on.
        place.marks = { run->step, run->finished, run->ex.done, static_cast<int>(run->ex.state.index()) };
        std::visit([&](const auto& kind) {
            for (int mark : kind.message())
                place.marks.push_back(mark);
        }, run->ex.state);
    }
    return place;
}

void reduce::speech_input(AppState& state, const Action& action)
{
    std::visit(Overloaded {
        [&](const actions::ReadAloud&) {
            if (speech_allowed(state)) {
                state.settings.read_aloud = true;
                read_now(state, true);
            }
        },
        [&](const actions::StopReading&) { state.speech.reading = false; },
        [&](const actions::SetReadAloud& set) {
            state.settings.read_aloud = set.on;
            if (set.on && speech_allowed(state))
                read_now(state, true);
            else
                state.speech.reading = false;
        },
        [&](const actions::SetVolume& volume) { state.settings.volume = volume.volume; },
        [](const auto&) { },
    }, action);
}

void reduce::speech_done(AppState& state, const actions::SpeechDone& done)
{
    if (done.request == state.speech.request)
        state.speech.reading = false;
}

void reduce::speech_follow(AppState& state, const SpeechPlace& before)
{
    SpeechPlace after = speech_place(state);
    if (after == before)
        return;
    // In step with the screen: what was being read stops; with read-aloud on, the new screen (or
    // the new message on it) is read. Staff screens are never read.
    if (state.settings.read_aloud && speech_allowed(state))
        read_now(state, after.generation != before.generation || after.warning != before.warning);
    else
        state.speech.reading = false;
}

bool speech_allowed(const AppState& state)
{
    if (state.session.staff)
        return false;
    switch (screen_id(state.screen())) {
    case ScreenId::StaffPin:
    case ScreenId::StaffHome:
    case ScreenId::StaffHealth:
    case ScreenId::StaffQueue:
    case ScreenId::GuidedSetup:
    case ScreenId::GuidedSummary:
    case ScreenId::HandBack:
        return false;
    default:
        return true;
    }
}

}
