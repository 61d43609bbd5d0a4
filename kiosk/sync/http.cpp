// The HTTPS client (see http.h). One CURL easy handle per client is reused, so the connection
// stays open between requests (keep-alive); the worker owns its client and the UI never waits.
#include "sync/http.h"

#include "app/secure_text.h"

#include <algorithm>
#include <curl/curl.h>
#include <mutex>
#include <openssl/x509_vfy.h>
#include <sys/stat.h>

namespace kiosk::sync {

namespace {

struct CurlDeleter {
    void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct MultiDeleter {
    void operator()(CURLM* m) const { curl_multi_cleanup(m); }
};
struct SlistDeleter {
    void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

void global_init()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Transfer {
    HttpResponse* response;
    std::size_t limit;
    bool too_large { false };
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user)
{
    auto* t = static_cast<Transfer*>(user);
    std::size_t n = size * count;
    if (t->response->body.size() + n > t->limit) {
        t->too_large = true;
        return 0; // aborts the transfer with CURLE_WRITE_ERROR
    }
    t->response->body.append(data, n);
    // curl's receive buffer lives as long as the connection: an answer's bytes (names on the
    // clinic's list among them) are not left in it once copied (issue 14).
    secure_zero(data, n);
    return n;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user)
{
    auto* t = static_cast<Transfer*>(user);
    std::size_t n = size * count;
    std::string line(data, n);
    if (line.rfind("HTTP/", 0) == 0)
        t->response->headers.clear(); // a new response (after 100-continue)
    auto colon = line.find(':');
    if (colon != std::string::npos) {
        std::string name = line.substr(0, colon);
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        std::string value = line.substr(colon + 1);
        value.erase(0, value.find_first_not_of(" \t"));
        value.erase(value.find_last_not_of(" \t\r\n") + 1);
        t->response->headers[name] = value;
    }
    return n;
}

// Runs one transfer on the multi handle (the connection cache lives there: keep-alive survives),
// asking `interrupt` between polls. Returns the transfer's code; `interrupted` says it was stopped.
CURLcode perform(CURLM* multi, CURL* c, const std::function<bool()>& interrupt, bool& interrupted)
{
    if (curl_multi_add_handle(multi, c) != CURLM_OK)
        return CURLE_FAILED_INIT;
    CURLcode rc = CURLE_OK;
    int running = 1;
    while (running > 0) {
        if (curl_multi_perform(multi, &running) != CURLM_OK) {
            rc = CURLE_FAILED_INIT;
            break;
        }
        if (running == 0)
            break;
        if (interrupt && interrupt()) {
            interrupted = true;
            rc = CURLE_ABORTED_BY_CALLBACK;
            break;
        }
        // Wakes on the socket, on curl's own timers, on wake(), or after 50 ms at the latest.
        if (curl_multi_poll(multi, nullptr, 0, 50, nullptr) != CURLM_OK) {
            rc = CURLE_FAILED_INIT;
            break;
        }
    }
    int left = 0;
    while (CURLMsg* message = curl_multi_info_read(multi, &left))
        if (message->msg == CURLMSG_DONE && message->easy_handle == c && !interrupted)
            rc = message->data.result;
    curl_multi_remove_handle(multi, c);
    return rc;
}

}

std::string_view failure_name(HttpFailure kind)
{
    switch (kind) {
    case HttpFailure::Offline: return "offline";
    case HttpFailure::Refused: return "refused";
    case HttpFailure::PinMismatch: return "pin mismatch";
    case HttpFailure::ServerCertificate: return "server certificate";
    case HttpFailure::ClientCertificate: return "client certificate";
    case HttpFailure::Timeout: return "timeout";
    case HttpFailure::TooLarge: return "too large";
    case HttpFailure::NotHttps: return "not https";
    case HttpFailure::Protocol: return "protocol";
    case HttpFailure::Interrupted: return "interrupted";
    }
    return "?";
}

std::string HttpResponse::header(const std::string& name) const
{
    auto it = headers.find(name);
    return it == headers.end() ? std::string {} : it->second;
}

struct HttpClient::Impl {
    TlsSettings tls;
    HttpLimits limits;
    std::unique_ptr<CURL, CurlDeleter> curl;
    std::unique_ptr<CURLM, MultiDeleter> multi;
    std::string pins;
};

HttpClient::HttpClient(TlsSettings tls, HttpLimits limits) : m_impl(std::make_unique<Impl>())
{
    m_impl->tls = std::move(tls);
    m_impl->limits = limits;
}

HttpClient::~HttpClient() = default;

std::optional<std::string> private_key_problem(const std::string& key_file)
{
    struct stat info {};
    if (::stat(key_file.c_str(), &info) != 0)
        return "key file " + key_file + " is missing";
    if ((info.st_mode & 077) != 0)
        return "key file " + key_file + " (this device's private key) can be read by others (chmod 600 it)";
    return std::nullopt;
}

Result<std::unique_ptr<HttpClient>, HttpError> HttpClient::create(TlsSettings tls, HttpLimits limits)
{
    global_init();
    if (tls.pins.empty())
        return HttpError { HttpFailure::PinMismatch, "no server key pin is configured; the kiosk will not connect unpinned" };
    // A readable key is never used. (A missing one is reported by the handshake, as ClientCertificate.)
    if (struct stat info {}; !tls.key_file.empty() && ::stat(tls.key_file.c_str(), &info) == 0)
        if (auto problem = private_key_problem(tls.key_file))
            return HttpError { HttpFailure::ClientCertificate, *problem };
    std::unique_ptr<HttpClient> client(new HttpClient(std::move(tls), limits));
    client->m_impl->curl.reset(curl_easy_init());
    client->m_impl->multi.reset(curl_multi_init());
    if (!client->m_impl->curl || !client->m_impl->multi)
        return HttpError { HttpFailure::Protocol, "libcurl could not start" };
    for (auto& pin : client->m_impl->tls.pins)
        client->m_impl->pins += (client->m_impl->pins.empty() ? "" : ";") + pin;
    return client;
}

void HttpClient::wake()
{
    if (m_impl->multi)
        curl_multi_wakeup(m_impl->multi.get());
}

Result<HttpResponse, HttpError> HttpClient::send(const HttpRequest& request)
{
    if (request.url.rfind("https://", 0) != 0)
        return HttpError { HttpFailure::NotHttps, "the server address must start with https:// (got a different scheme); nothing was sent" };
    CURL* c = m_impl->curl.get();
    const auto& tls = m_impl->tls;
    const auto& limits = m_impl->limits;
    curl_easy_reset(c); // keeps the connection cache: keep-alive survives

    HttpResponse response;
    Transfer transfer { &response, limits.max_response_bytes };
    std::unique_ptr<curl_slist, SlistDeleter> headers;
    for (auto& [name, value] : request.headers)
        headers.reset(curl_slist_append(headers.release(), (name + ": " + value).c_str()));
    headers.reset(curl_slist_append(headers.release(), "Accept: application/fhir+json"));
    if (!request.body.empty())
        headers.reset(curl_slist_append(headers.release(), "Content-Type: application/fhir+json"));

    curl_easy_setopt(c, CURLOPT_URL, request.url.c_str());
    // Straight to the clinic server: proxy variables in the environment (https_proxy, ALL_PROXY…)
    // are ignored, so nobody can route the clinic's traffic through a host of their choosing.
    curl_easy_setopt(c, CURLOPT_PROXY, "");
    curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https");
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2));
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(c, CURLOPT_CAINFO, tls.ca_file.c_str());
    curl_easy_setopt(c, CURLOPT_CAPATH, nullptr);
    if (!tls.certificate_file.empty()) {
        curl_easy_setopt(c, CURLOPT_SSLCERT, tls.certificate_file.c_str());
        curl_easy_setopt(c, CURLOPT_SSLKEY, tls.key_file.c_str());
    }
    curl_easy_setopt(c, CURLOPT_PINNEDPUBLICKEY, m_impl->pins.c_str());
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(limits.connect_timeout.count()));
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(request.total_timeout.value_or(limits.total_timeout).count()));
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, limits.min_bytes_per_second);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, static_cast<long>(limits.slow_for.count()));
    curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(limits.max_response_bytes));
    curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "gzip");
    curl_easy_setopt(c, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &transfer);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &transfer);
    switch (request.method) {
    case Method::Get: curl_easy_setopt(c, CURLOPT_HTTPGET, 1L); break;
    case Method::Post:
        curl_easy_setopt(c, CURLOPT_POST, 1L);
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.c_str());
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
        break;
    case Method::Put:
        curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, "PUT");
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.c_str());
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
        break;
    case Method::Delete: curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, "DELETE"); break;
    }

    bool interrupted = false;
    CURLcode rc = perform(m_impl->multi.get(), c, request.interrupt, interrupted);
    if (interrupted)
        return HttpError { HttpFailure::Interrupted, "stopped for a booking a person is waiting on; tried again after it" };
    if (rc == CURLE_OK) {
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &response.status);
        return response;
    }
    std::string detail = curl_easy_strerror(rc);
    long verify = 0;
    curl_easy_getinfo(c, CURLINFO_SSL_VERIFYRESULT, &verify);
    switch (rc) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
        return HttpError { HttpFailure::Offline, "cannot reach the clinic server (" + detail + "); check the network" };
    case CURLE_OPERATION_TIMEDOUT:
        return HttpError { HttpFailure::Timeout, "the clinic server did not answer in time (" + detail + ")" };
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
        return HttpError { HttpFailure::PinMismatch, "the server's key does not match the pinned key; nothing was sent (check the pins in the config, or an interception)" };
    case CURLE_PEER_FAILED_VERIFICATION:
        if (verify == X509_V_ERR_CERT_HAS_EXPIRED)
            return HttpError { HttpFailure::ServerCertificate, "the clinic server's certificate has expired; clinic IT must renew it" };
        return HttpError { HttpFailure::ServerCertificate, "the server's certificate is not from the clinic CA (" + detail + ")" };
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
        return HttpError { HttpFailure::ClientCertificate, "this device's certificate or key cannot be used (" + detail + "); re-enroll the device" };
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
        return HttpError { HttpFailure::Refused, "the clinic server refused the connection (" + detail + "); this device's certificate may be expired, revoked or not from the clinic CA" };
    case CURLE_FILESIZE_EXCEEDED:
        return HttpError { HttpFailure::TooLarge, "the server's answer is larger than the limit; it was not read" };
    case CURLE_WRITE_ERROR:
        if (transfer.too_large)
            return HttpError { HttpFailure::TooLarge, "the server's answer is larger than the limit; it was not read" };
        break;
    case CURLE_UNSUPPORTED_PROTOCOL:
        return HttpError { HttpFailure::NotHttps, "the server address must use https:// (" + detail + ")" };
    default:
        break;
    }
    return HttpError { HttpFailure::Protocol, "the connection to the clinic server failed (" + detail + ")" };
}

}
