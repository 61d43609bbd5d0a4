// The FHIR R4 operations the kiosk needs, over the HTTPS client: search with paging, read,
// conditional create (If-None-Exist) and update with If-Match. Errors say whether trying again
// can help.
#pragma once
#include "app/json_limits.h"
#include "sync/fhir_names.h"
#include "sync/fhir_parse.h"
#include "sync/http.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::sync {

// The identifier system of everything the kiosk creates; the value is the client-made UUID.
inline constexpr const char* request_identifier_system = "urn:peer-kiosk:request";

// Transport: the network or TLS. Gateway: something in front of the FHIR server answered (a
// redirect, 401/403, or a 4xx without a FHIR OperationOutcome): routing or access, not the item.
// Status: the FHIR server's own answer about the request. Malformed: an answer that is not FHIR.
enum class FhirErrorKind { Transport, Gateway, Status, Malformed };

struct FhirError {
    FhirErrorKind kind;
    HttpFailure transport { HttpFailure::Protocol };
    long status { 0 };
    std::string message;
    std::optional<Millis> retry_after;
    // Network trouble, timeouts, a gateway's refusal or misrouting, 408, 429 and 5xx may pass; a
    // 4xx with an OperationOutcome (the server refused the resource itself) and malformed answers
    // will not.
    bool retryable() const;
};

template<class T>
using FhirResult = Result<T, FhirError>;

struct FhirResource {
    long status { 0 };              // 200, 201
    nlohmann::json json;
    std::string version;            // from ETag W/"<v>" or meta.versionId
};

class FhirClient {
public:
    // `base` like "https://clinic.example/fhir/R4" (no trailing slash).
    FhirClient(HttpClient& http, std::string base) : m_http(http), m_base(std::move(base)) { }

    // All resources of `type` matching `query` ("status=free&_count=100"), following next links
    // (only to the same base) up to `max_pages`. `server_date`, when given, receives the first
    // page's Date header (the server's clock), or nothing when it has none.
    FhirResult<std::vector<nlohmann::json>> search(const std::string& type, const std::string& query, ParseCounts& counts,
        int max_pages = 200, std::optional<Millis> timeout = std::nullopt, std::optional<UtcSeconds>* server_date = nullptr);
    FhirResult<FhirResource> read(const std::string& type, const std::string& id, std::optional<Millis> timeout = std::nullopt);
    // POST with If-None-Exist: identifier=<system>|<uuid> and Prefer: return=representation.
    // 201 created, 200 already there; a 2xx without a body is confirmed by find_own().
    FhirResult<FhirResource> create_once(const std::string& type, const nlohmann::json& resource, const std::string& uuid,
        std::optional<Millis> timeout = std::nullopt);
    // The resource of `type` this kiosk created with `uuid` in its identifier, if the server has it.
    FhirResult<std::optional<FhirResource>> find_own(const std::string& type, const std::string& uuid,
        std::optional<Millis> timeout = std::nullopt);
    // PUT with If-Match: W/"<version>". A stale version is an error with status 412.
    FhirResult<FhirResource> update_if_match(const std::string& type, const std::string& id, const nlohmann::json& resource,
        const std::string& version, std::optional<Millis> timeout = std::nullopt);
    const std::string& base() const { return m_base; }
    // Searches from now on share this many answer bytes (a pull's total budget); an answer that
    // would exceed it ends the search with a TooLarge error. Unset: no budget beyond each answer's.
    void set_byte_budget(std::size_t bytes) { m_budget = bytes; }
    // Every request from now on stops when `interrupt` says so (see HttpRequest::interrupt): an
    // error of kind Transport, HttpFailure::Interrupted.
    void set_interrupt(std::function<bool()> interrupt) { m_interrupt = std::move(interrupt); }
    // Appointment searches from now on are read through the name filter (fhir_names.h): only the
    // fields the kiosk uses, participant names only with Names::Keep; each answer's bytes are
    // overwritten once read. Unset: Appointments are read whole (the outbox's own reads, which
    // must write a resource back as it was).
    void set_appointment_names(Names names) { m_appointment_names = names; }

private:
    FhirResult<FhirResource> resource_answer(Result<HttpResponse, HttpError> response);
    HttpClient& m_http;
    std::string m_base;
    std::optional<std::size_t> m_budget;
    std::function<bool()> m_interrupt;
    std::optional<Names> m_appointment_names;
};

}
