// What can happen to the model, in two families:
// - person input: taps, keys and choices, grouped by the feature they belong to. Input is subject
//   to the double-tap guard: within `Timing::settle` of a screen change it was aimed at the screen
//   before, and update() drops it.
// - platform events: answers, timers, sync, speech, PIN results and the touch layer's reports.
//   They choose nothing, so they are never dropped by the guard.
// The family of an action is its type: `Action` is made of the lists below, so a new action must
// be put in one of them, and the guard follows without a list of exceptions to keep.
#pragma once
#include "app/clinic.h"
#include "app/clock.h"
#include "app/screens.h"
#include "app/settings.h"

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

namespace kiosk {

// The sync worker's view of its own health, for the staff health view and the logs.
struct DeviceHealth {
    bool server_configured { false };
    std::optional<std::int64_t> last_success_ms;   // wall clock
    std::string last_error;
    int outbox_pending { 0 };
    int outbox_rejected { 0 };
    std::vector<std::string> rejected;             // one line per rejected item
    int skipped_entries { 0 };
    std::optional<std::int64_t> certificate_expires_s;
    bool operator==(const DeviceHealth&) const = default;
};

// What staff can set an appointment in the queue to: Call, Served, No-show, Remove. The FHIR
// codes for them exist only in kiosk/sync (sync::fhir_status).
enum class QueueStatus { Arrived, Fulfilled, NoShow, Cancelled };

template <class... Ts>
struct TypeList { };

namespace actions {

// ---- Person input, by feature --------------------------------------------------------------

// Session and navigation.
struct Start { };                             // "Touch to start" on Welcome
struct Open { ScreenId target; };            // go forward to a screen
struct Back { };
struct GoHome { };
struct StillHere { };                         // the answer to "Are you still there?"
struct Done { };                              // "I'm done": end the session now
struct LeaveGoodbye { };
struct StaffGesture { };                      // the documented hold in the top-left corner
using SessionInput = TypeList<Start, Open, Back, GoHome, StillHere, Done, LeaveGoodbye, StaffGesture>;

// Settings.
struct SetLanguage { Language language; };
struct SetTheme { Theme theme; };
struct SetTextSize { TextSize size; };
using SettingsInput = TypeList<SetLanguage, SetTheme, SetTextSize>;

// Read-aloud.
struct ReadAloud { };                             // read this screen, and each new one after it
struct StopReading { };                           // stop what is being read (new screens still are)
struct SetReadAloud { bool on; };                 // Settings: read each screen, or only on request
struct SetVolume { Volume volume; };
using SpeechInput = TypeList<ReadAloud, StopReading, SetReadAloud, SetVolume>;

// The on-screen keyboard and a flow's own steps: they go to the screen on top, whichever
// feature it belongs to (typing practice, a name, a lesson, a patient reference).
struct TypeKey { std::array<char, 5> utf8 {}; }; // one character, NUL-terminated
struct DeleteKey { };
struct ShiftKey { };
struct KeyboardDone { };
struct NextStep { };                              // the flow's "Next" / "Join the list"
struct SkipName { };
struct ConfirmRequest { std::string uuid; };      // a fresh UUID made by the platform this frame
using OnScreenInput = TypeList<TypeKey, DeleteKey, ShiftKey, KeyboardDone, NextStep, SkipName, ConfirmRequest>;

// Find help.
enum class HelpFilter { OpenToday, Free, InSpanish };
struct OpenHelpCategory { std::string category; };
struct OpenHelpEntry { std::string entry_id; };
struct ShowQr { std::string entry_id; screens::QrContent what; };
struct ToggleHelpFilter { HelpFilter filter; };
struct ClearHelpFilters { };
struct PauseBreathing { };
struct ResumeBreathing { };
using FindHelpInput = TypeList<OpenHelpCategory, OpenHelpEntry, ShowQr, ToggleHelpFilter, ClearHelpFilters, PauseBreathing,
    ResumeBreathing>;

// Booking: the walk-in list and picking a time.
struct ChooseWalkIn { };                          // "Talk to someone now"
struct CancelWalkIn { };
struct ChooseDay { UtcSeconds start; UtcSeconds end; };
struct ChooseTime { FreeSlot slot; };
struct ChoosePeer { std::string role_id; };       // empty = anyone
struct ChangeBooking { };
struct JoinWalkInInstead { };
using BookingInput = TypeList<ChooseWalkIn, CancelWalkIn, ChooseDay, ChooseTime, ChoosePeer, ChangeBooking, JoinWalkInInstead>;

// Staff: the PIN, the queue, the health view, guided sessions.
struct PinDigit { char digit; };
struct PinDelete { };
struct PinSubmit { };
struct EndStaffMode { };
struct QueueChange { std::string appointment_id; QueueStatus status; };
// Staff, on the health view: remove the items the server refused (Ask shows the confirmation).
struct ClearRejected { enum class Step { Ask, Yes, No } step; };
struct ChooseTrack { std::vector<std::string> lesson_ids; };  // empty: pick lessons one by one
struct ToggleLesson { std::string lesson_id; };
struct HandOver { };
struct SendProgress { std::string uuid; };
struct FinishGuided { };                          // end without sending
using StaffInput = TypeList<PinDigit, PinDelete, PinSubmit, EndStaffMode, QueueChange, ClearRejected, ChooseTrack, ToggleLesson,
    HandOver, SendProgress, FinishGuided>;

// Lessons and typing practice.
struct OpenLesson { std::string lesson_id; };
struct LessonNext { };                            // "Next" (or "Skip" before the exercise is done)
struct LessonRepeat { };                          // the step again, from its start
struct TapTarget { };                             // tap: the circle
struct HoldTarget { };                            // hold: the finger went down on the button
struct PickItem { int index; };                   // scroll: an item; undo: delete a picture; passcode: a digit
struct TurnPage { int delta; };                   // swipe: -1 back, +1 on
struct Choose { int index; };                     // choose: an answer; sort: a group
struct TryAgain { };                              // choose, sort: after the feedback
struct UndoDelete { };
struct PlayAudio { bool play; };
enum class CallButton { Answer, Mute, Camera, HangUp };
struct PressCall { CallButton button; };
struct TypeAgain { };                             // typing practice: back to step 1 with an empty field
using LessonInput = TypeList<OpenLesson, LessonNext, LessonRepeat, TapTarget, HoldTarget, PickItem, TurnPage, Choose, TryAgain,
    UndoDelete, PlayAudio, PressCall, TypeAgain>;

}

// Wrong-PIN lockout. It outlives sessions (ending a session must not reset it): 5 wrong PINs lock
// the pad for 1 minute, doubling with each further lockout.
struct StaffGuard {
    static constexpr int attempts_per_lockout = 5;
    int failures { 0 };
    int lockouts { 0 };
    std::optional<TimePoint> locked_until;
    bool locked(TimePoint now) const { return locked_until && now < *locked_until; }
};

namespace actions {

// ---- Platform events -----------------------------------------------------------------------

struct Touch { };                                 // the touch layer: a finger is down somewhere, the person is here
struct ReleaseTarget { };                         // the touch layer: the finger held on the hold button came off
struct Tick { };                                  // time passed: check the timers
struct ClinicLoaded { std::shared_ptr<const ClinicContent> content; bool from_cache; };  // from the sync worker
struct HealthChanged { DeviceHealth health; };
struct RequestAnswered {
    enum class Outcome { Done, Taken, NoAnswer, Failed };
    std::string uuid;
    Outcome outcome;
};
struct PinChecked { bool correct; };              // after the slow hash
struct SpeechDone { unsigned request; };          // the platform finished reading that request
// What the platform did with the model's state, so that only update() changes it.
struct RequestsTaken { };                         // the platform has sent state.requests on: wiped and dropped
struct StaffGuardRestored { StaffGuard guard; };  // the PIN lockout as read back from disk at start
// The staff list with names the staff queue asked for (Request::Kind::StaffList), or why not.
struct StaffListArrived {
    std::shared_ptr<const StaffList> list;        // null when it could not be fetched
    std::string error;
};
using Event = TypeList<Touch, ReleaseTarget, Tick, ClinicLoaded, HealthChanged, RequestAnswered, PinChecked, SpeechDone,
    RequestsTaken, StaffGuardRestored, StaffListArrived>;

}

// Which list an action type is in. Every action is in exactly one (checked below).
enum class Feature { Session, Settings, Speech, OnScreen, FindHelp, Booking, Staff, Lesson, Event };

namespace detail {
template <class T, class List>
struct In;
template <class T, class... Ts>
struct In<T, TypeList<Ts...>> : std::bool_constant<(std::is_same_v<T, Ts> || ...)> { };
template <class... Lists>
struct Join;
template <class... Ts>
struct Join<TypeList<Ts...>> {
    using Variant = std::variant<Ts...>;
};
template <class... As, class... Bs, class... Rest>
struct Join<TypeList<As...>, TypeList<Bs...>, Rest...> : Join<TypeList<As..., Bs...>, Rest...> { };
}

template <class T, class List>
inline constexpr bool in_list = detail::In<T, List>::value;

// One variant of every action: update() takes it, screens emit it, the platform hands events in.
using Action = detail::Join<actions::SessionInput, actions::SettingsInput, actions::SpeechInput, actions::OnScreenInput,
    actions::FindHelpInput, actions::BookingInput, actions::StaffInput, actions::LessonInput, actions::Event>::Variant;

template <class T>
constexpr Feature feature_of()
{
    using namespace actions;
    static_assert(in_list<T, SessionInput> + in_list<T, SettingsInput> + in_list<T, SpeechInput> + in_list<T, OnScreenInput>
                + in_list<T, FindHelpInput> + in_list<T, BookingInput> + in_list<T, StaffInput> + in_list<T, LessonInput>
                + in_list<T, Event> == 1,
        "an action is in exactly one list");
    if constexpr (in_list<T, SessionInput>) return Feature::Session;
    else if constexpr (in_list<T, SettingsInput>) return Feature::Settings;
    else if constexpr (in_list<T, SpeechInput>) return Feature::Speech;
    else if constexpr (in_list<T, OnScreenInput>) return Feature::OnScreen;
    else if constexpr (in_list<T, FindHelpInput>) return Feature::FindHelp;
    else if constexpr (in_list<T, BookingInput>) return Feature::Booking;
    else if constexpr (in_list<T, StaffInput>) return Feature::Staff;
    else if constexpr (in_list<T, LessonInput>) return Feature::Lesson;
    else return Feature::Event;
}

// True for a platform event, false for person input.
template <class T>
inline constexpr bool is_event = feature_of<T>() == Feature::Event;

Feature feature_of(const Action& action);
inline bool is_person_input(const Action& action) { return feature_of(action) != Feature::Event; }

}
