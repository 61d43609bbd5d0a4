// The staff PIN check (see pin_check.h).
#include "platform/pin_check.h"

#include "app/secure_text.h"
#include "platform/log.h"
#include "platform/pin.h"

#include <algorithm>
#include <memory>

namespace kiosk {

PinCheck::PinCheck(std::string hash, std::optional<std::filesystem::path> lockout_file)
    : m_hash(std::move(hash))
    , m_file(std::move(lockout_file))
{
}

std::optional<Action> PinCheck::restore(const StaffGuard& current, TimePoint now, std::int64_t wall_ms)
{
    if (std::exchange(m_restored, true) || !m_file)
        return std::nullopt;
    StaffGuard guard = current;
    auto read = read_lockout(*m_file);
    if (!read) {
        // Unreadable or damaged: a lockout rather than five free guesses.
        log::error("staff", read.error().message + "; the PIN pad starts locked for a minute");
        guard.lockouts = std::max(guard.lockouts, 1);
        guard.locked_until = now + Seconds { 60 };
        save(guard, now, wall_ms);
        return actions::StaffGuardRestored { guard };
    }
    if (!*read)
        return std::nullopt;
    const LockoutRecord& record = **read;
    guard.failures = record.failures;
    guard.lockouts = record.lockouts;
    if (std::int64_t left = record.locked_until_ms - wall_ms; left > 0) {
        // A clock set back (a tablet without a clock battery) cannot make it longer than it was.
        Millis longest = Seconds { 60 } * (1 << std::min(std::max(guard.lockouts, 1) - 1, 10));
        guard.locked_until = now + std::min(Millis { left }, longest);
    }
    m_saved = record;
    log::info("staff", "PIN lockout restored: " + std::to_string(record.failures) + " wrong since the last lockout, "
        + std::to_string(record.lockouts) + " lockouts" + (guard.locked(now) ? ", locked" : ""));
    return actions::StaffGuardRestored { guard };
}

void PinCheck::save(const StaffGuard& guard, TimePoint now, std::int64_t wall_ms)
{
    if (!m_file)
        return;
    LockoutRecord record { guard.failures, guard.lockouts,
        guard.locked(now) ? wall_ms + std::chrono::duration_cast<Millis>(*guard.locked_until - now).count() : 0 };
    if (record == m_saved)
        return;
    if (auto written = write_lockout(*m_file, record); !written) {
        log::error("staff", written.error().message + "; the PIN lockout would not outlive a restart");
        return;
    }
    m_saved = record;
}

std::optional<Action> PinCheck::pump(const AppState& state)
{
    if (m_check.valid()) {
        if (!answer_ready())
            return std::nullopt;
        bool correct = m_check.get();
        log::info("staff", correct ? "staff mode unlocked" : "wrong staff PIN");
        return actions::PinChecked { correct };
    }
    const auto* pin = std::get_if<screens::StaffPin>(&state.screen());
    if (!pin || !pin->checking)
        return std::nullopt;
    // The check (Argon2id, tens of ms) runs off the UI thread; its copy of the digits is
    // overwritten as soon as it is done. The wake-up brings the answer into the next frame.
    auto digits = std::make_shared<std::string>(pin->digits.view());
    m_check = std::async(std::launch::async, [hash = m_hash, digits, wake = m_wake] {
        bool ok = !hash.empty() && verify_pin(hash, *digits);
        secure_zero(digits->data(), digits->size());
        if (wake)
            wake();
        return ok;
    });
    return std::nullopt;
}

}
