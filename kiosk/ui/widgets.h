// The kiosk's widgets, drawn with ImGui and recorded in the accessibility tree. Buttons are our
// own (not ImGui::Button) so that labels wrap at 200 % text, heights come from millimetres, and
// a press only counts on release inside the button — which is what the touch layer relies on.
#pragma once
#include "app/config.h"
#include "app/content.h"
#include "app/state.h"
#include "ui/a11y.h"
#include "ui/fonts.h"
#include "ui/icons.h"
#include "ui/metrics.h"
#include "ui/theme.h"

#include <imgui.h>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace kiosk::ui {

// Everything a screen function needs to draw one frame and to say what the person did.
struct Ui {
    const Metrics& metrics;
    const Palette& colours;
    const Content& content;
    const Strings& strings;       // content.strings
    const FontSet& fonts;
    const ScreenConfig& config;   // what screens draw of the config (no TLS files, no PIN hash)
    Language language;
    TimePoint now;
    std::int64_t wall_ms { 0 };   // wall clock, ms since the epoch (for "12 minutes ago")
    std::string fresh_uuid;       // a new random UUID each frame, for a request confirmed now
    A11yTree& tree;
    std::vector<Action>& out;
    float scroll_delta { 0 };     // from drag-to-scroll and momentum, this frame
    int swipe { 0 };              // a sideways swipe this frame: +1 to the next page, -1 back
    bool new_screen { false };    // the screen changed since the last frame: scroll to the top
    Rect clip {};                 // the visible part of the current region

    std::string_view t(std::string_view key) const { return strings.get(language, key); }
    void emit(Action action) { out.push_back(std::move(action)); }
};

enum class ButtonStyle { Normal, Primary, Selected, Urgent };

struct ButtonSpec {
    std::string_view id;
    std::string_view label;
    Action action;
    ButtonStyle style { ButtonStyle::Normal };
    Role role { Role::Button };
    double padding_mm { 3.0 };   // space between the label and the edge
    Icon icon { Icon::None };    // a picture left of the words (icons.h)
    // The top bar's form: the picture above `shown`, a short label in the bar's font; `label`
    // stays the button's full name for read-aloud, the scenario driver and the audit.
    std::string_view shown {};
    bool stacked { false };      // in the bar: the picture above the words, not beside them
};

// The widest single word of `text` in `font`: if it is wider than the room, wrapping cannot
// save it (ImGui would break it mid-word). FLT_MAX when the font lacks one of its letters.
float widest_word(ImFont* font, std::string_view text);

// Room a picture takes beside words in a font of `font_size` (the picture and its gap).
float icon_room(float font_size);

// A button `width` wide (0 = the rest of the line) and at least `min_height` tall; the label
// wraps when it must. Emits `action` when a tap is released on it. Returns its rectangle.
// With `spec.shown` it is a top-bar button: picture above the short label, in the bar's font.
Rect button(Ui& ui, const ButtonSpec& spec, float width, float min_height);

// Buttons side by side with equal widths when every label fits (on one line, or with
// `wrap_labels` on several lines, word by word), else one per line. With `natural_widths`, when
// equal widths would not fit every label on one line but the labels' own widths do, each button
// is as wide as its label and the room left is shared out (one row, one line each).
void button_row(Ui& ui, std::span<const ButtonSpec> specs, float min_height, bool wrap_labels = false, bool natural_widths = false);

// Tiles in rows of `per_row`, labels wrapping; at 200 % text, and at 150 % on a short screen,
// one per row (fewer, bigger items).
void tile_rows(Ui& ui, std::span<const ButtonSpec> tiles, std::size_t per_row, float min_height);
// At 150 % and 200 % text, and on a short screen, an intro goes below the choices, which matter more (issue 15).
bool intro_after_choices(const Ui& ui);
// A screen under 110 mm tall (a 1024×600 one at 170 dpi is 90 mm; the reference tablet 136), or
// one where fewer than seven lines of body text fit. There the room goes to the choices: headings
// in the top bar's font (bold, the normal text size), tighter tiles and margins (issue 15).
bool short_screen(const Ui& ui);

// A telephone-style pad of digits, Delete and a last key (OK, or nothing): ids "<prefix>.0" to
// "<prefix>.9", "<prefix>.delete". `digit` makes the action for a digit. `display` (id, text),
// when given: a short line showing what is typed (marks; never read aloud), above the pad or, on
// a short screen, beside its first row like a telephone's display, so that the first row
// follows the words above it in view (issue 15).
struct PadDisplay {
    std::string_view id, text;
    std::vector<std::string_view> sizes; // texts as wide as it may get: its room stays put as digits are typed
};
void digit_pad(Ui& ui, std::string_view prefix, Action (*digit)(char), const Action& delete_action, const ButtonSpec* last,
    const PadDisplay& display = {});

void heading(Ui& ui, std::string_view id, std::string_view text);
void paragraph(Ui& ui, std::string_view id, std::string_view text);
// A lesson step's instruction: body text at 100 %; at 150 % and 200 % in the heading font, which
// grows less than body text, so the exercise under it is in view on arrival (issue 15); with
// `normal_size`, in the bar's font (bold, the normal size), for a short screen's tightest steps.
void instruction(Ui& ui, std::string_view id, std::string_view text, bool normal_size = false);
// Between a choice's words and its edge: 2 mm on a short screen, 3 mm elsewhere (tiles, lists,
// lesson choices and Next).
double label_padding_mm(const Ui& ui);
// The height `text` takes as an instruction (as above), wrapped to the room's width.
float instruction_height(const Ui& ui, std::string_view text, bool normal_size = false);
// "Step 2 of 5", for flows with steps.
void step_counter(Ui& ui, int step, int count);
// A bar button's size for `spec` (its picture beside or, `spec.stacked`, above its short label)
// in a cell `width` wide (0 = its natural width: the label on one line).
ImVec2 bar_button_size(const Ui& ui, const ButtonSpec& spec, float width);
// The height of the "More below" strip.
float more_below_height(const Ui& ui);
// "More below" with a downward arrow, across `strip` (the bottom of the screen, under the
// content) when the content continues past it. Recorded as a status.
void more_below(Ui& ui, Rect strip);
// Vertical space in millimetres.
void space(Ui& ui, double millimetres);

// A filled circle drawn as horizontal strips: plain rectangles, which SDL's software renderer
// fills on its fast path (a triangle fan is filled pixel by pixel, several times slower).
void filled_circle(float cx, float cy, float radius, Rgb colour);

// Colour helpers for drawing.
unsigned to_imgui(Rgb colour, float alpha = 1.0f);

}
