// The kiosk's own touch layer. Dear ImGui 1.86's SDL backend ignores finger events and reads the
// mouse with SDL_GetMouseState, so the kiosk turns finger (and mouse) events into the pointer
// ImGui sees, and adds what ImGui lacks: drag-to-scroll with momentum and long press.
//
// Pure logic, no SDL: tests feed it presses and moves with a manual clock.
// - A press then release within the slop is a tap: ImGui sees the pointer down, then up, on two
//   separate frames, so even a tap whose events arrive together clicks exactly once.
// - Moving further than the slop turns the press into a drag: the pointer leaves ImGui (so the
//   button under the finger does not fire) and vertical movement scrolls; on release the scroll
//   carries on with decaying speed. A drag that went mostly sideways, far enough, is a swipe.
// - Holding still for `long_press` reports one long press at that point. If the interface uses
//   it (consume_long_press()), the pointer leaves ImGui and the release taps nothing; otherwise
//   the press goes on and the release taps as usual — a person who holds a button down, as many
//   older people do, still gets the button.
// Between touches the pointer is absent, so nothing shows a hover state on a touch screen.
#pragma once
#include "app/clock.h"

#include <deque>
#include <optional>

namespace kiosk {

struct PointerState {
    float x { -1e9f }, y { -1e9f };
    bool down { false };
};

struct TouchFrame {
    PointerState pointer;
    float scroll_delta { 0 };               // pixels to move content down (positive) this frame
    bool touched { false };                 // a new press began this frame
    int swipe { 0 };                        // a sideways drag ended: +1 finger went left (next page), -1 right
    std::optional<std::pair<float, float>> long_press;
    std::optional<std::pair<float, float>> very_long_press;   // held still for `very_long_press`
};

class TouchInput {
public:
    struct Tuning {
        float slop_px { 24 };                  // movement that turns a press into a drag
        Millis long_press { 800 };
        Millis very_long_press { 3000 };        // the staff gesture's hold
        Millis momentum_time_constant { 325 };  // velocity decays by e every this long
        float momentum_stop_px_per_s { 20 };
    };

    explicit TouchInput(Tuning tuning) : m_tuning(tuning) { }

    void press(float x, float y, TimePoint t);
    void move(float x, float y, TimePoint t);
    void release(float x, float y, TimePoint t);
    // Forgets any touch in progress (the screen was wiped under the finger, or focus was lost).
    void cancel();
    // The long press just reported was used: the press ends without a tap.
    void consume_long_press();

    // Called once per frame: applies queued moves and at most one press or release.
    TouchFrame begin_frame(TimePoint now);
    // True when another frame is needed now: queued events or momentum still moving.
    bool busy() const;
    // When a long press would fire, if a finger is held still.
    std::optional<TimePoint> next_wake() const;
    void set_slop(float px) { m_tuning.slop_px = px; }

private:
    enum class Kind { Press, Move, Release };
    struct Event {
        Kind kind;
        float x, y;
        TimePoint t;
    };
    enum class Phase { Idle, Pressed, Dragging, Consumed };

    void apply_move(const Event& e, TouchFrame& out);

    Tuning m_tuning;
    std::deque<Event> m_queue;
    Phase m_phase { Phase::Idle };
    float m_x { 0 }, m_y { 0 };
    float m_start_x { 0 }, m_start_y { 0 };
    TimePoint m_pressed_at {};
    TimePoint m_last_move_at {};
    bool m_long_press_reported { false };
    bool m_very_long_press_reported { false };
    float m_velocity { 0 };                  // px/s, while dragging and during momentum
    bool m_momentum { false };
    std::optional<TimePoint> m_last_frame;
};

}
