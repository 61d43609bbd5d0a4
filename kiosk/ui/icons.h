// Pictures beside words (issue 15): pictograms from Material Design Icons (Debian's
// fonts-material-design-icons-iconfont, Apache-2.0), merged into the bold font's atlas with only
// the glyphs listed here. One picture per meaning, used for that meaning everywhere; a picture is
// never shown without its words. The enum's value is the glyph's code point in the icon font.
#pragma once
#include <array>
#include <string_view>

namespace kiosk::ui {

inline constexpr const char* icon_font_file = "/usr/share/fonts/truetype/material-design-icons-iconfont/MaterialIcons-Regular.ttf";

enum class Icon : unsigned {
    None = 0,
    Back = 0xe5c4,        // arrow_back
    Home = 0xe88a,        // home
    HelpNow = 0xe1eb,     // emergency: crisis help, in the bar and as Find help's first category
    Person = 0xf0e2,      // support_agent: ask a person
    Speaker = 0xe050,     // volume_up: read aloud
    Stop = 0xe047,        // stop: stop reading
    Learn = 0xe80c,       // school
    FindHelp = 0xe8b6,    // search
    BookPeer = 0xe7fb,    // people
    TalkNow = 0xe91f,     // record_voice_over: talk to someone now
    JoinList = 0xe174,    // how_to_reg
    PickTime = 0xe878,    // event
    MeetPeers = 0xe87c,   // face
    Call = 0xe0b0,        // call
    Done = 0xe5ca,        // check
    Settings = 0xe8b8,    // settings
    Language = 0xe894,    // language (a globe)
    Privacy = 0xe897,     // lock
    Keyboard = 0xe312,    // keyboard
    Calm = 0xeb4c,        // spa
    Coping = 0xea4a,      // psychology
    Groups = 0xf233,      // groups
    Phone = 0xe325,       // phone_iphone
    App = 0xe5c3,         // apps
    Everyday = 0xe8cb,    // shopping_basket
    Tablet = 0xe32f,      // tablet
    Touch = 0xe913,       // touch_app
    Swipe = 0xe9ec,       // swipe
    ThumbUp = 0xe8dc,     // thumb_up
    Hearing = 0xe023,     // hearing
    Choices = 0xe896,     // list
    Wifi = 0xe63e,        // wifi
    Warning = 0xe8b2,     // report_problem
    Info = 0xe88e,        // info
    VideoCall = 0xe070,   // video_call
    MoreBelow = 0xe5db,   // arrow_downward: "More below"
};

// Every icon above but None: the glyphs the atlas holds.
inline constexpr std::array all_icons { Icon::Back, Icon::Home, Icon::HelpNow, Icon::Person, Icon::Speaker, Icon::Stop,
    Icon::Learn, Icon::FindHelp, Icon::BookPeer, Icon::TalkNow, Icon::JoinList, Icon::PickTime, Icon::MeetPeers, Icon::Call,
    Icon::Done, Icon::Settings, Icon::Language, Icon::Privacy, Icon::Keyboard, Icon::Calm, Icon::Coping, Icon::Groups,
    Icon::Phone, Icon::App, Icon::Everyday, Icon::Tablet, Icon::Touch, Icon::Swipe, Icon::ThumbUp, Icon::Hearing,
    Icon::Choices, Icon::Wifi, Icon::Warning, Icon::Info, Icon::VideoCall, Icon::MoreBelow };

// A Find help category's picture ("crisis", "calm", …).
Icon category_icon(std::string_view category);
// A lesson's picture on its tile, by lesson id (Learn when the lesson has none of its own).
Icon lesson_icon(std::string_view lesson_id);

}
