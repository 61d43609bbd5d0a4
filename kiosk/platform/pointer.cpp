// The pointer part (see pointer.h).
#include "platform/pointer.h"

namespace kiosk {

bool Pointer::feed(const SDL_Event& e, TimePoint now, const KioskWindow& window)
{
    auto finger_at = [&](const SDL_TouchFingerEvent& f) {
        return std::pair { f.x * static_cast<float>(window.width()), f.y * static_cast<float>(window.height()) };
    };
    switch (e.type) {
    case SDL_FINGERDOWN:
        if (!m_finger) {
            m_finger = e.tfinger.fingerId;
            auto [x, y] = finger_at(e.tfinger);
            m_touch.press(x, y, now);
        }
        return true;
    case SDL_FINGERMOTION:
        if (m_finger == e.tfinger.fingerId) {
            auto [x, y] = finger_at(e.tfinger);
            m_touch.move(x, y, now);
        }
        return true;
    case SDL_FINGERUP:
        if (m_finger == e.tfinger.fingerId) {
            auto [x, y] = finger_at(e.tfinger);
            m_touch.release(x, y, now);
            m_finger.reset();
        }
        return true;
    case SDL_MOUSEBUTTONDOWN:
        if (e.button.which != SDL_TOUCH_MOUSEID && e.button.button == SDL_BUTTON_LEFT) {
            auto [x, y] = window.to_pixels(e.button.x, e.button.y);
            m_touch.press(x, y, now);
        }
        return true;
    case SDL_MOUSEMOTION:
        if (e.motion.which != SDL_TOUCH_MOUSEID && (e.motion.state & SDL_BUTTON_LMASK)) {
            auto [x, y] = window.to_pixels(e.motion.x, e.motion.y);
            m_touch.move(x, y, now);
        }
        return true;
    case SDL_MOUSEBUTTONUP:
        if (e.button.which != SDL_TOUCH_MOUSEID && e.button.button == SDL_BUTTON_LEFT) {
            auto [x, y] = window.to_pixels(e.button.x, e.button.y);
            m_touch.release(x, y, now);
        }
        return true;
    default:
        return false;
    }
}

}
