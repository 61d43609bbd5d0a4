// The staff PIN lockout file (issue 12): what is written comes back, with mode 0600, and a file
// that is not a lockout record is an error (the runner then starts locked), never five free guesses.
#include "platform/lockout_file.h"

#include "temp_dir.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <sys/stat.h>

using namespace kiosk;

TEST_CASE("The lockout record survives a write and a read, mode 0600, holding only its three numbers")
{
    TempDir dir;
    auto file = dir.path / "staff-lockout";
    auto none = read_lockout(file);
    REQUIRE(none.ok());
    CHECK_FALSE(none->has_value());

    LockoutRecord record { 4, 2, 1764496860000 };
    REQUIRE(write_lockout(file, record).ok());
    auto back = read_lockout(file);
    REQUIRE(back.ok());
    REQUIRE(back->has_value());
    CHECK(**back == record);
    struct stat info {};
    REQUIRE(::stat(file.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);
    std::ifstream in(file);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(text == "peer-kiosk staff PIN lockout v1\nfailures 4\nlockouts 2\nlocked_until_ms 1764496860000\n");
    CHECK_FALSE(std::filesystem::exists(dir.path / "staff-lockout.new"));
}

TEST_CASE("A damaged lockout file is an error, not an empty record")
{
    TempDir dir;
    auto file = dir.path / "staff-lockout";
    for (const char* text : { "", "garbage\n", "peer-kiosk staff PIN lockout v1\nfailures -3\nlockouts 0\nlocked_until_ms 0\n",
             "peer-kiosk staff PIN lockout v1\nfailures 1\n" }) {
        std::ofstream(file) << text;
        CHECK_FALSE(read_lockout(file).ok());
    }
}

TEST_CASE("A lockout number that is not plain digits, or does not fit, is an error, not read as another number")
{
    // fscanf's %d read "+3" and " 3" as 3, and 4294967299 (2^32 + 3) as 3 too: five fewer lockouts.
    TempDir dir;
    auto file = dir.path / "staff-lockout";
    for (const char* failures : { "+3", " 3", "4294967299" }) {
        std::ofstream(file) << "peer-kiosk staff PIN lockout v1\nfailures " << failures << "\nlockouts 0\nlocked_until_ms 0\n";
        INFO(failures);
        CHECK_FALSE(read_lockout(file).ok());
    }
    for (const char* lockouts : { "+2", "4294967298" }) {
        std::ofstream(file) << "peer-kiosk staff PIN lockout v1\nfailures 0\nlockouts " << lockouts << "\nlocked_until_ms 0\n";
        INFO(lockouts);
        CHECK_FALSE(read_lockout(file).ok());
    }
}
