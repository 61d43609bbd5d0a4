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

}
