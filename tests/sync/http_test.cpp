// The HTTPS client against the real test peer over mutual TLS: what connects, what is refused
// and why, and what bad answers do.
#include "peer.h"

#include <catch2/catch.hpp>
#include <chrono>

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
