// Sends ImGui's draw data to the SDL renderer: what imgui_impl_sdlrenderer's RenderDrawData does,
// with one difference that leaves every pixel the same and halves the software renderer's work.
//
// ImGui draws every shape textured (a plain rectangle samples the atlas's one white texel), and
// SDL's software renderer turns such a quad into a *blended* rectangle fill: a multiply per colour
// channel per pixel, even when the colour is opaque and the blend's result is the colour itself.
// At 200 % text the buttons' faces and edges were over half of a frame's CPU time. Here each
// opaque, axis-aligned, single-colour rectangle is filled without blending (a plain store, the
// same pixels; a rectangle drawn right over a larger one — a button's face over its edge — is
// left out of the larger one's fill), and everything else (glyphs, pictograms, translucent or
// shaped geometry) goes to SDL_RenderGeometryRaw exactly as before, in the same order, under the
// same clip rectangles.
#pragma once

struct ImDrawData;
struct SDL_Renderer;

namespace kiosk {

void render_draw_data(SDL_Renderer* renderer, const ImDrawData* draw_data);

}
