// The per-screen tables, all derived from the `Screen` variant: names, ids, and each screen as it
// opens. A screen added to the variant without its ScreenId (or in another order) does not compile.
#include "app/reducers.h"

#include <utility>

namespace kiosk {

namespace {

template <class S, std::size_t I = 0>
constexpr std::size_t index_of()
{
    if constexpr (std::is_same_v<S, std::variant_alternative_t<I, Screen>>)
        return I;
    else
        return index_of<S, I + 1>();
}

template <class S>
constexpr ScreenId id_of = static_cast<ScreenId>(index_of<S>());

static_assert(screen_count == static_cast<std::size_t>(ScreenId::HandBack) + 1, "one ScreenId per Screen alternative");
static_assert(id_of<screens::Welcome> == ScreenId::Welcome);
static_assert(id_of<screens::Home> == ScreenId::Home);
static_assert(id_of<screens::Settings> == ScreenId::Settings);
static_assert(id_of<screens::AskPerson> == ScreenId::AskPerson);
static_assert(id_of<screens::Learn> == ScreenId::Learn);
static_assert(id_of<screens::FindHelp> == ScreenId::FindHelp);
static_assert(id_of<screens::BookPeer> == ScreenId::BookPeer);
static_assert(id_of<screens::TypingPractice> == ScreenId::TypingPractice);
static_assert(id_of<screens::Goodbye> == ScreenId::Goodbye);
static_assert(id_of<screens::StaffPin> == ScreenId::StaffPin);
static_assert(id_of<screens::StaffHome> == ScreenId::StaffHome);
static_assert(id_of<screens::StaffHealth> == ScreenId::StaffHealth);
static_assert(id_of<screens::HelpList> == ScreenId::HelpList);
static_assert(id_of<screens::HelpEntry> == ScreenId::HelpEntry);
static_assert(id_of<screens::HelpQr> == ScreenId::HelpQr);
static_assert(id_of<screens::Crisis> == ScreenId::Crisis);
static_assert(id_of<screens::Breathing> == ScreenId::Breathing);
static_assert(id_of<screens::MeetPeers> == ScreenId::MeetPeers);
static_assert(id_of<screens::WalkIn> == ScreenId::WalkIn);
static_assert(id_of<screens::BookTime> == ScreenId::BookTime);
static_assert(id_of<screens::StaffQueue> == ScreenId::StaffQueue);
static_assert(id_of<screens::PrivacyInfo> == ScreenId::PrivacyInfo);
static_assert(id_of<screens::LessonRun> == ScreenId::LessonRun);
static_assert(id_of<screens::GuidedSetup> == ScreenId::GuidedSetup);
static_assert(id_of<screens::GuidedSummary> == ScreenId::GuidedSummary);
static_assert(id_of<screens::HandBack> == ScreenId::HandBack);

template <std::size_t... I>
constexpr std::array<std::string_view, sizeof...(I)> names_of(std::index_sequence<I...>)
{
    return { std::variant_alternative_t<I, Screen>::key... };
}
constexpr auto screen_names = names_of(std::make_index_sequence<screen_count> {});

constexpr bool names_unique()
{
    for (std::size_t i = 0; i < screen_names.size(); ++i)
        for (std::size_t j = i + 1; j < screen_names.size(); ++j)
            if (screen_names[i] == screen_names[j])
                return false;
    return true;
}
static_assert(names_unique(), "each screen has its own name");

template <std::size_t... I>
Screen default_screen(std::size_t index, std::index_sequence<I...>)
{
    static constexpr std::array<Screen (*)(), sizeof...(I)> make { +[] { return Screen { std::in_place_index<I> }; }... };
    return make.at(index)();
}

}

ScreenId screen_id(const Screen& screen) { return static_cast<ScreenId>(screen.index()); }

std::string_view screen_name(ScreenId id) { return screen_names.at(static_cast<std::size_t>(id)); }

std::optional<ScreenId> screen_from_name(std::string_view name)
{
    for (std::size_t i = 0; i < screen_names.size(); ++i)
        if (name == screen_names[i])
            return static_cast<ScreenId>(i);
    return std::nullopt;
}

Screen reduce::make_screen(ScreenId id, const AppState& state, TimePoint now)
{
    Screen screen = default_screen(static_cast<std::size_t>(id), std::make_index_sequence<screen_count> {});
    // The two screens that begin with the time they opened.
    if (auto* goodbye = std::get_if<screens::Goodbye>(&screen))
        *goodbye = screens::Goodbye { now + state.timing.goodbye, state.settings };
    else if (auto* breathing = std::get_if<screens::Breathing>(&screen))
        *breathing = screens::Breathing { now, Millis { 0 }, false };
    return screen;
}

}
