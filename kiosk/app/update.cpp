// The kiosk's one pure transition function. No I/O, no clock reads, no globals: everything it
// needs is in the state, the action and `now`. Tests call it directly with a manual clock.
//
// update() only routes: an action goes to the reducer of its feature (update_<feature>.cpp), by
// its type. The rules that cut across features are applied here, also by type: the double-tap
// guard (person input only), the idle warning (it takes only "I'm still here"), a flow's next
// step counting as a new screen, and read-aloud following the screen.
#include "app/reducers.h"

#include <cstring>

namespace kiosk {

namespace {

using namespace reduce;

void on_event(AppState& state, const Action& action, TimePoint now)
{
    std::visit(Overloaded {
        [&](const actions::RequestAnswered& answer) { booking_answer(state, answer); },
        [&](const actions::PinChecked& checked) { staff_pin_checked(state, checked, now); },
        [&](const actions::SpeechDone& done) { speech_done(state, done); },
        [&](const actions::ReleaseTarget&) { lesson_release(state, now); },
        [&](const actions::RequestsTaken&) {
            for (auto& request : state.requests)
                secure_zero(request.name.data(), request.name.size());
            state.requests.clear();
        },
        [&](const actions::StaffGuardRestored& restored) { state.staff_guard = restored.guard; },
        [&](const actions::StaffListArrived& arrived) { staff_list_arrived(state, arrived); },
        [&](const auto&) { session_event(state, action, now); }, // Touch, Tick, ClinicLoaded, HealthChanged
    }, action);
}

// The feature whose screen takes the on-screen keyboard and a flow's steps, if the top one does.
std::optional<Feature> on_screen_feature(const Screen& screen)
{
    return std::visit(Overloaded {
        [](const screens::TypingPractice&) -> std::optional<Feature> { return Feature::Lesson; },
        [](const screens::LessonRun&) -> std::optional<Feature> { return Feature::Lesson; },
        [](const screens::WalkIn&) -> std::optional<Feature> { return Feature::Booking; },
        [](const screens::BookTime&) -> std::optional<Feature> { return Feature::Booking; },
        [](const screens::GuidedSetup&) -> std::optional<Feature> { return Feature::Staff; },
        [](const auto&) -> std::optional<Feature> { return std::nullopt; },
    }, screen);
}

void on_input(AppState& state, Feature feature, const Action& action, TimePoint now)
{
    if (feature == Feature::OnScreen) {
        auto owner = on_screen_feature(state.screen());
        if (!owner)
            return;
        feature = *owner;
    }
    switch (feature) {
    case Feature::Session: session_input(state, action, now); break;
    case Feature::Settings: settings_input(state, action); break;
    case Feature::Speech: speech_input(state, action); break;
    case Feature::FindHelp: find_help_input(state, action, now); break;
    case Feature::Booking: booking_input(state, action, now); break;
    case Feature::Staff: staff_input(state, action, now); break;
    case Feature::Lesson: lesson_input(state, action, now); break;
    case Feature::OnScreen:
    case Feature::Event: break;
    }
}

// The step of a flow that shows one question at a time (the walk-in list, picking a time, keyboard
// practice); -1 elsewhere. Each step is a screen of its own for the person.
int flow_step(const AppState& state)
{
    if (auto* w = std::get_if<screens::WalkIn>(&state.screen()))
        return static_cast<int>(w->step);
    if (auto* b = std::get_if<screens::BookTime>(&state.screen()))
        return static_cast<int>(b->step);
    if (auto* t = std::get_if<screens::TypingPractice>(&state.screen()))
        return t->step;
    return -1;
}

}

Feature feature_of(const Action& action)
{
    return std::visit([](const auto& a) { return feature_of<std::decay_t<decltype(a)>>(); }, action);
}

void update(AppState& state, const Action& action, TimePoint now)
{
    Feature feature = feature_of(action);
    // Person input this soon after a screen change was aimed at the screen before (a double tap,
    // or a tap during the change): dropped so nothing fires twice. Platform events never are.
    if (feature != Feature::Event && now - state.screen_since < state.timing.settle)
        return;
    // While "Are you still there?" shows, it takes only its own answer (read-aloud's buttons are
    // under it too).
    if (feature != Feature::Event && state.session.warning_until && !std::holds_alternative<actions::StillHere>(action))
        return;
    if (feature == Feature::Speech) {
        speech_input(state, action);
        return;
    }
    SpeechPlace before = speech_place(state);
    int step_before = flow_step(state);
    if (feature == Feature::Event)
        on_event(state, action, now);
    else
        on_input(state, feature, action, now);
    // A flow's next step counts as a new screen: taps aimed at the last step (a double tap on
    // "Join the list now" landing on "Cancel my place") are dropped, and it opens at its top.
    if (before.generation == state.screen_generation && flow_step(state) != step_before)
        entered_new_screen(state, now);
    speech_follow(state, before);
}

actions::TypeKey type_key(std::string_view utf8_character)
{
    actions::TypeKey key;
    std::size_t n = std::min(utf8_character.size(), key.utf8.size() - 1);
    std::memcpy(key.utf8.data(), utf8_character.data(), n);
    return key;
}

bool reduce::type_into(SecureText& field, bool& shift, const Action& action)
{
    if (auto* key = std::get_if<actions::TypeKey>(&action)) {
        std::string_view character(key->utf8.data(), ::strnlen(key->utf8.data(), key->utf8.size()));
        if (field.append(character))
            shift = false;
        return true;
    }
    if (std::holds_alternative<actions::DeleteKey>(action)) {
        field.pop_character();
        shift = field.empty();
        return true;
    }
    if (std::holds_alternative<actions::ShiftKey>(action)) {
        shift = !shift;
        return true;
    }
    return false;
}

}
