// Writing screenshots as PNG files (stb_image_write from Debian's libstb).
#pragma once
#include "app/result.h"

#include <cstdint>
#include <filesystem>
#include <vector>

namespace kiosk {

Result<bool> write_png(const std::filesystem::path& file, int width, int height, const std::vector<std::uint8_t>& rgba);

}
