// Read-aloud (see speech.h).
#include "platform/speech.h"

#include "platform/log.h"

#include <espeak-ng/speak_lib.h>

#include <algorithm>
#include <chrono>

namespace kiosk {

namespace {

std::mutex engine_mutex;                  // eSpeak NG is one engine per process
int engine_rate = 0;                      // its sample rate once started
const std::function<bool(const std::int16_t*, int)>* engine_sink = nullptr;

int on_samples(short* wav, int count, espeak_EVENT*)
{
    if (!wav || count <= 0 || !engine_sink)
        return 0;
    return (*engine_sink)(wav, count) ? 0 : 1;
}

}

const char* speech_voice(Language language)
{
    return language == Language::Spanish ? "es-419" : "en-us";
}

Result<int> synthesize(std::string_view text, Language language, const std::function<bool(const std::int16_t*, int)>& sink)
{
    std::lock_guard lock(engine_mutex);
    if (!engine_rate) {
        // Synchronous: espeak_Synth returns once everything was handed to the callback, in
        // pieces of 100 ms. DONT_EXIT: a missing voice is an error value, not an exit().
        int rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 100, nullptr, espeakINITIALIZE_DONT_EXIT);
        if (rate <= 0)
            return Error { "the speech engine (eSpeak NG) could not start: is espeak-ng-data installed?" };
        espeak_SetSynthCallback(&on_samples);
        // A little slower than eSpeak's 175 words a minute: easier to follow.
        espeak_SetParameter(espeakRATE, 150, 0);
        engine_rate = rate;
    }
    if (espeak_SetVoiceByName(speech_voice(language)) != EE_OK)
        return Error { std::string("the speech engine has no voice \"") + speech_voice(language) + "\"" };
    std::string copy(text); // eSpeak wants a terminated string
    engine_sink = &sink;
    espeak_ERROR result = espeak_Synth(copy.c_str(), copy.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, nullptr, nullptr);
    engine_sink = nullptr;
    if (result != EE_OK)
        return Error { "the speech engine could not read the text" };
    return engine_rate;
}

SpeechPlayer::SpeechPlayer(std::function<void()> wake)
    : m_wake(std::move(wake))
{
}

SpeechPlayer::~SpeechPlayer()
{
    {
        std::lock_guard lock(m_mutex);
        m_quit = true;
        ++m_generation;
    }
    m_changed.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void SpeechPlayer::say(std::string text, Language language, Volume volume, unsigned request)
{
    m_last_text = text;
    {
        // One step under the lock: the thread never sees the new job with the old generation.
        std::lock_guard lock(m_mutex);
        m_job = Job { std::move(text), language, volume, request, ++m_generation };
        m_finished.reset();
        m_speaking = true;
    }
    if (!m_thread.joinable())
        m_thread = std::thread([this] { run(); }); // the engine starts on the first reading, never at start-up
    m_changed.notify_all();
}

void SpeechPlayer::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_job.reset();
        ++m_generation;
        m_speaking = false;
    }
    m_changed.notify_all();
}

std::optional<unsigned> SpeechPlayer::take_finished()
{
    std::lock_guard lock(m_mutex);
    return std::exchange(m_finished, std::nullopt);
}

void SpeechPlayer::run()
{
    // This thread is a std::thread, not SDL's: SDL keeps per-thread data (its error text) for every
    // thread that calls it and frees it by itself only for threads it created, so this one frees
    // its own when it ends (LeakSanitizer found the 128 bytes, tests/scenarios/read_aloud.txt).
    struct SdlThreadData {
        ~SdlThreadData() { SDL_TLSCleanup(); }
    } sdl_thread_data;
    while (true) {
        Job job;
        {
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [&] { return m_quit || m_job; });
            if (m_quit)
                return;
            job = std::move(*m_job);
            m_job.reset();
        }
        speak(job);
    }
}

void SpeechPlayer::speak(Job& job)
{
    unsigned generation = job.generation;
    auto current = [&] { return m_generation.load() == generation; };
    SDL_AudioDeviceID device = m_device.id();
    if (device)
        SDL_ClearQueuedAudio(device);
    double gain = volume_percent(job.volume) / 100.0;
    std::vector<std::int16_t> scaled;
    bool device_checked = false;
    auto sink = [&](const std::int16_t* samples, int count) {
        if (!current())
            return false;
        if (!device_checked) {
            device_checked = true;
            // Queued, not a callback: this thread pushes audio as it is made, at eSpeak's rate.
            m_device.open(engine_rate, 1024, nullptr, nullptr, "read-aloud is silent");
            device = m_device.id();
            if (device)
                SDL_PauseAudioDevice(device, 0);
        }
        if (device) {
            scaled.assign(samples, samples + count);
            for (auto& s : scaled)
                s = static_cast<std::int16_t>(s * gain);
            SDL_QueueAudio(device, scaled.data(), static_cast<Uint32>(scaled.size() * sizeof(std::int16_t)));
        }
        return true;
    };
    if (auto rate = synthesize(job.text, job.language, sink); !rate)
        log::error("speech", rate.error().message);
    // Wait for what was queued to be heard; a new say() or stop() ends the wait at once.
    while (current() && device && SDL_GetQueuedAudioSize(device) > 0) {
        std::unique_lock lock(m_mutex);
        m_changed.wait_for(lock, std::chrono::milliseconds(30), [&] { return m_quit || !current(); });
    }
    if (device && !current())
        SDL_ClearQueuedAudio(device);
    bool finished = false;
    {
        // Checked and marked under the lock, so a say() that just came in stays "speaking".
        std::lock_guard lock(m_mutex);
        if (current()) {
            m_finished = job.request;
            m_speaking = false;
            finished = true;
        }
    }
    if (finished && m_wake)
        m_wake();
}

}
