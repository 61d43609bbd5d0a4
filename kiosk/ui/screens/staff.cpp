// Staff mode: the PIN pad (reached by holding the top-left corner for 3 s), the staff home and
// the device-health view. What staff see here is about the device, never about a person.
#include "app/clinic_time.h"
#include "ui/screens/screens.h"

#include <cstdio>
#include <ctime>
#include <imgui.h>

namespace kiosk::ui {

namespace {

// "12 minutes ago" style, from wall-clock milliseconds.
std::string ago(const Ui& ui, std::int64_t then_ms)
{
    auto minutes = std::max<std::int64_t>(0, (ui.wall_ms - then_ms) / 60000);
    if (minutes < 1)
        return std::string(ui.t("staff.just_now"));
    if (minutes < 120)
        return ui.strings.format(ui.language, "staff.minutes_ago", { { "n", std::to_string(minutes) } });
    return ui.strings.format(ui.language, "staff.hours_ago", { { "n", std::to_string(minutes / 60) } });
}

std::string utc_date(std::int64_t seconds)
{
    std::time_t t = seconds;
    std::tm tm {};
    gmtime_r(&t, &tm);
    char buffer[32];
    (void)std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &tm); // cannot fail: 16 characters at most, any int year
    return buffer;
}

}

void draw_staff_pin(const screens::StaffPin& pin, const AppState& state, Ui& ui)
{
    heading(ui, "staff.pin_title", ui.t("staff.pin_title"));
    int locked = lockout_seconds_left(state, ui.now);
    if (locked > 0)
        paragraph(ui, "staff.locked", ui.strings.format(ui.language, "staff.locked", { { "n", std::to_string(locked) } }));
    else if (pin.checking)
        paragraph(ui, "staff.checking", ui.t("staff.checking"));
    else if (pin.feedback == screens::StaffPin::Feedback::Wrong)
        paragraph(ui, "staff.wrong", ui.t("staff.wrong"));
    else
        paragraph(ui, "staff.pin_prompt", ui.t("staff.pin_prompt"));
    // The PIN itself is never drawn: one star per digit.
    std::string stars;
    for (std::size_t i = 0; i < pin.digits.size(); ++i)
        stars += i ? " *" : "*";
    paragraph(ui, "staff.pin_digits", stars.empty() ? std::string(" ") : stars);

    ButtonSpec ok { "pin.ok", ui.t("staff.pin_ok"), actions::PinSubmit {}, ButtonStyle::Primary };
    digit_pad(ui, "pin", [](char d) -> Action { return actions::PinDigit { d }; }, actions::PinDelete {}, &ok);
}

void draw_staff_home(const screens::StaffHome&, const AppState& state, Ui& ui)
{
    heading(ui, "staff.title", ui.t("staff.title"));
    // Where the room is tight the intro follows the choices (issue 15: the first one in view).
    bool intro_last = intro_after_choices(ui);
    if (!intro_last)
        paragraph(ui, "staff.intro", ui.t("staff.intro"));
    if (state.session.guided)
        button(ui, { "staff.guided_summary", ui.t("guided.summary_title"), actions::Open { ScreenId::GuidedSummary }, ButtonStyle::Primary }, 0,
            ui.metrics.primary_target());
    else
        button(ui, { "staff.guided", ui.t("guided.title"), actions::Open { ScreenId::GuidedSetup }, ButtonStyle::Primary }, 0, ui.metrics.primary_target());
    space(ui, 2);
    button(ui, { "staff.queue", ui.t("staff.queue"), actions::Open { ScreenId::StaffQueue }, ButtonStyle::Primary }, 0, ui.metrics.primary_target());
    space(ui, 2);
    button(ui, { "staff.health", ui.t("staff.health"), actions::Open { ScreenId::StaffHealth }, ButtonStyle::Primary }, 0, ui.metrics.primary_target());
    space(ui, 2);
    button(ui, { "staff.end", ui.t("staff.end"), actions::EndStaffMode {} }, 0, ui.metrics.primary_target());
    if (intro_last) {
        space(ui, 2);
        paragraph(ui, "staff.intro", ui.t("staff.intro"));
    }
}

void draw_staff_queue(const screens::StaffQueue& screen, const AppState&, Ui& ui)
{
    heading(ui, "queue.title", ui.t("queue.title"));
    // Done at the desk: end staff mode from here (at the top, where staff find it), and the names
    // go with it.
    button(ui, { "queue.end_staff", ui.t("staff.end"), actions::EndStaffMode {} }, 0, ui.metrics.primary_target());
    space(ui, 2);
    // The names come only from the staff list this screen fetched (issue 14), never from older
    // content: without a list, the screen says why and shows none.
    if (!screen.list) {
        if (screen.fetch == screens::StaffQueue::Fetch::Failed)
            paragraph(ui, "queue.failed", ui.strings.format(ui.language, "queue.failed", { { "what", screen.error } }));
        else
            paragraph(ui, "queue.asking", ui.t("queue.asking"));
        return;
    }
    const StaffList& c = *screen.list;
    if (c.waiting.empty())
        paragraph(ui, "queue.empty", ui.t("queue.empty"));
    auto actions_for = [&](const std::string& id) {
        // The ids must outlive the specs (ButtonSpec holds views).
        std::string call = "queue.call." + id, served = "queue.served." + id, noshow = "queue.noshow." + id, remove = "queue.remove." + id;
        ButtonSpec buttons[] = {
            { call, ui.t("queue.call"), actions::QueueChange { id, QueueStatus::Arrived }, ButtonStyle::Primary },
            { served, ui.t("queue.served"), actions::QueueChange { id, QueueStatus::Fulfilled } },
            { noshow, ui.t("queue.noshow"), actions::QueueChange { id, QueueStatus::NoShow } },
            { remove, ui.t("queue.remove"), actions::QueueChange { id, QueueStatus::Cancelled } },
        };
        buttons[0].icon = Icon::Call;
        button_row(ui, buttons, ui.metrics.primary_target(), true);
        space(ui, 3);
    };
    for (auto& w : c.waiting) {
        auto minutes = std::max<std::int64_t>(0, (ui.wall_ms / 1000 - w.since.time_since_epoch().count()) / 60);
        std::string who = w.name.empty() ? std::string(ui.t("queue.no_name")) : w.name;
        paragraph(ui, "queue.waiting." + w.id, ui.strings.format(ui.language, "queue.waiting", { { "who", who }, { "minutes", std::to_string(minutes) } }));
        actions_for(w.id);
    }
    heading(ui, "queue.bookings", ui.t("queue.bookings"));
    int shown = 0;
    UtcSeconds now { std::chrono::seconds { ui.wall_ms / 1000 } };
    for (auto& b : c.bookings) {
        if (b.start < now - std::chrono::hours(12) || b.start > now + std::chrono::hours(24))
            continue; // today's, roughly: the rest of the week is not the desk's business now
        std::tm tm = local_time(b.start);
        char when[16];
        (void)std::strftime(when, sizeof when, "%H:%M", &tm); // cannot fail: always 5 characters
        std::string who = b.name.empty() ? std::string(ui.t("queue.no_name")) : b.name;
        paragraph(ui, "queue.booking." + b.id, ui.strings.format(ui.language, "queue.booking", { { "when", when }, { "who", who } }));
        actions_for(b.id);
        ++shown;
    }
    if (shown == 0)
        paragraph(ui, "queue.no_bookings", ui.t("queue.no_bookings"));
}

void draw_staff_health(const screens::StaffHealth& screen, const AppState& state, Ui& ui)
{
    const DeviceHealth& h = state.health;
    heading(ui, "health.title", ui.t("health.title"));
    if (!h.server_configured) {
        paragraph(ui, "health.demo", ui.t("health.demo"));
    } else {
        paragraph(ui, "health.last_sync", ui.strings.format(ui.language, "health.last_sync",
            { { "when", h.last_success_ms ? ago(ui, *h.last_success_ms) : std::string(ui.t("health.never")) } }));
        paragraph(ui, "health.last_error", h.last_error.empty() ? std::string(ui.t("health.no_error"))
            : ui.strings.format(ui.language, "health.error", { { "what", h.last_error } }));
        paragraph(ui, "health.outbox", ui.strings.format(ui.language, "health.outbox",
            { { "pending", std::to_string(h.outbox_pending) }, { "rejected", std::to_string(h.outbox_rejected) } }));
        for (std::size_t i = 0; i < h.rejected.size() && i < 10; ++i)
            paragraph(ui, "health.rejected." + std::to_string(i), h.rejected[i]);
        if (h.outbox_rejected > 0 && screen.confirm_clear) {
            // What the server refused holds no name, only its kind and reason; once staff have
            // noted them, they go from the tablet (confirmed: they will not be sent).
            paragraph(ui, "health.clear_confirm", ui.strings.format(ui.language, "health.clear_confirm",
                { { "n", std::to_string(h.outbox_rejected) } }));
            ButtonSpec buttons[] = {
                { "health.clear_yes", ui.t("health.clear_yes"), actions::ClearRejected { actions::ClearRejected::Step::Yes }, ButtonStyle::Primary },
                { "health.clear_no", ui.t("health.clear_no"), actions::ClearRejected { actions::ClearRejected::Step::No } },
            };
            button_row(ui, buttons, ui.metrics.primary_target(), true);
        } else if (h.outbox_rejected > 0) {
            button(ui, { "health.clear", ui.t("health.clear"), actions::ClearRejected { actions::ClearRejected::Step::Ask } }, 0,
                ui.metrics.primary_target());
        }
        if (h.certificate_expires_s) {
            auto days = (*h.certificate_expires_s - ui.wall_ms / 1000) / 86400;
            paragraph(ui, "health.certificate", ui.strings.format(ui.language, days < 0 ? "health.certificate_expired" : "health.certificate",
                { { "date", utc_date(*h.certificate_expires_s) }, { "days", std::to_string(days) } }));
        }
    }
    const ClinicContent& c = *state.clinic;
    paragraph(ui, "health.content", ui.strings.format(ui.language, "health.content",
        { { "peers", std::to_string(c.peers.size()) }, { "slots", std::to_string(c.slots.size()) },
            { "entries", std::to_string(c.directory.size()) },
            { "when", c.updated_at_ms ? ago(ui, c.updated_at_ms) : std::string(ui.t("health.never")) } }));
    if (h.skipped_entries > 0)
        paragraph(ui, "health.skipped", ui.strings.format(ui.language, "health.skipped", { { "n", std::to_string(h.skipped_entries) } }));
    paragraph(ui, "health.version", "kiosk 0.1.0");
}

}
