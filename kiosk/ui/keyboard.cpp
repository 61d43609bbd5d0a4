// The on-screen keyboard widget (see keyboard.h).
#include "ui/keyboard.h"

#include <algorithm>
#include <imgui.h>

namespace kiosk::ui {

namespace {

Rect key(Ui& ui, const std::string& id, std::string_view label, Action action, float width, float height, ButtonStyle style)
{
    ButtonSpec spec { id, label, std::move(action), style, Role::Key, 1.0 };
    return button(ui, spec, width, height);
}

}

void keyboard(Ui& ui, bool shift, float keep_top, bool refit)
{
    const KeyboardLayout& layout = ui.content.keyboard(ui.language);
    float gap = ui.metrics.mm(2.0);
    float avail = ImGui::GetContentRegionAvail().x;
    auto columns = static_cast<float>(std::max<std::size_t>(layout.widest_row(), 10));
    float key_w = (avail - gap * (columns - 1)) / columns;
    // A key is as tall as a line of its bold label and 1 mm, and at least 10.5 mm. On a short
    // screen it is 10.5 mm (about as wide as it is there), its label drawn to fit: the words
    // above it and its first row then fit above the fold even at 200 % (issue 15).
    float line_h = std::max(ui.metrics.mm(12.0), ui.fonts.bold()->FontSize + ui.metrics.mm(2.0));
    float key_h = short_screen(ui) ? ui.metrics.mm(10.5) : std::max(ui.metrics.mm(10.5), ui.fonts.bold()->FontSize + ui.metrics.mm(1.0));

    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(gap, gap));
    for (auto& row : layout.rows) {
        // A shorter row is centred, as on a real keyboard, so the edges stay even.
        float indent = (columns - static_cast<float>(row.size())) * (key_w + gap) / 2;
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (i > 0)
                ImGui::SameLine(0, gap);
            else if (indent > 0)
                ImGui::SetCursorPosX(ImGui::GetCursorPosX() + indent);
            std::string shown = shift ? upper_case_key(row[i]) : row[i];
            key(ui, "key." + row[i], shown, type_key(shown), key_w, key_h, ButtonStyle::Normal);
        }
    }
    // The last row: Shift, Space, Delete, Done, 16 mm tall (Done moves the person on) and as
    // tall as a line of bold words. When the words do not fit one row (large text), they take two
    // rows of two.
    float wide = key_w * 2 + gap;
    float space_w = avail - 3 * (wide + gap);
    float label_room = wide - 2 * ui.metrics.mm(1.0);
    bool one_row = true;
    for (auto word : { ui.t("keyboard.shift"), ui.t("keyboard.space"), ui.t("keyboard.delete"), ui.t("keyboard.done") })
        one_row = one_row && ui.fonts.bold()->CalcTextSizeA(ui.fonts.bold()->FontSize, FLT_MAX, -1.0f, word.data(), word.data() + word.size()).x <= label_room;
    if (!one_row)
        wide = space_w = (avail - gap) / 2;
    float row_h = std::max(line_h, ui.metrics.primary_target());
    key(ui, "key.shift", ui.t("keyboard.shift"), actions::ShiftKey {}, wide, row_h, shift ? ButtonStyle::Selected : ButtonStyle::Normal);
    ImGui::SameLine(0, gap);
    key(ui, "key.space", ui.t("keyboard.space"), type_key(" "), space_w, row_h, ButtonStyle::Normal);
    if (one_row)
        ImGui::SameLine(0, gap);
    key(ui, "key.delete", ui.t("keyboard.delete"), actions::DeleteKey {}, wide, row_h, ButtonStyle::Normal);
    ImGui::SameLine(0, gap);
    key(ui, "key.done", ui.t("keyboard.done"), actions::KeyboardDone {}, wide, row_h, ButtonStyle::Primary);
    ImGui::PopStyleVar();
    // On a new screen (or when asked), scroll only as far as needed to show the whole keyboard,
    // Done included, above the "More below" strip (the words above may scroll a little instead),
    // and never past `keep_top` (then the last rows wait below "More below").
    if (ui.new_screen || refit) {
        float bottom = ImGui::GetCursorPosY(); // in the content, whatever the scroll
        float view = ImGui::GetWindowSize().y - more_below_height(ui);
        if (bottom > view)
            ImGui::SetScrollY(std::min(bottom - view, keep_top));
    }
}

bool just_shown(Ui& ui, std::string_view id, bool on)
{
    ImGuiStorage* seen = ImGui::GetStateStorage();
    ImGuiID key = ImGui::GetID(id.data(), id.data() + id.size());
    bool fresh = on && !seen->GetBool(key) && !ui.new_screen;
    seen->SetBool(key, on);
    return fresh;
}

void typed_field(Ui& ui, std::string_view id, std::string_view typed, std::string_view empty_hint, bool keys_follow)
{
    float width = ImGui::GetContentRegionAvail().x;
    // On a short screen (keyboard.h): the words as large as a lesson's instruction (which grows
    // less than body text), a line's own leading as room above and below them.
    bool compact = short_screen(ui);
    ImFont* font = ui.fonts.body();
    float pad = ui.metrics.mm(2.0);
    float pad_y = compact ? 0.0f : pad; // a line's own leading is room enough above and below
    std::string_view shown = typed.empty() ? empty_hint : typed;
    float font_size = compact ? std::min(font->FontSize, ui.fonts.heading()->FontSize) : font->FontSize;
    // There, the hint in an empty field keeps to one line, drawn smaller if it must.
    if (compact && typed.empty()) {
        float natural = font->CalcTextSizeA(font_size, FLT_MAX, -1.0f, shown.data(), shown.data() + shown.size()).x;
        if (natural > width - 2 * pad - 1.0f)
            font_size *= (width - 2 * pad - 1.0f) / natural;
    }
    ImVec2 size = font->CalcTextSizeA(font_size, FLT_MAX, width - 2 * pad, shown.data(), shown.data() + shown.size());
    float height = std::max(ui.metrics.mm(12.0), size.y + 2 * pad_y);
    ImVec2 at = ImGui::GetCursorScreenPos();
    if (keys_follow)
        ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, ui.metrics.mm(2.0)));
    ImGui::Dummy(ImVec2(width, height));
    if (keys_follow)
        ImGui::PopStyleVar();
    Rect r { at.x, at.y, width, height };
    ImDrawList* list = ImGui::GetWindowDrawList();
    float edge = std::max(1.0f, ui.metrics.mm(0.6));
    list->AddRectFilled(at, ImVec2(r.right(), r.bottom()), to_imgui(ui.colours.edge));
    list->AddRectFilled(ImVec2(at.x + edge, at.y + edge), ImVec2(r.right() - edge, r.bottom() - edge), to_imgui(ui.colours.field));
    list->AddText(font, font_size, ImVec2(at.x + pad, at.y + (height - size.y) * 0.5f), to_imgui(ui.colours.field_text),
        shown.data(), shown.data() + shown.size(), width - 2 * pad);
    ui.tree.add({ .id = std::string(id), .role = Role::Field, .text = std::string(shown), .rect = r, .visible = r.intersect(ui.clip) });
}

}
