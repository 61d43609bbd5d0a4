// FHIR operations (see fhir_client.h).
#include "sync/fhir_client.h"

#include "sync/backoff.h"

#include "app/secure_text.h"

#include <chrono>
#include <set>

namespace kiosk::sync {

namespace {

using Json = nlohmann::json;

FhirError transport(const HttpError& e) { return { FhirErrorKind::Transport, e.kind, 0, e.message, std::nullopt }; }

UtcSeconds wall_now() { return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()); }

FhirError status_error(const HttpResponse& r)
{
    // A TLS gateway such as nginx turns a refused client certificate into an HTML 400 (or its
    // own 495/496) rather than refusing the handshake. That is the connection being refused,
    // not the item: it must wait and be retried, never be rejected.
    if ((r.status == 400 || r.status == 495 || r.status == 496) && r.body.find("SSL certificate") != std::string::npos)
        return { FhirErrorKind::Transport, HttpFailure::Refused, r.status,
            "the clinic's gateway refused this device's certificate (HTTP " + std::to_string(r.status) + "); it may be expired, revoked or not from the clinic CA",
            std::nullopt };
    std::string code = std::to_string(r.status);
    // Only the FHIR server's own OperationOutcome speaks about the resource. A redirect, an
    // authentication or access refusal, or a 4xx page without an OperationOutcome comes from a
    // proxy or gateway in front of it (a wrong route, a certificate rule): retried, never a
    // rejection of the item, and shown to staff as a server problem.
    auto body = parse_json_or_discarded(r.body);
    bool outcome = body.is_object() && body.value("resourceType", Json()) == "OperationOutcome";
    if (r.status >= 300 && r.status < 400)
        return { FhirErrorKind::Gateway, HttpFailure::Protocol, r.status,
            "the clinic's gateway redirected the request (HTTP " + code + ") instead of answering: check server_url and the gateway's routes",
            std::nullopt };
    if (r.status == 401 || r.status == 403)
        return { FhirErrorKind::Gateway, HttpFailure::Protocol, r.status,
            "the clinic's gateway or server refused access (HTTP " + code + "): check this device's certificate and the gateway's rules",
            std::nullopt };
    if (r.status >= 400 && r.status < 500 && r.status != 408 && r.status != 429 && !outcome)
        return { FhirErrorKind::Gateway, HttpFailure::Protocol, r.status,
            "the clinic's gateway answered HTTP " + code + " without a FHIR OperationOutcome: a routing problem in front of the server",
            std::nullopt };
    FhirError e { FhirErrorKind::Status, HttpFailure::Protocol, r.status, "the clinic server answered HTTP " + code, std::nullopt };
    e.retry_after = parse_retry_after(r.header("retry-after"), wall_now());
    // The server's own OperationOutcome text is deliberately not copied: a server may echo the
    // rejected resource, name included, and this message reaches the log, the health view and
    // the outbox row. The status code is what staff act on.
    return e;
}

FhirError malformed(long status, std::string message)
{
    return { FhirErrorKind::Malformed, HttpFailure::Protocol, status, std::move(message), std::nullopt };
}

// Why an answer's JSON was refused, after "… answer is": the depth limit is named, so staff can
// tell clinic IT what the server sent (no part of the answer itself is quoted).
std::string refused(const JsonError& e)
{
    if (e.kind == JsonError::Kind::TooDeep)
        return "nested deeper than " + std::to_string(max_json_depth) + " levels (refused before reading it)";
    return "not valid JSON";
}

// W/"3" → 3
std::string version_from_etag(const std::string& etag)
{
    auto first = etag.find('"');
    auto last = etag.rfind('"');
    if (first == std::string::npos || last <= first)
        return {};
    return etag.substr(first + 1, last - first - 1);
}

}

bool FhirError::retryable() const
{
    if (kind == FhirErrorKind::Transport)
        return transport != HttpFailure::NotHttps && transport != HttpFailure::TooLarge;
    if (kind == FhirErrorKind::Gateway)
        return true;
    if (kind == FhirErrorKind::Status)
        return status == 408 || status == 429 || status >= 500;
    return false;
}

FhirResult<FhirResource> FhirClient::resource_answer(Result<HttpResponse, HttpError> response)
{
    if (!response)
        return transport(response.error());
    if (response->status != 200 && response->status != 201)
        return status_error(*response);
    auto parsed = parse_json(response->body);
    if (!parsed)
        return malformed(response->status, "the clinic server sent an answer that is " + refused(parsed.error()));
    auto& json = *parsed;
    if (!json.is_object())
        return malformed(response->status, "the clinic server sent an answer that is not valid FHIR JSON");
    FhirResource out { response->status, std::move(json), version_from_etag(response->header("etag")) };
    if (out.version.empty())
        if (auto meta = out.json.find("meta"); meta != out.json.end())
            out.version = text_field(*meta, "versionId", 64).value_or("");
    return out;
}

FhirResult<std::vector<Json>> FhirClient::search(const std::string& type, const std::string& query, ParseCounts& counts,
    int max_pages, std::optional<Millis> timeout, std::optional<UtcSeconds>* server_date)
{
    std::vector<Json> out;
    std::string url = m_base + "/" + type + (query.empty() ? "" : "?" + query);
    std::set<std::string> seen; // a next link back to a page already read is a loop: it ends here
    for (int page = 0; page < max_pages && !url.empty(); ++page) {
        if (!seen.insert(url).second)
            return FhirError { FhirErrorKind::Malformed, HttpFailure::Protocol, 200,
                "the clinic server's " + type + " search pages loop (a next link to a page already read)", std::nullopt };
        auto response = m_http.send({ Method::Get, url, {}, {}, timeout, m_interrupt });
        if (!response)
            return transport(response.error());
        // Read through the name filter, the answer's own bytes are overwritten once read, on
        // every way out of this page.
        bool filtered = m_appointment_names && type == "Appointment";
        struct Overwrite {
            std::string& text;
            bool on;
            ~Overwrite()
            {
                if (on)
                    secure_zero(text.data(), text.size());
            }
        } overwrite { response->body, filtered };
        if (m_budget) {
            if (response->body.size() > *m_budget)
                return FhirError { FhirErrorKind::Transport, HttpFailure::TooLarge, response->status,
                    "the clinic server's answers exceed this pull's byte budget", std::nullopt };
            *m_budget -= response->body.size();
        }
        if (response->status != 200)
            return status_error(*response);
        if (server_date && page == 0)
            *server_date = parse_http_date(response->header("date"));
        auto parsed = filtered ? parse_appointments(response->body, *m_appointment_names) : parse_json(response->body);
        if (!parsed)
            return malformed(200, "the clinic server's " + type + " search answer is " + refused(parsed.error()));
        auto& bundle = *parsed;
        if (!bundle.is_object() || bundle.value("resourceType", Json()) != "Bundle")
            return malformed(200, "the clinic server's " + type + " search answer is not a FHIR Bundle");
        for (auto& resource : bundle_resources(bundle, type, counts))
            out.push_back(std::move(resource));
        auto next = next_link(bundle);
        // Follow only links to our own server: a hostile answer must not send us elsewhere.
        url = next && next->rfind(m_base + "/", 0) == 0 ? *next : std::string {};
    }
    counts.read += static_cast<int>(out.size());
    return out;
}

namespace {

// The answer must be the resource asked for: a server or proxy that answers about another one
// (a cache keyed wrongly, a routing slip) must not have it taken for ours.
FhirResult<FhirResource> checked(FhirResult<FhirResource> answer, const std::string& type, const std::string& id)
{
    if (!answer)
        return answer;
    bool same_type = answer->json.value("resourceType", Json()) == type;
    bool same_id = id.empty() || text_field(answer->json, "id", 64) == id;
    if (same_type && same_id)
        return answer;
    return FhirError { FhirErrorKind::Malformed, HttpFailure::Protocol, answer->status,
        "the clinic server answered about another resource than " + type + (id.empty() ? "" : "/" + id), std::nullopt };
}

}

FhirResult<FhirResource> FhirClient::read(const std::string& type, const std::string& id, std::optional<Millis> timeout)
{
    return checked(resource_answer(m_http.send({ Method::Get, m_base + "/" + type + "/" + id, {}, {}, timeout, m_interrupt })), type, id);
}

FhirResult<std::optional<FhirResource>> FhirClient::find_own(const std::string& type, const std::string& uuid, std::optional<Millis> timeout)
{
    ParseCounts counts;
    auto found = search(type, std::string("identifier=") + request_identifier_system + "%7C" + uuid, counts, 1, timeout);
    if (!found)
        return found.error();
    for (auto& resource : *found)
        if (resource.value("resourceType", Json()) == type && text_field(resource, "id", 64)) {
            FhirResource out { 200, resource, {} };
            if (auto meta = resource.find("meta"); meta != resource.end())
                out.version = text_field(*meta, "versionId", 64).value_or("");
            return std::optional<FhirResource>(std::move(out));
        }
    return std::optional<FhirResource> {};
}

FhirResult<FhirResource> FhirClient::create_once(const std::string& type, const Json& resource, const std::string& uuid,
    std::optional<Millis> timeout)
{
    // A server may default to Prefer: return=minimal (FHIR allows it): ask for the resource.
    HttpRequest request { Method::Post, m_base + "/" + type,
        { { "If-None-Exist", std::string("identifier=") + request_identifier_system + "|" + uuid },
            { "Prefer", "return=representation" } },
        resource.dump(), timeout, m_interrupt };
    auto response = m_http.send(request);
    if (response && (response->status == 200 || response->status == 201)
        && response->body.find_first_not_of(" \t\r\n") == std::string::npos) {
        // Success without a body (the server ignored the Prefer header): it was created, or was
        // already there. Confirm by reading it back by its identifier; until the server shows it,
        // the outcome is unknown — never "failed", which would give a booking's slot back.
        long status = response->status;
        auto found = find_own(type, uuid, timeout);
        if (!found)
            return FhirError { FhirErrorKind::Transport, HttpFailure::Protocol, status,
                "the clinic server answered a create with no body, and reading it back failed: " + found.error().message,
                found.error().retry_after };
        if (!*found)
            return FhirError { FhirErrorKind::Transport, HttpFailure::Protocol, status,
                "the clinic server answered a create with no body and does not show it yet", std::nullopt };
        (*found)->status = status;
        return std::move(**found);
    }
    return checked(resource_answer(std::move(response)), type, {});
}

FhirResult<FhirResource> FhirClient::update_if_match(const std::string& type, const std::string& id, const Json& resource,
    const std::string& version, std::optional<Millis> timeout)
{
    // Optimistic locking needs the version: without one the write could overwrite someone
    // else's (If-Match: W/"" is no lock at all). It is not sent.
    if (version.empty())
        return FhirError { FhirErrorKind::Malformed, HttpFailure::Protocol, 0,
            "the clinic server gave no version for " + type + "/" + id + ", so it cannot be changed safely (not sent)", std::nullopt };
    HttpRequest request { Method::Put, m_base + "/" + type + "/" + id, { { "If-Match", "W/\"" + version + "\"" } }, resource.dump(), timeout, m_interrupt };
    return checked(resource_answer(m_http.send(request)), type, id);
}

}
