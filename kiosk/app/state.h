// The one state tree of the kiosk, owned by the UI thread, and the actions that change it.
// Screens are alternatives of a variant and hold their own temporary input, so leaving a screen
// destroys what was typed on it. Every transition is made by update() in update.cpp.
#pragma once
#include "app/actions.h"
#include "app/clinic.h"
#include "app/clock.h"
#include "app/lesson.h"
#include "app/screens.h"
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

// Something the person asked to send to the clinic; the platform hands it to the clinic backend
// (the sync worker's outbox, or the demo clinic) and answers with RequestAnswered.
struct Request {
    // StaffList: the staff queue asks for the list with names (answered by StaffListArrived).
    enum class Kind { WalkIn, Booking, CancelWalkIn, QueueChange, Progress, ClearRejected, StaffList };
    Kind kind;
    std::string uuid;
    std::string name;                  // what the person asked to be called; may be empty
    std::optional<FreeSlot> slot;      // for a booking
    std::string appointment_id {};     // for a queue change
    QueueStatus queue_status {};       // for a queue change
    std::vector<LessonRecord> lessons {}; // for a progress record (name = the patient reference)
    std::int64_t minutes {};           // for a progress record: the whole session
    std::string replaces {};           // for a walk-in chosen after a booking had no answer: that
                                       // booking's UUID (withdrawn on the server if it is booked)
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
// The clinic's directory entry with this id, or null (the model and the Find help screens).
inline const DirectoryEntry* find_entry(const AppState& state, const std::string& id)
{
    for (auto& entry : state.clinic->directory)
        if (entry.id == id)
            return &entry;
    return nullptr;
}
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
