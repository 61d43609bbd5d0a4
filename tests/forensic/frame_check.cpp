// The forensic test's pixel checks (issue 14 item 5), on screenshots the kiosk took with its
// `screenshot` step (SDL_RenderReadPixels of the frame it drew, before presenting it).
//
//   frame_check same FRESH.png AFTER.png TOLERANCE
//       AFTER (Welcome drawn right after a wipe) must equal FRESH (Welcome drawn before anybody
//       touched the kiosk): every channel of every pixel within TOLERANCE (0: pixel-equal).
//       Exit 0 equal, 1 different (how many pixels, where, the largest difference), 2 unreadable.
//   frame_check absent EMPTY.png TYPED.png TARGET.png...
//       EMPTY and TYPED are one screen before and after a name was typed: the first band of rows
//       from the top where they differ is the name field; the rectangle of its changed pixels,
//       cropped from TYPED, is the name as drawn. It must be found in TYPED (the search
//       can find it) and nowhere in any TARGET, at any position. Exit 0 absent, 1 found, 2 the
//       search could not be set up.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#define STB_IMAGE_IMPLEMENTATION
#define STBI_ONLY_PNG
#include <stb_image.h>

namespace {

struct Image {
    int w { 0 }, h { 0 };
    std::vector<unsigned char> rgb;
    const unsigned char* at(int x, int y) const { return rgb.data() + (static_cast<std::size_t>(y) * static_cast<std::size_t>(w) + static_cast<std::size_t>(x)) * 3; }
};

bool load(const char* file, Image& out)
{
    int channels = 0;
    unsigned char* data = stbi_load(file, &out.w, &out.h, &channels, 3);
    if (!data) {
        std::printf("frames: cannot read %s\n", file);
        return false;
    }
    out.rgb.assign(data, data + static_cast<std::size_t>(out.w) * static_cast<std::size_t>(out.h) * 3);
    stbi_image_free(data);
    return true;
}

int same(const char* fresh_file, const char* after_file, int tolerance)
{
    Image fresh, after;
    if (!load(fresh_file, fresh) || !load(after_file, after))
        return 2;
    if (fresh.w != after.w || fresh.h != after.h) {
        std::printf("frames: %s is %dx%d, %s is %dx%d\n", fresh_file, fresh.w, fresh.h, after_file, after.w, after.h);
        return 1;
    }
    long differing = 0;
    int largest = 0, x0 = fresh.w, y0 = fresh.h, x1 = -1, y1 = -1;
    for (int y = 0; y < fresh.h; ++y)
        for (int x = 0; x < fresh.w; ++x) {
            int worst = 0;
            for (int c = 0; c < 3; ++c)
                worst = std::max(worst, std::abs(fresh.at(x, y)[c] - after.at(x, y)[c]));
            largest = std::max(largest, worst);
            if (worst > tolerance) {
                ++differing;
                x0 = std::min(x0, x), y0 = std::min(y0, y), x1 = std::max(x1, x), y1 = std::max(y1, y);
            }
        }
    if (differing == 0) {
        std::printf("frames: %s equals the fresh Welcome (%dx%d; largest channel difference %d, tolerance %d)\n", after_file, fresh.w, fresh.h, largest,
            tolerance);
        return 0;
    }
    std::printf("frames: %s DIFFERS from the fresh Welcome: %ld pixels beyond tolerance %d (largest %d), within x %d-%d, y %d-%d\n", after_file,
        differing, tolerance, largest, x0, x1, y0, y1);
    return 1;
}

// Where `patch` occurs in `image` exactly (rows compared with memcmp); {-1, -1} when nowhere.
std::pair<int, int> find(const Image& image, const Image& patch)
{
    std::size_t row = static_cast<std::size_t>(patch.w) * 3;
    for (int y = 0; y + patch.h <= image.h; ++y)
        for (int x = 0; x + patch.w <= image.w; ++x) {
            bool match = true;
            for (int r = 0; r < patch.h && match; ++r)
                match = std::memcmp(image.at(x, y + r), patch.at(0, r), row) == 0;
            if (match)
                return { x, y };
        }
    return { -1, -1 };
}

int absent(const char* empty_file, const char* typed_file, char** targets, int count)
{
    Image empty, typed;
    if (!load(empty_file, empty) || !load(typed_file, typed))
        return 2;
    if (empty.w != typed.w || empty.h != typed.h)
        return 2;
    // The name field is the first thing from the top that changes (the keyboard below it changes
    // too: its letters turn small after the first capital): the first band of rows that differ.
    int x0 = typed.w, y0 = typed.h, x1 = -1, y1 = -1;
    for (int y = 0; y < typed.h; ++y) {
        bool row_differs = false;
        for (int x = 0; x < typed.w; ++x)
            if (std::memcmp(empty.at(x, y), typed.at(x, y), 3) != 0) {
                row_differs = true;
                x0 = std::min(x0, x), y0 = std::min(y0, y), x1 = std::max(x1, x), y1 = std::max(y1, y);
            }
        if (!row_differs && y1 >= 0)
            break;
    }
    if (x1 < 0) {
        std::printf("frames: %s and %s are the same: no drawn name to search for\n", empty_file, typed_file);
        return 2;
    }
    Image patch;
    patch.w = x1 - x0 + 1, patch.h = y1 - y0 + 1;
    for (int y = y0; y <= y1; ++y)
        patch.rgb.insert(patch.rgb.end(), typed.at(x0, y), typed.at(x0, y) + static_cast<std::size_t>(patch.w) * 3);
    std::printf("frames: the typed name as drawn: %dx%d pixels at x %d, y %d of %s\n", patch.w, patch.h, x0, y0, typed_file);
    if (find(typed, patch).first < 0) {
        std::printf("frames: the drawn name is not found even in %s: the search cannot work\n", typed_file);
        return 2;
    }
    int found = 0;
    for (int i = 0; i < count; ++i) {
        Image target;
        if (!load(targets[i], target))
            return 2;
        auto [x, y] = find(target, patch);
        if (x >= 0) {
            std::printf("frames: the drawn name IS in %s at x %d, y %d\n", targets[i], x, y);
            ++found;
        } else {
            std::printf("frames: the drawn name is nowhere in %s\n", targets[i]);
        }
    }
    return found ? 1 : 0;
}

}

int main(int argc, char** argv)
{
    if (argc == 5 && std::strcmp(argv[1], "same") == 0)
        return same(argv[2], argv[3], std::atoi(argv[4]));
    if (argc >= 5 && std::strcmp(argv[1], "absent") == 0)
        return absent(argv[2], argv[3], argv + 4, argc - 4);
    std::fprintf(stderr, "usage: frame_check same FRESH AFTER TOLERANCE | absent EMPTY TYPED TARGET...\n");
    return 2;
}
