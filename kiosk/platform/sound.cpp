// The calm sound (see sound.h).
#include "platform/sound.h"

#include <cmath>
#include <cstdint>

namespace kiosk {

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
    if (playing)
        m_device.open(m_rate, 2048, &CalmSound::fill, this, "the calm sound shows its captions only");
    if (!m_device.id())
        return;
    SDL_PauseAudioDevice(m_device.id(), playing ? 0 : 1);
    m_playing = playing;
}

}
