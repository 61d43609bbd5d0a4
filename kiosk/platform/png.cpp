// PNG output (see png.h).
#include "platform/png.h"

#include <stb_image_write.h>

namespace kiosk {

Result<bool> write_png(const std::filesystem::path& file, int width, int height, const std::vector<std::uint8_t>& rgba)
{
    if (file.has_parent_path()) {
        std::error_code ec;
        std::filesystem::create_directories(file.parent_path(), ec);
    }
    // The screen has no transparency: RGB is a quarter smaller than RGBA.
    std::vector<std::uint8_t> rgb;
    rgb.reserve(rgba.size() / 4 * 3);
    for (std::size_t i = 0; i + 3 < rgba.size(); i += 4)
        rgb.insert(rgb.end(), { rgba[i], rgba[i + 1], rgba[i + 2] });
    stbi_write_png_compression_level = 9;
    if (!stbi_write_png(file.c_str(), width, height, 3, rgb.data(), width * 3))
        return Error { "cannot write screenshot " + file.string() };
    return true;
}

}
