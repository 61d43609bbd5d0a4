// The layout audit: rules every screen must meet at every text size, checked on the
// accessibility tree of a drawn frame. Returns one message per broken rule (empty = all good).
//  - every touch target ≥ 10 mm each way, primary buttons ≥ 16 mm, targets ≥ 2 mm apart;
//  - no text cut (no word wider than its space) and nothing past the screen's left or right edge;
//  - no two items overlapping;
//  - body capitals at least 4.8 mm × text scale;
//  - "Need help right now?" on every screen but the countdown (and the crisis screen itself);
//  - "Ask for a person" on every screen but the countdown and goodbye; Home on every screen
//    but Welcome, Home, the countdown and goodbye; Back likewise.
#pragma once
#include "app/state.h"
#include "ui/a11y.h"
#include "ui/metrics.h"

#include <string>
#include <vector>

namespace kiosk::ui {

std::vector<std::string> audit_layout(const A11yTree& tree, const Metrics& metrics, float body_cap_px, const AppState& state);

// The first-screen rule (shared/design/accessibility-numbers.md, "The first screen"): on arrival,
// with nothing scrolled, the heading and the screen's first choice lie wholly on the screen and
// below the top bar (every "nav." item, pinned or not). The first choice is: on Welcome, Start,
// both languages and the three text sizes; in a lesson step, the instruction and the first thing
// to touch after it (the exercise's target); in a Find help list, its first entry; on the other
// screens whose purpose is a choice (Home, Settings, Learn, Find help, Book a peer, Meet the
// peers, staff home) the first touch target after the heading. Screens that ask to read first (a
// notice, an entry, a ticket) need only their heading there: their choice follows the words, with
// "More below" when it is out of view. One message per item that falls outside, naming the screen
// size and the item.
std::vector<std::string> first_screen_problems(const A11yTree& tree, const AppState& state);

}
