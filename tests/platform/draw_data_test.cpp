// The kiosk's own ImGui → SDL path (platform/draw_data.h) draws exactly the pixels that Dear
// ImGui's SDL renderer backend draws: it only takes a faster route for opaque rectangles.
#include "platform/draw_data.h"

#include <SDL.h>
#include <catch2/catch.hpp>
#include <imgui.h>
#include <imgui_impl_sdlrenderer.h>
#include <algorithm>
#include <functional>
#include <vector>

using namespace kiosk;

namespace {

constexpr int width = 320, height = 240;

// Shapes of every kind the kiosk draws (and a few it does not), some overlapping, some clipped.
void draw_shapes()
{
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(width, height));
    ImGui::Begin("test", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoBackground);
    ImDrawList* list = ImGui::GetWindowDrawList();
    list->AddRectFilled(ImVec2(10.3f, 10.7f), ImVec2(150.6f, 60.2f), IM_COL32(20, 40, 200, 255));      // a button's edge
    list->AddRectFilled(ImVec2(12.5f, 12.5f), ImVec2(148.5f, 58.5f), IM_COL32(240, 240, 230, 255));    // its face
    list->AddText(ImVec2(20, 25), IM_COL32(10, 10, 10, 255), "Join the list");
    list->AddRectFilled(ImVec2(100, 40), ImVec2(200, 90), IM_COL32(200, 30, 30, 128));                  // translucent
    list->AddRectFilled(ImVec2(160, 10), ImVec2(170, 10.5f), IM_COL32(0, 128, 0, 255));                 // under a pixel tall
    list->AddRectFilled(ImVec2(60, 100), ImVec2(200, 130), IM_COL32(90, 60, 30, 255), 8.0f);            // rounded
    list->AddCircleFilled(ImVec2(260, 60), 30, IM_COL32(255, 200, 0, 255));
    list->AddLine(ImVec2(10, 150), ImVec2(300, 170), IM_COL32(0, 0, 0, 255), 2.0f);
    list->AddText(ImVec2(20, 180), IM_COL32(255, 255, 255, 255), "White words on nothing");
    list->PushClipRect(ImVec2(200, 180), ImVec2(260, 230));
    list->AddRectFilled(ImVec2(180, 170), ImVec2(300, 240), IM_COL32(30, 160, 160, 255));               // clipped
    list->AddText(ImVec2(190, 200), IM_COL32(0, 0, 0, 255), "clipped text");
    list->PopClipRect();
    ImGui::End();
}

std::vector<Uint32> pixels(SDL_Renderer* renderer)
{
    std::vector<Uint32> out(static_cast<std::size_t>(width) * height);
    REQUIRE(SDL_RenderReadPixels(renderer, nullptr, SDL_PIXELFORMAT_ARGB8888, out.data(), width * 4) == 0);
    return out;
}

std::vector<Uint32> render(SDL_Renderer* renderer, const std::function<void(ImDrawData*)>& draw)
{
    SDL_SetRenderDrawColor(renderer, 250, 248, 240, 255);
    SDL_RenderClear(renderer);
    draw(ImGui::GetDrawData());
    return pixels(renderer);
}

}

TEST_CASE("The kiosk's draw path gives the same pixels as ImGui's SDL renderer backend")
{
    SDL_Surface* surface = SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_RGB888);
    REQUIRE(surface != nullptr);
    SDL_Renderer* renderer = SDL_CreateSoftwareRenderer(surface);
    REQUIRE(renderer != nullptr);
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(width, height);
    io.Fonts->AddFontDefault();
    REQUIRE(ImGui_ImplSDLRenderer_Init(renderer));
    ImGui_ImplSDLRenderer_NewFrame();
    ImGui::NewFrame();
    draw_shapes();
    ImGui::Render();

    auto backend = render(renderer, ImGui_ImplSDLRenderer_RenderDrawData);
    auto kiosk = render(renderer, [&](ImDrawData* data) { render_draw_data(renderer, data); });
    // The picture has what was drawn: the edge, the face, the translucent red over both.
    CHECK(std::count(backend.begin(), backend.end(), 0xFF1428C8u) > 100);
    CHECK(std::count(backend.begin(), backend.end(), 0xFFF0F0E6u) > 1000);
    std::size_t differing = 0;
    for (std::size_t i = 0; i < backend.size(); ++i)
        differing += backend[i] != kiosk[i] ? 1 : 0;
    CHECK(differing == 0);
    ImGui_ImplSDLRenderer_Shutdown();
    ImGui::DestroyContext();
    SDL_DestroyRenderer(renderer);
    SDL_FreeSurface(surface);
}
