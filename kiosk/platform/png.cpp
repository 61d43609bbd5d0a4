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
    if (!stbi_write_png(file.c_str(), width, height, 4, rgba.data(), width * 4))
        return Error { "cannot write screenshot " + file.string() };
    return true;
}

}
