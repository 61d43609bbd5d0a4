// The staff PIN lockout file (see lockout_file.h).
#include "platform/lockout_file.h"

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <string>
#include <string_view>
#include <system_error>
#include <unistd.h>

namespace kiosk {

namespace {

constexpr const char* header = "peer-kiosk staff PIN lockout v1";

// The next line, "<name> <value>\n", into `value`: the value whole decimal digits that fit
// (fscanf's %d once took "+3", " 3" or 4294967299 as 3).
template <typename Number>
bool read_field(std::FILE* f, std::string_view name, Number& value)
{
    char line[64] = {};
    if (!std::fgets(line, sizeof line, f))
        return false;
    std::string_view text(line);
    if (text.size() < name.size() + 3 || text.substr(0, name.size()) != name || text[name.size()] != ' ' || text.back() != '\n'
        || text[name.size() + 1] < '0' || text[name.size() + 1] > '9')
        return false;
    const char* first = text.data() + name.size() + 1;
    const char* last = text.data() + text.size() - 1;
    auto parsed = std::from_chars(first, last, value);
    return parsed.ec == std::errc {} && parsed.ptr == last;
}

}

Result<std::optional<LockoutRecord>> read_lockout(const std::filesystem::path& file)
{
    std::FILE* f = std::fopen(file.c_str(), "r");
    if (!f) {
        if (errno == ENOENT)
            return std::optional<LockoutRecord> {};
        return Error { file.string() + ": cannot be read (" + std::generic_category().message(errno) + ")" };
    }
    char first[64] = {};
    LockoutRecord record;
    long long until = 0;
    bool ok = std::fgets(first, sizeof first, f) && std::string(first) == std::string(header) + "\n"
        && read_field(f, "failures", record.failures) && read_field(f, "lockouts", record.lockouts) && read_field(f, "locked_until_ms", until);
    std::fclose(f); // NOLINT(cert-err33-c): opened for reading; a failed close loses nothing
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
        return Error { temporary.string() + ": cannot be written (" + std::generic_category().message(errno) + ")" };
    bool ok = ::fchmod(fd, 0600) == 0 && ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
    ok = ::close(fd) == 0 && ok;
    if (!ok || ::rename(temporary.c_str(), file.c_str()) != 0) {
        int error = errno;
        (void)::unlink(temporary.c_str());
        return Error { file.string() + ": cannot be written (" + std::generic_category().message(error) + ")" };
    }
    // The rename itself must survive a power cut: sync the directory too.
    if (int dir = ::open(file.parent_path().empty() ? "." : file.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir >= 0) {
        (void)::fsync(dir);
        ::close(dir);
    }
    return true;
}

}
