// The Runner's read-aloud part: follows the model's speech request, reading from what the last
// frame showed (its accessibility tree), and hands the end of a reading back as a SpeechDone
// action. The speech engine, its thread and its audio device start only when first used.
#pragma once
#include "app/state.h"
#include "platform/speech.h"
#include "ui/a11y.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace kiosk {

class ReadAloud {
public:
    // `wake` is called from the speech thread when a reading ends.
    explicit ReadAloud(std::function<void()> wake) : m_player(std::move(wake)) { }

    // After a frame: a new request from the model starts a reading of what `shown` holds (or of
    // what is new on it); a SpeechDone comes back at once when there is nothing new to read. A
    // model that stopped reading silences the engine.
    std::optional<Action> pump(const AppState& state, const ui::A11yTree& shown);
    // The end of a reading, for the model (the scenario driver holds it until it asks).
    std::optional<Action> take_done();
    bool holding_done() const { return m_hold_done; }
    void hold_done(bool hold) { m_hold_done = hold; }
    // The session ended: what was heard on its screens is forgotten.
    void forget_heard() { m_heard.clear(); }

    const std::string& last_spoken() const { return m_player.last_text(); }
    bool speaking() const { return m_player.speaking(); }

private:
    SpeechPlayer m_player;
    unsigned m_spoken_request { 0 };     // the model's speech request last handed over
    std::vector<std::string> m_heard;    // what was read on this screen (a new message adds to it)
    bool m_hold_done { false };
};

}
