// The depth-limited JSON parse (see json_limits.h).
#include "app/json_limits.h"

namespace kiosk {

Result<nlohmann::json, JsonError> parse_json(std::string_view text, int max_depth)
{
    using Json = nlohmann::json;
    // The parser callback sees each object and array as it starts, with the number of containers
    // already open around it. Past the limit it is discarded (its contents are read through
    // without building anything) and the whole parse is refused afterwards.
    bool too_deep = false;
    std::string key, too_deep_key; // the outermost object's key being read, and where it went too deep
    Json::parser_callback_t limit = [&](int depth, Json::parse_event_t event, Json& parsed) {
        if (too_deep)
            return false; // nothing more is kept: the whole text is refused
        if (event == Json::parse_event_t::key && depth == 1 && parsed.is_string())
            key = parsed.get<std::string>();
        if ((event == Json::parse_event_t::object_start || event == Json::parse_event_t::array_start) && depth >= max_depth) {
            too_deep = true;
            too_deep_key = depth > 1 ? key : std::string {};
            return false;
        }
        return true;
    };
    Json json;
    try {
        json = Json::parse(text.begin(), text.end(), limit, true);
    } catch (const Json::parse_error& e) {
        return JsonError { JsonError::Kind::Syntax, e.byte, {}, "not valid JSON near byte " + std::to_string(e.byte) };
    } catch (const Json::exception&) {
        // A number too large for a double (1e999) is nlohmann's out_of_range, not a parse_error.
        return JsonError { JsonError::Kind::Syntax, 0, {}, "not valid JSON (a number out of range)" };
    }
    if (too_deep)
        return JsonError { JsonError::Kind::TooDeep, 0, too_deep_key, "nested deeper than " + std::to_string(max_depth) + " levels" };
    return json;
}

nlohmann::json parse_json_or_discarded(std::string_view text, int max_depth)
{
    auto parsed = parse_json(text, max_depth);
    return parsed ? std::move(*parsed) : nlohmann::json(nlohmann::json::value_t::discarded);
}

}
