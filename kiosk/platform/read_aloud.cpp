// Read-aloud, the Runner's part (see read_aloud.h).
#include "platform/read_aloud.h"

namespace kiosk {

std::optional<Action> ReadAloud::pump(const AppState& state, const ui::A11yTree& shown)
{
    if (state.speech.reading && state.speech.request != m_spoken_request) {
        m_spoken_request = state.speech.request;
        if (state.speech.whole)
            m_heard.clear();
        std::string text = ui::spoken_text(shown, &m_heard);
        if (text.empty())
            return actions::SpeechDone { m_spoken_request }; // nothing new to read
        const Settings& settings = effective_settings(state);
        m_player.say(std::move(text), settings.language, settings.volume, m_spoken_request);
    } else if (!state.speech.reading && m_player.speaking()) {
        m_player.stop();
    }
    return std::nullopt;
}

std::optional<Action> ReadAloud::take_done()
{
    if (auto done = m_player.take_finished())
        return actions::SpeechDone { *done };
    return std::nullopt;
}

}
