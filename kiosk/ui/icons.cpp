// Which picture stands for what (see icons.h).
#include "ui/icons.h"

#include <utility>

namespace kiosk::ui {

Icon category_icon(std::string_view category)
{
    static constexpr std::pair<std::string_view, Icon> table[] = { { "crisis", Icon::HelpNow }, { "calm", Icon::Calm },
        { "coping", Icon::Coping }, { "groups", Icon::Groups }, { "phones", Icon::Phone }, { "app", Icon::App },
        { "everyday", Icon::Everyday } };
    for (auto& [name, icon] : table)
        if (name == category)
            return icon;
    return Icon::FindHelp;
}

Icon lesson_icon(std::string_view lesson_id)
{
    // The same picture as the screen or category a lesson is about, where there is one.
    static constexpr std::pair<std::string_view, Icon> table[] = { { "hello-tablet", Icon::Tablet },
        { "press-and-hold", Icon::Touch }, { "scroll-and-swipe", Icon::Swipe }, { "cant-break-it", Icon::ThumbUp },
        { "see-and-hear", Icon::Hearing }, { "typing", Icon::Keyboard }, { "choices", Icon::Choices },
        { "online-safely", Icon::Wifi }, { "spot-the-scam", Icon::Warning }, { "passcodes-privacy", Icon::Privacy },
        { "trust-health-info", Icon::Info }, { "calm-tools", Icon::Calm }, { "calls-and-video", Icon::VideoCall },
        { "free-phones", Icon::Phone }, { "meet-your-peer", Icon::MeetPeers } };
    for (auto& [id, icon] : table)
        if (id == lesson_id)
            return icon;
    return Icon::Learn;
}

}
