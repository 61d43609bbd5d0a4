// Book a peer: meet the peers, talk to someone now (the walk-in list, with an honest estimate
// and a ticket), or pick a time (day, time, peer, an optional name, a plain summary, and the
// clinic's real answer). Times are shown in the clinic's time zone (the process's TZ, set from
// the config at start) and sent in UTC.
#include "app/booking.h"
#include "app/clinic_time.h"
#include "ui/keyboard.h"
#include "ui/screens/screens.h"

#include <ctime>
#include <imgui.h>

namespace kiosk::ui {

namespace {

// "10:30 am" / "10:30 a. m."
std::string clock_text(const Ui& ui, UtcSeconds t)
{
    ClockTime c = clock_time(t);
    char buffer[16];
    (void)std::snprintf(buffer, sizeof buffer, "%d:%02d", c.hour12, c.minute); // 1-12 and 0-59 fit; a longer text would be cut, still ended
    return std::string(buffer) + " " + std::string(ui.t(c.am ? "time.am" : "time.pm"));
}

// "Monday 30"
std::string day_name(const Ui& ui, UtcSeconds t)
{
    std::tm tm = local_time(t);
    return std::string(ui.t("day." + std::to_string(tm.tm_wday))) + " " + std::to_string(tm.tm_mday);
}

UtcSeconds wall_now(const Ui& ui) { return UtcSeconds { std::chrono::seconds { ui.wall_ms / 1000 } }; }

UtcSeconds local_midnight(const Ui& ui, int days) { return kiosk::local_midnight(wall_now(ui), days); }

std::string peer_name(const AppState& state, const Ui& ui, const std::string& role_id)
{
    if (const Peer* p = find_peer(*state.clinic, role_id))
        return p->first_name;
    return std::string(ui.t("book.anyone"));
}

void name_step(Ui& ui, const SecureText& name, bool shift)
{
    // One line of question, the field, the keyboard: Done with nothing typed skips the name.
    paragraph(ui, "book.name_question", ui.t("book.name_question"));
    typed_field(ui, "book.name", name.view(), ui.t("book.name_empty"));
    space(ui, 2);
    keyboard(ui, shift);
    space(ui, 2);
    privacy_link(ui);
}

// "What we send": exactly the fields, and that nothing stays here.
void what_is_sent(Ui& ui, const SecureText& name)
{
    paragraph(ui, "book.sent_title", ui.t("book.sent_title"));
    paragraph(ui, "book.sent_name", name.empty() ? std::string(ui.t("book.sent_no_name"))
                                                 : ui.strings.format(ui.language, "book.sent_name", { { "name", std::string(name.view()) } }));
    if (!name.empty())
        ui.tree.last().spoken = std::string(ui.t("book.sent_name_spoken")); // a name is never read out in the waiting room
    paragraph(ui, "book.sent_nothing_else", ui.t("book.sent_nothing_else"));
    privacy_link(ui);
}

}

void draw_book_peer(const screens::BookPeer&, const AppState& state, Ui& ui)
{
    heading(ui, "book.title", ui.t("book.title"));
    bool after = intro_after_choices(ui);
    auto intro = [&] {
        paragraph(ui, "book.intro", ui.t("book.intro"));
        if (state.clinic->demo)
            paragraph(ui, "book.demo", ui.t("book.demo"));
    };
    if (!after)
        intro();
    ButtonSpec choices[] = {
        { "book.now", ui.t("book.now"), actions::ChooseWalkIn {}, ButtonStyle::Primary },
        { "book.pick", ui.t("book.pick"), actions::Open { ScreenId::BookTime }, ButtonStyle::Primary },
    };
    choices[0].icon = Icon::TalkNow;
    choices[1].icon = Icon::PickTime;
    tile_rows(ui, choices, 1, ui.metrics.mm(20));
    ButtonSpec meet { "book.meet", ui.t("book.meet"), actions::Open { ScreenId::MeetPeers } };
    meet.icon = Icon::MeetPeers;
    button(ui, meet, 0, ui.metrics.primary_target());
    if (after)
        intro();
}

void draw_meet_peers(const screens::MeetPeers&, const AppState& state, Ui& ui)
{
    heading(ui, "peers.title", ui.t("peers.title"));
    if (state.clinic->peers.empty())
        paragraph(ui, "peers.none", ui.t("peers.none"));
    for (auto& peer : state.clinic->peers) {
        // Initials in a circle stand in for a photo.
        float size = ui.metrics.mm(14);
        ImVec2 at = ImGui::GetCursorScreenPos();
        ImGui::Dummy(ImVec2(size, size));
        ImDrawList* list = ImGui::GetWindowDrawList();
        list->AddCircleFilled(ImVec2(at.x + size / 2, at.y + size / 2), size / 2, to_imgui(ui.colours.primary), 32);
        std::string initial = peer.first_name.substr(0, 1);
        ImVec2 t = ui.fonts.bold()->CalcTextSizeA(ui.fonts.bold()->FontSize, FLT_MAX, -1, initial.c_str());
        list->AddText(ui.fonts.bold(), ui.fonts.bold()->FontSize, ImVec2(at.x + (size - t.x) / 2, at.y + (size - t.y) / 2),
            to_imgui(ui.colours.primary_text), initial.c_str());
        heading(ui, "peers.name." + peer.role_id, peer.first_name);
        std::string languages;
        for (auto& l : peer.languages)
            languages += (languages.empty() ? "" : ", ") + std::string(ui.t("language." + l));
        if (!languages.empty())
            paragraph(ui, "peers.languages." + peer.role_id, ui.strings.format(ui.language, "peers.speaks", { { "languages", languages } }));
        if (!peer.about.empty())
            paragraph(ui, "peers.about." + peer.role_id, "\"" + peer.about.in(ui.language) + "\"");
        space(ui, 3);
    }
}

void draw_walk_in(const screens::WalkIn& w, const AppState& state, Ui& ui)
{
    using Step = screens::WalkIn::Step;
    if (w.step == Step::Estimate || w.step == Step::Name || w.step == Step::Summary)
        step_counter(ui, w.step == Step::Estimate ? 1 : w.step == Step::Name ? 2 : 3, screens::WalkIn::step_count);
    switch (w.step) {
    case Step::Estimate: {
        heading(ui, "walkin.title", ui.t("walkin.title"));
        auto e = estimate_wait(*state.clinic, wall_now(ui), local_midnight(ui, 1));
        paragraph(ui, "walkin.estimate", ui.strings.format(ui.language, "walkin.estimate",
            { { "low", std::to_string(e.low_minutes) }, { "high", std::to_string(e.high_minutes) } }));
        paragraph(ui, "walkin.how", ui.strings.format(ui.language, "walkin.how",
            { { "waiting", std::to_string(e.waiting) }, { "peers", std::to_string(e.peers_on_duty) } }));
        button(ui, { "walkin.join", ui.t("walkin.join"), actions::NextStep {}, ButtonStyle::Primary, Role::Button, 3.0, Icon::JoinList }, 0, ui.metrics.primary_target());
        break;
    }
    case Step::Name: name_step(ui, w.name, w.shift); break;
    case Step::Summary:
        heading(ui, "walkin.check", ui.t("walkin.check"));
        what_is_sent(ui, w.name);
        button(ui, { "walkin.confirm", ui.t("walkin.confirm"), actions::ConfirmRequest { ui.fresh_uuid }, ButtonStyle::Primary }, 0, ui.metrics.primary_target());
        break;
    case Step::Sending: paragraph(ui, "book.sending", ui.t("book.sending")); break;
    case Step::Joined:
        paragraph(ui, "walkin.joined", ui.t("walkin.joined"));
        paragraph(ui, "walkin.your_code", ui.t("walkin.your_code"));
        {
            // The code in very large type, centred: it is what the person remembers.
            ImFont* big = ui.fonts.display();
            ImVec2 size = big->CalcTextSizeA(big->FontSize, FLT_MAX, -1, w.ticket.c_str());
            float avail = ImGui::GetContentRegionAvail().x;
            ImVec2 at = ImGui::GetCursorScreenPos();
            ImGui::Dummy(ImVec2(avail, size.y));
            ImGui::GetWindowDrawList()->AddText(big, big->FontSize, ImVec2(at.x + (avail - size.x) / 2, at.y), to_imgui(ui.colours.text), w.ticket.c_str());
            Rect r { at.x + (avail - size.x) / 2, at.y, size.x, size.y };
            ui.tree.add({ .id = "walkin.ticket", .role = Role::Status, .text = w.ticket, .rect = r, .visible = r.intersect(ui.clip) });
        }
        paragraph(ui, "walkin.next", ui.t("walkin.next"));
        button(ui, { "walkin.cancel", ui.t("walkin.cancel"), actions::CancelWalkIn {} }, 0, ui.metrics.primary_target());
        button(ui, { "walkin.done", ui.t("walkin.done"), actions::GoHome {}, ButtonStyle::Primary, Role::Button, 3.0, Icon::Done }, 0, ui.metrics.primary_target());
        break;
    case Step::Cancelled:
        paragraph(ui, "walkin.cancelled", ui.t("walkin.cancelled"));
        button(ui, { "walkin.done", ui.t("walkin.done"), actions::GoHome {}, ButtonStyle::Primary, Role::Button, 3.0, Icon::Done }, 0, ui.metrics.primary_target());
        break;
    case Step::NotKept:
        // The tablet could not even queue the place (its storage failed): say so plainly, and
        // send the person to a human, who can add them by hand.
        heading(ui, "walkin.not_kept", ui.t("walkin.not_kept"));
        paragraph(ui, "walkin.not_kept_next", ui.t("walkin.not_kept_next"));
        button(ui, { "walkin.ask", ui.t("nav.ask"), actions::Open { ScreenId::AskPerson }, ButtonStyle::Primary }, 0, ui.metrics.primary_target());
        button(ui, { "walkin.done", ui.t("walkin.done"), actions::GoHome {}, ButtonStyle::Normal, Role::Button, 3.0, Icon::Done }, 0, ui.metrics.primary_target());
        break;
    }
}

void draw_book_time(const screens::BookTime& b, const AppState& state, Ui& ui)
{
    using Step = screens::BookTime::Step;
    int step = b.step == Step::Day ? 1 : b.step == Step::Time ? 2 : b.step == Step::Peer ? 3 : b.step == Step::Name ? 4 : 5;
    if (step <= 5 && b.step <= Step::Summary)
        step_counter(ui, step, screens::BookTime::step_count);
    const ClinicContent& clinic = *state.clinic;
    switch (b.step) {
    case Step::Day: {
        heading(ui, "book.which_day", ui.t("book.which_day"));
        for (int d = 0; d < 7; ++d) {
            UtcSeconds start = local_midnight(ui, d), end = local_midnight(ui, d + 1);
            auto times = free_times(clinic, std::max(start, wall_now(ui)), end, "");
            std::string label = d == 0 ? std::string(ui.t("book.today")) : d == 1 ? std::string(ui.t("book.tomorrow")) : day_name(ui, start);
            if (times.empty())
                label += " — " + std::string(ui.t("book.full"));
            button(ui, { "book.day." + std::to_string(d), label, actions::ChooseDay { start, end }, times.empty() ? ButtonStyle::Normal : ButtonStyle::Primary },
                0, ui.metrics.primary_target());
        }
        break;
    }
    case Step::Time: {
        heading(ui, "book.which_time", ui.strings.format(ui.language, "book.which_time", { { "day", day_name(ui, b.day_start) } }));
        auto times = free_times(clinic, std::max(b.day_start, wall_now(ui)), b.day_end, "");
        if (times.empty())
            paragraph(ui, "book.no_times", ui.t("book.no_times"));
        std::vector<ButtonSpec> buttons;
        std::vector<std::string> ids, labels;
        for (auto& t : times) {
            ids.push_back("book.time." + std::to_string(t.start.time_since_epoch().count()));
            labels.push_back(clock_text(ui, t.start));
        }
        for (std::size_t i = 0; i < times.size(); ++i)
            buttons.push_back({ ids[i], labels[i], actions::ChooseTime { times[i] }, ButtonStyle::Primary });
        for (std::size_t i = 0; i < buttons.size(); i += 3)
            button_row(ui, std::span(buttons).subspan(i, std::min<std::size_t>(3, buttons.size() - i)), ui.metrics.primary_target());
        break;
    }
    case Step::Peer: {
        heading(ui, "book.which_peer", ui.strings.format(ui.language, "book.which_peer", { { "time", clock_text(ui, b.slot->start) } }));
        button(ui, { "book.peer.anyone", ui.t("book.anyone"), actions::ChoosePeer { "" }, ButtonStyle::Primary }, 0, ui.metrics.primary_target());
        for (auto& peer : clinic.peers) {
            auto mine = free_times(clinic, b.slot->start, b.slot->start + std::chrono::seconds(1), peer.role_id);
            if (!mine.empty())
                button(ui, { "book.peer." + peer.role_id, peer.first_name, actions::ChoosePeer { peer.role_id } }, 0, ui.metrics.primary_target());
        }
        break;
    }
    case Step::Name: name_step(ui, b.name, b.shift); break;
    case Step::Summary:
        heading(ui, "book.check", ui.t("book.check"));
        paragraph(ui, "book.summary", ui.strings.format(ui.language, "book.summary",
            { { "day", day_name(ui, b.slot->start) }, { "time", clock_text(ui, b.slot->start) },
                { "peer", peer_name(state, ui, b.slot->role_id) } }));
        what_is_sent(ui, b.name);
        {
            ButtonSpec choices[] = {
                { "book.confirm", ui.t("book.confirm"), actions::ConfirmRequest { ui.fresh_uuid }, ButtonStyle::Primary },
                { "book.change", ui.t("book.change"), actions::ChangeBooking {} },
            };
            button_row(ui, choices, ui.metrics.primary_target());
        }
        break;
    case Step::Sending: paragraph(ui, "book.sending", ui.t("book.sending")); break;
    case Step::Booked:
        heading(ui, "book.booked", ui.t("book.booked"));
        paragraph(ui, "book.booked_when", ui.strings.format(ui.language, "book.summary",
            { { "day", day_name(ui, b.slot->start) }, { "time", clock_text(ui, b.slot->start) },
                { "peer", peer_name(state, ui, b.slot->role_id) } }));
        paragraph(ui, "book.tell_desk", ui.strings.format(ui.language, "book.tell_desk", { { "code", b.code } }));
        button(ui, { "book.done", ui.t("walkin.done"), actions::GoHome {}, ButtonStyle::Primary }, 0, ui.metrics.primary_target());
        break;
    case Step::Taken: {
        heading(ui, "book.taken", ui.t("book.taken"));
        paragraph(ui, "book.taken_offer", ui.t(b.alternatives.empty() ? "book.taken_none" : "book.taken_offer"));
        for (auto& alt : b.alternatives)
            button(ui, { "book.alt." + alt.id, day_name(ui, alt.start) + ", " + clock_text(ui, alt.start) + " — " + peer_name(state, ui, alt.role_id),
                actions::ChooseTime { alt }, ButtonStyle::Primary }, 0, ui.metrics.primary_target());
        button(ui, { "book.change", ui.t("book.other_day"), actions::ChangeBooking {} }, 0, ui.metrics.primary_target());
        break;
    }
    case Step::NoAnswer:
        heading(ui, "book.no_answer", ui.t("book.no_answer"));
        paragraph(ui, "book.no_answer_why", ui.t("book.no_answer_why"));
        button(ui, { "book.walk_in_instead", ui.t("book.walk_in_instead"), actions::JoinWalkInInstead {}, ButtonStyle::Primary }, 0, ui.metrics.primary_target());
        break;
    }
}

}
