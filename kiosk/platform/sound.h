// The calm sound of the lessons' audio exercise: a soft, low tone that swells and fades over each
// four-second caption, made on the fly (no sound files). The audio device opens the first time
// the sound plays; a tablet without audio keeps the captions and says so once in the log.
#pragma once
#include "app/state.h"
#include "platform/audio_device.h"

#include <SDL.h>

#include <atomic>

namespace kiosk {

class CalmSound {
public:
    CalmSound() = default;
    CalmSound(const CalmSound&) = delete;
    CalmSound& operator=(const CalmSound&) = delete;

    // Starts or pauses the sound; cheap to call every frame.
    void set_playing(bool playing);
    // The loudness, in percent of the sound's full level (the person's volume setting).
    void set_volume(int percent) { m_gain = percent / 100.0; }
    // True while the device is open and not paused: what a person hears.
    bool playing() const { return m_playing; }
    // The Runner's sound part: follows the model after each frame (playing while a lesson's
    // audio exercise plays, at the person's volume).
    void pump(const AppState& state)
    {
        set_volume(volume_percent(effective_settings(state).volume));
        set_playing(lesson_sound_playing(state));
    }

private:
    static void fill(void* self, Uint8* stream, int bytes);
    bool m_playing { false };
    int m_rate { 48000 };
    std::atomic<double> m_gain { 0.6 };
    long long m_sample { 0 };   // touched only by SDL's audio thread once the device is open
    AudioDevice m_device;       // last: closed (its thread stopped) before the rest goes
};

}
