// RAII owners for SDL's C handles: each lives in a unique_ptr with a deleter struct.
#pragma once
#include <SDL.h>
#include <memory>

namespace kiosk {

struct SdlWindowDeleter {
    void operator()(SDL_Window* w) const { SDL_DestroyWindow(w); }
};
struct SdlRendererDeleter {
    void operator()(SDL_Renderer* r) const { SDL_DestroyRenderer(r); }
};
using SdlWindow = std::unique_ptr<SDL_Window, SdlWindowDeleter>;
using SdlRenderer = std::unique_ptr<SDL_Renderer, SdlRendererDeleter>;

// SDL_Init / SDL_Quit for the video subsystem.
class SdlSubsystem {
public:
    SdlSubsystem() = default;
    SdlSubsystem(const SdlSubsystem&) = delete;
    SdlSubsystem& operator=(const SdlSubsystem&) = delete;
    ~SdlSubsystem()
    {
        if (m_started)
            SDL_Quit();
    }
    bool start()
    {
        m_started = SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER | SDL_INIT_EVENTS) == 0;
        return m_started;
    }

private:
    bool m_started { false };
};

}
