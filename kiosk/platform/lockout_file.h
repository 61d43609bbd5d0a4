// The staff PIN lockout, kept on disk so that a crash, a forced restart or a power cycle does not
// give five more guesses. One small file in the data directory (mode 0600), written and renamed
// into place the moment a PIN answer changes the count, before that answer is shown. It holds
// three numbers — wrong PINs since the last lockout, lockouts so far, and until when (wall clock,
// ms) the pad is locked — never a PIN, a digit typed or anything about a person.
#pragma once
#include "app/result.h"

#include <cstdint>
#include <filesystem>
#include <optional>

namespace kiosk {

struct LockoutRecord {
    int failures { 0 };
    int lockouts { 0 };
    std::int64_t locked_until_ms { 0 };   // wall clock; 0 = not locked
    bool operator==(const LockoutRecord&) const = default;
};

// The record in `file`; nothing when there is no file; an error when it cannot be read or is not
// a lockout record (the caller then treats the pad as locked: see Runner).
Result<std::optional<LockoutRecord>> read_lockout(const std::filesystem::path& file);
// Writes `record` to `file` atomically (a temporary file, fsync, rename) with mode 0600.
Result<bool> write_lockout(const std::filesystem::path& file, const LockoutRecord& record);

}
