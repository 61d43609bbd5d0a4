// Reading FHIR R4 JSON defensively. Every field may be missing, of the wrong type or absurdly
// long in a real server's answer: such entries are skipped (or the field left out) and counted,
// never thrown or trusted.
#pragma once
#include "app/clinic.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::sync {

inline constexpr std::size_t max_text_bytes = 500;   // longer strings are cut or the entry skipped
inline constexpr std::size_t max_name_bytes = 80;

struct ParseCounts {
    int read { 0 };
    int skipped { 0 };
};

// Parses "2026-11-27T09:30:00Z" / "...+01:00" / fractional seconds into UTC seconds.
std::optional<UtcSeconds> parse_instant(const std::string& text);
// An HTTP Date header ("Fri, 27 Nov 2026 02:46:46 GMT"): the server's clock.
std::optional<UtcSeconds> parse_http_date(const std::string& text);
// Formats UTC seconds as "2026-11-27T09:30:00Z".
std::string format_instant(UtcSeconds instant);

// Pulls the resources out of a search Bundle; wrong shapes count as skipped.
std::vector<nlohmann::json> bundle_resources(const nlohmann::json& bundle, const std::string& type, ParseCounts& counts);
// The URL of the next page (Bundle.link with relation "next"), if any.
std::optional<std::string> next_link(const nlohmann::json& bundle);

std::optional<FreeSlot> parse_slot(const nlohmann::json& slot, const std::string& role_id);
std::optional<Peer> parse_peer(const nlohmann::json& role, const nlohmann::json* practitioner);
std::optional<WaitingEntry> parse_walk_in(const nlohmann::json& appointment);
std::optional<BookingEntry> parse_booking(const nlohmann::json& appointment);
std::optional<DirectoryEntry> parse_service(const nlohmann::json& service);
// Maps a server's category text ("Support group", "Crisis line") to one of directory_categories.
std::string directory_category(const std::string& text);

// A string field: present, a string, not empty and at most `max` bytes of valid UTF-8.
std::optional<std::string> text_field(const nlohmann::json& object, const char* name, std::size_t max = max_text_bytes);

}
