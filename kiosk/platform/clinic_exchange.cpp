// The clinic exchange (see clinic_exchange.h).
#include "platform/clinic_exchange.h"

#include "app/secure_text.h"
#include "platform/log.h"

namespace kiosk {

namespace {

DeviceHealth health_from(const sync::SyncStatus& s)
{
    DeviceHealth health;
    health.server_configured = true;
    health.last_success_ms = s.last_success_ms;
    health.last_error = s.last_error;
    health.outbox_pending = s.outbox.pending;
    health.outbox_rejected = s.outbox.rejected;
    health.rejected = s.rejected;
    health.skipped_entries = s.skipped;
    if (s.certificate_expires)
        health.certificate_expires_s = s.certificate_expires->time_since_epoch().count();
    return health;
}

}

std::vector<Action> ClinicExchange::drain_sync(const DeviceHealth& shown)
{
    std::vector<Action> out;
    if (!m_sync)
        return out;
    DeviceHealth last = shown;   // what the state will hold once `out` is applied
    for (auto& event : m_sync->drain()) {
        if (auto* loaded = std::get_if<sync::events::ContentLoaded>(&event)) {
            const ClinicContent& c = *loaded->content;
            log::info("sync", std::string(loaded->from_cache ? "cached" : "pulled") + " content: " + std::to_string(c.peers.size())
                    + " peers, " + std::to_string(c.slots.size()) + " free slots, " + std::to_string(c.directory.size())
                    + " directory entries, " + std::to_string(c.skipped) + " skipped");
            out.emplace_back(actions::ClinicLoaded { loaded->content, loaded->from_cache });
        } else if (auto* changed = std::get_if<sync::events::StatusChanged>(&event)) {
            DeviceHealth health = health_from(changed->status);
            if (health.last_error != last.last_error && !health.last_error.empty())
                log::warning("sync", health.last_error);
            if (health.outbox_rejected != last.outbox_rejected)
                log::error("sync", std::to_string(health.outbox_rejected) + " outbox items rejected by the server (see the health view)");
            last = health;
            out.emplace_back(actions::HealthChanged { std::move(health) });
        } else if (auto* staff = std::get_if<sync::events::StaffListFetched>(&event)) {
            if (!staff->error.empty())
                log::warning("sync", staff->error);
            out.emplace_back(actions::StaffListArrived { std::move(staff->list), staff->error });
        } else if (auto* sent = std::get_if<sync::events::Sent>(&event)) {
            if (m_backend)
                m_backend->on_sent(*sent);
        }
    }
    return out;
}

void ClinicExchange::send(const std::vector<Request>& requests, TimePoint now, UtcSeconds wall)
{
    if (!m_backend)
        return;
    for (const auto& request : requests) {
        Request copy = request;
        if (copy.kind == Request::Kind::Booking)
            m_answer_due[copy.uuid] = now + Seconds { 5 };
        m_backend->send(copy, now, wall);
        secure_zero(copy.name.data(), copy.name.size());
    }
}

std::vector<Action> ClinicExchange::pump(TimePoint now)
{
    std::vector<Action> out;
    if (m_backend)
        for (auto& action : m_backend->poll(now)) {
            if (auto* answer = std::get_if<actions::RequestAnswered>(&action))
                m_answer_due.erase(answer->uuid);
            out.push_back(std::move(action));
        }
    // The clinic did not answer a waiting person within 5 s: say so (the request stays queued).
    for (auto it = m_answer_due.begin(); it != m_answer_due.end();) {
        if (now >= it->second) {
            log::warning("booking", "the clinic did not answer within 5 s");
            out.emplace_back(actions::RequestAnswered { it->first, actions::RequestAnswered::Outcome::NoAnswer });
            it = m_answer_due.erase(it);
        } else {
            ++it;
        }
    }
    return out;
}

std::optional<TimePoint> ClinicExchange::next_deadline() const
{
    std::optional<TimePoint> earliest;
    for (const auto& [uuid, due] : m_answer_due)
        if (!earliest || due < *earliest)
            earliest = due;
    return earliest;
}

}
