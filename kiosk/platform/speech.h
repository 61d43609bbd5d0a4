// Read-aloud: text to speech with eSpeak NG (Debian's libespeak-ng), played through SDL audio.
//
// What is read is always the kiosk's own words — prompts, choices, messages — taken from the
// screen's accessibility tree, never what a person typed (ui::spoken_text leaves fields and
// typed text out). Synthesis runs on a thread of its own, a sentence at a time, so the first
// words are heard while the rest is still being made and a frame never waits on it.
#pragma once
#include "app/result.h"
#include "app/settings.h"
#include "platform/audio_device.h"

#include <SDL.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace kiosk {

// The eSpeak NG voice for a language: US English, Latin American Spanish.
const char* speech_voice(Language language);

// Synthesizes `text` in `language`, handing each piece of 16-bit mono audio to `sink` as it is
// made; `sink` returns false to stop early. Returns the sample rate. eSpeak NG keeps global
// state, so calls are serialized across the process; the engine starts on the first call.
Result<int> synthesize(std::string_view text, Language language, const std::function<bool(const std::int16_t*, int)>& sink);

class SpeechPlayer {
public:
    // `wake` is called (from the speech thread) when a reading ends, so the interface can redraw.
    explicit SpeechPlayer(std::function<void()> wake);
    ~SpeechPlayer();
    SpeechPlayer(const SpeechPlayer&) = delete;
    SpeechPlayer& operator=(const SpeechPlayer&) = delete;

    // Reads `text` aloud, replacing whatever was being read. `request` is handed back by
    // take_finished() once all of it has been heard (or could not be).
    void say(std::string text, Language language, Volume volume, unsigned request);
    // Silences what is being read at once.
    void stop();
    // True from say() until the last sample has played (or stop()).
    bool speaking() const { return m_speaking.load(); }
    // The request whose reading ended since the last call, if any.
    std::optional<unsigned> take_finished();
    // The text of the last say() (for the scenario driver's expect-speech).
    const std::string& last_text() const { return m_last_text; }

private:
    struct Job {
        std::string text;
        Language language;
        Volume volume;
        unsigned request;
        unsigned generation;   // m_generation when it was asked for
    };
    void run();
    void speak(Job& job);

    std::function<void()> m_wake;
    std::string m_last_text;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::optional<Job> m_job;                 // waiting for the thread
    std::optional<unsigned> m_finished;
    bool m_quit { false };
    // Grows with every say() and stop() (under m_mutex): work of an older generation stops.
    std::atomic<unsigned> m_generation { 0 };
    std::atomic<bool> m_speaking { false };
    AudioDevice m_device;                     // opened and used by the speech thread only
    std::thread m_thread;
};

}
