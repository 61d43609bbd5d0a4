// Shared by the fuzz targets: nlohmann-json's own fuzzer idea, for JSON the kiosk accepted —
// parse → dump → parse gives the same value and the same text. Anything else aborts, which
// libFuzzer reports as a finding with the input that caused it.
#pragma once
#include "app/json_limits.h"

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace fuzz {

[[noreturn]] inline void fail(const char* what)
{
    std::fprintf(stderr, "fuzz finding: %s\n", what);
    std::abort();
}

inline void check_round_trip(const nlohmann::json& value)
{
    std::string once = value.dump();
    auto again = kiosk::parse_json(once);
    if (!again)
        fail("the kiosk's own dump() of accepted JSON does not parse again");
    if (*again != value)
        fail("parse(dump(x)) != x");
    if (again->dump() != once)
        fail("dump(parse(dump(x))) != dump(x)");
}

inline std::string_view text(const unsigned char* data, std::size_t size) { return { reinterpret_cast<const char*>(data), size }; }

}
