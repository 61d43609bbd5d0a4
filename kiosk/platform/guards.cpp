// Process hardening (see guards.h).
#include "platform/guards.h"

#include <cstdlib>
#include <cstring>
#include <malloc.h>
#include <string>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kiosk {

void harden_process()
{
    ::umask(077);
    rlimit none { 0, 0 };
    ::setrlimit(RLIMIT_CORE, &none);
    ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

void scrub_freed_heap(char** argv)
{
    constexpr int perturb_byte = 0xA5; // freed chunks become A5 A5 …; 0 would turn perturbing off
    constexpr const char* no_tcache = "glibc.malloc.tcache_count=0";
    const char* tunables = std::getenv("GLIBC_TUNABLES");
    if (!tunables || !std::strstr(tunables, no_tcache)) {
        std::string value = std::string(tunables ? tunables : "") + (tunables && *tunables ? ":" : "") + no_tcache
            + ":glibc.malloc.perturb=" + std::to_string(perturb_byte);
        ::setenv("GLIBC_TUNABLES", value.c_str(), 1);
        ::execv("/proc/self/exe", argv); // returns only if it failed: M_PERTURB alone, below, still helps
    }
    ::mallopt(M_PERTURB, perturb_byte);
}

}
