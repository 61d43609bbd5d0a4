// Defensive FHIR parsing (see fhir_parse.h).
#include "sync/fhir_parse.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>

namespace kiosk::sync {

namespace {

using Json = nlohmann::json;

bool valid_utf8(const std::string& s)
{
    std::size_t i = 0;
    while (i < s.size()) {
        auto c = static_cast<unsigned char>(s[i]);
        std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (n == 0 || i + n > s.size())
            return false;
        for (std::size_t k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80)
                return false;
        i += n;
    }
    return true;
}

const Json* member(const Json& object, const char* name)
{
    if (!object.is_object())
        return nullptr;
    auto it = object.find(name);
    return it == object.end() ? nullptr : &*it;
}

// "Schedule/abc" → "abc" when the type matches.
std::optional<std::string> reference_id(const Json& object, const char* field, const char* type)
{
    const Json* ref = member(object, field);
    if (!ref)
        return std::nullopt;
    auto text = text_field(*ref, "reference", 200);
    std::string prefix = std::string(type) + "/";
    if (!text || text->rfind(prefix, 0) != 0 || text->size() == prefix.size())
        return std::nullopt;
    return text->substr(prefix.size());
}

// Phone numbers: digits, spaces, + - ( ) . only, 3 to 25 characters.
std::optional<std::string> clean_phone(const std::string& value)
{
    if (value.size() < 3 || value.size() > 25)
        return std::nullopt;
    int digits = 0;
    for (char c : value) {
        if (c >= '0' && c <= '9')
            ++digits;
        else if (std::string_view(" +-().").find(c) == std::string_view::npos)
            return std::nullopt;
    }
    if (digits < 3)
        return std::nullopt;
    return value;
}

}

std::optional<std::string> text_field(const Json& object, const char* name, std::size_t max)
{
    const Json* value = member(object, name);
    if (!value || !value->is_string())
        return std::nullopt;
    const auto& s = value->get_ref<const std::string&>();
    if (s.empty() || s.size() > max || !valid_utf8(s))
        return std::nullopt;
    return s;
}

namespace {

// The number in text[at, at + count), whose digits the caller has checked: no sign, no space.
int number_at(const std::string& text, std::size_t at, std::size_t count)
{
    int value = 0;
    for (std::size_t i = at; i < at + count; ++i)
        value = value * 10 + (text[i] - '0');
    return value;
}

}

std::optional<UtcSeconds> parse_instant(const std::string& text)
{
    // Digits and separators in their fixed places first: sscanf alone took " 9", "+9" or "-1"
    // for a two-digit field, and stopped at a NUL byte (found by the fuzz target fuzz_time).
    auto digits_at = [&](std::initializer_list<std::size_t> places) {
        return std::all_of(places.begin(), places.end(), [&](std::size_t i) { return i < text.size() && text[i] >= '0' && text[i] <= '9'; });
    };
    if (text.size() < 20 || text.find('\0') != std::string::npos || !digits_at({ 0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18 })
        || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':')
        return std::nullopt;
    if (text.size() > 35)
        return std::nullopt;
    int y = number_at(text, 0, 4), mo = number_at(text, 5, 2), d = number_at(text, 8, 2), h = number_at(text, 11, 2), mi = number_at(text, 14, 2),
        s = number_at(text, 17, 2);
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60 || y < 1970 || y > 2200)
        return std::nullopt;
    std::string zone = text.substr(19); // all of the rest: "%31s" would stop at a space
    if (!zone.empty() && zone[0] == '.') {
        std::size_t k = 1;
        while (k < zone.size() && zone[k] >= '0' && zone[k] <= '9')
            ++k;
        if (k == 1)
            return std::nullopt; // a point without digits
        zone = zone.substr(k);
    }
    long offset = 0;
    if (zone == "Z") {
        offset = 0;
    } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':' && std::isdigit(static_cast<unsigned char>(zone[1]))
        && std::isdigit(static_cast<unsigned char>(zone[2])) && std::isdigit(static_cast<unsigned char>(zone[4])) && std::isdigit(static_cast<unsigned char>(zone[5]))) {
        int oh = number_at(zone, 1, 2), om = number_at(zone, 4, 2);
        if (oh > 14 || om > 59)
            return std::nullopt;
        offset = (zone[0] == '+' ? 1 : -1) * (oh * 3600L + om * 60L);
    } else {
        return std::nullopt; // an instant must carry its zone
    }
    using namespace std::chrono;
    year_month_day date { year { y }, month { static_cast<unsigned>(mo) }, day { static_cast<unsigned>(d) } };
    if (!date.ok())
        return std::nullopt;
    return sys_days(date) + hours(h) + minutes(mi) + seconds(s) - seconds(offset);
}

std::optional<UtcSeconds> parse_http_date(const std::string& text)
{
    std::tm tm {};
    const char* end = strptime(text.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
    if (!end || *end != '\0')
        return std::nullopt;
    return UtcSeconds { std::chrono::seconds { timegm(&tm) } };
}

std::string format_instant(UtcSeconds instant)
{
    std::time_t t = instant.time_since_epoch().count();
    std::tm tm {};
    gmtime_r(&t, &tm);
    char buffer[32];
    (void)std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm); // cannot fail: 27 characters at most, any int year
    return buffer;
}

std::vector<Json> bundle_resources(const Json& bundle, const std::string& type, ParseCounts& counts)
{
    std::vector<Json> out;
    const Json* entries = member(bundle, "entry");
    if (!entries || !entries->is_array())
        return out;
    for (auto& entry : *entries) {
        const Json* resource = member(entry, "resource");
        if (!resource || !resource->is_object() || text_field(*resource, "resourceType", 40) != type) {
            // Included resources of other types (for example OperationOutcome) are not errors.
            if (!(resource && resource->is_object() && member(*resource, "resourceType") && (*resource)["resourceType"].is_string()))
                ++counts.skipped;
            continue;
        }
        out.push_back(*resource);
    }
    return out;
}

std::optional<std::string> next_link(const Json& bundle)
{
    const Json* links = member(bundle, "link");
    if (!links || !links->is_array())
        return std::nullopt;
    for (auto& link : *links)
        if (text_field(link, "relation", 20) == std::string("next"))
            return text_field(link, "url", 4000);
    return std::nullopt;
}

std::optional<FreeSlot> parse_slot(const Json& slot, const std::string& role_id)
{
    auto id = text_field(slot, "id", 64);
    auto status = text_field(slot, "status", 32);
    auto start_text = text_field(slot, "start", 40);
    auto end_text = text_field(slot, "end", 40);
    if (!id || !status || *status != "free" || !start_text || !end_text)
        return std::nullopt;
    auto start = parse_instant(*start_text);
    auto end = parse_instant(*end_text);
    if (!start || !end || *end <= *start || *end - *start > std::chrono::hours(12))
        return std::nullopt;
    FreeSlot out { *id, "", role_id, *start, *end };
    if (const Json* meta = member(slot, "meta"))
        out.version = text_field(*meta, "versionId", 64).value_or("");
    return out;
}

std::optional<Peer> parse_peer(const Json& role, const Json* practitioner)
{
    auto role_id = text_field(role, "id", 64);
    auto practitioner_id = reference_id(role, "practitioner", "Practitioner");
    if (!role_id || !practitioner_id || !practitioner)
        return std::nullopt;
    Peer peer { *role_id, *practitioner_id, "", {}, {} };
    if (const Json* names = member(*practitioner, "name"); names && names->is_array() && !names->empty()) {
        const Json& name = (*names)[0];
        if (const Json* given = member(name, "given"); given && given->is_array() && !given->empty() && (*given)[0].is_string()) {
            auto first = (*given)[0].get<std::string>();
            if (!first.empty() && first.size() <= max_name_bytes && valid_utf8(first))
                peer.first_name = first;
        }
    }
    if (peer.first_name.empty())
        return std::nullopt;
    if (const Json* comms = member(*practitioner, "communication"); comms && comms->is_array())
        for (auto& c : *comms) {
            // R4: communication is a list of CodeableConcept (language codes like "en", "es-MX").
            if (const Json* codings = member(c, "coding"); codings && codings->is_array())
                for (auto& coding : *codings)
                    if (auto code = text_field(coding, "code", 16); code && code->size() >= 2)
                        peer.languages.push_back(code->substr(0, 2));
        }
    if (const Json* text = member(*practitioner, "text"))
        if (auto div = text_field(*text, "div", 2000)) {
            // Narrative: keep the text between tags, short.
            std::string plain;
            bool in_tag = false;
            for (char c : *div) {
                if (c == '<') in_tag = true;
                else if (c == '>') in_tag = false;
                else if (!in_tag) plain += c;
            }
            if (!plain.empty() && plain.size() <= max_text_bytes)
                peer.about.en = plain;
        }
    return peer;
}

std::optional<WaitingEntry> parse_walk_in(const Json& appointment)
{
    auto id = text_field(appointment, "id", 64);
    auto status = text_field(appointment, "status", 32);
    if (!id || status != std::string("waitlist"))
        return std::nullopt;
    std::optional<UtcSeconds> since;
    if (auto created = text_field(appointment, "created", 40))
        since = parse_instant(*created);
    if (!since)
        if (const Json* meta = member(appointment, "meta"))
            if (auto updated = text_field(*meta, "lastUpdated", 40))
                since = parse_instant(*updated);
    if (!since)
        return std::nullopt;
    WaitingEntry entry { *id, *since, "" };
    if (const Json* participants = member(appointment, "participant"); participants && participants->is_array())
        for (auto& p : *participants)
            if (const Json* actor = member(p, "actor"))
                if (auto display = text_field(*actor, "display", max_name_bytes); display && !member(*actor, "reference"))
                    entry.name = *display;
    return entry;
}

std::optional<BookingEntry> parse_booking(const Json& appointment)
{
    auto id = text_field(appointment, "id", 64);
    auto status = text_field(appointment, "status", 32);
    auto start_text = text_field(appointment, "start", 40);
    if (!id || !status || (*status != "booked" && *status != "arrived") || !start_text)
        return std::nullopt;
    auto start = parse_instant(*start_text);
    if (!start)
        return std::nullopt;
    BookingEntry entry { *id, *start, "", "" };
    if (const Json* participants = member(appointment, "participant"); participants && participants->is_array())
        for (auto& p : *participants)
            if (const Json* actor = member(p, "actor")) {
                if (auto display = text_field(*actor, "display", max_name_bytes); display && !member(*actor, "reference"))
                    entry.name = *display;
                if (auto role = reference_id(p, "actor", "PractitionerRole"))
                    entry.role_id = *role;
            }
    return entry;
}

std::string directory_category(const std::string& text)
{
    std::string t;
    for (char c : text)
        t += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto has = [&](const char* word) { return t.find(word) != std::string::npos; };
    if (has("crisis") || has("emergency")) return "crisis";
    if (has("calm") || has("relax") || has("meditat")) return "calm";
    if (has("coping") || has("skill")) return "coping";
    if (has("group")) return "groups";
    if (has("phone") || has("data plan") || has("internet")) return "phones";
    if (has("app")) return "app";
    return "everyday";
}

std::optional<DirectoryEntry> parse_service(const Json& service)
{
    auto id = text_field(service, "id", 64);
    auto name = text_field(service, "name", 120);
    if (!id || !name)
        return std::nullopt;
    DirectoryEntry entry;
    entry.id = *id;
    entry.name.en = *name;
    entry.category = "everyday";
    if (const Json* categories = member(service, "category"); categories && categories->is_array() && !categories->empty())
        if (auto text = text_field((*categories)[0], "text", 40))
            entry.category = directory_category(*text);
    entry.about.en = text_field(service, "comment").value_or("");
    entry.for_whom.en = text_field(service, "extraDetails").value_or("");
    if (const Json* telecom = member(service, "telecom"); telecom && telecom->is_array())
        for (auto& t : *telecom) {
            auto system = text_field(t, "system", 10);
            auto value = text_field(t, "value", 200);
            if (!system || !value)
                continue;
            if (*system == "phone" && entry.phone.empty())
                if (auto phone = clean_phone(*value))
                    entry.phone = *phone;
            if (*system == "sms" && entry.text_number.empty())
                if (auto phone = clean_phone(*value))
                    entry.text_number = *phone;
            if (*system == "url" && entry.web.empty() && value->rfind("https://", 0) == 0 && value->find_first_of(" <>\"") == std::string::npos)
                entry.web = *value;
        }
    // Free or not: serviceProvisionCode "free" (system service-provision-conditions).
    if (const Json* codes = member(service, "serviceProvisionCode"); codes && codes->is_array())
        for (auto& code : *codes)
            if (const Json* codings = member(code, "coding"); codings && codings->is_array())
                for (auto& coding : *codings)
                    if (auto c = text_field(coding, "code", 10))
                        entry.free = *c == "free";
    if (const Json* comms = member(service, "communication"); comms && comms->is_array())
        for (auto& c : *comms)
            if (const Json* codings = member(c, "coding"); codings && codings->is_array())
                for (auto& coding : *codings)
                    if (auto code = text_field(coding, "code", 16); code && code->size() >= 2)
                        entry.languages.push_back(code->substr(0, 2));
    // Opening days: availableTime.daysOfWeek ("mon" … "sun").
    constexpr std::array<const char*, 7> day_codes { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };
    if (const Json* times = member(service, "availableTime"); times && times->is_array())
        for (auto& t : *times)
            if (const Json* days = member(t, "daysOfWeek"); days && days->is_array())
                for (auto& d : *days)
                    for (int i = 0; i < 7; ++i)
                        if (d.is_string() && d.get<std::string>() == day_codes[static_cast<std::size_t>(i)])
                            entry.days.push_back(i + 1);
    return entry;
}

}
