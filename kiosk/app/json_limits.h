// Reading JSON that the kiosk did not write itself: a server's answer, the config, the content in
// assets/, rows read back from the store. nlohmann-json parses any depth without recursion, but
// copying or dump()ing a value recurses once per level, so a few hundred kilobytes of `[[[[…`
// would end the process with SIGSEGV. Every such entry point parses through parse_json(), which
// refuses anything nested deeper than max_json_depth before a value exists to be copied.
#pragma once
#include "app/result.h"

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace kiosk {

// Objects and arrays inside one another, the outermost counting as 1. FHIR resources as the
// kiosk reads them need about 8 (a Bundle's entry → resource → participant → actor …), the
// config 2, lessons 6; 64 leaves room for any real server and content file.
inline constexpr int max_json_depth = 64;

struct JsonError {
    enum class Kind { Syntax, TooDeep };
    Kind kind { Kind::Syntax };
    std::size_t byte { 0 };   // where the syntax error is (Syntax only)
    std::string key;          // TooDeep in an object: the outermost object's key it was under
    std::string message;      // "not valid JSON near byte 12" / "nested deeper than 64 levels"
};

// Parses `text`; an error instead of a value when it is not JSON or is nested deeper than
// `max_depth`. Never throws, never recurses with the input's depth.
Result<nlohmann::json, JsonError> parse_json(std::string_view text, int max_depth = max_json_depth);
// The same for call sites that test is_discarded(), as after nlohmann's parse(text, nullptr,
// false): a discarded value for invalid or too deep JSON.
nlohmann::json parse_json_or_discarded(std::string_view text, int max_depth = max_json_depth);

}
