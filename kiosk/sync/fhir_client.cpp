// FHIR operations (see fhir_client.h).
#include "sync/fhir_client.h"

#include "sync/backoff.h"

#include <chrono>

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
    FhirError e { FhirErrorKind::Status, HttpFailure::Protocol, r.status, "the clinic server answered HTTP " + std::to_string(r.status), std::nullopt };
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
    for (int page = 0; page < max_pages && !url.empty(); ++page) {
        auto response = m_http.send({ Method::Get, url, {}, {}, timeout });
        if (!response)
            return transport(response.error());
        if (response->status != 200)
            return status_error(*response);
        if (server_date && page == 0)
            *server_date = parse_http_date(response->header("date"));
        auto parsed = parse_json(response->body);
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

FhirResult<FhirResource> FhirClient::read(const std::string& type, const std::string& id, std::optional<Millis> timeout)
{
    return resource_answer(m_http.send({ Method::Get, m_base + "/" + type + "/" + id, {}, {}, timeout }));
}

FhirResult<FhirResource> FhirClient::create_once(const std::string& type, const Json& resource, const std::string& uuid,
    std::optional<Millis> timeout)
{
    HttpRequest request { Method::Post, m_base + "/" + type,
        { { "If-None-Exist", std::string("identifier=") + request_identifier_system + "|" + uuid } }, resource.dump(), timeout };
    return resource_answer(m_http.send(request));
}

FhirResult<FhirResource> FhirClient::update_if_match(const std::string& type, const std::string& id, const Json& resource,
    const std::string& version, std::optional<Millis> timeout)
{
    HttpRequest request { Method::Put, m_base + "/" + type + "/" + id, { { "If-Match", "W/\"" + version + "\"" } }, resource.dump(), timeout };
    return resource_answer(m_http.send(request));
}

}
