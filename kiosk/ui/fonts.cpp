// Building the font atlas (see fonts.h).
#include "ui/fonts.h"

#include "ui/icons.h"

#include <algorithm>
#include <array>
#include <filesystem>
#include <imgui.h>
#include <imgui_freetype.h>

namespace kiosk::ui {

namespace {

// Basic Latin; from Latin-1 only ¡, ¿ and the letters (Spanish á é í ó ú ñ ü and the rest);
// punctuation ‘ ’ “ ” – — …. Every glyph costs atlas memory at 200 % text, so nothing else.
constexpr ImWchar glyph_ranges[] = { 0x0020, 0x007E, 0x00A1, 0x00A1, 0x00BF, 0x00FF, 0x2013, 0x2014, 0x2018, 0x201D, 0x2026, 0x2026, 0 };
// Noto Sans has no arrows; DejaVu Sans Bold (fonts-dejavu-core) lends them to the bold font.
constexpr ImWchar arrow_ranges[] = { 0x2190, 0x2193, 0 };
constexpr ImWchar display_ranges[] = { 0x0030, 0x005A, 0 };   // digits and capitals
constexpr const char* arrow_font = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

// The pictograms' code points as glyph ranges (each icon a range of one), built once.
const ImWchar* icon_ranges()
{
    static const auto ranges = [] {
        std::array<ImWchar, all_icons.size() * 2 + 1> r {};
        for (std::size_t i = 0; i < all_icons.size(); ++i)
            r[2 * i] = r[2 * i + 1] = static_cast<ImWchar>(all_icons[i]);
        return r;
    }();
    return ranges.data();
}

// Merges the pictograms into the font just added, `side` pixels square (widgets.cpp centres each
// by its own box). Without the icon font installed, buttons show their words alone.
void merge_icons(ImFontAtlas* atlas, const ImFontConfig& base, float side)
{
    if (!std::filesystem::is_regular_file(icon_font_file))
        return;
    ImFontConfig merge = base;
    merge.MergeMode = true;
    merge.GlyphMinAdvanceX = side;
    atlas->AddFontFromFileTTF(icon_font_file, side, &merge, icon_ranges());
}

float cap_height(ImFont* font)
{
    const ImFontGlyph* glyph = font->FindGlyphNoFallback('H');
    return glyph ? glyph->Y1 - glyph->Y0 : 0.0f;
}

// The height of 'H' in `file` at `px`, as the atlas would draw it: FreeType renders each glyph on
// its own, so a scratch atlas holding only 'H' measures exactly what the whole atlas would.
float measured_cap_height(const std::string& file, float px)
{
    static constexpr ImWchar capital_h[] = { 'H', 'H', 0 };
    ImFontAtlas scratch;
    scratch.Flags |= ImFontAtlasFlags_NoMouseCursors;
    scratch.FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
    scratch.FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LightHinting;
    ImFontConfig cfg;
    cfg.OversampleH = 1;
    cfg.OversampleV = 1;
    ImFont* font = scratch.AddFontFromFileTTF(file.c_str(), px, &cfg, capital_h);
    return font && scratch.Build() ? cap_height(font) : 0.0f;
}

// The body font's size: first estimated from Noto Sans (capital height ≈ 0.525 of the line size);
// when the font's measured 'H' falls short of the target, corrected once. The estimate is
// measured on one glyph, so the atlas itself is built once, at the final size.
float body_font_px(const std::string& regular, float target)
{
    float body_px = target / 0.525f;
    float cap = measured_cap_height(regular, body_px);
    if (cap > 0 && cap + 0.5f < target)
        body_px = body_px * target / cap + 1.0f;
    return body_px;
}

}

Result<bool> FontSet::build(const FontFiles& files, const Metrics& metrics)
{
    for (auto* path : { &files.regular, &files.bold })
        if (!std::filesystem::is_regular_file(*path))
            return Error { "font file " + *path + " is missing (install fonts-noto-core, or set font_regular/font_bold)" };

    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    atlas->FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
    atlas->FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LightHinting;

    float body_px = body_font_px(files.regular, metrics.body_cap_px());
    atlas->Clear();
    ImFontConfig cfg;
    cfg.OversampleH = 1;
    cfg.OversampleV = 1;
    m_body = atlas->AddFontFromFileTTF(files.regular.c_str(), body_px, &cfg, glyph_ranges);
    m_bold = atlas->AddFontFromFileTTF(files.bold.c_str(), body_px, &cfg, glyph_ranges);
    if (m_bold && std::filesystem::is_regular_file(arrow_font)) {
        ImFontConfig merge = cfg;
        merge.MergeMode = true;
        atlas->AddFontFromFileTTF(arrow_font, body_px, &merge, arrow_ranges);
    }
    merge_icons(atlas, cfg, body_px * icon_ratio);
    // The top bar's labels stay at the normal text size at every text size, so the bar is one
    // row: its pictures carry the meaning, read-aloud says the full names (issue 15).
    float bar_px = body_px / metrics.text_scale();
    m_bar = m_bold;
    if (metrics.text_size() != TextSize::Normal) {
        m_bar = atlas->AddFontFromFileTTF(files.bold.c_str(), bar_px, &cfg, glyph_ranges);
        if (m_bar)
            merge_icons(atlas, cfg, bar_px * icon_ratio);
        // Choices drawn in it keep their arrows ("← Page back" in a lesson on a short screen).
        if (m_bar && std::filesystem::is_regular_file(arrow_font)) {
            ImFontConfig merge = cfg;
            merge.MergeMode = true;
            atlas->AddFontFromFileTTF(arrow_font, bar_px, &merge, arrow_ranges);
        }
    }
    // Headings, and a lesson step's instruction at 150 % and 200 %, grow less than body text
    // (issue 15: the choices matter more): 1.25, 1.375 and 1.5 × the normal size at 100, 150 and
    // 200 % (body text: 1, 1.5 and 2).
    float heading_px = bar_px * (static_cast<float>(heading_ratio) + (metrics.text_scale() - 1.0f) * 0.25f);
    m_heading = atlas->AddFontFromFileTTF(files.bold.c_str(), heading_px, &cfg, glyph_ranges);
    // Ticket codes: capitals 15 mm tall whatever the text size (already huge at 100 %).
    float display_px = body_px * static_cast<float>(15.0 / (body_cap_height_mm * metrics.text_scale()));
    m_display = atlas->AddFontFromFileTTF(files.bold.c_str(), display_px, &cfg, display_ranges);
    if (!m_body || !m_bold || !m_bar || !m_heading || !m_display || !atlas->Build()) {
        m_body = m_bold = m_bar = m_heading = m_display = nullptr;
        return Error { "fonts " + files.regular + ", " + files.bold + " could not be loaded" };
    }
    m_body_cap_px = cap_height(m_body);
    if (m_body_cap_px <= 0)
        return Error { "font " + files.regular + " has no capital H" };
    m_dpi = metrics.dpi();
    m_size = metrics.text_size();
    return true;
}

}
