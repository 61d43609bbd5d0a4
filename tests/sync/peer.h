// Access to the test peer that ctest started (tests/peer/start-peer.sh, fixture "peer"): its
// address, the PKI it made, and its test-only fault and reset endpoints.
#pragma once
#include "sync/fhir_client.h"
#include "sync/http.h"

#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>

namespace peer {

inline std::string dir()
{
    const char* d = std::getenv("KIOSK_PEER_DIR");
    return d ? d : "";
}

inline std::string read_line(const std::string& file)
{
    std::ifstream in(dir() + "/" + file);
    std::string line;
    std::getline(in, line);
    return line;
}

inline std::string origin() { return "https://127.0.0.1:" + read_line("port"); }
inline std::string base() { return origin() + "/fhir/R4"; }

// TLS settings as a provisioned kiosk has them; `who` picks the client certificate.
inline kiosk::sync::TlsSettings tls(const std::string& who = "device", const std::string& pin_file = "pin.txt")
{
    return { dir() + "/ca/ca.pem", dir() + "/" + who + "/device.pem", dir() + "/" + who + "/device.key", { read_line(pin_file) } };
}

inline std::unique_ptr<kiosk::sync::HttpClient> client(const std::string& who = "device", const std::string& pin_file = "pin.txt",
    kiosk::sync::HttpLimits limits = {})
{
    auto c = kiosk::sync::HttpClient::create(tls(who, pin_file), limits);
    return c ? std::move(*c) : nullptr;
}

inline void post_test(const std::string& path, const std::string& body)
{
    auto c = client();
    auto r = c->send({ kiosk::sync::Method::Post, origin() + "/__test/" + path, {}, body, std::nullopt });
    if (!r || r->status != 200)
        std::abort(); // the harness itself is broken: no test result would mean anything
}

// Back to the demo clinic, no faults armed.
inline void reset() { post_test("reset", "{}"); }
// The next `count` requests whose URL contains `match` (and, if given, of `method`) get `kind`.
inline void fault(const std::string& match, const std::string& kind, int count = 1, const std::string& method = {})
{
    post_test("fault", "{\"match\":\"" + match + "\",\"kind\":\"" + kind + "\",\"count\":" + std::to_string(count)
            + (method.empty() ? std::string {} : ",\"method\":\"" + method + "\"") + "}");
}

}
