// Find help: categories as big tiles, entries narrowed by choices (never by typing), an entry in
// big plain text, the entry as a QR code to take away, the crisis screen, and the breathing
// exercise. Entries come from the clinic server (or the demo clinic); nothing records who looked
// at what.
#include "app/clinic_time.h"
#include "ui/qr.h"
#include "ui/screens/screens.h"

#include <algorithm>
#include <cmath>
#include <ctime>
#include <imgui.h>

namespace kiosk::ui {

namespace {

// ISO weekday (1 = Monday) on the kiosk's clock.
int today_weekday(const Ui& ui)
{
    std::tm tm = local_time(UtcSeconds { std::chrono::seconds { ui.wall_ms / 1000 } });
    return tm.tm_wday == 0 ? 7 : tm.tm_wday;
}

bool matches(const DirectoryEntry& e, const screens::HelpList& list, int weekday)
{
    if (e.category != list.category)
        return false;
    if (list.open_today && std::find(e.days.begin(), e.days.end(), weekday) == e.days.end())
        return false;
    if (list.free_only && e.free != true)
        return false;
    if (list.in_spanish && std::find(e.languages.begin(), e.languages.end(), "es") == e.languages.end())
        return false;
    return true;
}

std::string updated_line(const Ui& ui, const ClinicContent& c)
{
    if (c.demo)
        return std::string(ui.t("help.demo"));
    if (c.updated_at_ms == 0)
        return std::string(ui.t("help.no_content"));
    std::tm tm = local_time(UtcSeconds { std::chrono::seconds { c.updated_at_ms / 1000 } });
    char when[32];
    (void)std::strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm); // cannot fail: 22 characters at most, any int year
    return ui.strings.format(ui.language, "help.updated", { { "when", when } });
}

// "Call: 988"-style lines, left out when the entry has nothing to say.
void detail(Ui& ui, std::string_view id, std::string_view label_key, const std::string& value)
{
    if (value.empty())
        return;
    paragraph(ui, id, ui.strings.format(ui.language, label_key, { { "value", value } }));
}

// "(555) 555-0127" → "5555550127": tel: and sms: links take digits (and a leading +) only.
std::string dial_string(const std::string& phone)
{
    std::string out;
    for (char c : phone)
        if ((c >= '0' && c <= '9') || (c == '+' && out.empty()))
            out += c;
    return out;
}

std::string qr_payload(const DirectoryEntry& e, screens::QrContent what)
{
    switch (what) {
    case screens::QrContent::Phone: return e.phone.empty() ? "" : "tel:" + dial_string(e.phone);
    case screens::QrContent::Text: return e.text_number.empty() ? "" : "sms:" + dial_string(e.text_number);
    case screens::QrContent::Web: return e.web;
    case screens::QrContent::Address: return e.address;
    }
    return {};
}

}

void draw_find_help(const screens::FindHelp&, const AppState& state, Ui& ui)
{
    heading(ui, "find_help.title", ui.t("find_help.title"));
    if (!intro_after_choices(ui))
        paragraph(ui, "help.updated", updated_line(ui, *state.clinic));
    std::vector<ButtonSpec> tiles;
    std::vector<std::string> keys;
    keys.reserve(directory_categories.size());
    for (const char* category : directory_categories)
        keys.push_back(std::string("help.category.") + category);
    for (std::size_t i = 0; i < directory_categories.size(); ++i)
        tiles.push_back({ keys[i], ui.t(keys[i]), actions::OpenHelpCategory { directory_categories[i] },
            i == 0 ? ButtonStyle::Urgent : ButtonStyle::Primary });
    for (std::size_t i = 0; i < tiles.size(); ++i)
        tiles[i].icon = category_icon(directory_categories[i]);
    tile_rows(ui, tiles, 2, ui.metrics.mm(20));
    if (intro_after_choices(ui))
        paragraph(ui, "help.updated", updated_line(ui, *state.clinic));
}

void draw_help_list(const screens::HelpList& list, const AppState& state, Ui& ui)
{
    // The list's own, shorter title: the Find help tile says what the category holds.
    std::string title_key = "help.list.title." + list.category;
    heading(ui, "help.list.title", ui.t(title_key));
    // The breathing exercise leads Calm's list, or on a short screen at larger text follows the
    // places, so the first of them is in view on arrival too (issue 15).
    bool breathing_last = short_screen(ui) && intro_after_choices(ui);
    auto breathing = [&] {
        if (list.category == "calm")
            button(ui, { "help.breathing", ui.t("help.breathing"), actions::Open { ScreenId::Breathing }, ButtonStyle::Primary }, 0,
                ui.metrics.primary_target());
    };
    if (!breathing_last)
        breathing();
    auto style = [](bool on) { return on ? ButtonStyle::Selected : ButtonStyle::Normal; };
    ButtonSpec filters[] = {
        { "help.filter.today", ui.t("help.filter.today"), actions::ToggleHelpFilter { actions::HelpFilter::OpenToday }, style(list.open_today) },
        { "help.filter.free", ui.t("help.filter.free"), actions::ToggleHelpFilter { actions::HelpFilter::Free }, style(list.free_only) },
        { "help.filter.spanish", ui.t("help.filter.spanish"), actions::ToggleHelpFilter { actions::HelpFilter::InSpanish }, style(list.in_spanish) },
    };
    // The narrowing choices come after the entries at 200 % text (the entries matter more).
    auto narrow = [&] {
        paragraph(ui, "help.filters", ui.t("help.filters"));
        button_row(ui, filters, ui.metrics.min_target() + ui.metrics.mm(2));
        space(ui, 2);
    };
    if (!intro_after_choices(ui))
        narrow();
    int weekday = today_weekday(ui);
    int shown = 0;
    for (auto& entry : state.clinic->directory) {
        if (!matches(entry, list, weekday))
            continue;
        button(ui, { "help.entry." + entry.id, entry.name.in(ui.language), actions::OpenHelpEntry { entry.id }, ButtonStyle::Normal, Role::Button,
                       label_padding_mm(ui) },
            0, ui.metrics.primary_target());
        ++shown;
    }
    if (shown == 0) {
        paragraph(ui, "help.none", ui.t(list.open_today || list.free_only || list.in_spanish ? "help.none_filtered" : "help.none"));
        if (list.open_today || list.free_only || list.in_spanish)
            button(ui, { "help.show_all", ui.t("help.show_all"), actions::ClearHelpFilters {} }, 0, ui.metrics.primary_target());
    }
    if (breathing_last) {
        space(ui, 2);
        breathing();
    }
    if (intro_after_choices(ui)) {
        space(ui, 2);
        narrow();
    }
}

void draw_help_entry(const screens::HelpEntry& screen, const AppState& state, Ui& ui)
{
    const DirectoryEntry* e = find_entry(state, screen.entry_id);
    if (!e) {
        paragraph(ui, "help.gone", ui.t("help.gone"));
        return;
    }
    heading(ui, "help.entry.name", e->name.in(ui.language));
    detail(ui, "help.entry.about", "help.detail.about", e->about.in(ui.language));
    detail(ui, "help.entry.for", "help.detail.for", e->for_whom.in(ui.language));
    detail(ui, "help.entry.hours", "help.detail.hours", e->hours.in(ui.language));
    detail(ui, "help.entry.where", "help.detail.where", e->where.in(ui.language));
    detail(ui, "help.entry.cost", "help.detail.cost", e->cost.in(ui.language));
    detail(ui, "help.entry.phone", "help.detail.phone", e->phone);
    detail(ui, "help.entry.text", "help.detail.text", e->text_number);
    detail(ui, "help.entry.web", "help.detail.web", e->web);
    detail(ui, "help.entry.address", "help.detail.address", e->address);
    space(ui, 3);
    // Take it with you: one QR button per way of reaching it.
    std::vector<ButtonSpec> take;
    if (!e->phone.empty())
        take.push_back({ "help.qr.phone", ui.t("help.qr.phone"), actions::ShowQr { e->id, screens::QrContent::Phone }, ButtonStyle::Primary });
    if (!e->text_number.empty())
        take.push_back({ "help.qr.text", ui.t("help.qr.text"), actions::ShowQr { e->id, screens::QrContent::Text }, ButtonStyle::Primary });
    if (!e->web.empty())
        take.push_back({ "help.qr.web", ui.t("help.qr.web"), actions::ShowQr { e->id, screens::QrContent::Web }, ButtonStyle::Primary });
    if (!e->address.empty())
        take.push_back({ "help.qr.address", ui.t("help.qr.address"), actions::ShowQr { e->id, screens::QrContent::Address }, ButtonStyle::Primary });
    if (!take.empty())
        paragraph(ui, "help.take", ui.t("help.take"));
    for (auto& spec : take)
        button(ui, spec, 0, ui.metrics.primary_target());
}

void draw_help_qr(const screens::HelpQr& screen, const AppState& state, Ui& ui)
{
    const DirectoryEntry* e = find_entry(state, screen.entry_id);
    std::string payload = e ? qr_payload(*e, screen.what) : "";
    if (payload.empty()) {
        paragraph(ui, "help.gone", ui.t("help.gone"));
        return;
    }
    heading(ui, "help.qr.title", ui.t("help.qr.title"));
    paragraph(ui, "help.qr.how", ui.t("help.qr.how"));
    qr_code(ui, "help.qr.code", payload, 45);
    paragraph(ui, "help.qr.what", ui.strings.format(ui.language, "help.qr.opens", { { "what", e->name.in(ui.language) } }));
    paragraph(ui, "help.qr.kept", ui.t("help.qr.kept"));
}

void draw_crisis(const screens::Crisis&, const AppState&, Ui& ui)
{
    heading(ui, "crisis.title", ui.t("crisis.title"));
    paragraph(ui, "crisis.988", ui.t("crisis.988"));
    paragraph(ui, "crisis.911", ui.t("crisis.911"));
    if (!ui.config.crisis_line.empty())
        paragraph(ui, "crisis.clinic", ui.strings.format(ui.language, "crisis.clinic", { { "phone", ui.config.crisis_line } }));
    button(ui, { "crisis.ask", ui.t("crisis.ask"), actions::Open { ScreenId::AskPerson }, ButtonStyle::Primary }, 0, ui.metrics.primary_target());
    space(ui, 2);
    paragraph(ui, "crisis.qr", ui.t("crisis.qr"));
    qr_code(ui, "crisis.qr.code", "tel:988", 40);
}

void draw_breathing(const screens::Breathing& b, const AppState&, Ui& ui)
{
    heading(ui, "breathing.title", ui.t("breathing.title"));
    // One cycle: in for 4 s (the circle grows), hold for 2 s, out for 6 s (it shrinks).
    double t = std::fmod(static_cast<double>(b.elapsed(ui.now).count()), static_cast<double>(screens::Breathing::cycle.count())) / 1000.0;
    double grow;
    std::string_view caption;
    if (t < 4.0) {
        grow = t / 4.0;
        caption = ui.t("breathing.in");
    } else if (t < 6.0) {
        grow = 1.0;
        caption = ui.t("breathing.hold");
    } else {
        grow = 1.0 - (t - 6.0) / 6.0;
        caption = ui.t("breathing.out");
    }
    if (b.paused)
        caption = ui.t("breathing.paused");
    float size = std::min(ui.metrics.mm(70), ImGui::GetContentRegionAvail().x);
    ImVec2 at = ImGui::GetCursorScreenPos();
    float avail = ImGui::GetContentRegionAvail().x;
    ImGui::Dummy(ImVec2(avail, size));
    ImVec2 centre(at.x + avail * 0.5f, at.y + size * 0.5f);
    float radius = size * 0.5f * static_cast<float>(0.35 + 0.65 * grow);
    filled_circle(centre.x, centre.y, size * 0.5f, ui.colours.button);
    filled_circle(centre.x, centre.y, radius, ui.colours.primary);
    heading(ui, "breathing.caption", caption);
    ButtonSpec controls[] = {
        b.paused ? ButtonSpec { "breathing.resume", ui.t("breathing.resume"), actions::ResumeBreathing {}, ButtonStyle::Primary }
                 : ButtonSpec { "breathing.pause", ui.t("breathing.pause"), actions::PauseBreathing {}, ButtonStyle::Primary },
        { "breathing.stop", ui.t("breathing.stop"), actions::Back {} },
    };
    button_row(ui, controls, ui.metrics.primary_target());
}

}
