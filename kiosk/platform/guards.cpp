// Process hardening (see guards.h).
#include "platform/guards.h"

#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>

namespace kiosk {

void harden_process()
{
    ::umask(077);
    rlimit none { 0, 0 };
    ::setrlimit(RLIMIT_CORE, &none);
    ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

}
