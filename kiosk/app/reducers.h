// Inside the model: the feature reducers update() routes to, and the few helpers they share.
// Not for the UI or the platform (they use state.h); one reducer per file, update_<feature>.cpp.
#pragma once
#include "app/state.h"

namespace kiosk::reduce {

template <class... Ts>
struct Overloaded : Ts... {
    using Ts::operator()...;
};
// C++20 deduces this without the guide; clang 14 (the fuzz build, clang-tidy-14) does not.
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

// ---- Navigation (update_session.cpp) --------------------------------------------------------
// The screen changed: taps aimed at the last one are dropped, read-aloud reads the new one.
void entered_new_screen(AppState& state, TimePoint now);
// Go forward to a screen; one already on the path is gone back to instead of stacked twice.
void go_to(AppState& state, ScreenId id, TimePoint now);
// Open a screen built by the caller (one with parameters), replacing any of its kind on the path.
void push(AppState& state, Screen screen, TimePoint now);
// A screen as it opens (screens.cpp).
Screen make_screen(ScreenId id, const AppState& state, TimePoint now);
// Home: the staff screen in staff mode, the track's lessons in a guided session, else Home.
void go_home(AppState& state, TimePoint now);

// The on-screen keyboard typing into a field (a name, practice text, a lesson's field, a patient
// reference); true when `action` was a key it handles.
bool type_into(SecureText& field, bool& shift, const Action& action);

// ---- The reducers: each takes its feature's person input, and the on-screen keyboard and flow
// steps when one of its screens is on top ----------------------------------------------------
void session_input(AppState& state, const Action& action, TimePoint now);   // update_session.cpp
void session_event(AppState& state, const Action& action, TimePoint now);   // Touch, Tick, ClinicLoaded, HealthChanged
void settings_input(AppState& state, const Action& action);                 // update_settings.cpp
void find_help_input(AppState& state, const Action& action, TimePoint now); // update_find_help.cpp
void booking_input(AppState& state, const Action& action, TimePoint now);   // update_booking.cpp
void booking_answer(AppState& state, const actions::RequestAnswered& answer);
void staff_input(AppState& state, const Action& action, TimePoint now);     // update_staff.cpp
void staff_pin_checked(AppState& state, const actions::PinChecked& checked, TimePoint now);
// The staff queue's list with names: asked for when the queue opens and again while it is open
// (staff_list_timer, run by Tick), taken when it arrives if the queue is still open.
void ask_staff_list(AppState& state, TimePoint now);
void staff_list_timer(AppState& state, TimePoint now);
void staff_list_arrived(AppState& state, const actions::StaffListArrived& arrived);
void lesson_input(AppState& state, const Action& action, TimePoint now);    // update_lessons.cpp
void lesson_release(AppState& state, TimePoint now);                        // the hold button let go
// Back inside a lesson goes to the previous step; false when Back should leave the lesson.
bool lesson_back(AppState& state, TimePoint now);

// Timers, run by Tick: each feature's own, then the session's.
void breathing_timer(AppState& state, TimePoint now);                       // update_find_help.cpp
void lesson_timers(AppState& state, TimePoint now);                         // update_lessons.cpp

// ---- Read-aloud (update_speech.cpp) -------------------------------------------------------------
// Where the person is, as far as read-aloud cares.
struct SpeechPlace {
    unsigned generation;
    bool warning;
    std::vector<int> marks; // what changes a lesson step's message without a new screen
    bool operator==(const SpeechPlace&) const = default;
};
SpeechPlace speech_place(const AppState& state);
// Read-aloud's own input (ReadAloud, StopReading, SetReadAloud, SetVolume).
void speech_input(AppState& state, const Action& action);
void speech_done(AppState& state, const actions::SpeechDone& done);
// After any action: in step with the screen, read what is new, or stop.
void speech_follow(AppState& state, const SpeechPlace& before);

}
