// Process hardening at start: no core dumps (they would hold what a person typed), files created
// readable by the kiosk user only.
#pragma once

namespace kiosk {

void harden_process();

// Makes glibc overwrite every heap chunk when it is freed, so freed strings (a name, a JSON body,
// a decrypted page) do not keep their bytes until reused: M_PERTURB, and no per-thread cache
// (tcache), whose chunks M_PERTURB skips. tcache can only be turned off by GLIBC_TUNABLES at
// process start, so the first call re-executes the program once with it set. Call it first in main.
void scrub_freed_heap(char** argv);

}
