// Config parsing and validation (see config.h). Each key has one validator; the table in
// config_keys() is the documentation that --help prints.
#include "app/config.h"

#include "app/json_limits.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
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

Setter whole_number(int lo, int hi, const std::function<void(Config&, int)>& set)
{
    return [=](const Json& v, Config& c) -> std::optional<std::string> {
        if (!v.is_number_integer() || v.get<long long>() < lo || v.get<long long>() > hi)
            return "a whole number from " + std::to_string(lo) + " to " + std::to_string(hi);
        set(c, static_cast<int>(v.get<long long>()));
        return std::nullopt;
    };
}

Setter one_of(const std::vector<std::string>& names, const std::function<void(Config&, std::size_t)>& set)
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

Setter text(std::size_t max_length, bool may_be_empty, const std::function<void(Config&, std::string)>& set)
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
        { { "time_zone", "a zone name like \"America/New_York\" (from tzdata)", "The clinic's time zone: times are shown in it and sent in UTC" },
            [](const Json& v, Config& c) -> std::optional<std::string> {
                std::string rule = "a time zone name from /usr/share/zoneinfo, like \"America/New_York\"";
                if (!v.is_string() || v.get<std::string>().empty() || v.get<std::string>().size() > 64
                    || v.get<std::string>().find("..") != std::string::npos || v.get<std::string>()[0] == '/'
                    || !std::filesystem::is_regular_file("/usr/share/zoneinfo/" + v.get<std::string>()))
                    return rule;
                c.time_zone = v.get<std::string>();
                return std::nullopt;
            } },
        { { "crisis_line", "a phone number, 3–25 characters", "The clinic's own crisis line, shown with 988 on the crisis screen" },
            [](const Json& v, Config& c) -> std::optional<std::string> {
                std::string rule = "a phone number of 3 to 25 digits, spaces and + - ( )";
                if (!v.is_string() || v.get<std::string>().size() < 3 || v.get<std::string>().size() > 25
                    || v.get<std::string>().find_first_not_of("0123456789 +-().") != std::string::npos)
                    return rule;
                c.crisis_line = v.get<std::string>();
                return std::nullopt;
            } },
        { { "font_regular", "path to a TrueType/OpenType file", "Body font (default Noto Sans Regular from fonts-noto-core)" },
            text(4096, false, [](Config& c, std::string s) { c.font_regular = std::move(s); }) },
        { { "font_bold", "path to a TrueType/OpenType file", "Heading and button font (default Noto Sans Bold)" },
            text(4096, false, [](Config& c, std::string s) { c.font_bold = std::move(s); }) },
        { { "server_url", "https://… (the FHIR base), absent = demo clinic", "The clinic's FHIR R4 server behind its mutual-TLS gateway" },
            [](const Json& v, Config& c) -> std::optional<std::string> {
                if (!v.is_string() || v.get<std::string>().rfind("https://", 0) != 0 || v.get<std::string>().size() > 300
                    || v.get<std::string>().back() == '/')
                    return "an https:// address of at most 300 bytes, without a trailing /";
                c.server_url = v.get<std::string>();
                return std::nullopt;
            } },
        { { "ca_file", "path to a PEM file", "The clinic CA that signed the server's certificate" },
            text(4096, false, [](Config& c, std::string s) { c.ca_file = std::move(s); }) },
        { { "certificate_file", "path to a PEM file", "This device's client certificate (from provisioning)" },
            text(4096, false, [](Config& c, std::string s) { c.certificate_file = std::move(s); }) },
        { { "key_file", "path to a PEM file", "This device's private key (stays on the device)" },
            text(4096, false, [](Config& c, std::string s) { c.key_file = std::move(s); }) },
        { { "server_pins", "1 to 4 pins like \"sha256//<base64>\"", "The server's public key pins: current and backup" },
            [](const Json& v, Config& c) -> std::optional<std::string> {
                std::string rule = "a list of 1 to 4 pins, each \"sha256//\" and 44 base64 characters";
                if (!v.is_array() || v.empty() || v.size() > 4)
                    return rule;
                std::vector<std::string> pins;
                for (auto& pin : v) {
                    if (!pin.is_string() || pin.get<std::string>().rfind("sha256//", 0) != 0 || pin.get<std::string>().size() != 52)
                        return rule;
                    pins.push_back(pin.get<std::string>());
                }
                c.server_pins = std::move(pins);
                return std::nullopt;
            } },
        { { "store_key_file", "path to a file of 64 hex digits, mode 0600", "The key of the encrypted store (from provisioning)" },
            text(4096, false, [](Config& c, std::string s) { c.store_key_file = std::move(s); }) },
        { { "data_dir", "a directory path, default /var/lib/peer-kiosk", "Where the encrypted store lives" },
            text(4096, false, [](Config& c, std::string s) { c.data_dir = std::move(s); }) },
        { { "refresh_seconds", "60–3600, default 300", "How often the content is pulled from the server" },
            whole_number(60, 3600, [](Config& c, int s) { c.refresh = Seconds { s }; }) },
        { { "staff_pin_hash", "\"$argon2id$…\" from kiosk --hash-pin", "The staff PIN, as a salted slow hash (never the PIN itself)" },
            [](const Json& v, Config& c) -> std::optional<std::string> {
                if (!v.is_string() || v.get<std::string>().rfind("$argon2id$", 0) != 0 || v.get<std::string>().size() > 128)
                    return "an Argon2id hash string made by kiosk --hash-pin";
                c.staff_pin_hash = v.get<std::string>();
                return std::nullopt;
            } },
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

namespace {

// Reads one file's keys into `config` (keys it does not name keep their values). Errors name the file.
std::optional<Error> apply_config(std::string_view json_text, std::string_view name, Config& config)
{
    std::string file(name);
    auto parsed = parse_json(json_text);
    if (!parsed) {
        const JsonError& e = parsed.error();
        if (e.kind == JsonError::Kind::TooDeep && !e.key.empty())
            return Error { "config " + file + ": key \"" + e.key + "\" is " + e.message + " (no setting needs more than 2)" };
        return Error { "config " + file + ": " + e.message };
    }
    Json json = std::move(*parsed);
    if (!json.is_object())
        return Error { "config " + file + ": must be a JSON object like {\"idle_timeout_seconds\": 90}" };

    for (auto& [key, value] : json.items()) {
        // Captured by name, not [&]: clang 14 (clang-tidy-14) cannot capture a structured binding.
        auto rule = std::find_if(rules().begin(), rules().end(), [&wanted = key](const KeyRule& r) { return r.doc.key == wanted; });
        if (rule == rules().end()) {
            std::string known;
            for (auto& r : rules())
                known += (known.empty() ? "" : ", ") + std::string(r.doc.key);
            return Error { "config " + file + ": unknown key \"" + key + "\"; known keys: " + known };
        }
        if (auto problem = rule->set(value, config))
            return Error { "config " + file + ": key \"" + key + "\" must be " + *problem + " (got " + shown(value) + ")" };
    }
    return std::nullopt;
}

// The checks between keys, once every file is read; `file` names the file(s).
std::optional<Error> check_config(const Config& config, const std::string& file)
{
    if (!config.server_url.empty()) {
        for (auto [key, value] : { std::pair { "ca_file", &config.ca_file }, std::pair { "certificate_file", &config.certificate_file },
                 std::pair { "key_file", &config.key_file }, std::pair { "store_key_file", &config.store_key_file } })
            if (value->empty())
                return Error { "config " + file + ": key \"" + key + "\" is needed when \"server_url\" is set" };
        if (config.server_pins.empty())
            return Error { "config " + file + ": key \"server_pins\" is needed when \"server_url\" is set" };
        if (config.staff_pin_hash.empty())
            return Error { "config " + file + ": key \"staff_pin_hash\" is needed when \"server_url\" is set (the demo PIN is for the demo clinic only)" };
    }
    if (config.timing.warning > config.timing.idle_timeout)
        return Error { "config " + file + ": key \"warning_seconds\" must not be longer than \"idle_timeout_seconds\"" };
    return std::nullopt;
}

Result<std::string> read_file(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return Error { "config " + file.string() + ": cannot be read (missing, or no permission)" };
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

}

Result<Config> parse_config(std::string_view json_text, std::string_view name)
{
    Config config;
    if (auto error = apply_config(json_text, name, config))
        return *error;
    if (auto error = check_config(config, std::string(name)))
        return *error;
    return config;
}

Result<Config> load_config(const std::filesystem::path& file)
{
    return load_config(std::vector { file });
}

Result<Config> load_config(const std::vector<std::filesystem::path>& files)
{
    Config config;
    std::string names;
    for (auto& file : files) {
        auto text = read_file(file);
        if (!text)
            return text.error();
        if (auto error = apply_config(*text, file.string(), config))
            return *error;
        names += (names.empty() ? "" : " + ") + file.string();
    }
    if (auto error = check_config(config, names.empty() ? "(defaults)" : names))
        return *error;
    return config;
}

std::vector<std::filesystem::path> config_dir_files(const std::filesystem::path& dir)
{
    std::vector<std::filesystem::path> files;
    std::error_code ec;
    for (auto it = std::filesystem::directory_iterator(dir, ec); !ec && it != std::filesystem::directory_iterator(); it.increment(ec))
        if (it->path().extension() == ".json" && it->path().filename().string()[0] != '.' && it->is_regular_file(ec))
            files.push_back(it->path());
    std::sort(files.begin(), files.end());
    return files;
}

}
