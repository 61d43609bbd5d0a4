// Lessons as data: the shape of each lesson comes from a JSON file in assets/lessons/ and every
// word from the string catalogs (format: docs/lessons.md). This file reads and validates them;
// update.cpp runs them and ui/screens/lessons.cpp draws them.
#pragma once
#include "app/catalog.h"
#include "app/result.h"

#include <array>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

enum class ExerciseKind { Read, Tap, Hold, Scroll, Swipe, Type, Choose, Sort, Undo, Audio, Call, Passcode, Settings, Speech };
std::string_view exercise_kind_name(ExerciseKind kind);
inline constexpr std::array all_exercise_kinds { ExerciseKind::Read, ExerciseKind::Tap, ExerciseKind::Hold, ExerciseKind::Scroll,
    ExerciseKind::Swipe, ExerciseKind::Type, ExerciseKind::Choose, ExerciseKind::Sort, ExerciseKind::Undo, ExerciseKind::Audio,
    ExerciseKind::Call, ExerciseKind::Passcode, ExerciseKind::Settings, ExerciseKind::Speech };

// The pictures a read step may show, drawn by the interface (no image files).
inline constexpr std::array lesson_pictures { "tablet", "hand", "lock", "wifi", "phone", "people", "heart", "shield" };
// The screens a read step may link to.
inline constexpr std::array lesson_links { "book-peer", "ask-person", "find-help", "settings" };

struct LessonChoice {
    std::string label;      // catalog keys
    std::string feedback;
    bool right { true };    // false only for a wrong answer; "any answer is fine" choices are all right
};

struct SortItem {
    std::string text;
    int group { 0 };        // 0 or 1: the index in LessonStep::groups
    std::string clue;
};

struct LessonStep {
    ExerciseKind kind { ExerciseKind::Read };
    std::string text;                  // the one thing the step says
    // The longer explanation after `text` (optional). Said right after it where there is room;
    // where the room is tight it follows the exercise, so the exercise is in view (issue 15).
    std::string more;
    std::string done;                  // said when the exercise is done; empty = the kind's own praise
    std::string picture;               // read
    std::string link, link_label;      // read
    int count { 0 };                   // tap: taps; hold, audio: seconds; passcode: digits
    std::vector<std::string> items;    // scroll: list; swipe: pages; undo: pictures; audio: captions
    std::string target;                // scroll: the item to find
    std::string start, goal;           // type (keys)
    // type: the start and goal texts in each language, read from the catalogs at load (the
    // model puts them in the field and compares, without the catalogs).
    std::array<std::string, all_languages.size()> start_text, goal_text;
    std::vector<LessonChoice> choices; // choose
    std::array<std::string, 2> groups; // sort
    std::vector<SortItem> sort_items;  // sort
    std::string caller;                // call

    // Steps the person may move past only by doing or skipping them (read and settings are done at once).
    bool done_at_once() const { return kind == ExerciseKind::Read || kind == ExerciseKind::Settings || kind == ExerciseKind::Speech; }
};

struct Lesson {
    std::string id;
    std::string file;                  // for log lines
    int number { 0 };
    int minutes { 0 };
    std::string title, summary, learned;
    std::vector<LessonStep> steps;
};

struct LessonLibrary {
    std::vector<Lesson> lessons;       // in number order
    std::vector<std::string> problems; // one line per skipped file: "<file>: <field>: <what is wrong>"

    const Lesson* find(std::string_view id) const;
    int index_of(std::string_view id) const;   // -1 when absent
};

// Reads one lesson file's text. Every key must exist in the English catalog.
Result<Lesson> parse_lesson(std::string_view json, std::string_view file_name, const Strings& strings);

// Reads every *.json in `dir` in name order; bad files are skipped and named in `problems`, as
// are a second lesson with the same id or number.
LessonLibrary load_lessons(const std::filesystem::path& dir, const Strings& strings);

// Every catalog key a lesson uses (for the catalog test).
std::vector<std::string> lesson_keys(const Lesson& lesson);

}
