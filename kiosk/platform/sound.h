// The calm sound of the lessons' audio exercise: a soft, low tone that swells and fades over each
// four-second caption, made on the fly (no sound files). The audio device opens the first time
// the sound plays; a tablet without audio keeps the captions and says so once in the log.
#pragma once
#include <SDL.h>

namespace kiosk {

class CalmSound {
public:
    CalmSound() = default;
    ~CalmSound();
    CalmSound(const CalmSound&) = delete;
    CalmSound& operator=(const CalmSound&) = delete;

    // Starts or pauses the sound; cheap to call every frame.
    void set_playing(bool playing);
    // True while the device is open and not paused: what a person hears.
    bool playing() const { return m_playing; }

private:
    static void fill(void* self, Uint8* stream, int bytes);
    SDL_AudioDeviceID m_device { 0 };
    bool m_subsystem { false };
    bool m_failed { false };
    bool m_playing { false };
    int m_rate { 48000 };
    long long m_sample { 0 };   // touched only by SDL's audio thread once the device is open
};

}
