// The sync worker's outbox sends (see worker.h): one item at a time, its outcome written to the
// outbox row, and the due items in queue order.
#include "sync/worker.h"

#include "sync/fhir_client.h"
#include "sync/fhir_parse.h"

#include <random>

namespace kiosk::sync {

std::optional<SendResult> SyncWorker::settle_locally(const store::OutboxItem& item)
{
    if (item.kind != store::OutboxKind::QueueChange)
        return std::nullopt;
    auto original_uuid = own_original(item.payload);
    if (!original_uuid)
        return std::nullopt;
    store::Outbox outbox(m_db);
    auto original = outbox.find(*original_uuid);
    if (!original || !*original)
        return std::nullopt;
    // Still queued and never tried: it never left this tablet. Neither needs sending.
    if ((*original)->state == store::OutboxState::Pending && (*original)->attempts == 0) {
        (void)outbox.acknowledge(*original_uuid);
        return SendResult { SendOutcome::Sent, "queue change: cancelled before it was sent", std::nullopt, false, {} };
    }
    return std::nullopt;
}

void SyncWorker::send_one(const store::OutboxItem& item, std::optional<Millis> timeout, bool report)
{
    store::Outbox outbox(m_db);
    SendResult result { SendOutcome::Retry, "no connection to the clinic server is configured", std::nullopt, false, {} };
    result.server_trouble = true;
    if (auto settled = settle_locally(item)) {
        result = *settled;
    } else if (m_http) {
        FhirClient fhir(*m_http, m_settings.base_url);
        if (!report)
            fhir.set_interrupt([this] { return urgent(); }); // background work yields to a booking
        try {
            result = send_item(fhir, item, timeout);
        } catch (const std::exception& e) {
            // Nothing may leave this thread: an unforeseen answer costs this row an attempt.
            result = SendResult { SendOutcome::Retry, std::string(store::kind_text(item.kind)) + ": an answer the kiosk could not handle (" + e.what() + ")", std::nullopt, false, {} };
        }
    }
    // A change to this kiosk's own item that the server does not have, while the item itself is
    // no longer queued (refused, or cleared by staff): it never reached the server, so there is
    // nothing to change. The change ends here; a refused original goes with it.
    if (result.outcome == SendOutcome::Retry && result.not_there) {
        auto original_uuid = own_original(item.payload);
        auto original = original_uuid ? outbox.find(*original_uuid) : Result<std::optional<store::OutboxItem>>(std::optional<store::OutboxItem> {});
        if (original && (!*original || (*original)->state == store::OutboxState::Rejected)) {
            if (*original)
                (void)outbox.acknowledge(*original_uuid);
            result = SendResult { SendOutcome::Sent, "queue change: the original never reached the server", std::nullopt, false, {} };
        }
    }
    // Stopped for a booking a person waits on: not an attempt; the row is due again after it.
    if (result.interrupted)
        return;
    static thread_local std::mt19937 random { std::random_device {}() };
    switch (result.outcome) {
    case SendOutcome::Sent:
        (void)outbox.acknowledge(item.uuid);
        m_status.last_success_ms = wall();
        m_status.last_error.clear();
        break;
    case SendOutcome::Retry: {
        Millis delay = backoff_delay(m_settings.backoff, item.attempts + 1, std::uniform_real_distribution<double>(0, 1)(random));
        if (result.retry_after && *result.retry_after > delay)
            delay = *result.retry_after;
        m_status.last_error = result.message;
        std::int64_t age = item.created_at > 0 ? wall() - item.created_at : 0;
        if (item.attempts + 1 >= m_settings.max_attempts || age > m_settings.max_age.count()) {
            // Bounded: marked for staff, its personal fields removed, instead of for ever.
            std::string why = "not sent after " + std::to_string(item.attempts + 1) + " attempts; last: " + result.message;
            (void)outbox.reject(item.uuid, why, without_personal_fields(item.payload));
            break;
        }
        (void)outbox.retry_later(item.uuid, steady() + delay.count(), result.message);
        // The server or the network is in trouble: hold the whole outbox, not just this item, so
        // that a hundred queued items do not each wait out a timeout now. A retry about this item
        // alone (not on the server yet) holds only its own row: later rows are still sent.
        if (result.server_trouble)
            m_hold_until = steady() + delay.count();
        break;
    }
    case SendOutcome::Rejected:
        if (result.answered) {
            // Answered (the time was taken; the appointment had ended): the person was told, and
            // nothing is left for staff. The row goes, with the name in it.
            (void)outbox.acknowledge(item.uuid);
            break;
        }
        // Refused for good: kept for staff with its reason and kind, never with a name.
        (void)outbox.reject(item.uuid, result.message, without_personal_fields(item.payload));
        m_status.last_error = result.message;
        break;
    }
    // A booking answered after its deadline (a later try of it): the person may still be there.
    bool late_answer = item.kind == store::OutboxKind::Booking && (result.outcome == SendOutcome::Sent || result.slot_taken);
    if (report || late_answer)
        post(events::Sent { item.uuid, result });
}

void SyncWorker::withdraw_booking(const std::string& uuid)
{
    store::Outbox outbox(m_db);
    std::string slot;
    if (auto row = outbox.find(uuid); row && *row) {
        if ((*row)->kind != store::OutboxKind::Booking)
            return; // withdrawn already
        auto payload = parse_json_or_discarded((*row)->payload);
        if (payload.is_object())
            slot = text_field(payload, "slot", 64).value_or("");
    }
    // Whether the booking is still queued, was sent, or its answer is still on its way: the row
    // becomes its withdrawal (the name in it goes), sent like any other row.
    store::OutboxItem withdrawal;
    withdrawal.uuid = uuid;
    withdrawal.kind = store::OutboxKind::BookingWithdrawal;
    withdrawal.payload = withdrawal_payload(slot);
    withdrawal.created_at = wall();
    if (auto replaced = outbox.replace(withdrawal); !replaced)
        m_status.last_error = "a booking the person gave up could not be withdrawn on this device (" + replaced.error().message + ")";
}

void SyncWorker::send_due()
{
    store::Outbox outbox(m_db);
    for (int sent = 0; sent < 1000; ++sent) {
        {
            std::lock_guard lock(m_mutex);
            if (m_stop || !m_commands.empty())
                return; // a person may be waiting on a command: answer it first
        }
        if (steady() < m_hold_until)
            return;
        auto due = outbox.next_due(steady());
        if (!due || !*due)
            return;
        send_one(**due, std::nullopt, false);
    }
}

}
