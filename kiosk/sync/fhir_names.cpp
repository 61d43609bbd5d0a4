// The name filter for Appointment answers (see fhir_names.h). nlohmann-json's SAX interface hands
// each string over in the lexer's own buffer before any value is made of it: a string that is
// not kept is overwritten there and dropped, so no json value, no copy and no freed allocation
// of ours ever held it.
#include "sync/fhir_names.h"

#include "app/secure_text.h"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

namespace kiosk::sync {

namespace {

using Json = nlohmann::json;

bool one_of(std::string_view key, std::initializer_list<std::string_view> keys)
{
    return std::find(keys.begin(), keys.end(), key) != keys.end();
}

// May `key` be kept inside the container at `path` (the keys from the Bundle down; "[]" for an
// array's element)? Outside Bundle.entry[].resource everything is kept (links, totals, fullUrl).
bool keep(const std::vector<std::string>& path, std::string_view key, Names names)
{
    if (path.size() < 3 || path[0] != "entry" || path[1] != "[]" || path[2] != "resource")
        return true;
    auto in = [&](std::initializer_list<std::string_view> rest) {
        return path.size() == 3 + rest.size() && std::equal(rest.begin(), rest.end(), path.begin() + 3);
    };
    if (path.size() == 3)
        return one_of(key, { "resourceType", "id", "meta", "status", "created", "start", "end", "minutesDuration", "appointmentType", "slot" })
            || (names == Names::Keep && key == "participant");
    if (in({ "meta" }))
        return one_of(key, { "versionId", "lastUpdated" });
    if (in({ "appointmentType" }))
        return key == "coding";
    if (in({ "appointmentType", "coding", "[]" }))
        return one_of(key, { "system", "code" });
    if (in({ "slot", "[]" }))
        return key == "reference";
    if (names == Names::Keep && in({ "participant", "[]" }))
        return one_of(key, { "actor", "status" });
    if (names == Names::Keep && in({ "participant", "[]", "actor" }))
        return one_of(key, { "reference", "display" });
    return false;
}

// Builds the json value from SAX events, leaving out what keep() refuses.
class Filter {
public:
    Filter(Names names, int max_depth) : m_names(names), m_max_depth(max_depth) { }

    Json root;
    bool too_deep { false };

    bool null() { return scalar(Json(nullptr)); }
    bool boolean(bool value) { return scalar(Json(value)); }
    bool number_integer(Json::number_integer_t value) { return scalar(Json(value)); }
    bool number_unsigned(Json::number_unsigned_t value) { return scalar(Json(value)); }
    bool number_float(Json::number_float_t value, const std::string& /*text*/) { return scalar(Json(value)); }
    bool string(std::string& value)
    {
        if (skipping()) {
            // The lexer's buffer: overwritten before the next token is read into it.
            secure_zero(value.data(), value.size());
            return scalar(Json());
        }
        return scalar(Json(value));
    }
    bool binary(Json::binary_t& /*value*/) { return false; } // never in JSON text
    bool start_object(std::size_t /*size*/) { return open(Json::object()); }
    bool start_array(std::size_t /*size*/) { return open(Json::array()); }
    bool end_object() { return close(); }
    bool end_array() { return close(); }
    bool key(std::string& key)
    {
        if (m_skip > 0)
            return true;
        if (!keep(m_path, key, m_names)) {
            m_skip_next = true;
            return true;
        }
        m_key = key;
        return true;
    }
    bool parse_error(std::size_t /*position*/, const std::string& /*last_token*/, const nlohmann::detail::exception& /*error*/)
    {
        m_syntax = true;
        return false;
    }
    bool syntax_error() const { return m_syntax; }

private:
    bool skipping() const { return m_skip > 0 || m_skip_next; }

    bool scalar(Json value)
    {
        if (m_skip > 0)
            return true;
        if (m_skip_next) {
            m_skip_next = false;
            return true;
        }
        (void)place(std::move(value));
        return true;
    }

    bool open(Json container)
    {
        if (m_skip > 0 || m_skip_next) {
            m_skip_next = false;
            ++m_skip;
            return true;
        }
        if (static_cast<int>(m_stack.size()) >= m_max_depth) {
            too_deep = true;
            return false;
        }
        std::string name = m_stack.empty() ? std::string {} : m_stack.back()->is_array() ? std::string("[]") : m_key;
        Json* placed = place(std::move(container));
        if (!m_stack.empty())
            m_path.push_back(std::move(name));
        m_stack.push_back(placed);
        return true;
    }

    bool close()
    {
        if (m_skip > 0) {
            --m_skip;
            return true;
        }
        bool root_closes = m_stack.size() == 1;
        m_stack.pop_back();
        if (!root_closes)
            m_path.pop_back();
        return true;
    }

    Json* place(Json value)
    {
        if (m_stack.empty()) {
            root = std::move(value);
            return &root;
        }
        Json& parent = *m_stack.back();
        if (parent.is_array()) {
            parent.push_back(std::move(value));
            return &parent.back();
        }
        Json& slot = parent[m_key];
        slot = std::move(value);
        return &slot;
    }

    Names m_names;
    int m_max_depth;
    std::vector<Json*> m_stack;        // the open containers, outermost first
    std::vector<std::string> m_path;   // their keys below the root ("[]" in an array)
    std::string m_key;                 // the key of the value that comes next
    int m_skip { 0 };                  // containers open inside a skipped value
    bool m_skip_next { false };        // the next value is skipped (its key was refused)
    bool m_syntax { false };
};

}

std::string_view appointment_elements(Names names)
{
    return names == Names::Keep ? "status,created,start,end,slot,appointmentType,participant"
                                : "status,created,start,end,slot,appointmentType";
}

Result<Json, JsonError> parse_appointments(std::string_view text, Names names, int max_depth)
{
    Filter filter(names, max_depth);
    bool ok = false;
    try {
        ok = Json::sax_parse(text.begin(), text.end(), &filter);
    } catch (const Json::exception&) {
        ok = false;
    }
    if (filter.too_deep)
        return JsonError { JsonError::Kind::TooDeep, 0, {}, "nested deeper than " + std::to_string(max_depth) + " levels" };
    if (!ok)
        return JsonError { JsonError::Kind::Syntax, 0, {}, "not valid JSON" };
    return std::move(filter.root);
}

}
