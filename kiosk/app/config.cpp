// Config parsing and validation (see config.h). Each key has one validator; the table in
// config_keys() is the documentation that --help prints.
#include "app/config.h"

#include <cmath>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

namespace kiosk {

namespace {

using Json = nlohmann::json;
using Setter = std::function<std::optional<std::string>(const Json&, Config&)>;

std::string shown(const Json& value)
{
    std::string text = value.dump();
    if (text.size() > 40)
        text = text.substr(0, 37) + "...";
    return text;
}

Setter whole_number(int lo, int hi, std::function<void(Config&, int)> set)
{
    return [=](const Json& v, Config& c) -> std::optional<std::string> {
        if (!v.is_number_integer() || v.get<long long>() < lo || v.get<long long>() > hi)
            return "a whole number from " + std::to_string(lo) + " to " + std::to_string(hi);
        set(c, static_cast<int>(v.get<long long>()));
        return std::nullopt;
    };
}

Setter one_of(std::vector<std::string> names, std::function<void(Config&, std::size_t)> set)
{
    return [=](const Json& v, Config& c) -> std::optional<std::string> {
        std::string allowed;
        for (auto& n : names)
            allowed += (allowed.empty() ? "" : " or ") + ("\"" + n + "\"");
        if (!v.is_string())
            return "one of " + allowed;
        for (std::size_t i = 0; i < names.size(); ++i)
            if (v.get<std::string>() == names[i]) {
                set(c, i);
                return std::nullopt;
            }
        return "one of " + allowed;
    };
}

Setter text(std::size_t max_length, bool may_be_empty, std::function<void(Config&, std::string)> set)
{
    return [=](const Json& v, Config& c) -> std::optional<std::string> {
        std::string rule = "text of " + std::string(may_be_empty ? "0" : "1") + " to " + std::to_string(max_length) + " bytes";
        if (!v.is_string())
            return rule;
        auto s = v.get<std::string>();
        if (s.size() > max_length || (!may_be_empty && s.empty()))
            return rule;
        set(c, std::move(s));
        return std::nullopt;
    };
}

struct KeyRule {
    ConfigKeyDoc doc;
    Setter set;
};

const std::vector<KeyRule>& rules()
{
    static const std::vector<KeyRule> table {
        { { "idle_timeout_seconds", "30–600, default 90", "Seconds without a touch before \"Are you still there?\"" },
            whole_number(30, 600, [](Config& c, int s) { c.timing.idle_timeout = Seconds { s }; }) },
        { { "warning_seconds", "30–120, default 30", "Seconds \"Are you still there?\" waits before clearing the session" },
            whole_number(30, 120, [](Config& c, int s) { c.timing.warning = Seconds { s }; }) },
        { { "goodbye_seconds", "3–60, default 10", "Seconds the goodbye screen shows before Welcome" },
            whole_number(3, 60, [](Config& c, int s) { c.timing.goodbye = Seconds { s }; }) },
        { { "default_language", "\"en\" or \"es\", default \"en\"", "Language each session starts in" },
            one_of({ "en", "es" }, [](Config& c, std::size_t i) { c.defaults.language = all_languages[i]; }) },
        { { "default_theme", "\"dark\" or \"light\", default \"dark\"", "Colour theme each session starts in" },
            one_of({ "dark", "light" }, [](Config& c, std::size_t i) { c.defaults.theme = all_themes[i]; }) },
        { { "default_text_size", "100, 150 or 200, default 100", "Text size (percent) each session starts in" },
            [](const Json& v, Config& c) -> std::optional<std::string> {
                for (TextSize size : all_text_sizes)
                    if (v.is_number_integer() && v.get<long long>() == text_percent(size)) {
                        c.defaults.text_size = size;
                        return std::nullopt;
                    }
                return "100, 150 or 200";
            } },
        { { "dpi", "a number from 50 to 600; absent = ask the display", "Pixels per inch of the screen, when the display reports it wrongly" },
            [](const Json& v, Config& c) -> std::optional<std::string> {
                if (!v.is_number() || !std::isfinite(v.get<double>()) || v.get<double>() < 50 || v.get<double>() > 600)
                    return "a number from 50 to 600";
                c.dpi = v.get<double>();
                return std::nullopt;
            } },
        { { "renderer", "\"software\" or \"accelerated\", default \"software\"", "SDL renderer; accelerated falls back to software if it fails" },
            one_of({ "software", "accelerated" }, [](Config& c, std::size_t i) {
                c.renderer = i == 0 ? RendererChoice::Software : RendererChoice::Accelerated;
            }) },
        { { "log_level", "\"error\", \"warning\", \"info\" or \"debug\", default \"info\"", "Least important log line written to stderr" },
            one_of({ "error", "warning", "info", "debug" }, [](Config& c, std::size_t i) { c.log_level = static_cast<LogLevel>(i); }) },
        { { "clinic_name", "text, 1–60 bytes, default \"Demo Clinic\"", "Shown on the Welcome screen" },
            text(60, false, [](Config& c, std::string s) { c.clinic_name = std::move(s); }) },
        { { "help_directions_en", "text, 0–200 bytes", "Where to find staff, in English (shown on \"Ask for a person\")" },
            text(200, true, [](Config& c, std::string s) { c.help_directions_en = std::move(s); }) },
        { { "help_directions_es", "text, 0–200 bytes", "Where to find staff, in Spanish" },
            text(200, true, [](Config& c, std::string s) { c.help_directions_es = std::move(s); }) },
        { { "font_regular", "path to a TrueType/OpenType file", "Body font (default Noto Sans Regular from fonts-noto-core)" },
            text(4096, false, [](Config& c, std::string s) { c.font_regular = std::move(s); }) },
        { { "font_bold", "path to a TrueType/OpenType file", "Heading and button font (default Noto Sans Bold)" },
            text(4096, false, [](Config& c, std::string s) { c.font_bold = std::move(s); }) },
    };
    return table;
}

}

const std::vector<ConfigKeyDoc>& config_keys()
{
    static const std::vector<ConfigKeyDoc> docs = [] {
        std::vector<ConfigKeyDoc> out;
        for (auto& rule : rules())
            out.push_back(rule.doc);
        return out;
    }();
    return docs;
}

Result<Config> parse_config(std::string_view json_text, std::string_view name)
{
    std::string file(name);
    Json json;
    try {
        json = Json::parse(json_text);
    } catch (const Json::parse_error& e) {
        return Error { "config " + file + ": not valid JSON near byte " + std::to_string(e.byte) + "" };
    }
    if (!json.is_object())
        return Error { "config " + file + ": must be a JSON object like {\"idle_timeout_seconds\": 90}" };

    Config config;
    for (auto& [key, value] : json.items()) {
        auto rule = std::find_if(rules().begin(), rules().end(), [&](const KeyRule& r) { return r.doc.key == key; });
        if (rule == rules().end()) {
            std::string known;
            for (auto& r : rules())
                known += (known.empty() ? "" : ", ") + std::string(r.doc.key);
            return Error { "config " + file + ": unknown key \"" + key + "\"; known keys: " + known };
        }
        if (auto problem = rule->set(value, config))
            return Error { "config " + file + ": key \"" + key + "\" must be " + *problem + " (got " + shown(value) + ")" };
    }
    if (config.timing.warning > config.timing.idle_timeout)
        return Error { "config " + file + ": key \"warning_seconds\" must not be longer than \"idle_timeout_seconds\"" };
    return config;
}

Result<Config> load_config(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return Error { "config " + file.string() + ": cannot be read (missing, or no permission)" };
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return parse_config(buffer.str(), file.string());
}

}
