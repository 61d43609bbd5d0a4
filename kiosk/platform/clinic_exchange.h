// The Runner's part that talks to the clinic: the backend the person's requests go to (the demo
// clinic or the real one through the sync worker), the 5 s deadline of a waiting booking, and the
// sync worker's news. It never touches the state: what comes in is handed back as actions for
// update(), in the order it arrived.
#pragma once
#include "app/state.h"
#include "platform/backend.h"
#include "sync/worker.h"

#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace kiosk {

class ClinicExchange {
public:
    // Where the person's requests go (the demo clinic or the sync worker's outbox).
    void set_backend(std::unique_ptr<ClinicBackend> backend) { m_backend = std::move(backend); }
    ClinicBackend* backend() { return m_backend.get(); }
    // The sync worker whose results drain_sync() takes (none for the demo clinic).
    void attach_sync(sync::SyncWorker* worker) { m_sync = worker; }
    sync::SyncWorker* sync_worker() { return m_sync; }

    // The sync worker's results since the last call: new content and health as actions (`shown`
    // is the health the state has, for logging only what changed); the answers to a booking sent
    // at once go to the backend, which answers in the next pump().
    std::vector<Action> drain_sync(const DeviceHealth& shown);
    // Hands the model's new requests to the backend (each request's copy of a name is overwritten
    // once sent); the caller then tells the model they were taken.
    void send(const std::vector<Request>& requests, TimePoint now, UtcSeconds wall);
    // The clinic's answers that are ready, then a NoAnswer for each booking past its deadline.
    std::vector<Action> pump(TimePoint now);
    // The earliest deadline of a booking still waiting, for the loop's next wake-up.
    std::optional<TimePoint> next_deadline() const;
    bool waiting() const { return !m_answer_due.empty(); }

private:
    std::unique_ptr<ClinicBackend> m_backend;
    sync::SyncWorker* m_sync { nullptr };
    std::map<std::string, TimePoint> m_answer_due;   // bookings waiting for the clinic: uuid → deadline
};

}
