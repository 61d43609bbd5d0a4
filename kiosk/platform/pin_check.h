// The Runner's part that checks the staff PIN: the slow hash runs off the UI thread when the PIN
// pad asks for a check, and its answer comes back as a PinChecked action. It also keeps the PIN
// lockout on disk (a kiosk with a clinic server; the demo clinic's lives in memory only): read
// back before the first frame, written whenever an answer changes it.
#pragma once
#include "app/state.h"
#include "platform/lockout_file.h"

#include <filesystem>
#include <functional>
#include <future>
#include <optional>
#include <string>

namespace kiosk {

class PinCheck {
public:
    // `hash`: the staff PIN's hash (empty: no PIN opens staff mode).
    PinCheck(std::string hash, std::optional<std::filesystem::path> lockout_file);
    // Called from the checking thread when its answer is ready (wakes the loop).
    void set_waker(std::function<void()> wake) { m_wake = std::move(wake); }

    // The first time only: the lockout as it was on disk, for the model (`guard` is the state's
    // own); a damaged file locks the pad for a minute. Nothing when there is no file.
    std::optional<Action> restore(const StaffGuard& guard, TimePoint now, std::int64_t wall_ms);
    // Starts a check when the PIN pad is waiting for one, and returns its answer once it is in.
    std::optional<Action> pump(const AppState& state);
    // Writes the lockout when it changed (call after the answer was applied, before it shows).
    void save(const StaffGuard& guard, TimePoint now, std::int64_t wall_ms);

    bool busy() const { return m_check.valid(); }
    bool answer_ready() const
    {
        return m_check.valid() && m_check.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
    }

private:
    std::string m_hash;
    std::function<void()> m_wake;
    std::future<bool> m_check;                         // a staff PIN being checked off this thread
    std::optional<std::filesystem::path> m_file;       // data_dir/staff-lockout; none in the demo clinic
    bool m_restored { false };
    LockoutRecord m_saved;
};

}
