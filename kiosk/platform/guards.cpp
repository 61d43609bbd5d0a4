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

#if defined(KIOSK_SANITIZED)
// The sanitizer build (the asan preset, a test build only): the heap is AddressSanitizer's, which
// neither glibc's tunables nor M_PERTURB reach (ASan's mallopt does nothing), so the re-exec below
// would only cost time. ASan's own fill overwrites freed chunks with the same A5 bytes instead.
// The forensic memory tests are skipped in this build (docs/testing.md): they read every writable
// mapping, and ASan's shadow memory alone reserves terabytes.
extern "C" const char* __asan_default_options() // NOLINT(bugprone-reserved-identifier): ASan's documented hook
{
    return "free_fill_byte=165:max_free_fill_size=2147483647";
}

void scrub_freed_heap(char**) { }
#else
void scrub_freed_heap(char** argv)
{
    constexpr int perturb_byte = 0xA5; // freed chunks become A5 A5 …; 0 would turn perturbing off
    constexpr const char* no_tcache = "glibc.malloc.tcache_count=0";
    // getenv, setenv and mallopt are not thread-safe: this runs first in main, before any thread.
    const char* tunables = std::getenv("GLIBC_TUNABLES"); // NOLINT(concurrency-mt-unsafe): one thread yet
    if (!tunables || !std::strstr(tunables, no_tcache)) {
        std::string value = std::string(tunables ? tunables : "") + (tunables && *tunables ? ":" : "") + no_tcache
            + ":glibc.malloc.perturb=" + std::to_string(perturb_byte);
        ::setenv("GLIBC_TUNABLES", value.c_str(), 1); // NOLINT(concurrency-mt-unsafe): one thread yet
        ::execv("/proc/self/exe", argv); // returns only if it failed: M_PERTURB alone, below, still helps
    }
    ::mallopt(M_PERTURB, perturb_byte); // NOLINT(concurrency-mt-unsafe): one thread yet
}
#endif

}
