// The HTTPS client against the real test peer over mutual TLS: what connects, what is refused
// and why, and what bad answers do.
#include "peer.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <unistd.h>
#include <vector>

using namespace kiosk;
using namespace kiosk::sync;

TEST_CASE("Mutual TLS with the pinned key: a FHIR search answers")
{
    peer::reset();
    auto c = peer::client();
    REQUIRE(c);
    auto r = c->send({ Method::Get, peer::base() + "/Slot?status=free&_count=5", {}, {}, std::nullopt });
    REQUIRE(r.ok());
    CHECK(r->status == 200);
    CHECK(r->body.find("\"resourceType\":\"Bundle\"") != std::string::npos);
}

TEST_CASE("Refusals: wrong pin, no, foreign or expired client certificate, missing key, plain http")
{
    peer::reset();
    auto pinned_wrong = peer::client("device", "pin-foreign.txt");
    auto r1 = pinned_wrong->send({ Method::Get, peer::base() + "/Slot", {}, {}, std::nullopt });
    REQUIRE_FALSE(r1.ok());
    CHECK(r1.error().kind == HttpFailure::PinMismatch);

    auto foreign = peer::client("foreign");
    auto r2 = foreign->send({ Method::Get, peer::base() + "/Slot", {}, {}, std::nullopt });
    REQUIRE_FALSE(r2.ok());
    CHECK(r2.error().kind == HttpFailure::Refused);

    auto expired = peer::client("expired");
    auto r3 = expired->send({ Method::Get, peer::base() + "/Slot", {}, {}, std::nullopt });
    REQUIRE_FALSE(r3.ok());
    CHECK(r3.error().kind == HttpFailure::Refused);

    auto anonymous = peer::tls();
    anonymous.certificate_file.clear();
    anonymous.key_file.clear();
    auto no_cert = HttpClient::create(anonymous, {});
    REQUIRE(no_cert.ok());
    auto r6 = (*no_cert)->send({ Method::Get, peer::base() + "/Slot", {}, {}, std::nullopt });
    REQUIRE_FALSE(r6.ok());
    CHECK(r6.error().kind == HttpFailure::Refused);

    auto settings = peer::tls();
    settings.key_file = peer::dir() + "/no-such.key";
    auto missing = HttpClient::create(settings, {});
    REQUIRE(missing.ok());
    auto r4 = (*missing)->send({ Method::Get, peer::base() + "/Slot", {}, {}, std::nullopt });
    REQUIRE_FALSE(r4.ok());
    CHECK(r4.error().kind == HttpFailure::ClientCertificate);

    auto c = peer::client();
    auto r5 = c->send({ Method::Get, "http://127.0.0.1:" + peer::read_line("port") + "/fhir/R4/Slot", {}, {}, std::nullopt });
    REQUIRE_FALSE(r5.ok());
    CHECK(r5.error().kind == HttpFailure::NotHttps);

    auto unpinned = peer::tls();
    unpinned.pins.clear();
    CHECK_FALSE(HttpClient::create(unpinned, {}).ok());
}

TEST_CASE("Nothing listening is offline")
{
    auto c = peer::client();
    auto r = c->send({ Method::Get, "https://127.0.0.1:9/fhir/R4/Slot", {}, {}, std::nullopt });
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().kind == HttpFailure::Offline);
}

TEST_CASE("A 50 MB answer is cut off at the limit, and a slow drip and a hang time out")
{
    peer::reset();
    HttpLimits limits;
    limits.max_response_bytes = 1024 * 1024;
    limits.slow_for = Seconds { 2 };
    limits.total_timeout = Millis { 4000 };
    auto c = peer::client("device", "pin.txt", limits);

    peer::fault("/Slot", "huge");
    auto start = std::chrono::steady_clock::now();
    auto huge = c->send({ Method::Get, peer::base() + "/Slot", {}, {}, std::nullopt });
    REQUIRE_FALSE(huge.ok());
    CHECK(huge.error().kind == HttpFailure::TooLarge);

    peer::fault("/Slot", "drip");
    auto drip = c->send({ Method::Get, peer::base() + "/Slot", {}, {}, std::nullopt });
    REQUIRE_FALSE(drip.ok());
    CHECK(drip.error().kind == HttpFailure::Timeout);

    peer::fault("/Slot", "hang");
    auto hang = c->send({ Method::Get, peer::base() + "/Slot", {}, {}, Millis { 1500 } });
    REQUIRE_FALSE(hang.ok());
    CHECK(hang.error().kind == HttpFailure::Timeout);
    // All three ended within their limits, not after the peer's 60 s drip.
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(20));

    auto after = c->send({ Method::Get, peer::base() + "/Slot?_count=1", {}, {}, std::nullopt });
    REQUIRE(after.ok());
    CHECK(after->status == 200);
}

// Issue 12: proxy variables in the kiosk's environment (a system-wide proxy, or one set by
// someone with access to the tablet) must not route the clinic's traffic elsewhere.
TEST_CASE("Proxy variables in the environment are ignored: a dead proxy does not stop a sync")
{
    peer::reset();
    const char* names[] = { "https_proxy", "HTTPS_PROXY", "ALL_PROXY", "all_proxy", "http_proxy", "no_proxy", "NO_PROXY" };
    std::vector<std::pair<std::string, std::optional<std::string>>> saved;
    for (const char* name : names) {
        const char* value = std::getenv(name);
        saved.emplace_back(name, value ? std::optional<std::string>(value) : std::nullopt);
    }
    for (const char* name : { "https_proxy", "HTTPS_PROXY", "ALL_PROXY", "all_proxy", "http_proxy" })
        ::setenv(name, "http://127.0.0.1:9", 1); // nothing listens on port 9
    ::unsetenv("no_proxy");
    ::unsetenv("NO_PROXY");
    auto c = peer::client();
    auto r = c->send({ Method::Get, peer::base() + "/Slot?status=free&_count=1", {}, {}, std::nullopt });
    for (auto& [name, value] : saved)
        value ? ::setenv(name.c_str(), value->c_str(), 1) : ::unsetenv(name.c_str());
    REQUIRE(r.ok());
    CHECK(r->status == 200);
}

TEST_CASE("A device key readable by others is refused before it is used, as the store key is")
{
    std::filesystem::path copy = std::filesystem::temp_directory_path() / ("kiosk-http-test-" + std::to_string(::getpid()) + ".key");
    std::filesystem::copy_file(peer::dir() + "/device/device.key", copy, std::filesystem::copy_options::overwrite_existing);
    std::filesystem::permissions(copy, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write | std::filesystem::perms::group_read);
    auto settings = peer::tls();
    settings.key_file = copy.string();
    auto readable = HttpClient::create(settings, {});
    std::filesystem::permissions(copy, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    auto private_again = HttpClient::create(settings, {});
    std::filesystem::remove(copy);
    REQUIRE_FALSE(readable.ok());
    CHECK(readable.error().kind == HttpFailure::ClientCertificate);
    CHECK(readable.error().message == "key file " + copy.string() + " (this device's private key) can be read by others (chmod 600 it)");
    CHECK(private_again.ok());
    CHECK(private_key_problem(copy.string() + ".missing") == "key file " + copy.string() + ".missing is missing");
}
