// One SDL audio output, 16-bit mono, for the calm sound and read-aloud: it starts SDL's audio
// subsystem with it and closes both when destroyed. A tablet without audio gets no device and
// one log line; callers carry on silently (captions, the words on screen).
#pragma once
#include <SDL.h>

#include <string_view>

namespace kiosk {

class AudioDevice {
public:
    AudioDevice() = default;
    ~AudioDevice();
    AudioDevice(const AudioDevice&) = delete;
    AudioDevice& operator=(const AudioDevice&) = delete;

    // Opens the device the first time (fed by `callback`, or by SDL_QueueAudio when it is null);
    // after a failure it does not try again. True while a device is open. `without` says what
    // the person gets instead, for the log line.
    bool open(int rate, Uint16 samples, SDL_AudioCallback callback, void* userdata, std::string_view without);
    SDL_AudioDeviceID id() const { return m_device; }

private:
    SDL_AudioDeviceID m_device { 0 };
    bool m_subsystem { false };
    bool m_failed { false };
};

}
