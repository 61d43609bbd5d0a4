// The calm sound (see sound.h).
#include "platform/sound.h"

#include "platform/log.h"

#include <cmath>
#include <cstdint>

namespace kiosk {

CalmSound::~CalmSound()
{
    if (m_device)
        SDL_CloseAudioDevice(m_device);
    if (m_subsystem)
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
}

void CalmSound::fill(void* self, Uint8* stream, int bytes)
{
    auto& sound = *static_cast<CalmSound*>(self);
    auto* out = reinterpret_cast<std::int16_t*>(stream);
    int samples = bytes / static_cast<int>(sizeof(std::int16_t));
    const double pi = 3.14159265358979;
    double gain = sound.m_gain.load();
    for (int i = 0; i < samples; ++i, ++sound.m_sample) {
        double t = static_cast<double>(sound.m_sample) / sound.m_rate;
        // A 4 s swell per caption (in, hold, out, rest all feel the same: slow and quiet).
        double swell = 0.5 - 0.5 * std::cos(2 * pi * t / 4.0);
        double tone = std::sin(2 * pi * 196.0 * t) + 0.3 * std::sin(2 * pi * 294.0 * t);
        out[i] = static_cast<std::int16_t>(tone * swell * 4000.0 * gain);
    }
}

void CalmSound::set_playing(bool playing)
{
    if (playing == m_playing)
        return;
    if (playing && !m_device && !m_failed) {
        m_subsystem = SDL_InitSubSystem(SDL_INIT_AUDIO) == 0;
        SDL_AudioSpec want {}, got {};
        want.freq = m_rate;
        want.format = AUDIO_S16SYS;
        want.channels = 1;
        want.samples = 2048;
        want.callback = &CalmSound::fill;
        want.userdata = this;
        m_device = m_subsystem ? SDL_OpenAudioDevice(nullptr, 0, &want, &got, 0) : 0;
        if (!m_device) {
            m_failed = true;
            log::info("sound", std::string("no audio device; the calm sound shows its captions only: ") + SDL_GetError());
            return;
        }
    }
    if (!m_device)
        return;
    SDL_PauseAudioDevice(m_device, playing ? 0 : 1);
    m_playing = playing;
}

}
