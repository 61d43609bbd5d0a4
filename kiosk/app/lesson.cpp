// Reading and validating lesson files (see lesson.h and docs/lessons.md). Each check names the
// field, so a log line tells the writer exactly what to fix.
#include "app/lesson.h"

#include "app/json_limits.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

namespace kiosk {

namespace {

using nlohmann::json;

constexpr std::array kind_names { "read", "tap", "hold", "scroll", "swipe", "type", "choose", "sort", "undo", "audio", "call",
    "passcode", "settings", "speech" };

// "must be one of a, b, c" from the list of allowed names.
template<std::size_t N>
std::string one_of(const std::array<const char*, N>& names)
{
    std::string text = "must be one of ";
    for (std::size_t i = 0; i < N; ++i)
        text += (i ? ", " : "") + std::string(names[i]);
    return text;
}

// A failed check: the field's path and what is wrong with it.
struct Bad {
    std::string field;
    std::string what;
};

class Reader {
public:
    explicit Reader(const Catalog& english) : m_english(english) { }

    const json& member(const json& object, const std::string& path, const char* name, bool required = true)
    {
        static const json absent;
        if (!object.is_object())
            throw Bad { path, "must be an object" };
        auto it = object.find(name);
        if (it == object.end()) {
            if (required)
                throw Bad { join(path, name), "is missing" };
            return absent;
        }
        return *it;
    }

    std::string key(const json& object, const std::string& path, const char* name, bool required = true)
    {
        const json& value = member(object, path, name, required);
        if (value.is_null() && !required)
            return {};
        return key_value(value, join(path, name));
    }

    std::string key_value(const json& value, const std::string& field)
    {
        if (!value.is_string())
            throw Bad { field, "must be a catalog key (text)" };
        auto key = value.get<std::string>();
        if (!m_english.find(key))
            throw Bad { field, "no text \"" + key + "\" in the English catalog" };
        return key;
    }

    std::vector<std::string> keys(const json& object, const std::string& path, const char* name, std::size_t least, std::size_t most)
    {
        const json& list = member(object, path, name);
        auto field = join(path, name);
        if (!list.is_array() || list.size() < least || list.size() > most)
            throw Bad { field, "must be a list of " + std::to_string(least) + " to " + std::to_string(most) + " keys" };
        std::vector<std::string> out;
        for (std::size_t i = 0; i < list.size(); ++i)
            out.push_back(key_value(list[i], field + "[" + std::to_string(i) + "]"));
        return out;
    }

    int number(const json& object, const std::string& path, const char* name, int least, int most)
    {
        const json& value = member(object, path, name);
        if (!value.is_number_integer() || value.get<long long>() < least || value.get<long long>() > most)
            throw Bad { join(path, name), "must be a whole number from " + std::to_string(least) + " to " + std::to_string(most) };
        return value.get<int>();
    }

    static std::string join(const std::string& path, const char* name) { return path.empty() ? name : path + "." + name; }

private:
    const Catalog& m_english;
};

LessonStep read_step(Reader& r, const json& object, const std::string& path)
{
    LessonStep step;
    const json& kind = r.member(object, path, "kind");
    auto it = kind.is_string() ? std::find(kind_names.begin(), kind_names.end(), kind.get<std::string>()) : kind_names.end();
    if (it == kind_names.end())
        throw Bad { Reader::join(path, "kind"), one_of(kind_names) };
    step.kind = static_cast<ExerciseKind>(it - kind_names.begin());
    step.text = r.key(object, path, "text");
    step.done = r.key(object, path, "done", false);
    step.more = r.key(object, path, "more", false);
    switch (step.kind) {
    case ExerciseKind::Read: {
        const json& picture = r.member(object, path, "picture", false);
        if (!picture.is_null()) {
            if (!picture.is_string() || std::find(lesson_pictures.begin(), lesson_pictures.end(), picture.get<std::string>()) == lesson_pictures.end())
                throw Bad { Reader::join(path, "picture"), one_of(lesson_pictures) };
            step.picture = picture.get<std::string>();
        }
        const json& link = r.member(object, path, "link", false);
        if (!link.is_null()) {
            if (!link.is_string() || std::find(lesson_links.begin(), lesson_links.end(), link.get<std::string>()) == lesson_links.end())
                throw Bad { Reader::join(path, "link"), one_of(lesson_links) };
            step.link = link.get<std::string>();
            step.link_label = r.key(object, path, "link_label");
        }
        break;
    }
    case ExerciseKind::Tap: step.count = r.number(object, path, "count", 2, 10); break;
    case ExerciseKind::Hold: step.count = r.number(object, path, "seconds", 1, 5); break;
    case ExerciseKind::Scroll: {
        step.items = r.keys(object, path, "items", 8, 30);
        step.target = r.key(object, path, "target");
        if (std::find(step.items.begin(), step.items.end(), step.target) == step.items.end())
            throw Bad { Reader::join(path, "target"), "must be one of the items" };
        break;
    }
    case ExerciseKind::Swipe: step.items = r.keys(object, path, "pages", 2, 5); break;
    case ExerciseKind::Type:
        step.start = r.key(object, path, "start", false);
        step.goal = r.key(object, path, "goal", false);
        break;
    case ExerciseKind::Choose: {
        const json& list = r.member(object, path, "choices");
        auto field = Reader::join(path, "choices");
        if (!list.is_array() || list.size() < 2 || list.size() > 5)
            throw Bad { field, "must be a list of 2 to 5 choices" };
        for (std::size_t i = 0; i < list.size(); ++i) {
            auto at = field + "[" + std::to_string(i) + "]";
            LessonChoice choice;
            choice.label = r.key(list[i], at, "label");
            choice.feedback = r.key(list[i], at, "feedback");
            const json& right = r.member(list[i], at, "right", false);
            if (!right.is_null() && !right.is_boolean())
                throw Bad { Reader::join(at, "right"), "must be true or false" };
            choice.right = right.is_null() || right.get<bool>();
            step.choices.push_back(std::move(choice));
        }
        if (std::none_of(step.choices.begin(), step.choices.end(), [](auto& c) { return c.right; }))
            throw Bad { field, "needs at least one right answer" };
        break;
    }
    case ExerciseKind::Sort: {
        auto groups = r.keys(object, path, "groups", 2, 2);
        step.groups = { groups[0], groups[1] };
        const json& list = r.member(object, path, "items");
        auto field = Reader::join(path, "items");
        if (!list.is_array() || list.size() < 2 || list.size() > 8)
            throw Bad { field, "must be a list of 2 to 8 items" };
        for (std::size_t i = 0; i < list.size(); ++i) {
            auto at = field + "[" + std::to_string(i) + "]";
            SortItem item;
            item.text = r.key(list[i], at, "text");
            item.group = r.number(list[i], at, "group", 0, 1);
            item.clue = r.key(list[i], at, "clue");
            step.sort_items.push_back(std::move(item));
        }
        break;
    }
    case ExerciseKind::Undo: step.items = r.keys(object, path, "items", 2, 4); break;
    case ExerciseKind::Audio:
        step.items = r.keys(object, path, "captions", 2, 6);
        step.count = r.number(object, path, "seconds", 10, 120);
        break;
    case ExerciseKind::Call: step.caller = r.key(object, path, "caller"); break;
    case ExerciseKind::Passcode: step.count = r.number(object, path, "digits", 4, 8); break;
    case ExerciseKind::Settings:
    case ExerciseKind::Speech: break; // nothing more to read for either
    }
    return step;
}

bool valid_id(const std::string& id)
{
    return !id.empty() && id.size() <= 40
        && std::all_of(id.begin(), id.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

}

std::string_view exercise_kind_name(ExerciseKind kind) { return kind_names.at(static_cast<std::size_t>(kind)); }

Result<Lesson> parse_lesson(std::string_view text, std::string_view file_name, const Strings& strings)
{
    auto fail = [&](const std::string& field, const std::string& what) {
        return Error { std::string(file_name) + ": " + field + ": " + what };
    };
    auto parsed = parse_json(text);
    if (!parsed)
        return fail("(file)", parsed.error().kind == JsonError::Kind::TooDeep ? parsed.error().message : "not valid JSON");
    auto& doc = *parsed;
    if (!doc.is_object())
        return fail("(file)", "must be a JSON object");
    Reader r(strings.catalog(Language::English));
    Lesson lesson;
    lesson.file = std::string(file_name);
    try {
        const json& id = r.member(doc, "", "id");
        if (!id.is_string() || !valid_id(id.get<std::string>()))
            throw Bad { "id", "must be 1 to 40 of a-z, 0-9 and -" };
        lesson.id = id.get<std::string>();
        lesson.number = r.number(doc, "", "number", 1, 99);
        lesson.minutes = r.number(doc, "", "minutes", 1, 10);
        lesson.title = r.key(doc, "", "title");
        lesson.summary = r.key(doc, "", "summary");
        lesson.learned = r.key(doc, "", "learned");
        const json& steps = r.member(doc, "", "steps");
        if (!steps.is_array() || steps.empty() || steps.size() > 8)
            throw Bad { "steps", "must be a list of 1 to 8 steps" };
        for (std::size_t i = 0; i < steps.size(); ++i)
            lesson.steps.push_back(read_step(r, steps[i], "steps[" + std::to_string(i) + "]"));
        for (auto& step : lesson.steps)
            for (Language language : all_languages) {
                auto at = static_cast<std::size_t>(language);
                if (!step.start.empty())
                    step.start_text[at] = std::string(strings.get(language, step.start));
                if (!step.goal.empty())
                    step.goal_text[at] = std::string(strings.get(language, step.goal));
            }
    } catch (const Bad& bad) {
        return fail(bad.field, bad.what);
    }
    return lesson;
}

LessonLibrary load_lessons(const std::filesystem::path& dir, const Strings& strings)
{
    LessonLibrary library;
    std::vector<std::filesystem::path> files;
    std::error_code ec;
    for (auto& entry : std::filesystem::directory_iterator(dir, ec))
        if (entry.path().extension() == ".json")
            files.push_back(entry.path());
    if (ec)
        library.problems.push_back(dir.string() + ": cannot be read: " + ec.message());
    std::sort(files.begin(), files.end());
    std::set<std::string> ids;
    std::set<int> numbers;
    for (auto& file : files) {
        auto name = file.filename().string();
        std::ifstream in(file, std::ios::binary);
        std::ostringstream buffer;
        buffer << in.rdbuf();
        if (!in.good() && !in.eof()) {
            library.problems.push_back(name + ": (file): cannot be read");
            continue;
        }
        auto lesson = parse_lesson(buffer.str(), name, strings);
        if (!lesson) {
            library.problems.push_back(lesson.error().message);
            continue;
        }
        if (!ids.insert(lesson->id).second) {
            library.problems.push_back(name + ": id: \"" + lesson->id + "\" is already used by another lesson");
            continue;
        }
        if (!numbers.insert(lesson->number).second) {
            library.problems.push_back(name + ": number: " + std::to_string(lesson->number) + " is already used by another lesson");
            continue;
        }
        library.lessons.push_back(std::move(*lesson));
    }
    std::sort(library.lessons.begin(), library.lessons.end(), [](auto& a, auto& b) { return a.number < b.number; });
    return library;
}

const Lesson* LessonLibrary::find(std::string_view id) const
{
    int i = index_of(id);
    return i < 0 ? nullptr : &lessons[static_cast<std::size_t>(i)];
}

int LessonLibrary::index_of(std::string_view id) const
{
    for (std::size_t i = 0; i < lessons.size(); ++i)
        if (lessons[i].id == id)
            return static_cast<int>(i);
    return -1;
}

std::vector<std::string> lesson_keys(const Lesson& lesson)
{
    std::vector<std::string> keys { lesson.title, lesson.summary, lesson.learned };
    auto add = [&](const std::string& key) {
        if (!key.empty())
            keys.push_back(key);
    };
    for (auto& step : lesson.steps) {
        add(step.text);
        add(step.more);
        add(step.done);
        add(step.link_label);
        for (auto& item : step.items)
            add(item);
        add(step.start);
        add(step.goal);
        for (auto& c : step.choices) {
            add(c.label);
            add(c.feedback);
        }
        add(step.groups[0]);
        add(step.groups[1]);
        for (auto& item : step.sort_items) {
            add(item.text);
            add(item.clue);
        }
        add(step.caller);
    }
    return keys;
}

}
