// The screens: each an alternative of the `Screen` variant, holding its own temporary input, so
// leaving a screen destroys what was typed on it.
#pragma once
#include "app/clinic.h"
#include "app/clock.h"
#include "app/exercise.h"
#include "app/lesson.h"
#include "app/secure_text.h"
#include "app/settings.h"

#include <array>
#include <cstddef>
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
struct Welcome { static constexpr std::string_view key = "welcome"; };
struct Home { static constexpr std::string_view key = "home"; };
struct Settings { static constexpr std::string_view key = "settings"; };
struct AskPerson { static constexpr std::string_view key = "ask-person"; };
// The lesson list: big tiles, a mark on those done in this session. In a guided session it
// shows only the session's track.
struct Learn { static constexpr std::string_view key = "learn"; };
struct FindHelp { static constexpr std::string_view key = "find-help"; };
struct BookPeer { static constexpr std::string_view key = "book-peer"; };
// Two steps: type something on the on-screen keyboard, then see it back. Nothing is kept.
struct TypingPractice {
    static constexpr std::string_view key = "typing-practice";
    static constexpr int step_count = 2;
    int step { 1 };
    bool shift { true };
    SecureText text;
};
// Shown after "I'm done". The session is already wiped; only the language and text size the
// person used are kept to say goodbye in, until the kiosk returns to Welcome.
struct Goodbye {
    static constexpr std::string_view key = "goodbye";
    TimePoint until;
    kiosk::Settings shown_with;
};
// The staff PIN pad. The digits are a secret: kept in a SecureText, overwritten when checked.
struct StaffPin {
    static constexpr std::string_view key = "staff-pin";
    enum class Feedback { None, Wrong, Locked };
    SecureText digits { 16 };
    bool checking { false };       // the platform is verifying the PIN against the config's hash
    Feedback feedback { Feedback::None };
};
struct StaffHome { static constexpr std::string_view key = "staff-home"; };
// The walk-in list and today's bookings, with names (issue 14). The names are asked of the clinic
// when the screen opens and every `refresh_every` while it is open, and live only here: leaving
// the screen, "End staff mode" and the idle wipe destroy them (StaffList overwrites its names).
// A fetch that fails shows why and no names — never an older list.
struct StaffQueue {
    static constexpr std::string_view key = "staff-queue";
    static constexpr Seconds refresh_every { 30 };
    enum class Fetch { Asking, Shown, Failed };
    std::shared_ptr<const StaffList> list;
    Fetch fetch { Fetch::Asking };
    TimePoint asked_at {};
    std::string error;          // why the last fetch failed (for staff; never a name)
};
// One lesson, one step at a time. `ex` is the step's exercise and starts afresh on every step.
struct LessonRun {
    static constexpr std::string_view key = "lesson";
    int lesson { 0 };                         // index in AppState::lessons
    int step { 0 };
    bool finished { false };                  // showing "You learned …"
    TimePoint step_since {};
    Exercise ex;
};
// Staff: start a guided session. Choose a track, optionally type a patient reference (kept in
// memory only), then hand the tablet over.
struct GuidedSetup {
    static constexpr std::string_view key = "guided-setup";
    enum class Step { Track, Pick, Reference, Handover };
    Step step { Step::Track };
    std::vector<std::string> picked;          // lesson ids, in curriculum order
    bool shift { true };
    SecureText reference { 24 };
};
// Staff, after the PIN at the end of a guided session: what the person did, and "Send to the
// clinic record".
struct GuidedSummary { static constexpr std::string_view key = "guided-summary"; };
// The end of a guided track: "Please give the tablet back".
struct HandBack { static constexpr std::string_view key = "hand-back"; };
// "What happens to my information": plain words on what is sent, kept, and for how long.
struct PrivacyInfo { static constexpr std::string_view key = "privacy"; };
struct StaffHealth {
    static constexpr std::string_view key = "staff-health";
    bool confirm_clear { false };
};  // asking "remove the refused items?"
// Find help: one category's entries, narrowed by choices (never by typing).
struct HelpList {
    static constexpr std::string_view key = "help-list";
    std::string category;
    bool open_today { false };
    bool free_only { false };
    bool in_spanish { false };
};
struct HelpEntry {
    static constexpr std::string_view key = "help-entry";
    std::string entry_id;
};
// An entry as a QR code for the person's own phone. Nothing records who looked at what.
enum class QrContent { Phone, Text, Web, Address };
struct HelpQr {
    static constexpr std::string_view key = "help-qr";
    std::string entry_id;
    QrContent what { QrContent::Phone };
};
struct Crisis { static constexpr std::string_view key = "crisis"; };
// The guided breathing exercise: a circle that grows and shrinks, with captions.
struct Breathing {
    static constexpr std::string_view key = "breathing";
    static constexpr Millis cycle { 12000 };           // in 4 s, hold 2 s, out 6 s
    static constexpr Millis longest { Seconds { 180 } }; // then it pauses by itself
    TimePoint started {};
    Millis elapsed_before { 0 };                       // running time before the last pause
    bool paused { false };
    Millis elapsed(TimePoint now) const { return paused ? elapsed_before : elapsed_before + (now - started); }
};
struct MeetPeers { static constexpr std::string_view key = "meet-peers"; };
// Joining the walk-in list: the estimate, an optional name, what will be sent, then the ticket.
struct WalkIn {
    static constexpr std::string_view key = "walk-in";
    enum class Step { Estimate, Name, Summary, Sending, Joined, Cancelled, NotKept };
    static constexpr int step_count = 3;
    Step step { Step::Estimate };
    bool shift { true };
    SecureText name { 40 };
    std::string uuid;
    std::string ticket;
    std::string replaces;   // the booking given up for this ("The clinic did not answer")
};
// Picking a time: day → time → peer → optional name → what will be sent → the server's answer.
struct BookTime {
    static constexpr std::string_view key = "book-time";
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

// The one list of screens is `Screen`: each alternative's `key` names it (in scenario files and
// logs), and ScreenId numbers them in the same order — checked at compile time in screens.cpp.
inline constexpr std::size_t screen_count = std::variant_size_v<Screen>;
ScreenId screen_id(const Screen& screen);
std::string_view screen_name(ScreenId id);
std::optional<ScreenId> screen_from_name(std::string_view name);
inline constexpr auto all_screen_ids = [] {
    std::array<ScreenId, screen_count> ids {};
    for (std::size_t i = 0; i < screen_count; ++i)
        ids[i] = static_cast<ScreenId>(i);
    return ids;
}();

}
