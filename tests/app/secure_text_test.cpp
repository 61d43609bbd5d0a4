// SecureText keeps typed text in a fixed buffer and overwrites it on delete, clear and destroy.
#include "app/secure_text.h"

#include <algorithm>
#include <catch2/catch.hpp>

using namespace kiosk;

TEST_CASE("Appending, and refusing what does not fit")
{
    SecureText text(8);
    CHECK(text.append("Hello"));
    CHECK_FALSE(text.append("World"));
    CHECK(text.view() == "Hello");
    CHECK(text.capacity() == 8);
}

TEST_CASE("Delete removes a whole UTF-8 character and overwrites its bytes")
{
    SecureText text(16);
    REQUIRE(text.append("añ"));
    const char* data = text.view().data();
    text.pop_character();
    CHECK(text.view() == "a");
    CHECK(data[1] == 0);
    CHECK(data[2] == 0);
    text.pop_character();
    text.pop_character();
    CHECK(text.empty());
}

TEST_CASE("Clear overwrites every byte of the buffer, not just the length")
{
    SecureText text(16);
    REQUIRE(text.append("canary-1234"));
    const char* data = text.view().data();
    text.clear();
    CHECK(text.empty());
    CHECK(std::all_of(data, data + 16, [](char c) { return c == 0; }));
}

TEST_CASE("Moving leaves nothing behind in the source")
{
    SecureText a(16);
    REQUIRE(a.append("abc"));
    SecureText b = std::move(a);
    CHECK(b.view() == "abc");
    CHECK(a.empty()); // NOLINT(bugprone-use-after-move): checking the moved-from state is the point
}
