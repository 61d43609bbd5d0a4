// Benchmark of the kiosk shell (not part of ctest: timing belongs in printed figures, not in
// tests). It starts the real kiosk binary and prints:
//   - time from exec to the first presented frame (dummy driver and Xvfb), median and worst;
//   - peak RSS of those runs;
//   - CPU used while idle on Home for 30 s under Xvfb;
//   - frame CPU time p50/p99 for every screen at 200 % text (the kiosk's --bench-frames).
// Usage: kiosk_bench [--idle-seconds N] [--runs N] [--start-only] [--kiosk PATH]. Starts its own Xvfb
// when DISPLAY is unset. --start-only prints the first-frame figures alone; --kiosk measures another
// build of the kiosk (e.g. main's, for a before/after in the same minutes).
#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <thread>
#include <time.h>
#include <unistd.h>
#include <vector>

namespace {

long long monotonic_ns()
{
    timespec ts {};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<long long>(ts.tv_sec) * 1'000'000'000LL + ts.tv_nsec;
}

struct Child {
    pid_t pid { -1 };
    int out_fd { -1 };
};

Child spawn(const std::vector<std::string>& args, const std::vector<std::string>& env)
{
    int fds[2];
    if (pipe(fds) != 0)
        std::exit(1);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[1], STDOUT_FILENO);
        int devnull = ::open("/dev/null", O_WRONLY);
        dup2(devnull, STDERR_FILENO);
        close(fds[0]);
        for (auto& e : env)
            putenv(const_cast<char*>(e.c_str()));
        std::vector<char*> argv;
        for (auto& a : args)
            argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        execv(argv[0], argv.data());
        _exit(127);
    }
    close(fds[1]);
    return { pid, fds[0] };
}

double cpu_seconds_from_stat(pid_t pid);

std::string read_all(int fd)
{
    std::string out;
    char buf[4096];
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0)
        out.append(buf, static_cast<std::size_t>(n));
    close(fd);
    return out;
}

struct Finished {
    int status;
    long peak_rss_kb;
    std::string output;
    double cpu_ms;   // user + system time of the whole process (all its threads)
};

Finished wait_for(Child child)
{
    std::string output = read_all(child.out_fd);
    int status = 0;
    rusage usage {};
    wait4(child.pid, &status, 0, &usage);
    auto ms = [](const timeval& t) { return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_usec) / 1e3; };
    return { status, usage.ru_maxrss, output, ms(usage.ru_utime) + ms(usage.ru_stime) };
}

// CPU time of a process in seconds, from /proc/PID/schedstat (nanoseconds; /proc/PID/stat
// counts only 10 ms ticks, too coarse for an idle kiosk).
double cpu_seconds(pid_t pid)
{
    std::ifstream schedstat("/proc/" + std::to_string(pid) + "/schedstat");
    unsigned long long on_cpu_ns = 0;
    if (schedstat >> on_cpu_ns)
        return static_cast<double>(on_cpu_ns) / 1e9;
    return cpu_seconds_from_stat(pid);
}

double cpu_seconds_from_stat(pid_t pid)
{
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto close_paren = stat.rfind(')');
    std::istringstream fields(stat.substr(close_paren + 2));
    std::string field;
    unsigned long long utime = 0, stime = 0;
    for (int i = 3; i <= 15 && fields >> field; ++i) {
        if (i == 14) utime = std::stoull(field);
        if (i == 15) stime = std::stoull(field);
    }
    return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

void first_frame(const std::string& kiosk, const char* label, const std::vector<std::string>& env, int runs)
{
    std::vector<double> ms;
    std::vector<double> cpu;
    long peak = 0;
    for (int i = 0; i < runs; ++i) {
        long long start = monotonic_ns();
        Child child = spawn({ kiosk, "--windowed", "--exit-after-first-frame" }, env);
        Finished done = wait_for(child);
        long long presented = 0;
        if (std::sscanf(done.output.c_str(), "first-frame-monotonic-ns %lld", &presented) != 1 || done.status != 0) {
            std::printf("%-34s failed (status %d)\n", label, done.status);
            return;
        }
        ms.push_back(static_cast<double>(presented - start) / 1e6);
        cpu.push_back(done.cpu_ms);
        peak = std::max(peak, done.peak_rss_kb);
    }
    std::sort(ms.begin(), ms.end());
    std::sort(cpu.begin(), cpu.end());
    // CPU time (to the exit, just after the first frame) varies less than wall time with the
    // machine's load: it shows the work done, the wall time what a person waits.
    std::printf("%-34s median %6.1f ms   worst %6.1f ms   peak RSS %5.1f MB   CPU median %5.1f ms   (%d runs)\n", label, ms[ms.size() / 2],
        ms.back(), static_cast<double>(peak) / 1024.0, cpu[cpu.size() / 2], runs);
}

}

int main(int argc, char** argv)
{
    int idle_seconds = 30;
    int runs = 15;
    bool start_only = false;
    std::string kiosk = KIOSK_BINARY;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--start-only") == 0) {
            start_only = true;
            continue;
        }
        if (i + 1 >= argc)
            break;
        if (std::strcmp(argv[i], "--idle-seconds") == 0) idle_seconds = std::atoi(argv[i + 1]);
        if (std::strcmp(argv[i], "--runs") == 0) runs = std::atoi(argv[i + 1]);
        if (std::strcmp(argv[i], "--kiosk") == 0) kiosk = argv[i + 1];
        ++i;
    }

    std::optional<pid_t> xvfb;
    std::string display = std::getenv("DISPLAY") ? std::getenv("DISPLAY") : "";
    if (display.empty()) {
        display = ":87";
        pid_t pid = fork();
        if (pid == 0) {
            int devnull = ::open("/dev/null", O_WRONLY);
            dup2(devnull, STDERR_FILENO);
            dup2(devnull, STDOUT_FILENO);
            execlp("Xvfb", "Xvfb", display.c_str(), "-screen", "0", "1280x800x24", "-nolisten", "tcp", nullptr);
            _exit(127);
        }
        xvfb = pid;
        std::this_thread::sleep_for(std::chrono::seconds(2));
    }
    std::string display_env = "DISPLAY=" + display;

    char host[256] = {};
    gethostname(host, sizeof host - 1);
    std::printf("kiosk benchmark: %ld cores, software renderer, 1280x800\n", sysconf(_SC_NPROCESSORS_ONLN));
    first_frame(kiosk, "exec → first frame, dummy driver", { "SDL_VIDEODRIVER=dummy" }, runs);
    first_frame(kiosk, "exec → first frame, Xvfb (X11)", { "SDL_VIDEODRIVER=x11", display_env }, runs);
    if (start_only) {
        if (xvfb) {
            kill(*xvfb, SIGTERM);
            waitpid(*xvfb, nullptr, 0);
        }
        return 0;
    }

    // Idle: Home for idle_seconds under Xvfb; CPU measured after a 2 s settle.
    Child idle = spawn({ kiosk, "--windowed", "--start", "home" }, { "SDL_VIDEODRIVER=x11", display_env });
    std::this_thread::sleep_for(std::chrono::seconds(2));
    double cpu_before = cpu_seconds(idle.pid);
    auto t0 = std::chrono::steady_clock::now();
    std::this_thread::sleep_for(std::chrono::seconds(idle_seconds));
    double cpu_after = cpu_seconds(idle.pid);
    double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    bool alive = kill(idle.pid, 0) == 0;
    kill(idle.pid, SIGTERM);
    Finished idle_done = wait_for(idle);
    if (!alive)
        std::printf("idle kiosk exited early (status %d)\n", idle_done.status);
    std::printf("%-34s %7.4f %% of a core over %.0f s   peak RSS %5.1f MB\n", "idle on Home, Xvfb", 100.0 * (cpu_after - cpu_before) / wall,
        wall, static_cast<double>(idle_done.peak_rss_kb) / 1024.0);

    Child frames = spawn({ kiosk, "--windowed", "--bench-frames", "300" }, { "SDL_VIDEODRIVER=dummy" });
    Finished frames_done = wait_for(frames);
    std::printf("%s", frames_done.output.c_str());
    std::printf("frame benchmark peak RSS %5.1f MB\n", static_cast<double>(frames_done.peak_rss_kb) / 1024.0);

    if (xvfb) {
        kill(*xvfb, SIGTERM);
        waitpid(*xvfb, nullptr, 0);
    }
    return 0;
}
