// ImGui's draw data to SDL (see draw_data.h). The loop, the clip rectangles and the calls are those
// of imgui_impl_sdlrenderer.cpp (Dear ImGui 1.86); only solid rectangles take the other path.
#include "platform/draw_data.h"

#include <SDL.h>
#include <algorithm>
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

// The pixels SDL's software renderer fills for `r` (SW_QueueFillRects: truncated, at least one).
SDL_Rect filled_pixels(const SDL_FRect& r)
{
    return { static_cast<int>(r.x), static_cast<int>(r.y), std::max(static_cast<int>(r.w), 1), std::max(static_cast<int>(r.h), 1) };
}

void fill(SDL_Renderer* renderer, const SDL_Rect& r)
{
    if (r.w > 0 && r.h > 0)
        SDL_RenderFillRect(renderer, &r);
}

// A solid rectangle, and the next prim when it is a solid rectangle lying inside it (a button's
// face over its edge): the outer one is filled only around the inner one, which covers the rest
// with opaque pixels right after — the same picture, the face's area written once instead of twice.
void fill_solid(SDL_Renderer* renderer, const SDL_FRect& outer, SDL_Color colour, const SDL_FRect* inner)
{
    SDL_SetRenderDrawBlendMode(renderer, SDL_BLENDMODE_NONE);
    SDL_SetRenderDrawColor(renderer, colour.r, colour.g, colour.b, colour.a);
    const SDL_Rect a = filled_pixels(outer);
    if (inner == nullptr) {
        SDL_RenderFillRectF(renderer, &outer);
        return;
    }
    const SDL_Rect b = filled_pixels(*inner);
    fill(renderer, { a.x, a.y, a.w, b.y - a.y });
    fill(renderer, { a.x, b.y + b.h, a.w, a.y + a.h - (b.y + b.h) });
    fill(renderer, { a.x, b.y, b.x - a.x, b.h });
    fill(renderer, { b.x + b.w, b.y, a.x + a.w - (b.x + b.w), b.h });
}

bool inside(const SDL_FRect& inner, const SDL_FRect& outer)
{
    const SDL_Rect a = filled_pixels(outer), b = filled_pixels(inner);
    return b.x >= a.x && b.y >= a.y && b.x + b.w <= a.x + a.w && b.y + b.h <= a.y + a.h;
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
        i += 6;
        SDL_FRect next {};
        SDL_Color next_colour {};
        bool covered = i + 6 <= count && solid_rect(vtx, idx + i, white, next, next_colour) && inside(next, rect);
        fill_solid(renderer, rect, colour, covered ? &next : nullptr);
        if (covered) {
            fill_solid(renderer, next, next_colour, nullptr);
            i += 6;
        }
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
