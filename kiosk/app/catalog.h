// Every visible string comes from a catalog in assets/strings/<language>.json: a flat JSON object
// of key → text. Text may hold placeholders such as {n}, filled by format().
#pragma once
#include "app/result.h"
#include "app/settings.h"

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kiosk {

class Catalog {
public:
    static Result<Catalog> load(const std::filesystem::path& file);
    static Result<Catalog> parse(std::string_view json, std::string_view name);

    // The text for `key`, or nullptr when this catalog lacks it.
    const std::string* find(std::string_view key) const;
    std::vector<std::string> keys() const;
    std::size_t size() const { return m_text.size(); }

private:
    friend class Strings;
    std::map<std::string, std::string, std::less<>> m_text;
};

// The shipped catalogs together. Lookups fall back to English, then to the key itself in
// brackets, so a missing string is visible in screenshots and caught by the catalog test.
class Strings {
public:
    static Result<Strings> load(const std::filesystem::path& assets_dir);

    std::string_view get(Language language, std::string_view key) const;
    // get() with each "{name}" replaced by its value.
    std::string format(Language language, std::string_view key,
        std::initializer_list<std::pair<std::string_view, std::string>> values) const;
    const Catalog& catalog(Language language) const;

private:
    std::vector<Catalog> m_catalogs; // indexed by Language
    mutable std::string m_missing;
};

// Keys present in `reference` but absent in `other`.
std::vector<std::string> missing_keys(const Catalog& reference, const Catalog& other);

}
