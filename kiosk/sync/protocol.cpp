// The booking protocol (see protocol.h).
#include "sync/protocol.h"

namespace kiosk::sync {

namespace {

using Json = nlohmann::json;

// One deadline for a whole exchange (a booking is up to six requests): each request gets what is
// left of it, never a fresh allowance of its own. Without a deadline, each request has the
// client's own limit.
class Budget {
public:
    explicit Budget(std::optional<Millis> total)
    {
        if (total)
            m_end = std::chrono::steady_clock::now() + *total;
    }
    std::optional<Millis> left() const
    {
        if (!m_end)
            return std::nullopt;
        auto rest = std::chrono::duration_cast<Millis>(*m_end - std::chrono::steady_clock::now());
        return std::max(rest, Millis { 1 }); // spent: the next request times out at once (retry)
    }

private:
    std::optional<std::chrono::steady_clock::time_point> m_end;
};

SendResult sent(std::string message, std::string id = {}) { return { SendOutcome::Sent, std::move(message), std::nullopt, false, std::move(id) }; }
SendResult retry(std::string message, std::optional<Millis> after = std::nullopt) { return { SendOutcome::Retry, std::move(message), after, false, {} }; }
SendResult rejected(std::string message, bool slot_taken = false) { return { SendOutcome::Rejected, std::move(message), std::nullopt, slot_taken, {} }; }
// The time was taken by someone else: an answer for the person, nothing for staff.
SendResult taken() { auto r = rejected("booking: the time was taken by someone else", true); r.answered = true; return r; }

// The code system of the kiosk's lessons in progress records.
constexpr const char* lesson_system = "urn:peer-kiosk:lesson";

Json request_identifier(const std::string& uuid)
{
    return Json::array({ { { "system", request_identifier_system }, { "value", uuid } } });
}

SendResult from_error(const FhirError& e, const char* step)
{
    std::string message = std::string(step) + ": " + e.message;
    if (e.retryable()) {
        auto r = retry(message, e.retry_after);
        r.interrupted = e.kind == FhirErrorKind::Transport && e.transport == HttpFailure::Interrupted;
        r.server_trouble = e.kind != FhirErrorKind::Malformed && !r.interrupted;
        return r;
    }
    return rejected(message);
}

bool slot_carries(const Json& slot, const std::string& uuid)
{
    auto ids = slot.find("identifier");
    if (ids == slot.end() || !ids->is_array())
        return false;
    for (auto& id : *ids)
        if (text_field(id, "system", 100) == std::string(request_identifier_system) && text_field(id, "value", 100) == uuid)
            return true;
    return false;
}

SendResult create(FhirClient& fhir, const std::string& type, const Json& resource, const std::string& uuid,
    const Budget& timeout, const char* step)
{
    auto created = fhir.create_once(type, resource, uuid, timeout.left());
    if (!created)
        return from_error(created.error(), step);
    return sent(std::string(step) + (created->status == 201 ? ": created" : ": already there"),
        text_field(created->json, "id", 64).value_or(""));
}

// Gives the slot back (free, our identifier removed) if it still carries our claim. An error
// when the server could not be asked or the slot changed meanwhile; nothing to do is success.
std::optional<SendResult> give_back_slot(FhirClient& fhir, const std::string& slot_id, const std::string& uuid, const Budget& timeout)
{
    auto mine = fhir.read("Slot", slot_id, timeout.left());
    if (!mine)
        return from_error(mine.error(), "giving the slot back: reading it");
    if (!slot_carries(mine->json, uuid))
        return std::nullopt;
    Json freed = mine->json;
    freed["status"] = "free";
    Json kept = Json::array();
    for (auto& id : freed["identifier"])
        if (!(id.is_object() && text_field(id, "system", 100) == std::string(request_identifier_system) && text_field(id, "value", 100) == uuid))
            kept.push_back(id);
    freed["identifier"] = kept;
    auto written = fhir.update_if_match("Slot", slot_id, freed, mine->version, timeout.left());
    if (!written)
        return from_error(written.error(), "giving the slot back");
    return std::nullopt;
}

SendResult send_booking(FhirClient& fhir, const store::OutboxItem& item, const Json& payload, const Budget& timeout)
{
    auto slot_id = text_field(payload, "slot", 64);
    if (!slot_id || !payload.contains("appointment"))
        return rejected("booking: the queued item is malformed");
    // 1. Claim the slot with optimistic locking.
    auto slot = fhir.read("Slot", *slot_id, timeout.left());
    if (!slot)
        return from_error(slot.error(), "booking: reading the slot");
    std::string claimed_version;
    if (slot_carries(slot->json, item.uuid)) {
        claimed_version = slot->version; // claimed by us before a crash or a lost answer
    } else if (slot->json.value("status", Json()) != "free") {
        return taken();
    } else {
        Json busy = slot->json;
        busy["status"] = "busy";
        if (!busy.contains("identifier") || !busy["identifier"].is_array())
            busy["identifier"] = Json::array();
        busy["identifier"].push_back({ { "system", request_identifier_system }, { "value", item.uuid } });
        auto claimed = fhir.update_if_match("Slot", *slot_id, busy, slot->version, timeout.left());
        if (!claimed) {
            if (claimed.error().kind == FhirErrorKind::Status && claimed.error().status == 412) {
                auto again = fhir.read("Slot", *slot_id, timeout.left());
                if (!again)
                    return from_error(again.error(), "booking: re-reading the slot");
                if (!slot_carries(again->json, item.uuid))
                    return taken();
                claimed_version = again->version;
            } else {
                return from_error(claimed.error(), "booking: claiming the slot");
            }
        } else {
            claimed_version = claimed->version;
        }
    }
    // 2. Create the appointment once.
    auto result = create(fhir, "Appointment", payload["appointment"], item.uuid, timeout, "booking: creating the appointment");
    if (result.outcome != SendOutcome::Rejected)
        return result;
    // 3. It failed for good. Give the slot back only when the server shows that no appointment
    //    with our identifier exists: a refusal that was in fact carried out (a gateway's answer,
    //    a lost body) must never free a booked time for another kiosk.
    auto existing = fhir.find_own("Appointment", item.uuid, timeout.left());
    if (!existing)
        return retry("booking: checking for the appointment before giving the slot back: " + existing.error().message,
            existing.error().retry_after);
    if (*existing)
        return sent("booking: the appointment is there after all", text_field((*existing)->json, "id", 64).value_or(""));
    (void)give_back_slot(fhir, *slot_id, item.uuid, timeout);
    return result;
}

// The slot an Appointment names ("Slot/<id>"), if any.
std::string slot_of(const Json& appointment)
{
    auto slots = appointment.find("slot");
    if (slots == appointment.end() || !slots->is_array() || slots->empty())
        return {};
    auto ref = text_field(slots->front(), "reference", 200);
    return ref && ref->rfind("Slot/", 0) == 0 ? ref->substr(5) : std::string {};
}

bool ended(const std::string& status)
{
    return status == "cancelled" || status == "fulfilled" || status == "noshow" || status == "entered-in-error";
}

// The person gave the booking up (walk-in list instead) after no answer: no booking of theirs may
// stand, whether it reached the server before, never, or reaches it after this.
SendResult send_withdrawal(FhirClient& fhir, const store::OutboxItem& item, const Json& payload, const Budget& timeout)
{
    std::string slot_id = text_field(payload, "slot", 64).value_or("");
    Json withdrawn {
        { "resourceType", "Appointment" },
        { "status", "cancelled" },
        { "identifier", request_identifier(item.uuid) },
        { "participant", Json::array({ { { "actor", { { "display", "Kiosk booking (withdrawn)" } } }, { "status", "declined" } } }) },
    };
    if (!slot_id.empty())
        withdrawn["slot"] = Json::array({ { { "reference", "Slot/" + slot_id } } });
    for (int attempt = 0;; ++attempt) {
        if (attempt == 3)
            return retry("booking withdrawal: the appointment kept changing");
        // 1. A cancelled Appointment with the booking's identifier: created (the booking never
        //    arrived, and now never will), or the booking itself comes back (it did arrive).
        auto there = fhir.create_once("Appointment", withdrawn, item.uuid, timeout.left());
        if (!there)
            return from_error(there.error(), "booking withdrawal");
        if (slot_id.empty())
            slot_id = slot_of(there->json);
        auto status = text_field(there->json, "status", 32).value_or("");
        if (ended(status))
            break;
        // 2. It was booked: cancel it.
        auto id = text_field(there->json, "id", 64);
        if (!id)
            return retry("booking withdrawal: the server's appointment has no id");
        Json cancelled = there->json;
        cancelled["status"] = "cancelled";
        auto written = fhir.update_if_match("Appointment", *id, cancelled, there->version, timeout.left());
        if (written)
            break;
        if (!(written.error().kind == FhirErrorKind::Status && written.error().status == 412))
            return from_error(written.error(), "booking withdrawal: cancelling the appointment");
    }
    // 3. The time goes back to the clinic's free times, if our claim is on it.
    if (!slot_id.empty())
        if (auto trouble = give_back_slot(fhir, slot_id, item.uuid, timeout))
            return *trouble;
    return sent("booking withdrawal: no booking stands");
}

SendResult send_queue_change(FhirClient& fhir, const Json& payload, const Budget& timeout)
{
    auto id = text_field(payload, "appointment", 64);
    auto status = text_field(payload, "status", 32);
    if (!id && status) {
        // A change to something this kiosk created (a walk-in the person cancels): find it by
        // its identifier. The outbox sends in order, so the walk-in went first.
        if (auto uuid = text_field(payload, "identifier", 64)) {
            ParseCounts counts;
            auto found = fhir.search("Appointment", std::string("identifier=") + request_identifier_system + "%7C" + *uuid, counts, 1, timeout.left());
            if (!found)
                return from_error(found.error(), "queue change: finding the appointment");
            if (found->empty()) {
                auto r = retry("queue change: the appointment is not on the server yet");
                r.not_there = true;
                return r;
            }
            id = text_field(found->front(), "id", 64);
        }
    }
    if (!id || !status)
        return rejected("queue change: the queued item is malformed");
    for (int attempt = 0; attempt < 3; ++attempt) {
        auto current = fhir.read("Appointment", *id, timeout.left());
        if (!current)
            return from_error(current.error(), "queue change: reading the appointment");
        auto now_status = text_field(current->json, "status", 32).value_or("");
        if (now_status == *status)
            return sent("queue change: already done");
        // Ended meanwhile (cancelled, served, no-show, entered in error): the change is moot. An
        // answer, not a rejection: the row goes, nothing waits for staff.
        if (ended(now_status)) {
            auto r = rejected("queue change: the appointment had already ended (" + now_status + ")");
            r.answered = true;
            return r;
        }
        Json changed = current->json;
        changed["status"] = *status;
        auto written = fhir.update_if_match("Appointment", *id, changed, current->version, timeout.left());
        if (written)
            return sent("queue change: written");
        if (!(written.error().kind == FhirErrorKind::Status && written.error().status == 412))
            return from_error(written.error(), "queue change: writing the appointment");
        // Someone changed it meanwhile: read again and reapply.
    }
    return retry("queue change: the appointment kept changing");
}

}

SendResult send_item(FhirClient& fhir, const store::OutboxItem& item, std::optional<Millis> deadline)
{
    Budget timeout(deadline);
    auto payload = parse_json_or_discarded(item.payload);
    if (payload.is_discarded() || !payload.is_object())
        return rejected(std::string(store::kind_text(item.kind)) + ": the queued item is not valid JSON");
    switch (item.kind) {
    case store::OutboxKind::WalkIn:
        if (payload.contains("appointment"))
            return create(fhir, "Appointment", payload["appointment"], item.uuid, timeout, "walk-in");
        break;
    case store::OutboxKind::Task:
        if (payload.contains("task"))
            return create(fhir, "Task", payload["task"], item.uuid, timeout, "progress record");
        break;
    case store::OutboxKind::Booking: return send_booking(fhir, item, payload, timeout);
    case store::OutboxKind::QueueChange: return send_queue_change(fhir, payload, timeout);
    case store::OutboxKind::BookingWithdrawal: return send_withdrawal(fhir, item, payload, timeout);
    case store::OutboxKind::Unknown: break;
    }
    return rejected("an outbox item of unknown kind, or without its resource (" + std::string(store::kind_text(item.kind)) + ")");
}

std::string without_personal_fields(const std::string& payload)
{
    auto json = parse_json_or_discarded(payload);
    if (json.is_discarded() || !json.is_object())
        return "{}";
    for (auto& [key, resource] : json.items()) {
        if (!resource.is_object())
            continue;
        if (auto participants = resource.find("participant"); participants != resource.end() && participants->is_array())
            for (auto& participant : *participants)
                if (auto actor = participant.find("actor"); participant.is_object() && actor != participant.end() && actor->is_object())
                    actor->erase("display");
        resource.erase("for");   // a Task's patient reference
        resource.erase("note");
    }
    return json.dump();
}

std::optional<std::string> own_original(const std::string& queue_change_payload)
{
    auto json = parse_json_or_discarded(queue_change_payload);
    if (json.is_discarded() || !json.is_object() || json.contains("appointment"))
        return std::nullopt;
    return text_field(json, "identifier", 64);
}

std::string walk_in_payload(const std::string& uuid, const std::string& name, UtcSeconds now)
{
    Json appointment {
        { "resourceType", "Appointment" },
        { "status", "waitlist" },
        { "identifier", request_identifier(uuid) },
        { "appointmentType", { { "coding", Json::array({ { { "system", "http://terminology.hl7.org/CodeSystem/v2-0276" }, { "code", "WALKIN" } } }) } } },
        { "created", format_instant(now) },
        { "participant", Json::array({ { { "actor", { { "display", name.empty() ? "Walk-in" : name } } }, { "status", "accepted" } } }) },
    };
    return Json { { "appointment", appointment } }.dump();
}

std::string booking_payload(const std::string& uuid, const FreeSlot& slot, const std::string& name, UtcSeconds now)
{
    Json participants = Json::array({ { { "actor", { { "display", name.empty() ? "Kiosk booking" : name } } }, { "status", "accepted" } } });
    if (!slot.role_id.empty())
        participants.push_back({ { "actor", { { "reference", "PractitionerRole/" + slot.role_id } } }, { "status", "accepted" } });
    Json appointment {
        { "resourceType", "Appointment" },
        { "status", "booked" },
        { "identifier", request_identifier(uuid) },
        { "slot", Json::array({ { { "reference", "Slot/" + slot.id } } }) },
        { "start", format_instant(slot.start) },
        { "end", format_instant(slot.end) },
        { "created", format_instant(now) },
        { "participant", participants },
    };
    return Json { { "slot", slot.id }, { "appointment", appointment } }.dump();
}

std::string task_payload(const std::string& uuid, const std::string& reference, const std::vector<LessonRecord>& lessons,
    std::int64_t minutes, UtcSeconds now)
{
    Json outputs = Json::array();
    bool all_finished = !lessons.empty();
    for (auto& record : lessons) {
        all_finished = all_finished && record.finished;
        outputs.push_back({
            { "type", { { "coding", Json::array({ { { "system", lesson_system }, { "code", record.lesson_id } } }) }, { "text", "lesson " + record.lesson_id } } },
            { "valueString", std::string(record.finished ? "finished" : "started") + "; steps done " + std::to_string(record.count(LessonRecord::Mark::Done))
                    + " of " + std::to_string(record.steps.size()) + "; skipped " + std::to_string(record.count(LessonRecord::Mark::Skipped))
                    + "; minutes " + std::to_string((record.time.count() + 59999) / 60000) },
        });
    }
    Json task {
        { "resourceType", "Task" },
        { "status", all_finished ? "completed" : "in-progress" },
        { "intent", "plan" },
        { "identifier", request_identifier(uuid) },
        { "code", { { "coding", Json::array({ { { "system", lesson_system }, { "code", "device-training" } } }) }, { "text", "device training" } } },
        { "authoredOn", format_instant(now) },
        { "description", "Guided device training at the kiosk: " + std::to_string(lessons.size()) + " lessons, " + std::to_string(minutes) + " minutes" },
        { "output", outputs },
    };
    if (!reference.empty())
        task["for"] = { { "identifier", { { "type", { { "text", "clinic reference" } } }, { "value", reference } } } };
    return Json { { "task", task } }.dump();
}

std::string own_queue_change_payload(const std::string& uuid, const std::string& new_status)
{
    return Json { { "identifier", uuid }, { "status", new_status } }.dump();
}

std::string_view fhir_status(QueueStatus status)
{
    switch (status) {
    case QueueStatus::Arrived: return "arrived";
    case QueueStatus::Fulfilled: return "fulfilled";
    case QueueStatus::NoShow: return "noshow";
    case QueueStatus::Cancelled: return "cancelled";
    }
    return "cancelled";
}

std::string withdrawal_payload(const std::string& slot_id)
{
    return slot_id.empty() ? Json::object().dump() : Json { { "slot", slot_id } }.dump();
}

std::string queue_change_payload(const std::string& appointment_id, const std::string& new_status)
{
    return Json { { "appointment", appointment_id }, { "status", new_status } }.dump();
}

}
