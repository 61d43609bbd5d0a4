// The sync worker's content (see worker.h): the kiosk's own terms from FHIR resources, from a pull
// or from the content cache, and the expiry of this device's certificate.
#include "sync/worker.h"

#include "sync/fhir_client.h"
#include "sync/fhir_names.h"
#include "sync/fhir_parse.h"

#include "app/secure_text.h"

#include <charconv>
#include <map>
#include <openssl/pem.h>
#include <openssl/x509.h>

namespace kiosk::sync {

using Json = nlohmann::json;

std::optional<UtcSeconds> certificate_expiry(const std::string& pem_file)
{
    FILE* f = std::fopen(pem_file.c_str(), "r");
    if (!f)
        return std::nullopt;
    X509* cert = PEM_read_X509(f, nullptr, nullptr, nullptr);
    std::fclose(f); // NOLINT(cert-err33-c): opened for reading; a failed close loses nothing
    if (!cert)
        return std::nullopt;
    std::tm tm {};
    std::optional<UtcSeconds> out;
    if (ASN1_TIME_to_tm(X509_get0_notAfter(cert), &tm) == 1)
        out = UtcSeconds { std::chrono::seconds { timegm(&tm) } };
    X509_free(cert);
    return out;
}

ClinicContent content_from_resources(const std::map<std::string, std::vector<Json>>& by_type, UtcSeconds now)
{
    static const std::vector<Json> none;
    auto of = [&](const char* type) -> const std::vector<Json>& {
        auto it = by_type.find(type);
        return it == by_type.end() ? none : it->second;
    };
    ClinicContent content;
    std::map<std::string, const Json*> practitioners;
    for (auto& p : of("Practitioner"))
        if (auto id = text_field(p, "id", 64))
            practitioners[*id] = &p;
    std::map<std::string, std::string> schedule_role; // Schedule id → PractitionerRole id
    for (auto& s : of("Schedule")) {
        auto id = text_field(s, "id", 64);
        auto actors = s.find("actor");
        if (!id || actors == s.end() || !actors->is_array())
            continue;
        for (auto& actor : *actors)
            if (auto ref = text_field(actor, "reference", 200); ref && ref->rfind("PractitionerRole/", 0) == 0)
                schedule_role[*id] = ref->substr(17);
    }
    for (auto& role : of("PractitionerRole")) {
        const Json* practitioner = nullptr;
        if (auto ref = role.find("practitioner"); ref != role.end())
            if (auto text = text_field(*ref, "reference", 200); text && text->rfind("Practitioner/", 0) == 0)
                if (auto it = practitioners.find(text->substr(13)); it != practitioners.end())
                    practitioner = it->second;
        if (auto peer = parse_peer(role, practitioner))
            content.peers.push_back(std::move(*peer));
        else
            ++content.skipped;
    }
    content.slots.reserve(of("Slot").size());
    for (auto& slot : of("Slot")) {
        std::string role;
        if (auto schedule = slot.find("schedule"); schedule != slot.end())
            if (auto ref = text_field(*schedule, "reference", 200); ref && ref->rfind("Schedule/", 0) == 0)
                if (auto it = schedule_role.find(ref->substr(9)); it != schedule_role.end())
                    role = it->second;
        if (auto parsed = parse_slot(slot, role)) {
            if (parsed->start >= now)
                content.slots.push_back(std::move(*parsed));
        } else {
            ++content.skipped;
        }
    }
    std::sort(content.slots.begin(), content.slots.end(), [](auto& a, auto& b) { return a.start < b.start; });
    // Content keeps no name (issue 14): the pull reads none, and should one come this far (a
    // resource from elsewhere) it is overwritten here. Names are only in a StaffList.
    auto forget = [](std::string& name) {
        secure_zero(name.data(), name.size());
        name.clear();
    };
    for (auto& appointment : of("Appointment")) {
        if (auto entry = parse_walk_in(appointment)) {
            forget(entry->name);
            content.waiting.push_back(std::move(*entry));
        } else if (auto booking = parse_booking(appointment)) {
            forget(booking->name);
            booking->role_id.clear();
            content.bookings.push_back(std::move(*booking));
        }
    }
    std::sort(content.bookings.begin(), content.bookings.end(), [](auto& a, auto& b) { return a.start < b.start; });
    std::sort(content.waiting.begin(), content.waiting.end(), [](auto& a, auto& b) { return a.since < b.since; });
    for (auto& service : of("HealthcareService")) {
        if (auto entry = parse_service(service))
            content.directory.push_back(std::move(*entry));
        else
            ++content.skipped;
    }
    return content;
}

std::string staff_list_query()
{
    return "status=waitlist,booked,arrived&_elements=" + std::string(appointment_elements(Names::Keep)) + "&_count=500";
}

void SyncWorker::fetch_staff_list()
{
    {
        std::lock_guard lock(m_mutex);
        m_commands.push_back({ Command::Kind::StaffList, {}, {} });
    }
    m_changed.notify_all();
}

void SyncWorker::staff_list()
{
    if (!m_http) {
        post(events::StaffListFetched { nullptr, "this kiosk has no connection to a clinic server" });
        return;
    }
    FhirClient fhir(*m_http, m_settings.base_url);
    fhir.set_appointment_names(Names::Keep);
    fhir.set_interrupt([this] { return urgent(); });
    ParseCounts counts;
    auto found = fhir.search("Appointment", staff_list_query(), counts, 20);
    if (!found) {
        post(events::StaffListFetched { nullptr, "the clinic's list could not be fetched: " + found.error().message });
        return;
    }
    UtcSeconds now { std::chrono::seconds { wall() / 1000 } };
    auto list = std::make_shared<StaffList>();
    list->fetched_at_ms = wall();
    for (auto& appointment : *found) {
        if (auto entry = parse_walk_in(appointment))
            list->waiting.push_back(std::move(*entry));
        else if (auto booking = parse_booking(appointment); booking && booking->start >= now - std::chrono::hours(12)
                 && booking->start <= now + std::chrono::hours(24))
            list->bookings.push_back(std::move(*booking));
    }
    std::sort(list->waiting.begin(), list->waiting.end(), [](auto& a, auto& b) { return a.since < b.since; });
    std::sort(list->bookings.begin(), list->bookings.end(), [](auto& a, auto& b) { return a.start < b.start; });
    post(events::StaffListFetched { std::move(list), {} });
}

ClinicContent content_from_cache(store::Cache& cache, UtcSeconds now)
{
    std::map<std::string, std::vector<Json>> by_type;
    for (const char* type : { "Practitioner", "PractitionerRole", "Schedule", "Slot", "Appointment", "HealthcareService" })
        if (auto rows = cache.all(type))
            for (auto& row : *rows) {
                auto json = parse_json_or_discarded(row.json);
                if (json.is_object())
                    by_type[type].push_back(std::move(json));
            }
    ClinicContent content = content_from_resources(by_type, now);
    if (auto updated = cache.meta("pulled_at_ms"); updated && *updated) {
        // A damaged value reads as "never" rather than ending the kiosk.
        const std::string& text = **updated;
        std::int64_t ms = 0;
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), ms);
        if (ec == std::errc() && end == text.data() + text.size() && ms > 0)
            content.updated_at_ms = ms;
    }
    return content;
}

}
