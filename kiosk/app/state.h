// The one state tree of the kiosk, owned by the UI thread, and the actions that change it.
// Screens are alternatives of a variant and hold their own temporary input, so leaving a screen
// destroys what was typed on it. Every transition is made by update() in update.cpp.
#pragma once
#include "app/clinic.h"
#include "app/clock.h"
#include "app/lesson.h"
#include "app/secure_text.h"
#include "app/settings.h"

#include <algorithm>
#include <array>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace kiosk {

enum class ScreenId { Welcome, Home, Settings, AskPerson, Learn, FindHelp, BookPeer, TypingPractice, Goodbye, StaffPin, StaffHome, StaffHealth,
    HelpList, HelpEntry, HelpQr, Crisis, Breathing, MeetPeers, WalkIn, BookTime, StaffQueue, PrivacyInfo, LessonRun, GuidedSetup,
    GuidedSummary, HandBack };

namespace screens {
struct Welcome { };
struct Home { };
struct Settings { };
struct AskPerson { };
// The lesson list: big tiles, a mark on those done in this session. In a guided session it
// shows only the session's track.
struct Learn { };
struct FindHelp { };
struct BookPeer { };
// Two steps: type something on the on-screen keyboard, then see it back. Nothing is kept.
struct TypingPractice {
    static constexpr int step_count = 2;
    int step { 1 };
    bool shift { true };
    SecureText text;
};
// Shown after "I'm done". The session is already wiped; only the language and text size the
// person used are kept to say goodbye in, until the kiosk returns to Welcome.
struct Goodbye {
    TimePoint until;
    kiosk::Settings shown_with;
};
// The staff PIN pad. The digits are a secret: kept in a SecureText, overwritten when checked.
struct StaffPin {
    enum class Feedback { None, Wrong, Locked };
    SecureText digits { 16 };
    bool checking { false };       // the platform is verifying the PIN against the config's hash
    Feedback feedback { Feedback::None };
};
struct StaffHome { };
struct StaffQueue { };
// One lesson, one step at a time. `ex` is the step's exercise and starts afresh on every step.
struct Exercise {
    bool done { false };                      // the exercise is done: "Next" instead of "Skip"
    int taps { 0 };                           // tap
    Millis held { 0 };                        // hold: time held before the current press
    std::optional<TimePoint> hold_since;      // hold: the finger is down since then
    int wrong_item { -1 };                    // scroll: the last item tapped that was not the one
    int page { 0 };                           // swipe
    SecureText typed { 40 };                  // type: overwritten when the step ends
    bool shift { true };
    bool mismatch { false };                  // type: Done tapped but the field differs from the goal
    std::optional<int> chosen;                // choose
    int sort_index { 0 };                     // sort: the item on show
    std::optional<int> sort_answer;           // sort: the group chosen for it
    int sort_right { 0 };
    std::vector<bool> deleted;                // undo
    int last_deleted { -1 };
    bool playing { false };                   // audio
    TimePoint play_since {};
    Millis played { 0 };
    enum class Call { Ringing, Talking, Ended };
    Call call { Call::Ringing };              // call
    bool muted { false };
    bool camera_off { false };
    int call_task { 0 };                      // call: 0 answer, 1 mute, 2 unmute, 3 camera off, 4 hang up
    SecureText first { 8 };                   // passcode: never kept past the step
    SecureText second { 8 };
    bool retyping { false };

    Millis audio_elapsed(TimePoint now) const { return playing ? played + (now - play_since) : played; }
    Millis held_for(TimePoint now) const { return hold_since ? held + (now - *hold_since) : held; }
};
struct LessonRun {
    int lesson { 0 };                         // index in AppState::lessons
    int step { 0 };
    bool finished { false };                  // showing "You learned …"
    TimePoint step_since {};
    Exercise ex;
};
// Staff: start a guided session. Choose a track, optionally type a patient reference (kept in
// memory only), then hand the tablet over.
struct GuidedSetup {
    enum class Step { Track, Pick, Reference, Handover };
    Step step { Step::Track };
    std::vector<std::string> picked;          // lesson ids, in curriculum order
    bool shift { true };
    SecureText reference { 24 };
};
// Staff, after the PIN at the end of a guided session: what the person did, and "Send to the
// clinic record".
struct GuidedSummary { };
// The end of a guided track: "Please give the tablet back".
struct HandBack { };
// "What happens to my information": plain words on what is sent, kept, and for how long.
struct PrivacyInfo { };
struct StaffHealth { bool confirm_clear { false }; };  // asking "remove the refused items?"
// Find help: one category's entries, narrowed by choices (never by typing).
struct HelpList {
    std::string category;
    bool open_today { false };
    bool free_only { false };
    bool in_spanish { false };
};
struct HelpEntry {
    std::string entry_id;
};
// An entry as a QR code for the person's own phone. Nothing records who looked at what.
enum class QrContent { Phone, Text, Web, Address };
struct HelpQr {
    std::string entry_id;
    QrContent what { QrContent::Phone };
};
struct Crisis { };
// The guided breathing exercise: a circle that grows and shrinks, with captions.
struct Breathing {
    static constexpr Millis cycle { 12000 };           // in 4 s, hold 2 s, out 6 s
    static constexpr Millis longest { Seconds { 180 } }; // then it pauses by itself
    TimePoint started {};
    Millis elapsed_before { 0 };                       // running time before the last pause
    bool paused { false };
    Millis elapsed(TimePoint now) const { return paused ? elapsed_before : elapsed_before + (now - started); }
};
struct MeetPeers { };
// Joining the walk-in list: the estimate, an optional name, what will be sent, then the ticket.
struct WalkIn {
    enum class Step { Estimate, Name, Summary, Sending, Joined, Cancelled, NotKept };
    static constexpr int step_count = 3;
    Step step { Step::Estimate };
    bool shift { true };
    SecureText name { 40 };
    std::string uuid;
    std::string ticket;
};
// Picking a time: day → time → peer → optional name → what will be sent → the server's answer.
struct BookTime {
    enum class Step { Day, Time, Peer, Name, Summary, Sending, Booked, Taken, NoAnswer };
    static constexpr int step_count = 5;
    Step step { Step::Day };
    UtcSeconds day_start {};
    UtcSeconds day_end {};
    std::optional<FreeSlot> slot;       // the chosen time (and, once chosen, the peer's slot)
    std::string role_id;                // the chosen peer; empty = anyone
    bool shift { true };
    SecureText name { 40 };
    std::string uuid;
    std::string code;
    std::vector<FreeSlot> alternatives; // when the time was taken
};
}

using Screen = std::variant<screens::Welcome, screens::Home, screens::Settings, screens::AskPerson,
    screens::Learn, screens::FindHelp, screens::BookPeer, screens::TypingPractice, screens::Goodbye, screens::StaffPin,
    screens::StaffHome, screens::StaffHealth, screens::HelpList, screens::HelpEntry, screens::HelpQr, screens::Crisis,
    screens::Breathing, screens::MeetPeers, screens::WalkIn, screens::BookTime, screens::StaffQueue, screens::PrivacyInfo,
    screens::LessonRun, screens::GuidedSetup, screens::GuidedSummary, screens::HandBack>;

ScreenId screen_id(const Screen& screen);
std::string_view screen_name(ScreenId id);
std::optional<ScreenId> screen_from_name(std::string_view name);
inline constexpr std::array all_screen_ids { ScreenId::Welcome, ScreenId::Home, ScreenId::Settings,
    ScreenId::AskPerson, ScreenId::Learn, ScreenId::FindHelp, ScreenId::BookPeer,
    ScreenId::TypingPractice, ScreenId::Goodbye, ScreenId::StaffPin, ScreenId::StaffHome, ScreenId::StaffHealth,
    ScreenId::HelpList, ScreenId::HelpEntry, ScreenId::HelpQr, ScreenId::Crisis, ScreenId::Breathing, ScreenId::MeetPeers,
    ScreenId::WalkIn, ScreenId::BookTime, ScreenId::StaffQueue, ScreenId::PrivacyInfo, ScreenId::LessonRun, ScreenId::GuidedSetup,
    ScreenId::GuidedSummary, ScreenId::HandBack };

// Timings from the config; update() reads them and never changes them.
struct Timing {
    Millis idle_timeout { Seconds { 90 } };   // no touch for this long → "Are you still there?"
    Millis warning { Seconds { 30 } };        // time given to answer it
    Millis goodbye { Seconds { 10 } };        // the goodbye screen returns to Welcome after this
    Millis settle { 350 };                    // taps this soon after a screen change are ignored
};

enum class WipeReason { Done, Idle, Staff };
std::string_view wipe_reason_name(WipeReason reason);

// A stack holding only Welcome (built in place: screens may own move-only typed text).
std::vector<Screen> welcome_stack();

// What a person did in one lesson, this session: for the marks on the lesson list and the summary
// of a guided session.
struct LessonRecord {
    enum class Mark : unsigned char { NotReached, Done, Skipped };
    std::string lesson_id;
    std::vector<Mark> steps;                  // the latest mark of each step
    Millis time { 0 };
    bool finished { false };
    int count(Mark mark) const { return static_cast<int>(std::count(steps.begin(), steps.end(), mark)); }
    bool operator==(const LessonRecord&) const = default;
};

// A guided onboarding session, set up by staff and handed to the person.
struct GuidedSession {
    std::vector<std::string> track;           // lesson ids
    SecureText reference { 24 };              // for example a chart number; memory only
    TimePoint began {};
};

struct Session {
    bool started { false };                   // someone touched the kiosk since the last wipe
    TimePoint last_touch {};
    std::optional<TimePoint> warning_until;   // set while "Are you still there?" shows
    bool staff { false };                     // staff mode: unlocked with the PIN, ends like a session
    std::vector<LessonRecord> lessons;        // progress, this session only
    std::optional<GuidedSession> guided;
};

// Wrong-PIN lockout. It outlives sessions (ending a session must not reset it): 5 wrong PINs lock
// the pad for 1 minute, doubling with each further lockout.
struct StaffGuard {
    static constexpr int attempts_per_lockout = 5;
    int failures { 0 };
    int lockouts { 0 };
    std::optional<TimePoint> locked_until;
    bool locked(TimePoint now) const { return locked_until && now < *locked_until; }
};

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

// Something the person asked to send to the clinic; the platform hands it to the clinic backend
// (the sync worker's outbox, or the demo clinic) and answers with RequestAnswered.
struct Request {
    enum class Kind { WalkIn, Booking, CancelWalkIn, QueueChange, Progress, ClearRejected };
    Kind kind;
    std::string uuid;
    std::string name;                  // what the person asked to be called; may be empty
    std::optional<FreeSlot> slot;      // for a booking
    std::string appointment_id {};     // for a queue change
    std::string new_status {};         // for a queue change: arrived, fulfilled, noshow, cancelled
    std::vector<LessonRecord> lessons {}; // for a progress record (name = the patient reference)
    std::int64_t minutes {};           // for a progress record: the whole session
};

// Read-aloud: the model says what should be heard, the platform speaks it (platform/speech.h)
// from what the screen shows, and answers SpeechDone when it has finished.
struct Speech {
    bool reading { false };     // something should be heard now
    bool whole { true };        // the whole screen, or only what is new on it (a message)
    unsigned request { 0 };     // grows with every new thing to read
};

struct AppState {
    Settings defaults;                        // from the config
    Timing timing;                            // from the config
    Settings settings;
    std::vector<Screen> stack = welcome_stack(); // never empty; back() is on screen
    Session session;
    TimePoint screen_since {};                // when the current screen appeared
    unsigned screen_generation { 0 };         // grows on every screen change
    unsigned sessions_ended { 0 };
    std::optional<WipeReason> last_wipe;
    Speech speech;

    StaffGuard staff_guard;
    std::vector<Request> requests;     // new since the platform last took them

    // Content from the clinic (or the cache, or the demo clinic). Not personal: kept across sessions.
    // Shared and immutable: the sync worker hands it over without a copy, and frees old content
    // on its own thread, so a large directory never costs a frame.
    std::shared_ptr<const ClinicContent> clinic { std::make_shared<const ClinicContent>() };
    // The lessons from assets/lessons (not personal; loaded once at start).
    std::shared_ptr<const LessonLibrary> lessons { std::make_shared<const LessonLibrary>() };
    bool clinic_from_cache { false };
    DeviceHealth health;

    const Screen& screen() const { return stack.back(); }
    Screen& screen() { return stack.back(); }
};

AppState make_initial_state(const Settings& defaults, const Timing& timing, TimePoint now);

namespace actions {
struct Start { };                             // "Touch to start" on Welcome
struct Open { ScreenId target; };            // go forward to a screen
struct Back { };
struct GoHome { };
struct SetLanguage { Language language; };
struct SetTheme { Theme theme; };
struct SetTextSize { TextSize size; };
struct StillHere { };                         // the answer to "Are you still there?"
struct Done { };                              // "I'm done": end the session now
struct LeaveGoodbye { };
struct Touch { };                             // any finger down anywhere: the person is here
struct Tick { };                              // time passed: check the timers
struct TypeKey { std::array<char, 5> utf8 {}; }; // one character, NUL-terminated
struct DeleteKey { };
struct ShiftKey { };
struct KeyboardDone { };
struct TypeAgain { };                         // back to step 1 with an empty field
struct StaffGesture { };                      // the documented hold in the top-left corner
struct PinDigit { char digit; };
struct PinDelete { };
struct PinSubmit { };
struct PinChecked { bool correct; };          // from the platform, after the slow hash
struct EndStaffMode { };
enum class HelpFilter { OpenToday, Free, InSpanish };
struct OpenHelpCategory { std::string category; };
struct OpenHelpEntry { std::string entry_id; };
struct ShowQr { std::string entry_id; screens::QrContent what; };
struct ToggleHelpFilter { HelpFilter filter; };
struct ClearHelpFilters { };
struct PauseBreathing { };
struct ChooseWalkIn { };                          // "Talk to someone now"
struct NextStep { };                              // the flow's "Next" / "Join the list"
struct SkipName { };
struct ConfirmRequest { std::string uuid; };      // a fresh UUID made by the platform this frame
struct CancelWalkIn { };
struct ChooseDay { UtcSeconds start; UtcSeconds end; };
struct ChooseTime { FreeSlot slot; };
struct ChoosePeer { std::string role_id; };       // empty = anyone
struct ChangeBooking { };
struct JoinWalkInInstead { };
struct QueueChange { std::string appointment_id; std::string new_status; };  // staff: Call / Served / No-show / Remove
// Staff, on the health view: remove the items the server refused (Ask shows the confirmation).
struct ClearRejected { enum class Step { Ask, Yes, No } step; };
struct RequestAnswered {
    enum class Outcome { Done, Taken, NoAnswer, Failed };
    std::string uuid;
    Outcome outcome;
};
struct ResumeBreathing { };
struct ClinicLoaded { std::shared_ptr<const ClinicContent> content; bool from_cache; };  // from the sync worker
struct HealthChanged { DeviceHealth health; };
// Lessons.
struct OpenLesson { std::string lesson_id; };
struct LessonNext { };                            // "Next" (or "Skip" before the exercise is done)
struct LessonRepeat { };                          // the step again, from its start
struct TapTarget { };                             // tap: the circle
struct HoldTarget { bool down; };                 // hold: the finger went down on / came off the button
struct PickItem { int index; };                   // scroll: an item; undo: delete a picture; passcode: a digit
struct TurnPage { int delta; };                   // swipe: -1 back, +1 on
struct Choose { int index; };                     // choose: an answer; sort: a group
struct TryAgain { };                              // choose, sort: after the feedback
struct UndoDelete { };
struct PlayAudio { bool play; };
enum class CallButton { Answer, Mute, Camera, HangUp };
struct PressCall { CallButton button; };
// Guided sessions (staff).
struct ChooseTrack { std::vector<std::string> lesson_ids; };  // empty: pick lessons one by one
struct ToggleLesson { std::string lesson_id; };
struct HandOver { };
struct SendProgress { std::string uuid; };
struct FinishGuided { };                          // end without sending
struct ReadAloud { };                             // read this screen, and each new one after it
struct StopReading { };                           // stop what is being read (new screens still are)
struct SetReadAloud { bool on; };                 // Settings: read each screen, or only on request
struct SetVolume { Volume volume; };
struct SpeechDone { unsigned request; };          // the platform finished reading that request
// What the platform did with the model's state, so that only update() changes it (issue 13).
struct RequestsTaken { };                         // the platform has sent state.requests on: wiped and dropped
struct StaffGuardRestored { StaffGuard guard; };  // the PIN lockout as read back from disk at start
}

using Action = std::variant<actions::Start, actions::Open, actions::Back, actions::GoHome,
    actions::SetLanguage, actions::SetTheme, actions::SetTextSize, actions::StillHere, actions::Done,
    actions::LeaveGoodbye, actions::Touch, actions::Tick, actions::TypeKey, actions::DeleteKey,
    actions::ShiftKey, actions::KeyboardDone, actions::TypeAgain, actions::ClinicLoaded, actions::HealthChanged,
    actions::StaffGesture, actions::PinDigit, actions::PinDelete, actions::PinSubmit, actions::PinChecked, actions::EndStaffMode,
    actions::OpenHelpCategory, actions::OpenHelpEntry, actions::ShowQr, actions::ToggleHelpFilter, actions::ClearHelpFilters,
    actions::PauseBreathing, actions::ResumeBreathing, actions::ChooseWalkIn, actions::NextStep, actions::SkipName,
    actions::ConfirmRequest, actions::CancelWalkIn, actions::ChooseDay, actions::ChooseTime, actions::ChoosePeer,
    actions::ChangeBooking, actions::JoinWalkInInstead, actions::RequestAnswered, actions::QueueChange, actions::OpenLesson,
    actions::LessonNext, actions::LessonRepeat, actions::TapTarget, actions::HoldTarget, actions::PickItem, actions::TurnPage,
    actions::Choose, actions::TryAgain, actions::UndoDelete, actions::PlayAudio, actions::PressCall, actions::ChooseTrack,
    actions::ToggleLesson, actions::HandOver, actions::SendProgress, actions::FinishGuided, actions::ReadAloud,
    actions::StopReading, actions::SetReadAloud, actions::SetVolume, actions::SpeechDone, actions::ClearRejected,
    actions::RequestsTaken, actions::StaffGuardRestored>;

actions::TypeKey type_key(std::string_view utf8_character);

// The one pure transition function: applies `action` at time `now`.
void update(AppState& state, const Action& action, TimePoint now);

// Ends the session: every session field is destroyed (typed text overwritten), settings return to
// the defaults, and the kiosk shows Welcome — or Goodbye first when the person said "I'm done".
void wipe(AppState& state, WipeReason reason, TimePoint now);

// The next moment a timer needs the model (idle warning, countdown second, goodbye), if any.
std::optional<TimePoint> next_wake(const AppState& state, TimePoint now);

// Seconds until the PIN pad unlocks, rounded up; 0 when it is not locked.
int lockout_seconds_left(const AppState& state, TimePoint now);

// Seconds left on "Are you still there?", rounded up; 0 when it is not showing.
int warning_seconds_left(const AppState& state, TimePoint now);

// The settings to draw with: the session's, or on Goodbye those the person used.
const Settings& effective_settings(const AppState& state);

// The lessons the person may open now: all, or in a guided session its track (indices into
// state.lessons, in curriculum order).
std::vector<int> visible_lessons(const AppState& state);
// True while a lesson's calm sound should be heard: its audio step is on screen and playing.
bool lesson_sound_playing(const AppState& state);
// This session's record of a lesson, if it was opened.
const LessonRecord* lesson_record(const AppState& state, std::string_view lesson_id);
// Tap targets shrink as the person succeeds: 16 mm for the first, 10 mm for the last.
double tap_target_mm(int taps, int count);
// Preset tracks for guided sessions: a catalog key for the name and the lesson numbers.
struct TrackPreset {
    const char* name_key;
    std::vector<int> numbers;
};
const std::vector<TrackPreset>& track_presets();

// True when read-aloud may speak this screen: a person's screens, never staff mode's (the queue
// holds names, and staff do not need it).
bool speech_allowed(const AppState& state);

// True when a Back action has somewhere to go.
bool can_go_back(const AppState& state);

}
