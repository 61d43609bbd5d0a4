// The touch layer's gesture logic (see touch_input.h).
#include "platform/touch_input.h"

#include <cmath>

namespace kiosk {

void TouchInput::press(float x, float y, TimePoint t) { m_queue.push_back({ Kind::Press, x, y, t }); }
void TouchInput::move(float x, float y, TimePoint t) { m_queue.push_back({ Kind::Move, x, y, t }); }
void TouchInput::release(float x, float y, TimePoint t) { m_queue.push_back({ Kind::Release, x, y, t }); }

void TouchInput::cancel()
{
    m_queue.clear();
    m_phase = Phase::Idle;
    m_momentum = false;
    m_velocity = 0;
}

bool TouchInput::busy() const { return !m_queue.empty() || m_momentum; }

void TouchInput::consume_long_press()
{
    if (m_phase == Phase::Pressed && m_long_press_reported)
        m_phase = Phase::Consumed;
}

std::optional<TimePoint> TouchInput::next_wake() const
{
    if (m_phase == Phase::Pressed && !m_long_press_reported)
        return m_pressed_at + m_tuning.long_press;
    if ((m_phase == Phase::Pressed || m_phase == Phase::Consumed) && !m_very_long_press_reported)
        return m_pressed_at + m_tuning.very_long_press;
    return std::nullopt;
}

void TouchInput::apply_move(const Event& e, TouchFrame& out)
{
    if (m_phase == Phase::Pressed && std::hypot(e.x - m_start_x, e.y - m_start_y) > m_tuning.slop_px) {
        m_phase = Phase::Dragging;
        m_velocity = 0;
        m_last_move_at = e.t;
    }
    if (m_phase == Phase::Dragging) {
        float dy = e.y - m_y;
        out.scroll_delta += dy;
        auto dt = std::chrono::duration<float>(e.t - m_last_move_at).count();
        if (dt > 0.0f)
            m_velocity = 0.7f * (dy / dt) + 0.3f * m_velocity;
        m_last_move_at = e.t;
    }
    m_x = e.x;
    m_y = e.y;
}

TouchFrame TouchInput::begin_frame(TimePoint now)
{
    TouchFrame out;
    float dt = m_last_frame ? std::chrono::duration<float>(now - *m_last_frame).count() : 0.0f;
    m_last_frame = now;

    if (m_momentum) {
        out.scroll_delta += m_velocity * dt;
        float tau = std::chrono::duration<float>(m_tuning.momentum_time_constant).count();
        m_velocity *= std::exp(-dt / tau);
        if (std::fabs(m_velocity) < m_tuning.momentum_stop_px_per_s) {
            m_momentum = false;
            m_velocity = 0;
        }
    }

    bool transitioned = false;
    bool released_from_press = false;
    while (!m_queue.empty()) {
        Event e = m_queue.front();
        if (e.kind == Kind::Move) {
            if (m_phase != Phase::Idle)
                apply_move(e, out);
            m_queue.pop_front();
            continue;
        }
        if (transitioned)
            break; // one press or release per frame, so ImGui sees each
        transitioned = true;
        m_queue.pop_front();
        if (e.kind == Kind::Press) {
            m_phase = Phase::Pressed;
            m_momentum = false;
            m_velocity = 0;
            m_x = m_start_x = e.x;
            m_y = m_start_y = e.y;
            m_pressed_at = e.t;
            m_long_press_reported = false;
            m_very_long_press_reported = false;
            out.touched = true;
        } else {
            // A finger that stopped (no movement for 100 ms) before lifting throws nothing.
            bool still = std::chrono::duration<float>(e.t - m_last_move_at).count() > 0.1f;
            apply_move(e, out);
            if (m_phase == Phase::Pressed)
                released_from_press = true;
            if (m_phase == Phase::Dragging) {
                float dx = e.x - m_start_x, dy = e.y - m_start_y;
                if (std::fabs(dx) > 3 * m_tuning.slop_px && std::fabs(dx) > 2 * std::fabs(dy))
                    out.swipe = dx < 0 ? 1 : -1;
                m_momentum = !still && std::fabs(m_velocity) >= m_tuning.momentum_stop_px_per_s;
                if (!m_momentum)
                    m_velocity = 0;
            }
            m_phase = Phase::Idle;
        }
    }

    if (m_phase == Phase::Pressed && !m_long_press_reported && now - m_pressed_at >= m_tuning.long_press) {
        m_long_press_reported = true;
        out.long_press = std::pair { m_x, m_y };
    }

    if ((m_phase == Phase::Pressed || m_phase == Phase::Consumed) && !m_very_long_press_reported
        && now - m_pressed_at >= m_tuning.very_long_press) {
        m_very_long_press_reported = true;
        out.very_long_press = std::pair { m_x, m_y };
    }

    if (m_phase == Phase::Pressed)
        out.pointer = { m_x, m_y, true };
    else if (released_from_press)
        out.pointer = { m_x, m_y, false };
    // Idle, dragging or a used long press: no pointer, so no button is pressed or hovered.
    return out;
}

}
