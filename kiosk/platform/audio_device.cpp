// One SDL audio output (see audio_device.h).
#include "platform/audio_device.h"

#include "platform/log.h"

#include <string>

namespace kiosk {

AudioDevice::~AudioDevice()
{
    if (m_device)
        SDL_CloseAudioDevice(m_device);
    if (m_subsystem)
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
}

bool AudioDevice::open(int rate, Uint16 samples, SDL_AudioCallback callback, void* userdata, std::string_view without)
{
    if (m_device || m_failed)
        return m_device != 0;
    m_subsystem = SDL_InitSubSystem(SDL_INIT_AUDIO) == 0;
    SDL_AudioSpec want {}, got {};
    want.freq = rate;
    want.format = AUDIO_S16SYS;
    want.channels = 1;
    want.samples = samples;
    want.callback = callback;
    want.userdata = userdata;
    m_device = m_subsystem ? SDL_OpenAudioDevice(nullptr, 0, &want, &got, 0) : 0;
    if (!m_device) {
        m_failed = true;
        log::info("audio", "no audio device; " + std::string(without) + ": " + SDL_GetError());
    }
    return m_device != 0;
}

}
