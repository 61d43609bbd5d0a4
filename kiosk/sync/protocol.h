// Sending one outbox item to the clinic by the protocol of shared/design/fhir-booking.md:
//  - walk-in, task: create with If-None-Exist on the client-made UUID (a retry never duplicates);
//  - booking: claim the Slot with If-Match (busy, carrying our UUID), then create the Appointment
//    once; a 412 is ours if a re-read shows our UUID on the slot (we claimed it before a crash),
//    otherwise someone else took it; if the appointment fails for good, give the slot back;
//  - queue change: read the Appointment, set its status, write it back with If-Match;
//  - booking withdrawal (the person gave the booking up for the walk-in list after no answer):
//    create a cancelled Appointment with the booking's identifier (If-None-Exist), so that a
//    booking still on its way finds it and is not created; if the booking is there already, it
//    comes back instead and is cancelled (If-Match). Then the slot is given back if it is ours.
// Each attempt ends as sent, retry or rejected.
#pragma once
#include "store/outbox.h"
#include "app/state.h"
#include "sync/fhir_client.h"

#include <optional>
#include <string>
#include <string_view>

namespace kiosk::sync {

enum class SendOutcome { Sent, Retry, Rejected };

struct SendResult {
    SendOutcome outcome;
    std::string message;                 // for the health view (never patient text)
    std::optional<Millis> retry_after;
    bool slot_taken { false };           // a booking lost its slot to someone else
    std::string server_id;               // the id of what was created, when sent
    // Rejected, but answered: the request needs nothing more from anyone (the time was taken,
    // the appointment had already ended). Its outbox row is deleted, not kept for staff.
    bool answered { false };
    // Retry because of the server or the network (not this item): the whole outbox waits.
    bool server_trouble { false };
    // A change to this kiosk's own appointment that the server does not have (yet).
    bool not_there { false };
    // Stopped before its answer so that a booking a person waits on goes first: not an attempt.
    bool interrupted { false };
};

// `deadline`, when given, is for the whole exchange (all its requests together).
SendResult send_item(FhirClient& fhir, const store::OutboxItem& item, std::optional<Millis> deadline = std::nullopt);

// The payload with everything that could name a person removed (participant.actor.display,
// Task.for): what a row kept for staff may hold. An unreadable payload becomes "{}".
std::string without_personal_fields(const std::string& payload);
// The request UUID of the kiosk's own item that a queue-change payload changes, if it is one.
std::optional<std::string> own_original(const std::string& queue_change_payload);

// Payload builders (the UI layer hands these to the outbox).
std::string walk_in_payload(const std::string& uuid, const std::string& name, UtcSeconds now);
std::string booking_payload(const std::string& uuid, const FreeSlot& slot, const std::string& name, UtcSeconds now);
std::string queue_change_payload(const std::string& appointment_id, const std::string& new_status);
// The FHIR Appointment.status code for a queue change staff made (the model has only the enum).
std::string_view fhir_status(QueueStatus status);
// A guided session's progress record: a FHIR Task with one output per lesson. `reference` (a chart
// number staff typed, may be empty) goes in Task.for.identifier; nothing else identifies the person.
std::string task_payload(const std::string& uuid, const std::string& reference, const std::vector<LessonRecord>& lessons,
    std::int64_t minutes, UtcSeconds now);
// A change to an appointment this kiosk created, found by its request UUID.
std::string own_queue_change_payload(const std::string& uuid, const std::string& new_status);
// The withdrawal of a booking (its row's UUID is the booking's): the slot it claimed, if known.
// Nothing that names the person.
std::string withdrawal_payload(const std::string& slot_id);

}
