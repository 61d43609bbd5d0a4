// The built-in demo clinic (assets/demo/clinic.json): what the kiosk shows with no clinic server,
// so the README's first command shows every feature with no network. Free slots are made
// relative to `now` so the demo never runs out of days.
#pragma once
#include "app/clinic.h"
#include "app/result.h"

#include <filesystem>
#include <string_view>

namespace kiosk {

Result<ClinicContent> parse_demo_clinic(std::string_view json_text, std::string_view name, UtcSeconds now);
Result<ClinicContent> load_demo_clinic(const std::filesystem::path& file, UtcSeconds now);

}
