// The kiosk's real content (lessons, catalogs, layouts) from assets/, loaded once per test binary.
#pragma once
#include "app/content.h"

#include <catch2/catch.hpp>

namespace kiosk::test {

inline const Content& content()
{
    static Content c = [] {
        auto loaded = load_content(KIOSK_ASSETS_DIR);
        REQUIRE(loaded);
        return std::move(*loaded);
    }();
    return c;
}

}
