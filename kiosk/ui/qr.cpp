// QR drawing (see qr.h).
#include "ui/qr.h"

#include <cmath>
#include <imgui.h>
#include <memory>
#include <qrencode.h>

namespace kiosk::ui {

namespace {
struct QrDeleter {
    void operator()(QRcode* q) const { QRcode_free(q); }
};
}

bool qr_code(Ui& ui, std::string_view id, const std::string& payload, double width_mm)
{
    std::unique_ptr<QRcode, QrDeleter> code(QRcode_encodeString(payload.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1));
    if (!code)
        return false;
    const int quiet = 4;
    int modules = code->width + 2 * quiet;
    float size = std::max(ui.metrics.mm(width_mm), ui.metrics.mm(qr_min_width_mm));
    // Whole pixels per module keep every module the same size (a scanner likes that).
    float module = std::floor(size / static_cast<float>(modules));
    size = module * static_cast<float>(modules);
    float avail = ImGui::GetContentRegionAvail().x;
    ImVec2 at = ImGui::GetCursorScreenPos();
    at.x += std::max(0.0f, (avail - size) * 0.5f);
    ImGui::Dummy(ImVec2(avail, size));
    ImDrawList* list = ImGui::GetWindowDrawList();
    list->AddRectFilled(at, ImVec2(at.x + size, at.y + size), IM_COL32(255, 255, 255, 255));
    for (int y = 0; y < code->width; ++y)
        for (int x = 0; x < code->width; ++x)
            if (code->data[y * code->width + x] & 1) {
                float px = at.x + static_cast<float>(x + quiet) * module, py = at.y + static_cast<float>(y + quiet) * module;
                list->AddRectFilled(ImVec2(px, py), ImVec2(px + module, py + module), IM_COL32(0, 0, 0, 255));
            }
    Rect r { at.x, at.y, size, size };
    ui.tree.add({ .id = std::string(id), .role = Role::Image, .text = payload, .rect = r, .visible = r.intersect(ui.clip) });
    return true;
}

}
