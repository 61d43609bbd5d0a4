// Fuzz target: a keyboard layout (assets/keyboards/*.json), and Shift on every key it accepts.
#include "app/keyboard_layout.h"
#include "round_trip.h"

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size)
{
    auto layout = kiosk::parse_keyboard_layout(fuzz::text(data, size), "fuzz.json");
    if (!layout)
        return 0;
    if (layout->rows.empty() || layout->rows.size() > 6 || layout->widest_row() > 14)
        fuzz::fail("a layout was accepted outside 1-6 rows of 1-14 keys");
    for (auto& row : layout->rows)
        for (auto& key : row)
            if (kiosk::upper_case_key(key).size() != key.size())
                fuzz::fail("Shift changed a key's length");
    fuzz::check_round_trip(*kiosk::parse_json(fuzz::text(data, size)));
    return 0;
}
