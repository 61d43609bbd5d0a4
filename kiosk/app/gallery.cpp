// The screen gallery (see gallery.h). Each state is built with update(), the way a person would
// reach the screen, so the gallery cannot show a state the kiosk could never be in.
#include "app/gallery.h"

namespace kiosk {

namespace {

// Every exercise kind, at its first step in the shipped lessons: as it opens, and part done.
template<class Walk>
void add_lesson_entries(std::vector<GalleryEntry>& out, const std::shared_ptr<const LessonLibrary>& lessons, Walk& walk)
{
    for (ExerciseKind kind : all_exercise_kinds) {
        for (auto& lesson : lessons->lessons) {
            auto it = std::find_if(lesson.steps.begin(), lesson.steps.end(), [&](auto& s) { return s.kind == kind; });
            if (it == lesson.steps.end())
                continue;
            std::vector<Action> path { actions::Start {}, actions::Open { ScreenId::Learn }, actions::OpenLesson { lesson.id } };
            for (auto i = it - lesson.steps.begin(); i > 0; --i)
                path.push_back(actions::LessonNext {});
            std::string name = "lesson-" + std::string(exercise_kind_name(kind));
            out.push_back({ name, walk(path) });
            std::vector<Action> more;
            const LessonStep& step = *it;
            switch (kind) {
            case ExerciseKind::Tap: more = { actions::TapTarget {}, actions::TapTarget {}, actions::TapTarget {} }; break;
            case ExerciseKind::Hold: more = { actions::HoldTarget {} }; break;
            case ExerciseKind::Scroll: more = { actions::PickItem { step.items[0] == step.target ? 1 : 0 } }; break;
            case ExerciseKind::Swipe: more = { actions::TurnPage { 1 } }; break;
            case ExerciseKind::Type: more = { type_key("A"), type_key("n"), type_key("n"), actions::KeyboardDone {} }; break;
            case ExerciseKind::Choose: {
                auto wrong = std::find_if(step.choices.begin(), step.choices.end(), [](auto& c) { return !c.right; });
                more = { actions::Choose { wrong == step.choices.end() ? 0 : static_cast<int>(wrong - step.choices.begin()) } };
                break;
            }
            case ExerciseKind::Sort: more = { actions::Choose { 1 - step.sort_items[0].group } }; break;
            case ExerciseKind::Undo: more = { actions::PickItem { 0 } }; break;
            case ExerciseKind::Audio: more = { actions::PlayAudio { true } }; break;
            case ExerciseKind::Call: more = { actions::PressCall { actions::CallButton::Answer }, actions::PressCall { actions::CallButton::Mute } }; break;
            case ExerciseKind::Passcode: more = { actions::PickItem { 1 }, actions::PickItem { 2 }, actions::PickItem { 3 } }; break;
            case ExerciseKind::Speech: more = { actions::SetReadAloud { true }, actions::SetVolume { Volume::Loud } }; break;
            case ExerciseKind::Read:
            case ExerciseKind::Settings: break;
            }
            if (!more.empty()) {
                path.insert(path.end(), more.begin(), more.end());
                out.push_back({ name + "-2", walk(path) });
            }
            break;
        }
    }
    if (lessons->lessons.empty())
        return;
    const Lesson& first = lessons->lessons.front();
    std::vector<Action> to_end { actions::Start {}, actions::Open { ScreenId::Learn }, actions::OpenLesson { first.id } };
    for (std::size_t i = 0; i < first.steps.size(); ++i)
        to_end.push_back(actions::LessonNext {});
    out.push_back({ "lesson-end", walk(to_end) });
    to_end.push_back(actions::Open { ScreenId::Learn });
    out.push_back({ "learn-one-done", walk(to_end) });

    std::vector<Action> staff { actions::StaffGesture {}, actions::PinDigit { '1' }, actions::PinDigit { '2' }, actions::PinDigit { '3' },
        actions::PinDigit { '4' }, actions::PinSubmit {}, actions::PinChecked { true }, actions::Open { ScreenId::GuidedSetup } };
    out.push_back({ "guided-setup-track", walk(staff) });
    auto preset = track_presets().front();
    std::vector<std::string> track;
    for (auto& lesson : lessons->lessons)
        if (std::find(preset.numbers.begin(), preset.numbers.end(), lesson.number) != preset.numbers.end())
            track.push_back(lesson.id);
    auto pick = staff;
    pick.push_back(actions::ChooseTrack {});
    pick.push_back(actions::ToggleLesson { first.id });
    out.push_back({ "guided-setup-pick", walk(pick) });
    staff.push_back(actions::ChooseTrack { track });
    for (const char* c : { "C", "-", "1", "0", "4" })
        staff.push_back(type_key(c));
    out.push_back({ "guided-setup-reference", walk(staff) });
    staff.push_back(actions::KeyboardDone {});
    out.push_back({ "guided-setup-handover", walk(staff) });
    staff.push_back(actions::HandOver {});
    out.push_back({ "learn-guided", walk(staff) });
    staff.push_back(actions::OpenLesson { first.id });
    staff.push_back(actions::LessonNext {});
    staff.push_back(actions::Open { ScreenId::HandBack });
    out.push_back({ "hand-back", walk(staff) });
    for (const auto& a : { Action { actions::StaffGesture {} }, Action { actions::PinDigit { '1' } }, Action { actions::PinDigit { '2' } },
             Action { actions::PinDigit { '3' } }, Action { actions::PinDigit { '4' } }, Action { actions::PinSubmit {} },
             Action { actions::PinChecked { true } } })
        staff.push_back(a);
    out.push_back({ "guided-summary", walk(staff) });
}

}

std::vector<GalleryEntry> gallery(const Settings& settings, const Timing& timing, TimePoint now, std::shared_ptr<const ClinicContent> clinic,
    std::shared_ptr<const LessonLibrary> lessons)
{
    auto fresh = [&] {
        AppState s = make_initial_state(settings, timing, now - Seconds { 60 });
        s.clinic = clinic;
        s.lessons = lessons;
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
    {
        // The queue as the clinic's staff list shows it: the demo's waiting entries, one with a
        // made-up name and one without.
        auto list = std::make_shared<StaffList>();
        for (auto& w : clinic->waiting)
            list->waiting.push_back({ w.id, w.since, list->waiting.size() % 2 == 1 ? "Lee" : "" });
        out.push_back({ "staff-queue", walk({ actions::StaffGesture {}, actions::PinDigit { '1' }, actions::PinDigit { '2' },
            actions::PinDigit { '3' }, actions::PinDigit { '4' }, actions::PinSubmit {}, actions::PinChecked { true },
            actions::Open { ScreenId::StaffQueue }, actions::StaffListArrived { list, {} } }) });
    }
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
    out.push_back({ "walk-in-not-kept", walk({ actions::Start {}, actions::Open { ScreenId::BookPeer }, actions::ChooseWalkIn {}, actions::NextStep {},
        actions::KeyboardDone {}, actions::ConfirmRequest { "6a1e2c3d-0000-4000-8000-000000000002" },
        actions::RequestAnswered { "6a1e2c3d-0000-4000-8000-000000000002", actions::RequestAnswered::Outcome::Done },
        actions::RequestAnswered { "6a1e2c3d-0000-4000-8000-000000000002", actions::RequestAnswered::Outcome::Failed } }) });
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
    add_lesson_entries(out, lessons, walk);
    for (auto& entry : out)
        entry.state.requests.clear(); // the gallery only draws; nothing is sent
    // The gallery's look applies to every screen (Goodbye keeps what the person used); the sound
    // choices a walk made (read-aloud, volume) stay, so their screens show them.
    for (auto& entry : out) {
        Settings sound = entry.state.settings;
        entry.state.settings = settings;
        entry.state.settings.read_aloud = sound.read_aloud;
        entry.state.settings.volume = sound.volume;
    }
    return out;
}

}
