// ImGui's draw data to SDL (see draw_data.h). The loop, the clip rectangles and the calls are those
// of imgui_impl_sdlrenderer.cpp (Dear ImGui 1.86); only solid rectangles take the other path.
#include "platform/draw_data.h"

#include <SDL.h>
#include <imgui.h>

namespace kiosk {

namespace {

// The rectangle when the six indices at `idx` are one of ImDrawList::PrimRect's quads — corners
// top-left, top-right, bottom-right, bottom-left, triangles (0,1,2) (0,2,3) — of one opaque colour,
// sampling only the atlas's white texel. Such a quad is drawn as exactly its colour.
bool solid_rect(const ImDrawVert* vtx, const ImDrawIdx* idx, ImVec2 white, SDL_FRect& rect, SDL_Color& colour)
{
    const unsigned a = idx[0];
    if (idx[1] != a + 1 || idx[2] != a + 2 || idx[3] != a || idx[4] != a + 2 || idx[5] != a + 3)
        return false;
    const ImDrawVert* v = vtx + a;
    const ImU32 col = v[0].col;
    if ((col & IM_COL32_A_MASK) != IM_COL32_A_MASK)
        return false;
    for (int i = 0; i < 4; ++i)
        if (v[i].col != col || v[i].uv.x != white.x || v[i].uv.y != white.y)
            return false;
    if (v[0].pos.y != v[1].pos.y || v[1].pos.x != v[2].pos.x || v[2].pos.y != v[3].pos.y || v[3].pos.x != v[0].pos.x)
        return false;
    if (!(v[0].pos.x < v[1].pos.x && v[0].pos.y < v[3].pos.y))
        return false;
    rect = { v[0].pos.x, v[0].pos.y, v[2].pos.x - v[0].pos.x, v[2].pos.y - v[0].pos.y };
    colour = { static_cast<Uint8>(col >> IM_COL32_R_SHIFT), static_cast<Uint8>(col >> IM_COL32_G_SHIFT),
        static_cast<Uint8>(col >> IM_COL32_B_SHIFT), 255 };
    return true;
}

// One draw command: runs of other geometry go to SDL_RenderGeometryRaw as they stand, each solid
// rectangle between them is filled unblended.
void draw_command(SDL_Renderer* renderer, const ImDrawList* list, const ImDrawCmd& cmd, ImVec2 white)
{
    const ImDrawVert* vtx = list->VtxBuffer.Data + cmd.VtxOffset;
    const ImDrawIdx* idx = list->IdxBuffer.Data + cmd.IdxOffset;
    const int vertices = list->VtxBuffer.Size - static_cast<int>(cmd.VtxOffset);
    const int count = static_cast<int>(cmd.ElemCount);
    auto* texture = static_cast<SDL_Texture*>(cmd.GetTexID());
    auto geometry = [&](int from, int to) {
        if (to <= from)
            return;
        const char* base = reinterpret_cast<const char*>(vtx);
        SDL_RenderGeometryRaw(renderer, texture, reinterpret_cast<const float*>(base + offsetof(ImDrawVert, pos)), sizeof(ImDrawVert),
            reinterpret_cast<const SDL_Color*>(base + offsetof(ImDrawVert, col)), sizeof(ImDrawVert),
            reinterpret_cast<const float*>(base + offsetof(ImDrawVert, uv)), sizeof(ImDrawVert), vertices, idx + from, to - from,
            sizeof(ImDrawIdx));
    };
    int run = 0;
    int i = 0;
    while (i + 6 <= count) {
        SDL_FRect rect {};
        SDL_Color colour {};
        if (!solid_rect(vtx, idx + i, white, rect, colour)) {
            i += 3;
            continue;
        }
        geometry(run, i);
        SDL_SetRenderDrawBlendMode(renderer, SDL_BLENDMODE_NONE);
        SDL_SetRenderDrawColor(renderer, colour.r, colour.g, colour.b, colour.a);
        SDL_RenderFillRectF(renderer, &rect);
        i += 6;
        run = i;
    }
    geometry(run, count);
}

}

void render_draw_data(SDL_Renderer* renderer, const ImDrawData* draw_data)
{
    float rsx = 1.0f, rsy = 1.0f;
    SDL_RenderGetScale(renderer, &rsx, &rsy);
    ImVec2 scale(rsx == 1.0f ? draw_data->FramebufferScale.x : 1.0f, rsy == 1.0f ? draw_data->FramebufferScale.y : 1.0f);
    const int fb_width = static_cast<int>(draw_data->DisplaySize.x * scale.x);
    const int fb_height = static_cast<int>(draw_data->DisplaySize.y * scale.y);
    if (fb_width == 0 || fb_height == 0)
        return;

    SDL_Rect old_viewport {}, old_clip {};
    const bool clip_was_on = SDL_RenderIsClipEnabled(renderer) == SDL_TRUE;
    SDL_RenderGetViewport(renderer, &old_viewport);
    SDL_RenderGetClipRect(renderer, &old_clip);
    SDL_BlendMode old_blend = SDL_BLENDMODE_NONE;
    SDL_GetRenderDrawBlendMode(renderer, &old_blend);

    const ImVec2 white = ImGui::GetIO().Fonts->TexUvWhitePixel;
    const ImVec2 off = draw_data->DisplayPos;
    SDL_RenderSetViewport(renderer, nullptr);
    SDL_RenderSetClipRect(renderer, nullptr);
    for (int n = 0; n < draw_data->CmdListsCount; ++n) {
        const ImDrawList* list = draw_data->CmdLists[n];
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            if (cmd.UserCallback) {
                if (cmd.UserCallback == ImDrawCallback_ResetRenderState) {
                    SDL_RenderSetViewport(renderer, nullptr);
                    SDL_RenderSetClipRect(renderer, nullptr);
                } else {
                    cmd.UserCallback(list, &cmd);
                }
                continue;
            }
            ImVec2 clip_min((cmd.ClipRect.x - off.x) * scale.x, (cmd.ClipRect.y - off.y) * scale.y);
            ImVec2 clip_max((cmd.ClipRect.z - off.x) * scale.x, (cmd.ClipRect.w - off.y) * scale.y);
            clip_min.x = clip_min.x < 0.0f ? 0.0f : clip_min.x;
            clip_min.y = clip_min.y < 0.0f ? 0.0f : clip_min.y;
            clip_max.x = clip_max.x > static_cast<float>(fb_width) ? static_cast<float>(fb_width) : clip_max.x;
            clip_max.y = clip_max.y > static_cast<float>(fb_height) ? static_cast<float>(fb_height) : clip_max.y;
            if (clip_max.x <= clip_min.x || clip_max.y <= clip_min.y)
                continue;
            SDL_Rect clip { static_cast<int>(clip_min.x), static_cast<int>(clip_min.y), static_cast<int>(clip_max.x - clip_min.x),
                static_cast<int>(clip_max.y - clip_min.y) };
            SDL_RenderSetClipRect(renderer, &clip);
            draw_command(renderer, list, cmd, white);
        }
    }
    SDL_SetRenderDrawBlendMode(renderer, old_blend);
    SDL_RenderSetViewport(renderer, &old_viewport);
    SDL_RenderSetClipRect(renderer, clip_was_on ? &old_clip : nullptr);
}

}
