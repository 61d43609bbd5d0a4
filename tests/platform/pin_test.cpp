// The staff PIN's salted slow hash (libsodium Argon2id): right PINs pass, wrong ones do not,
// the same PIN hashes differently each time (salted), and the demo hash is the demo PIN's.
#include "platform/pin.h"

#include <catch2/catch.hpp>

using namespace kiosk;

TEST_CASE("PIN hashes are salted Argon2id strings that verify only the right PIN")
{
    auto a = hash_pin("13579");
    auto b = hash_pin("13579");
    REQUIRE(a);
    REQUIRE(b);
    CHECK(a->rfind("$argon2id$", 0) == 0);
    CHECK(*a != *b);
    CHECK(a->find("13579") == std::string::npos);
    CHECK(verify_pin(*a, "13579"));
    CHECK(verify_pin(*b, "13579"));
    CHECK_FALSE(verify_pin(*a, "13578"));
    CHECK_FALSE(verify_pin(*a, ""));
    CHECK_FALSE(verify_pin("not a hash", "13579"));
}

TEST_CASE("The demo hash is the documented demo PIN, 2468")
{
    CHECK(verify_pin(demo_pin_hash, "2468"));
    CHECK_FALSE(verify_pin(demo_pin_hash, "1234"));
}
