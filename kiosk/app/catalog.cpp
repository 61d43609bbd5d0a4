// Loading and looking up the string catalogs (see catalog.h).
#include "app/catalog.h"

#include "app/json_limits.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace kiosk {

Result<Catalog> Catalog::parse(std::string_view json_text, std::string_view name)
{
    auto parsed = parse_json(json_text);
    if (!parsed)
        return Error { std::string(name) + ": " + parsed.error().message };
    auto& json = *parsed;
    if (!json.is_object())
        return Error { std::string(name) + ": not a JSON object of key → text" };
    Catalog catalog;
    for (auto& [key, value] : json.items()) {
        if (!value.is_string())
            return Error { std::string(name) + ": key \"" + key + "\" must be text" };
        catalog.m_text.emplace(key, value.get<std::string>());
    }
    return catalog;
}

Result<Catalog> Catalog::load(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return Error { file.string() + ": cannot be read" };
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return parse(buffer.str(), file.string());
}

const std::string* Catalog::find(std::string_view key) const
{
    auto it = m_text.find(key);
    return it == m_text.end() ? nullptr : &it->second;
}

std::vector<std::string> Catalog::keys() const
{
    std::vector<std::string> out;
    out.reserve(m_text.size());
    for (auto& [key, text] : m_text)
        out.push_back(key);
    return out;
}

Result<Strings> Strings::load(const std::filesystem::path& assets_dir)
{
    Strings strings;
    for (Language language : all_languages) {
        std::string code(language_code(language));
        auto catalog = Catalog::load(assets_dir / "strings" / (code + ".json"));
        if (!catalog)
            return catalog.error();
        // Further catalogs of the same language, named <part>.<code>.json (lessons.en.json), in
        // name order. A key defined twice is an error: one of the two would silently lose.
        std::vector<std::filesystem::path> parts;
        std::error_code ec;
        for (auto& file : std::filesystem::directory_iterator(assets_dir / "strings", ec)) {
            auto name = file.path().filename().string();
            if (name.size() > code.size() + 6 && name.ends_with("." + code + ".json"))
                parts.push_back(file.path());
        }
        std::sort(parts.begin(), parts.end());
        for (auto& file : parts) {
            auto part = Catalog::load(file);
            if (!part)
                return part.error();
            for (auto& [key, text] : part->m_text)
                if (!catalog->m_text.emplace(key, text).second)
                    return Error { file.string() + ": key \"" + key + "\" is already defined in another catalog" };
        }
        strings.m_catalogs.push_back(std::move(*catalog));
    }
    return strings;
}

const Catalog& Strings::catalog(Language language) const
{
    return m_catalogs.at(static_cast<std::size_t>(language));
}

std::string_view Strings::get(Language language, std::string_view key) const
{
    if (auto* text = catalog(language).find(key))
        return *text;
    if (auto* text = catalog(Language::English).find(key))
        return *text;
    m_missing = "[" + std::string(key) + "]";
    return m_missing;
}

std::string Strings::format(Language language, std::string_view key,
    std::initializer_list<std::pair<std::string_view, std::string>> values) const
{
    std::string text(get(language, key));
    for (auto& [name, value] : values) {
        // Built by appending, not as "{" + std::string(name) + "}": GCC 12 at -O3 reports a false
        // -Wrestrict inside operator+(const char*, std::string&&) (GCC bug 105329).
        std::string placeholder;
        placeholder.reserve(name.size() + 2);
        placeholder.append(1, '{').append(name).append(1, '}');
        for (auto at = text.find(placeholder); at != std::string::npos; at = text.find(placeholder, at + value.size()))
            text.replace(at, placeholder.size(), value);
    }
    return text;
}

std::vector<std::string> missing_keys(const Catalog& reference, const Catalog& other)
{
    std::vector<std::string> missing;
    for (auto& key : reference.keys())
        if (!other.find(key))
            missing.push_back(key);
    return missing;
}

}
