// Process hardening at start: no core dumps (they would hold what a person typed), files created
// readable by the kiosk user only.
#pragma once

namespace kiosk {

void harden_process();

}
