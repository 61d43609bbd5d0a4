// Widget drawing and recording (see widgets.h).
#include "ui/widgets.h"

#include <algorithm>
#include <cmath>
#include <imgui.h>
#include <imgui_internal.h> // ImTextCharFromUtf8
#include <string>

namespace kiosk::ui {

namespace {

ImVec2 text_size(ImFont* font, std::string_view text, float wrap_width)
{
    return font->CalcTextSizeA(font->FontSize, FLT_MAX, wrap_width, text.data(), text.data() + text.size());
}

// True when the font has a glyph for every character (no "?" boxes for a missing letter).
bool has_all_glyphs(ImFont* font, std::string_view text)
{
    const char* s = text.data();
    const char* end = text.data() + text.size();
    while (s < end) {
        unsigned int c = 0;
        int n = ImTextCharFromUtf8(&c, s, end);
        if (n <= 0)
            return false;
        s += n;
        if (c >= 0x20 && !font->FindGlyphNoFallback(static_cast<ImWchar>(c)))
            return false;
    }
    return true;
}

}

float widest_word(ImFont* font, std::string_view text)
{
    if (!has_all_glyphs(font, text))
        return FLT_MAX; // a missing glyph counts as text that does not fit

    float widest = 0;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find_first_of(" \n", start);
        if (end == std::string_view::npos)
            end = text.size();
        widest = std::max(widest, text_size(font, text.substr(start, end - start), -1.0f).x);
        start = end + 1;
    }
    return widest;
}

namespace {

Rect item_rect()
{
    ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    return { a.x, a.y, b.x - a.x, b.y - a.y };
}

float button_padding(const Ui& ui) { return ui.metrics.mm(3.0); }

// The font and the words a button shows: with `shown`, the top bar's font (the normal text size).
ImFont* shown_font(const Ui& ui, const ButtonSpec& s) { return s.shown.empty() ? ui.fonts.bold() : ui.fonts.bar(); }
std::string_view shown_words(const ButtonSpec& s) { return s.shown.empty() ? s.label : s.shown; }

void draw_wrapped_centred(ImDrawList* list, ImFont* font, float font_size, Rect box, float pad, std::string_view text, unsigned colour)
{
    float inner = box.w - 2 * pad;
    float scale = font_size / font->FontSize;
    ImVec2 size = text_size(font, text, inner / scale);
    size.y *= scale;
    float y = box.y + (box.h - size.y) * 0.5f;
    // Draw line by line so each line is centred.
    const char* s = text.data();
    const char* end = text.data() + text.size();
    while (s < end) {
        const char* line_end = font->CalcWordWrapPositionA(scale, s, end, inner);
        if (line_end == s)
            line_end = s + 1;
        // ImGui's wrap runs through a newline; a line ends at one.
        if (const char* newline = std::find(s, line_end, '\n'); newline != line_end)
            line_end = newline;
        std::string_view line(s, static_cast<std::size_t>(line_end - s));
        while (!line.empty() && (line.back() == ' ' || line.back() == '\n'))
            line.remove_suffix(1);
        float w = text_size(font, line, -1.0f).x * scale;
        list->AddText(font, font_size, ImVec2(box.x + (box.w - w) * 0.5f, y), colour, line.data(), line.data() + line.size());
        y += font_size;
        s = line_end;
        while (s < end && (*s == ' ' || *s == '\n'))
            ++s;
    }
}

}

void filled_circle(float cx, float cy, float radius, Rgb colour)
{
    ImDrawList* list = ImGui::GetWindowDrawList();
    unsigned c = to_imgui(colour);
    const float strip = 2.0f;
    for (int i = 0; -radius + static_cast<float>(i) * strip < radius; ++i) { // an int counter: a float one drifts (cert-flp30-c)
        float y = -radius + static_cast<float>(i) * strip;
        float mid = y + strip * 0.5f;
        float half = std::sqrt(std::max(0.0f, radius * radius - mid * mid));
        list->AddRectFilled(ImVec2(std::round(cx - half), cy + y), ImVec2(std::round(cx + half), cy + y + strip), c);
    }
}

unsigned to_imgui(Rgb colour, float alpha)
{
    return IM_COL32(colour.r, colour.g, colour.b, static_cast<int>(alpha * 255.0f));
}

namespace {

// A pictogram from the icon font merged into `font`, `side` pixels tall, centred on `centre` by
// its own drawn box. Nothing when the icon font is not installed.
void draw_icon(ImDrawList* list, ImFont* font, float side, Icon icon, ImVec2 centre, unsigned ink)
{
    const ImFontGlyph* glyph = font->FindGlyphNoFallback(static_cast<ImWchar>(icon));
    if (!glyph)
        return;
    float scale = side / font->FontSize / icon_ratio;
    char utf8[5];
    ImTextCharToUtf8(utf8, static_cast<unsigned>(icon));
    float x = centre.x - (glyph->X0 + glyph->X1) * 0.5f * scale;
    float y = centre.y - (glyph->Y0 + glyph->Y1) * 0.5f * scale;
    list->AddText(font, font->FontSize * scale, ImVec2(std::round(x), std::round(y)), ink, utf8);
}

// On a short screen the stacked picture is smaller and closer to the edge, so the bar is 16 mm
// tall (the primary target size) and not 19 mm: 3 mm more for the content (issue 15).
float bar_vertical_padding(const Ui& ui) { return ui.metrics.mm(short_screen(ui) ? 0.6 : 1.0); }
float bar_icon_side(const Ui& ui, const ImFont* font) { return font->FontSize * (short_screen(ui) ? 0.65f : icon_ratio); }

}

float icon_room(float font_size) { return font_size * (icon_ratio + 0.3f); }

ImVec2 bar_button_size(const Ui& ui, const ButtonSpec& spec, float width)
{
    ImFont* font = ui.fonts.bar();
    float pad = ui.metrics.mm(spec.padding_mm);
    float side = bar_icon_side(ui, font);
    if (!spec.stacked) {
        float picture = spec.icon == Icon::None ? 0.0f : icon_room(font->FontSize);
        if (width <= 0)
            width = picture + text_size(font, spec.shown, -1.0f).x + 2 * pad + 1.0f;
        ImVec2 label = text_size(font, spec.shown, width - 2 * pad - picture);
        return { width, std::max(label.y + 2 * pad, ui.metrics.primary_target()) };
    }
    if (width <= 0)
        width = std::max(side, text_size(font, spec.shown, -1.0f).x) + 2 * pad + 1.0f;
    ImVec2 label = text_size(font, spec.shown, width - 2 * pad);
    float height = 2 * bar_vertical_padding(ui) + side + label.y;
    return { width, std::max(height, ui.metrics.primary_target()) };
}

Rect button(Ui& ui, const ButtonSpec& spec, float width, float min_height)
{
    bool bar = !spec.shown.empty() && spec.stacked;
    ImFont* font = spec.shown.empty() ? ui.fonts.bold() : ui.fonts.bar();
    std::string_view words = spec.shown.empty() ? spec.label : spec.shown;
    float pad = ui.metrics.mm(spec.padding_mm);
    if (width <= 0)
        width = ImGui::GetContentRegionAvail().x;
    width = std::max(width, ui.metrics.min_target());
    float inner = width - 2 * pad;
    // A key's one character may not fit a narrow key at the largest text on a small screen: it
    // is drawn smaller to fit rather than cut (keys are as wide as the screen allows), and to fit
    // a compact key's height (keyboard.cpp) rather than make it taller.
    // A line's own leading is room enough above and below a key's label.
    float font_size = font->FontSize;
    float pad_y = pad;
    if (spec.role == Role::Key) {
        float natural = text_size(font, words, -1.0f).x;
        if (natural > inner)
            font_size *= inner / natural;
        pad_y = ui.metrics.mm(0.5);
        if (float tall = min_height - 2 * pad_y; tall > 0)
            font_size = std::min(font_size, tall);
    }
    float scale = font_size / font->FontSize;
    // A picture goes left of the label, as tall as a line of it (in the bar: above the label).
    float icon_side = spec.icon == Icon::None ? 0.0f : bar ? bar_icon_side(ui, font) : font_size * icon_ratio;
    float icon_gap = spec.icon == Icon::None || bar ? 0.0f : font_size * 0.3f;
    float text_room = bar ? inner : inner - icon_side - icon_gap;
    ImVec2 label = text_size(font, words, text_room / scale);
    float height = bar ? bar_button_size(ui, spec, width).y : label.y * scale + 2 * pad_y;
    height = std::max(min_height, height);

    ImGui::PushID(spec.id.data(), spec.id.data() + spec.id.size());
    bool clicked = ImGui::InvisibleButton("##b", ImVec2(width, height));
    bool pressed = ImGui::IsItemActive() && ImGui::IsItemHovered();
    ImGui::PopID();
    Rect r = item_rect();

    const Palette& c = ui.colours;
    Rgb face = c.button, ink = c.button_text;
    if (spec.style == ButtonStyle::Primary) {
        face = pressed ? c.primary_pressed : c.primary;
        ink = c.primary_text;
    } else if (spec.style == ButtonStyle::Urgent) {
        face = pressed ? c.urgent_pressed : c.urgent;
        ink = c.urgent_text;
    } else if (spec.style == ButtonStyle::Selected) {
        face = c.selected;
        ink = c.selected_text;
    } else if (pressed) {
        face = c.button_pressed;
    }
    ImDrawList* list = ImGui::GetWindowDrawList();
    // The edge is a filled rectangle with the face inset on top: two plain rectangles, which
    // SDL's software renderer fills several times faster than outlines or rounded corners.
    float edge = spec.style == ButtonStyle::Selected ? ui.metrics.mm(1.0) : std::max(1.0f, ui.metrics.mm(0.4));
    list->AddRectFilled(ImVec2(r.x, r.y), ImVec2(r.right(), r.bottom()), to_imgui(c.edge));
    list->AddRectFilled(ImVec2(r.x + edge, r.y + edge), ImVec2(r.right() - edge, r.bottom() - edge), to_imgui(face));
    if (bar) {
        // The picture above the short label, the two centred together.
        float total = icon_side + label.y;
        float top = r.y + (r.h - total) * 0.5f;
        if (spec.icon != Icon::None)
            draw_icon(list, font, icon_side, spec.icon, ImVec2(r.x + r.w * 0.5f, top + icon_side * 0.5f), to_imgui(ink));
        draw_wrapped_centred(list, font, font_size, { r.x, top + icon_side, r.w, label.y }, pad, words, to_imgui(ink));
    } else if (spec.icon == Icon::None) {
        draw_wrapped_centred(list, font, font_size, r, pad, words, to_imgui(ink));
    } else {
        // The picture and the label side by side, centred together.
        float text_w = label.x * scale;
        float x0 = r.x + std::max(pad, (r.w - (icon_side + icon_gap + text_w)) / 2);
        draw_icon(list, font, icon_side, spec.icon, ImVec2(x0 + icon_side * 0.5f, r.y + r.h * 0.5f), to_imgui(ink));
        float tx = x0 + icon_side + icon_gap;
        draw_wrapped_centred(list, font, font_size, { tx - pad, r.y, std::min(text_w + 1.0f, r.right() - pad - tx) + 2 * pad, r.h }, pad, words, to_imgui(ink));
    }

    ui.tree.add({ .id = std::string(spec.id),
        .role = spec.role,
        .text = std::string(spec.label),
        .rect = r,
        .visible = r.intersect(ui.clip),
        .primary = spec.style == ButtonStyle::Primary,
        .selected = spec.style == ButtonStyle::Selected,
        .text_fits = widest_word(font, words) * scale <= text_room + 0.5f });
    if (clicked)
        ui.emit(spec.action);
    return r;
}

namespace {

// True when `specs` fit side by side in equal widths (see button_row).
bool row_fits(const Ui& ui, std::span<const ButtonSpec> specs, bool wrap_labels)
{
    float gap = ui.metrics.gap();
    float n = static_cast<float>(specs.size());
    float inner = (ImGui::GetContentRegionAvail().x - gap * (n - 1)) / n - 2 * button_padding(ui);
    return std::all_of(specs.begin(), specs.end(), [&](const ButtonSpec& s) {
        ImFont* font = shown_font(ui, s);
        float need = wrap_labels ? widest_word(font, shown_words(s)) : text_size(font, shown_words(s), -1.0f).x;
        if (s.icon != Icon::None)
            need += icon_room(font->FontSize); // the picture beside the label
        return need <= inner;
    });
}

}

namespace {

// Each button's width with its label on one line (natural_widths in button_row), the room left
// shared out equally; empty when they do not fit side by side.
std::vector<float> natural_row(const Ui& ui, std::span<const ButtonSpec> specs, float avail, float gap)
{
    std::vector<float> widths;
    float total = gap * static_cast<float>(specs.size() - 1);
    for (auto& s : specs) {
        ImFont* font = shown_font(ui, s);
        float picture = s.icon != Icon::None ? icon_room(font->FontSize) : 0.0f;
        widths.push_back(text_size(font, shown_words(s), -1.0f).x + picture + 2 * ui.metrics.mm(s.padding_mm) + 1.0f);
        total += widths.back();
    }
    if (total > avail)
        return {};
    for (float& w : widths)
        w += (avail - total) / static_cast<float>(specs.size());
    return widths;
}

}

void button_row(Ui& ui, std::span<const ButtonSpec> specs, float min_height, bool wrap_labels, bool natural_widths)
{
    if (specs.empty())
        return;
    float gap = ui.metrics.gap();
    float avail = ImGui::GetContentRegionAvail().x;
    if (natural_widths && !row_fits(ui, specs, false)) {
        std::vector<float> widths = natural_row(ui, specs, avail, gap);
        if (!widths.empty()) {
            float height = min_height;
            for (auto& s : specs)
                height = std::max(height, shown_font(ui, s)->FontSize + 2 * ui.metrics.mm(s.padding_mm));
            for (std::size_t i = 0; i < specs.size(); ++i) {
                if (i > 0)
                    ImGui::SameLine(0, gap);
                button(ui, specs[i], widths[i], height);
            }
            return;
        }
    }
    float n = static_cast<float>(specs.size());
    float width = (avail - gap * (n - 1)) / n;
    float inner = width - 2 * button_padding(ui);
    bool fits = row_fits(ui, specs, wrap_labels);
    // Side by side, every button is as tall as the tallest, so the row reads as one.
    float height = min_height;
    if (fits)
        for (auto& s : specs) {
            ImFont* font = shown_font(ui, s);
            float picture = s.icon != Icon::None ? icon_room(font->FontSize) : 0.0f;
            height = std::max(height, text_size(font, shown_words(s), inner - picture).y + 2 * ui.metrics.mm(s.padding_mm));
        }
    // Between the buttons the gap; below them the screen's own spacing (Welcome's is tighter).
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(gap, ImGui::GetStyle().ItemSpacing.y));
    for (std::size_t i = 0; i < specs.size(); ++i) {
        if (fits && i > 0)
            ImGui::SameLine(0, gap);
        button(ui, specs[i], fits ? width : avail, height);
    }
    ImGui::PopStyleVar();
}

void tile_rows(Ui& ui, std::span<const ButtonSpec> tiles, std::size_t per_row, float min_height)
{
    // One per row at 200 %, and on a short screen at 150 % (fewer, bigger items per row).
    if (ui.metrics.text_size() == TextSize::Largest || (ui.metrics.text_size() == TextSize::Large && short_screen(ui)))
        per_row = 1;
    // On a short screen a tile's words keep 2 mm to its edge, not 3: still far above 16 mm tall.
    std::vector<ButtonSpec> tight;
    if (short_screen(ui)) {
        tight.assign(tiles.begin(), tiles.end());
        for (auto& tile : tight)
            tile.padding_mm = std::min(tile.padding_mm, label_padding_mm(ui));
        tiles = tight;
    }
    // Fewer per row when a row's words (and pictures) do not fit side by side.
    while (per_row > 1 && !row_fits(ui, tiles.subspan(0, std::min(per_row, tiles.size())), true))
        --per_row;
    for (std::size_t i = 0; i < tiles.size(); i += per_row)
        button_row(ui, tiles.subspan(i, std::min(per_row, tiles.size() - i)), min_height, true);
}

bool intro_after_choices(const Ui& ui)
{
    // Also on a short screen (a 1024×600 one at 170 dpi is 90 mm tall; the reference tablet 136).
    return ui.metrics.text_size() != TextSize::Normal || ui.metrics.to_mm(ImGui::GetIO().DisplaySize.y) < 110.0;
}

bool short_screen(const Ui& ui)
{
    float height = ImGui::GetIO().DisplaySize.y;
    return ui.metrics.to_mm(height) < 110.0 || height < 7.0f * ui.fonts.body()->FontSize;
}

namespace {

// Words wrapped to the room's width in `font`, recorded with `role`.
void wrapped_text(Ui& ui, std::string_view id, std::string_view text, ImFont* font, Role role)
{
    float avail = ImGui::GetContentRegionAvail().x;
    ImGui::PushFont(font);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(text.data(), text.data() + text.size());
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
    Rect r = item_rect();
    ui.tree.add({ .id = std::string(id), .role = role, .text = std::string(text), .rect = r,
        .visible = r.intersect(ui.clip), .text_fits = widest_word(font, text) <= avail + 0.5f });
}

ImFont* instruction_font(const Ui& ui, bool normal_size)
{
    if (ui.metrics.text_size() == TextSize::Normal)
        return ui.fonts.body();
    return normal_size ? ui.fonts.bar() : ui.fonts.heading();
}

}

void heading(Ui& ui, std::string_view id, std::string_view text)
{
    // On a short screen the heading scales less than the body text: the choices under it matter more.
    wrapped_text(ui, id, text, short_screen(ui) ? ui.fonts.bar() : ui.fonts.heading(), Role::Heading);
}

float instruction_height(const Ui& ui, std::string_view text, bool normal_size)
{
    return text_size(instruction_font(ui, normal_size), text, ImGui::GetContentRegionAvail().x).y;
}

void instruction(Ui& ui, std::string_view id, std::string_view text, bool normal_size)
{
    wrapped_text(ui, id, text, instruction_font(ui, normal_size), Role::Text);
}

void paragraph(Ui& ui, std::string_view id, std::string_view text)
{
    wrapped_text(ui, id, text, ui.fonts.body(), Role::Text);
}

double label_padding_mm(const Ui& ui) { return short_screen(ui) ? 2.0 : 3.0; }

namespace {

// The pad's keys in `width` (0: the whole width); returns a key's height.
float pad_keys(Ui& ui, std::string_view prefix, Action (*digit)(char), const Action& delete_action, const ButtonSpec* last, float width)
{
    float gap = ui.metrics.gap();
    float avail = width > 0 ? width : ImGui::GetContentRegionAvail().x;
    float key_w = std::min(ui.metrics.mm(30), (avail - 2 * gap) / 3);
    float key_h = std::max(ui.metrics.primary_target(), ui.fonts.bold()->FontSize + ui.metrics.mm(4));
    const char* rows[4][3] = { { "1", "2", "3" }, { "4", "5", "6" }, { "7", "8", "9" }, { "delete", "0", "last" } };
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(gap, gap));
    for (auto& row : rows) {
        for (int i = 0; i < 3; ++i) {
            std::string key = row[i];
            if (key == "last" && !last)
                continue;
            if (i > 0)
                ImGui::SameLine(0, gap);
            std::string id = std::string(prefix) + "." + key;
            if (key == "delete")
                button(ui, { id, ui.t("keyboard.delete"), delete_action, ButtonStyle::Normal, Role::Key, 1.0 }, key_w, key_h);
            else if (key == "last")
                button(ui, { last->id, last->label, last->action, last->style, Role::Key, 1.0 }, key_w, key_h);
            else
                button(ui, { id, key, digit(key[0]), ButtonStyle::Normal, Role::Key, 1.0 }, key_w, key_h);
        }
    }
    ImGui::PopStyleVar();
    return key_h;
}

// The display's marks, not read aloud: how many digits are typed is nobody else's business.
void pad_display(Ui& ui, const PadDisplay& display)
{
    paragraph(ui, display.id, display.text);
    ui.tree.last().spoken = "";
}

}

void digit_pad(Ui& ui, std::string_view prefix, Action (*digit)(char), const Action& delete_action, const ButtonSpec* last, const PadDisplay& display)
{
    if (display.id.empty() || !short_screen(ui)) {
        if (!display.id.empty())
            pad_display(ui, display);
        pad_keys(ui, prefix, digit, delete_action, last, 0);
        return;
    }
    // Beside the pad, level with its first row; the pad's keys narrower if they must be.
    ImFont* font = ui.fonts.body();
    float text_w = text_size(font, display.text, -1.0f).x;
    for (auto size : display.sizes)
        text_w = std::max(text_w, text_size(font, size, -1.0f).x);
    text_w += 2.0f;
    float gap = 2 * ui.metrics.gap();
    ImGui::BeginGroup();
    float key_h = pad_keys(ui, prefix, digit, delete_action, last, ImGui::GetContentRegionAvail().x - text_w - gap);
    ImGui::EndGroup();
    float below = ImGui::GetCursorPosY(); // where the next item goes, under the pad
    float top = below - (ImGui::GetCursorScreenPos().y - ImGui::GetItemRectMin().y);
    ImGui::SameLine(0, gap);
    ImGui::SetCursorPosY(top + std::max(0.0f, (key_h - font->FontSize) / 2));
    pad_display(ui, display);
    ImGui::SetCursorPosY(below);
}

void step_counter(Ui& ui, int step, int count)
{
    std::string text = ui.strings.format(ui.language, "flow.step_of",
        { { "n", std::to_string(step) }, { "m", std::to_string(count) } });
    ImGui::TextUnformatted(text.c_str());
    Rect r = item_rect();
    ui.tree.add({ .id = "flow.step", .role = Role::Status, .text = text, .rect = r, .visible = r.intersect(ui.clip) });
}

float more_below_height(const Ui& ui) { return ui.fonts.bar()->FontSize + ui.metrics.mm(1.5); }

void more_below(Ui& ui, Rect strip)
{
    // Whole pixels, rounded outwards: ImGui floors a window's place and size, and a strip from
    // 528.8 to 600 would end at 599, leaving the content's last row of pixels showing under it.
    strip = { std::floor(strip.x), std::floor(strip.y), std::ceil(strip.right()) - std::floor(strip.x), std::ceil(strip.bottom()) - std::floor(strip.y) };
    ImGui::SetNextWindowPos(ImVec2(strip.x, strip.y));
    ImGui::SetNextWindowSize(ImVec2(strip.w, strip.h));
    // No padding: the screen's window padding would shrink the strip's clip rectangle at its sides.
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::Begin("more_below", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings
        | ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoScrollWithMouse);
    ImGui::PopStyleVar();
    ImDrawList* list = ImGui::GetWindowDrawList();
    ImFont* font = ui.fonts.bar();
    list->AddRectFilled(ImVec2(strip.x, strip.y), ImVec2(strip.right(), strip.bottom()), to_imgui(ui.colours.background));
    list->AddRectFilled(ImVec2(strip.x, strip.y), ImVec2(strip.right(), strip.y + std::max(1.0f, ui.metrics.mm(0.4))), to_imgui(ui.colours.edge));
    std::string_view words = ui.t("more_below");
    float side = font->FontSize * icon_ratio;
    float text_w = text_size(font, words, -1.0f).x;
    float gap = font->FontSize * 0.3f;
    float x = strip.x + (strip.w - (side + gap + text_w + gap + side)) * 0.5f;
    float cy = strip.y + strip.h * 0.5f;
    unsigned ink = to_imgui(ui.colours.text);
    draw_icon(list, font, side, Icon::MoreBelow, ImVec2(x + side * 0.5f, cy), ink);
    list->AddText(font, font->FontSize, ImVec2(x + side + gap, cy - font->FontSize * 0.5f), ink, words.data(), words.data() + words.size());
    draw_icon(list, font, side, Icon::MoreBelow, ImVec2(x + side + gap + text_w + gap + side * 0.5f, cy), ink);
    Rect r { x, strip.y, side + gap + text_w + gap + side, strip.h };
    ui.tree.add({ .id = "more_below", .role = Role::Status, .text = std::string(words), .rect = r, .visible = r.intersect(ui.clip) });
    ImGui::End();
}

void space(Ui& ui, double millimetres)
{
    ImGui::Dummy(ImVec2(1.0f, ui.metrics.mm(millimetres)));
}

}
