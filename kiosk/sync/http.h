// The kiosk's HTTPS client on libcurl: mutual TLS (device certificate and key), the clinic CA,
// the server's public key pinned (current and backup), TLS 1.2 or newer only, HTTPS only,
// connect and total timeouts, a floor on transfer speed (a slow drip is cut off), keep-alive
// across requests, gzip, and a response-size limit. Every failure is an HttpError of a kind the
// device-health view can show with a message staff can act on.
#pragma once
#include "app/clock.h"
#include "app/result.h"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::sync {

struct TlsSettings {
    std::string ca_file;                 // the clinic CA (PEM)
    std::string certificate_file;        // this device's client certificate (PEM)
    std::string key_file;                // this device's private key (PEM)
    std::vector<std::string> pins;       // "sha256//<base64>", current and backup
};

struct HttpLimits {
    Millis connect_timeout { 3000 };
    Millis total_timeout { 10000 };
    long min_bytes_per_second { 64 };    // slower than this for `slow_for` ends the transfer
    Seconds slow_for { 5 };
    std::size_t max_response_bytes { std::size_t { 8 } * 1024 * 1024 };
};

enum class HttpFailure {
    Offline,              // no route, name not found, connection refused
    Refused,              // the server refused the TLS handshake (e.g. our certificate)
    PinMismatch,          // the server's key is not the pinned one
    ServerCertificate,    // the server's certificate is expired or not from the clinic CA
    ClientCertificate,    // our own certificate or key cannot be used (missing, expired, mismatched)
    Timeout,
    TooLarge,
    NotHttps,             // the URL is not https://
    Protocol,             // anything else on the wire
    Interrupted,          // stopped by the caller (a person's booking goes first); nothing wrong
};

struct HttpError {
    HttpFailure kind;
    std::string message;  // for staff: what happened and what to check
};

std::string_view failure_name(HttpFailure kind);

// Why this device's private key file must not be used, if it must not: missing, or readable by
// group or others (the same rule as the store key: mode 0600 or stricter). For --check-config,
// the start, and HttpClient::create.
std::optional<std::string> private_key_problem(const std::string& key_file);

struct HttpResponse {
    long status { 0 };
    std::map<std::string, std::string> headers;   // names lower-cased
    std::string body;
    std::string header(const std::string& name) const;
};

enum class Method { Get, Post, Put, Delete };

struct HttpRequest {
    Method method { Method::Get };
    std::string url;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    std::optional<Millis> total_timeout;  // overrides the limit (the 5 s booking path)
    // Asked while the answer is awaited (every 50 ms, and at once after HttpClient::wake()):
    // true stops the transfer as Interrupted. Background work yields this way to a booking.
    std::function<bool()> interrupt {};
};

class HttpClient {
public:
    static Result<std::unique_ptr<HttpClient>, HttpError> create(TlsSettings tls, HttpLimits limits);
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    // Sends one request and waits for the whole answer. Any HTTP status is a response.
    Result<HttpResponse, HttpError> send(const HttpRequest& request);
    // From any thread: the request being sent asks its `interrupt` now, not at its next poll.
    void wake();

private:
    HttpClient(TlsSettings tls, HttpLimits limits);
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}
