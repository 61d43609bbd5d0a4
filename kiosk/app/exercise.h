// The state of a lesson step's exercise: one small struct per exercise kind, made afresh (empty)
// at the start of every step. Each kind says which of its fields change the message the person
// reads (`message()`): read-aloud reads the new words when they change (see speech_place).
#pragma once
#include "app/clock.h"
#include "app/lesson.h"
#include "app/secure_text.h"

#include <array>
#include <optional>
#include <variant>
#include <vector>

namespace kiosk::exercise {

// Read, Settings, Speech: nothing to keep.
struct Nothing {
    std::array<int, 0> message() const { return {}; }
};
struct Tap {
    int taps { 0 };
    std::array<int, 0> message() const { return {}; }
};
struct Hold {
    Millis held { 0 };                        // time held before the current press
    std::optional<TimePoint> hold_since;      // the finger is down since then
    Millis held_for(TimePoint now) const { return hold_since ? held + (now - *hold_since) : held; }
    std::array<int, 0> message() const { return {}; }
};
struct Scroll {
    int wrong_item { -1 };                    // the last item tapped that was not the one
    std::array<int, 1> message() const { return { wrong_item }; }
};
struct Swipe {
    int page { 0 };
    std::array<int, 1> message() const { return { page }; }
};
struct Type {
    SecureText typed { 40 };                  // overwritten when the step ends
    bool shift { true };
    bool mismatch { false };                  // Done tapped but the field differs from the goal
    std::array<int, 1> message() const { return { mismatch }; }
};
struct Choose {
    std::optional<int> chosen;
    std::array<int, 1> message() const { return { chosen.value_or(-1) }; }
};
struct Sort {
    int sort_index { 0 };                     // the item on show
    std::optional<int> sort_answer;           // the group chosen for it
    int sort_right { 0 };
    std::array<int, 2> message() const { return { sort_index, sort_answer.value_or(-1) }; }
};
struct Undo {
    std::vector<bool> deleted;
    int last_deleted { -1 };
    std::array<int, 0> message() const { return {}; }
};
struct Audio {
    bool playing { false };
    TimePoint play_since {};
    Millis played { 0 };
    Millis audio_elapsed(TimePoint now) const { return playing ? played + (now - play_since) : played; }
    std::array<int, 0> message() const { return {}; }
};
struct Call {
    enum class Phase { Ringing, Talking, Ended };
    // What the person is asked to do next, in order.
    enum class Task { Answer, Mute, Unmute, CameraOff, HangUp };
    Phase call { Phase::Ringing };
    bool muted { false };
    bool camera_off { false };
    Task task { Task::Answer };
    std::array<int, 2> message() const { return { static_cast<int>(call), static_cast<int>(task) }; }
};
struct Passcode {
    SecureText first { 8 };                   // never kept past the step
    SecureText second { 8 };
    bool retyping { false };
    bool mismatch { false };                  // the second entry differed from the first
    std::array<int, 2> message() const { return { retyping, mismatch }; }
};

using State = std::variant<Nothing, Tap, Hold, Scroll, Swipe, Type, Choose, Sort, Undo, Audio, Call, Passcode>;

// The state a step of `kind` starts with.
State fresh(ExerciseKind kind);

}

namespace kiosk::screens {

// One lesson step's exercise: done (then "Next" instead of "Skip"), and its kind's state.
struct Exercise {
    bool done { false };
    exercise::State state;

    // The kind's state, or nullptr when the step is of another kind.
    template <class K>
    K* as() { return std::get_if<K>(&state); }
    template <class K>
    const K* as() const { return std::get_if<K>(&state); }
    // For drawing: the kind's state, or an empty one when the step is of another kind.
    template <class K>
    const K& get() const
    {
        static const K empty {};
        const K* k = as<K>();
        return k ? *k : empty;
    }
};

}
