// The Runner's pointer part: SDL's finger and mouse events into the touch layer (one finger at a
// time; the mouse only for development), in the renderer's pixels.
#pragma once
#include "platform/touch_input.h"
#include "platform/window.h"

#include <SDL.h>
#include <optional>

namespace kiosk {

class Pointer {
public:
    Pointer() : m_touch(TouchInput::Tuning {}) { }
    // Feeds a finger or left-button event to the touch layer; false for any other event.
    bool feed(const SDL_Event& e, TimePoint now, const KioskWindow& window);
    // Forgets the touch in progress and the finger holding it (the session ended under it).
    void cancel()
    {
        m_touch.cancel();
        m_finger.reset();
    }
    TouchInput& touch() { return m_touch; }
    const TouchInput& touch() const { return m_touch; }

private:
    TouchInput m_touch;
    std::optional<SDL_FingerID> m_finger;   // the one finger followed
};

}
