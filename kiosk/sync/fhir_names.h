// Reading the clinic's Appointments with or without the names in them (issue 14). The regular
// pull needs only what a person's screens use — how many wait (for the wait estimate) and which
// times are booked — never a name; names are read only for the staff list, while staff look at
// it. `_elements` asks a server for less, but FHIR lets a server ignore it (the test peer does),
// so an Appointment search answer is read through a whitelist of the fields the kiosk uses:
// everything else (participant.actor.display in the regular pull; comment, text, contained,
// identifier and the like always) is skipped while it is parsed, its bytes in the parser's
// buffer overwritten, and never becomes a value, a copy or a cache row.
#pragma once
#include "app/json_limits.h"

#include <nlohmann/json.hpp>
#include <string_view>

namespace kiosk::sync {

enum class Names { Drop, Keep };

// The `_elements` parameter's value for an Appointment search: status, created, start, end, slot,
// appointmentType, meta — and participant only when names are kept.
std::string_view appointment_elements(Names names);

// Parses an Appointment search answer (a Bundle), keeping of each entry's resource only the
// whitelisted fields (see above). The same errors as parse_json (not JSON, nested deeper than
// `max_depth`). `text` itself is not changed: the caller overwrites it once read.
Result<nlohmann::json, JsonError> parse_appointments(std::string_view text, Names names, int max_depth = max_json_depth);

}
