// The staff PIN lockout file (see lockout_file.h).
#include "platform/lockout_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <string>
#include <unistd.h>

namespace kiosk {

namespace {

constexpr const char* header = "peer-kiosk staff PIN lockout v1";

}

Result<std::optional<LockoutRecord>> read_lockout(const std::filesystem::path& file)
{
    std::FILE* f = std::fopen(file.c_str(), "r");
    if (!f) {
        if (errno == ENOENT)
            return std::optional<LockoutRecord> {};
        return Error { file.string() + ": cannot be read (" + std::strerror(errno) + ")" };
    }
    char first[64] = {};
    LockoutRecord record;
    long long until = 0;
    bool ok = std::fgets(first, sizeof first, f) && std::string(first) == std::string(header) + "\n"
        && std::fscanf(f, "failures %d\nlockouts %d\nlocked_until_ms %lld\n", &record.failures, &record.lockouts, &until) == 3;
    std::fclose(f);
    if (!ok || record.failures < 0 || record.failures > 100 || record.lockouts < 0 || record.lockouts > 1000 || until < 0)
        return Error { file.string() + ": not a staff PIN lockout record" };
    record.locked_until_ms = until;
    return std::optional<LockoutRecord> { record };
}

Result<bool> write_lockout(const std::filesystem::path& file, const LockoutRecord& record)
{
    std::string text = std::string(header) + "\nfailures " + std::to_string(record.failures) + "\nlockouts " + std::to_string(record.lockouts)
        + "\nlocked_until_ms " + std::to_string(record.locked_until_ms) + "\n";
    std::filesystem::path temporary = file;
    temporary += ".new";
    int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0)
        return Error { temporary.string() + ": cannot be written (" + std::strerror(errno) + ")" };
    bool ok = ::fchmod(fd, 0600) == 0 && ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
    ok = ::close(fd) == 0 && ok;
    if (!ok || ::rename(temporary.c_str(), file.c_str()) != 0) {
        int error = errno;
        (void)::unlink(temporary.c_str());
        return Error { file.string() + ": cannot be written (" + std::strerror(error) + ")" };
    }
    // The rename itself must survive a power cut: sync the directory too.
    if (int dir = ::open(file.parent_path().empty() ? "." : file.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir >= 0) {
        (void)::fsync(dir);
        ::close(dir);
    }
    return true;
}

}
