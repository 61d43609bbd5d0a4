// Building the font atlas (see fonts.h).
#include "ui/fonts.h"

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

float cap_height(ImFont* font)
{
    const ImFontGlyph* glyph = font->FindGlyphNoFallback('H');
    return glyph ? glyph->Y1 - glyph->Y0 : 0.0f;
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

    // First pass at a size estimated from Noto Sans (capital height ≈ 0.525 of the line size);
    // then measure 'H' and, if the font differs, rebuild once at the corrected size.
    float target = metrics.body_cap_px();
    float body_px = target / 0.525f;
    for (int pass = 0; pass < 2; ++pass) {
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
        m_heading = atlas->AddFontFromFileTTF(files.bold.c_str(), body_px * static_cast<float>(heading_ratio), &cfg, glyph_ranges);
        // Ticket codes: capitals 15 mm tall whatever the text size (already huge at 100 %).
        float display_px = body_px * static_cast<float>(15.0 / (body_cap_height_mm * metrics.text_scale()));
        m_display = atlas->AddFontFromFileTTF(files.bold.c_str(), display_px, &cfg, display_ranges);
        if (!m_body || !m_bold || !m_heading || !m_display || !atlas->Build()) {
            m_body = m_bold = m_heading = m_display = nullptr;
            return Error { "fonts " + files.regular + ", " + files.bold + " could not be loaded" };
        }
        m_body_cap_px = cap_height(m_body);
        if (m_body_cap_px <= 0)
            return Error { "font " + files.regular + " has no capital H" };
        if (m_body_cap_px + 0.5f >= target)
            break;
        body_px = body_px * target / m_body_cap_px + 1.0f;
    }
    m_dpi = metrics.dpi();
    m_size = metrics.text_size();
    return true;
}

}
