// The screen gallery (see gallery.h). Each state is built with update(), the way a person would
// reach the screen, so the gallery cannot show a state the kiosk could never be in.
#include "app/gallery.h"

namespace kiosk {

std::vector<GalleryEntry> gallery(const Settings& settings, const Timing& timing, TimePoint now, std::shared_ptr<const ClinicContent> clinic)
{
    auto fresh = [&] {
        AppState s = make_initial_state(settings, timing, now - Seconds { 30 });
        s.clinic = clinic;
        return s;
    };
    // Walk the person's path with a second between taps, ending at `now`, the moment
    // the gallery draws (so no timer has run out yet).
    auto walk = [&](const std::vector<Action>& steps) {
        AppState s = fresh();
        TimePoint t = now - Seconds { static_cast<int>(steps.size()) };
        for (auto& a : steps) {
            t += Seconds { 1 };
            update(s, a, t);
        }
        return s;
    };
    std::vector<GalleryEntry> out;
    out.push_back({ "welcome", fresh() });
    out.push_back({ "home", walk({ actions::Start {} }) });
    out.push_back({ "settings", walk({ actions::Start {}, actions::Open { ScreenId::Settings } }) });
    out.push_back({ "ask-person", walk({ actions::Start {}, actions::Open { ScreenId::AskPerson } }) });
    out.push_back({ "learn", walk({ actions::Start {}, actions::Open { ScreenId::Learn } }) });
    out.push_back({ "find-help", walk({ actions::Start {}, actions::Open { ScreenId::FindHelp } }) });
    out.push_back({ "privacy", walk({ actions::Start {}, actions::Open { ScreenId::PrivacyInfo } }) });
    out.push_back({ "book-peer", walk({ actions::Start {}, actions::Open { ScreenId::BookPeer } }) });
    out.push_back({ "typing-practice-1", walk({ actions::Start {}, actions::Open { ScreenId::Learn },
        actions::Open { ScreenId::TypingPractice }, type_key("C"), type_key("a"), type_key("t") }) });
    out.push_back({ "typing-practice-2", walk({ actions::Start {}, actions::Open { ScreenId::Learn },
        actions::Open { ScreenId::TypingPractice }, type_key("C"), type_key("a"), type_key("t"), actions::KeyboardDone {} }) });
    {
        AppState s = walk({ actions::Start {} });
        s.session.last_touch = now - timing.idle_timeout;
        update(s, actions::Tick {}, now);
        out.push_back({ "still-there", std::move(s) });
    }
    out.push_back({ "goodbye", walk({ actions::Start {}, actions::Done {} }) });
    out.push_back({ "staff-pin", walk({ actions::StaffGesture {}, actions::PinDigit { '1' }, actions::PinDigit { '2' } }) });
    out.push_back({ "staff-home", walk({ actions::StaffGesture {}, actions::PinDigit { '1' }, actions::PinDigit { '2' },
        actions::PinDigit { '3' }, actions::PinDigit { '4' }, actions::PinSubmit {}, actions::PinChecked { true } }) });
    out.push_back({ "staff-queue", walk({ actions::StaffGesture {}, actions::PinDigit { '1' }, actions::PinDigit { '2' },
        actions::PinDigit { '3' }, actions::PinDigit { '4' }, actions::PinSubmit {}, actions::PinChecked { true },
        actions::Open { ScreenId::StaffQueue } }) });
    out.push_back({ "staff-health", walk({ actions::StaffGesture {}, actions::PinDigit { '1' }, actions::PinDigit { '2' },
        actions::PinDigit { '3' }, actions::PinDigit { '4' }, actions::PinSubmit {}, actions::PinChecked { true },
        actions::Open { ScreenId::StaffHealth } }) });
    out.push_back({ "crisis", walk({ actions::Start {}, actions::Open { ScreenId::Crisis } }) });
    out.push_back({ "breathing", walk({ actions::Start {}, actions::OpenHelpCategory { "calm" }, actions::Open { ScreenId::Breathing } }) });
    for (const char* category : directory_categories)
        out.push_back({ std::string("help-list-") + category,
            walk({ actions::Start {}, actions::Open { ScreenId::FindHelp }, actions::OpenHelpCategory { category } }) });
    const DirectoryEntry* sample = nullptr;
    for (auto& e : clinic->directory)
        if (e.category == "groups" && !e.phone.empty()) {
            sample = &e;
            break;
        }
    if (sample) {
        out.push_back({ "help-entry", walk({ actions::Start {}, actions::Open { ScreenId::FindHelp }, actions::OpenHelpCategory { "groups" },
            actions::OpenHelpEntry { sample->id } }) });
        out.push_back({ "help-qr", walk({ actions::Start {}, actions::Open { ScreenId::FindHelp }, actions::OpenHelpCategory { "groups" },
            actions::OpenHelpEntry { sample->id }, actions::ShowQr { sample->id, screens::QrContent::Phone } }) });
    }
    out.push_back({ "meet-peers", walk({ actions::Start {}, actions::Open { ScreenId::BookPeer }, actions::Open { ScreenId::MeetPeers } }) });
    out.push_back({ "walk-in-1", walk({ actions::Start {}, actions::Open { ScreenId::BookPeer }, actions::ChooseWalkIn {} }) });
    out.push_back({ "walk-in-2", walk({ actions::Start {}, actions::Open { ScreenId::BookPeer }, actions::ChooseWalkIn {}, actions::NextStep {},
        type_key("S"), type_key("a"), type_key("m") }) });
    out.push_back({ "walk-in-3", walk({ actions::Start {}, actions::Open { ScreenId::BookPeer }, actions::ChooseWalkIn {}, actions::NextStep {},
        type_key("S"), type_key("a"), type_key("m"), actions::KeyboardDone {} }) });
    out.push_back({ "walk-in-ticket", walk({ actions::Start {}, actions::Open { ScreenId::BookPeer }, actions::ChooseWalkIn {}, actions::NextStep {},
        actions::KeyboardDone {}, actions::ConfirmRequest { "6a1e2c3d-0000-4000-8000-000000000001" },
        actions::RequestAnswered { "6a1e2c3d-0000-4000-8000-000000000001", actions::RequestAnswered::Outcome::Done } }) });
    out.push_back({ "book-time-1", walk({ actions::Start {}, actions::Open { ScreenId::BookPeer }, actions::Open { ScreenId::BookTime } }) });
    if (!clinic->slots.empty()) {
        const FreeSlot& first = clinic->slots.front();
        UtcSeconds day = std::chrono::floor<std::chrono::days>(first.start);
        auto to_day = [&](std::initializer_list<Action> more) {
            std::vector<Action> steps { actions::Start {}, actions::Open { ScreenId::BookPeer }, actions::Open { ScreenId::BookTime },
                actions::ChooseDay { day, day + std::chrono::days(1) } };
            steps.insert(steps.end(), more.begin(), more.end());
            return walk(steps);
        };
        out.push_back({ "book-time-2", to_day({}) });
        out.push_back({ "book-time-3", to_day({ actions::ChooseTime { first } }) });
        out.push_back({ "book-time-5", to_day({ actions::ChooseTime { first }, actions::ChoosePeer { "" }, actions::KeyboardDone {} }) });
        out.push_back({ "book-booked", to_day({ actions::ChooseTime { first }, actions::ChoosePeer { "" }, actions::KeyboardDone {},
            actions::ConfirmRequest { "b" }, actions::RequestAnswered { "b", actions::RequestAnswered::Outcome::Done } }) });
        out.push_back({ "book-taken", to_day({ actions::ChooseTime { first }, actions::ChoosePeer { "" }, actions::KeyboardDone {},
            actions::ConfirmRequest { "b" }, actions::RequestAnswered { "b", actions::RequestAnswered::Outcome::Taken } }) });
        out.push_back({ "book-no-answer", to_day({ actions::ChooseTime { first }, actions::ChoosePeer { "" }, actions::KeyboardDone {},
            actions::ConfirmRequest { "b" }, actions::RequestAnswered { "b", actions::RequestAnswered::Outcome::NoAnswer } }) });
    }
    for (auto& entry : out)
        entry.state.requests.clear(); // the gallery only draws; nothing is sent
    // The gallery's settings apply to every screen (Goodbye keeps those the person used).
    for (auto& entry : out)
        entry.state.settings = settings;
    return out;
}

}
