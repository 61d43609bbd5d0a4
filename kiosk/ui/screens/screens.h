// One function per screen. Each reads the state and emits actions through the Ui; none changes
// the state itself. frame.cpp picks the function for the screen on top of the stack.
#pragma once
#include "app/state.h"
#include "ui/widgets.h"

namespace kiosk::ui {

void draw_welcome(const screens::Welcome&, const AppState&, Ui&);
void draw_home(const screens::Home&, const AppState&, Ui&);
void draw_settings(const screens::Settings&, const AppState&, Ui&);
void draw_ask_person(const screens::AskPerson&, const AppState&, Ui&);
void draw_learn(const screens::Learn&, const AppState&, Ui&);
void draw_find_help(const screens::FindHelp&, const AppState&, Ui&);
void draw_book_peer(const screens::BookPeer&, const AppState&, Ui&);
void draw_typing_practice(const screens::TypingPractice&, const AppState&, Ui&);
void draw_lesson(const screens::LessonRun&, const AppState&, Ui&);
void draw_guided_setup(const screens::GuidedSetup&, const AppState&, Ui&);
void draw_guided_summary(const screens::GuidedSummary&, const AppState&, Ui&);
void draw_hand_back(const screens::HandBack&, const AppState&, Ui&);
void draw_goodbye(const screens::Goodbye&, const AppState&, Ui&);
void draw_still_there(const AppState&, Ui&);
void draw_staff_pin(const screens::StaffPin&, const AppState&, Ui&);
void draw_staff_home(const screens::StaffHome&, const AppState&, Ui&);
void draw_staff_health(const screens::StaffHealth&, const AppState&, Ui&);
void draw_staff_queue(const screens::StaffQueue&, const AppState&, Ui&);
void draw_privacy(const screens::PrivacyInfo&, const AppState&, Ui&);
// The button to it, on every screen that asks for anything.
void privacy_link(Ui& ui);
void draw_help_list(const screens::HelpList&, const AppState&, Ui&);
void draw_help_entry(const screens::HelpEntry&, const AppState&, Ui&);
void draw_help_qr(const screens::HelpQr&, const AppState&, Ui&);
void draw_crisis(const screens::Crisis&, const AppState&, Ui&);
void draw_breathing(const screens::Breathing&, const AppState&, Ui&);
void draw_meet_peers(const screens::MeetPeers&, const AppState&, Ui&);
void draw_walk_in(const screens::WalkIn&, const AppState&, Ui&);
void draw_book_time(const screens::BookTime&, const AppState&, Ui&);

// Shared pieces of several screens.
// The two languages, each named in itself, and `also` beside them if given. `steady`: the words
// at the normal text size whatever the size chosen (Welcome), so the choices stay where they were.
void language_choice(Ui& ui, const AppState& state, const ButtonSpec* also = nullptr, bool steady = false);
void text_size_choice(Ui& ui, const AppState& state, bool steady = false);
void theme_choice(Ui& ui, const AppState& state);
// Read-aloud on or off, and the volume (Settings and lesson 5). `in_lesson`: lesson 5's step,
// whose instruction names read-aloud: where the room is tight (intro_after_choices) On and Off
// come first, without their caption, and on a short screen at 200 % every choice's words are at
// the normal size (make_steady), so On is in view under the instruction on arrival.
void speech_choice(Ui& ui, const AppState& state, bool in_lesson = false);
// Choices whose words stay at the normal text size whatever the size chosen (the top bar's font,
// 2 mm from the edge); where the room is tight `min_height` becomes 12 mm: they are not buttons
// that move the person on (Welcome, Settings, and lesson exercises where the room is tight).
void make_steady(Ui& ui, std::span<ButtonSpec> choices, float& min_height);
// Read-aloud's button: "Read aloud" with a speaker, or while reading "Stop reading" with a stop
// square (Welcome, and the top bar once it is on).
ButtonSpec read_aloud_button(const Ui& ui, const AppState& state, std::string_view id, double padding_mm);

}
