// Booking in the model: the wait estimate, ticket codes, free and nearest times, the flows, and
// times shown in the clinic's zone on both daylight-saving change days.
#include "app/booking.h"
#include "app/clinic_time.h"
#include "app/state.h"
#include "model_driver.h"

#include <catch2/catch.hpp>
#include <cstdlib>

using namespace kiosk;
using namespace std::chrono;

namespace {

UtcSeconds at(int y, unsigned mo, unsigned d, int h, int mi = 0)
{
    return sys_days(year_month_day { year { y }, month { mo }, day { d } }) + hours(h) + minutes(mi);
}

FreeSlot slot(std::string id, std::string role, UtcSeconds start)
{
    return { std::move(id), "1", std::move(role), start, start + minutes(30) };
}

struct Zone {
    explicit Zone(const char* tz)
    {
        ::setenv("TZ", tz, 1);
        ::tzset();
    }
    ~Zone()
    {
        ::setenv("TZ", "UTC", 1);
        ::tzset();
    }
};

}

TEST_CASE("The wait estimate grows with the people waiting and shrinks with peers on duty")
{
    UtcSeconds now = at(2026, 11, 30, 15);
    ClinicContent c;
    auto end = at(2026, 12, 1, 0);
    auto empty = estimate_wait(c, now, end);
    CHECK(empty.waiting == 0);
    CHECK(empty.peers_on_duty == 0);
    CHECK(empty.low_minutes == 5);
    CHECK(empty.high_minutes == 40);
    c.waiting = { { "w1", now, "" }, { "w2", now, "" }, { "w3", now, "" } };
    c.slots = { slot("a", "r1", now + hours(1)) };
    auto one_peer = estimate_wait(c, now, end);
    CHECK(one_peer.low_minutes == 60);
    CHECK(one_peer.high_minutes == 160);
    c.slots.push_back(slot("b", "r2", now + hours(2)));
    c.slots.push_back(slot("t", "r3", at(2026, 12, 1, 10))); // tomorrow: not on duty today
    auto two_peers = estimate_wait(c, now, end);
    CHECK(two_peers.peers_on_duty == 2);
    CHECK(two_peers.low_minutes == 30);
    CHECK(two_peers.high_minutes == 80);
    CHECK(two_peers.low_minutes < two_peers.high_minutes);
}

TEST_CASE("Ticket codes are a letter and a digit without look-alikes, stable for a UUID")
{
    auto code = ticket_code("2f1c8a0e-5b7d-4c1e-9a3f-0d2b4c6e8f10");
    REQUIRE(code.size() == 2);
    CHECK(std::string("ABCDEFGHJKLMNPQRSTUVWXYZ").find(code[0]) != std::string::npos);
    CHECK(std::string("23456789").find(code[1]) != std::string::npos);
    CHECK(code == ticket_code("2f1c8a0e-5b7d-4c1e-9a3f-0d2b4c6e8f10"));
}

TEST_CASE("Free times for anyone list each start once, and the nearest three skip the taken one")
{
    UtcSeconds t = at(2026, 11, 30, 14);
    ClinicContent c;
    c.slots = { slot("a1", "r1", t), slot("a2", "r2", t), slot("b", "r1", t + minutes(30)), slot("c", "r2", t + hours(1)),
        slot("d", "r1", t - minutes(30)), slot("e", "r1", t + hours(3)) };
    auto anyone = free_times(c, t, t + hours(2), "");
    REQUIRE(anyone.size() == 3);
    CHECK(anyone[0].id == "a1");
    auto r2 = free_times(c, t, t + hours(2), "r2");
    REQUIRE(r2.size() == 2);
    CHECK(r2[0].id == "a2");
    auto near = nearest_free(c, c.slots[0], 3);
    REQUIRE(near.size() == 3);
    CHECK(near[0].id == "a2"); // another peer free at the very same time comes first
    CHECK(near[1].id == "d");  // then 30 min before and 30 min after: the earlier first
    CHECK(near[2].id == "b");
}

TEST_CASE("Shown in the clinic's zone: the spring-forward day (8 March 2026, New York)")
{
    Zone ny("America/New_York");
    // 9:00 EST on the Saturday, 10:00 EDT on the Sunday: the same 14:00 UTC is an hour later.
    CHECK(clock_time(at(2026, 3, 7, 14)).hour12 == 9);
    CHECK(clock_time(at(2026, 3, 8, 14)).hour12 == 10);
    CHECK(clock_time(at(2026, 3, 8, 14)).am);
    // That day is 23 hours long: midnight to midnight.
    UtcSeconds day = local_midnight(at(2026, 3, 8, 14), 0);
    CHECK(day == at(2026, 3, 8, 5));
    CHECK(local_midnight(at(2026, 3, 8, 14), 1) - day == hours(23));
}

TEST_CASE("Shown in the clinic's zone: the fall-back day (1 November 2026, New York)")
{
    Zone ny("America/New_York");
    CHECK(clock_time(at(2026, 10, 31, 14)).hour12 == 10); // EDT
    CHECK(clock_time(at(2026, 11, 1, 14)).hour12 == 9);   // EST
    UtcSeconds day = local_midnight(at(2026, 11, 1, 14), 0);
    CHECK(day == at(2026, 11, 1, 4));
    CHECK(local_midnight(at(2026, 11, 1, 14), 1) - day == hours(25));
    // 1:30 comes twice; both are shown as 1:30 am and stay distinct instants.
    CHECK(clock_time(at(2026, 11, 1, 5, 30)).hour12 == 1);
    CHECK(clock_time(at(2026, 11, 1, 6, 30)).hour12 == 1);
}

TEST_CASE("The walk-in flow: estimate, name, what is sent, the request, the ticket, cancel")
{
    TimePoint now { Seconds { 100 } };
    AppState s = make_initial_state({}, {}, now);
    auto tap = [&](const Action& a) {
        now += Seconds { 1 };
        update(s, actions::Touch {}, now);
        update(s, a, now);
    };
    tap(actions::Start {});
    tap(actions::Open { ScreenId::BookPeer });
    tap(actions::ChooseWalkIn {});
    auto walk = [&]() -> screens::WalkIn& { return std::get<screens::WalkIn>(s.screen()); };
    CHECK(walk().step == screens::WalkIn::Step::Estimate);
    tap(actions::NextStep {});
    tap(type_key("A"));
    tap(type_key("l"));
    tap(actions::KeyboardDone {});
    CHECK(walk().step == screens::WalkIn::Step::Summary);
    tap(actions::ConfirmRequest { "" }); // no UUID: nothing happens
    CHECK(s.requests.empty());
    tap(actions::ConfirmRequest { "11111111-2222-4333-8444-555555555555" });
    REQUIRE(s.requests.size() == 1);
    CHECK(s.requests[0].kind == Request::Kind::WalkIn);
    CHECK(s.requests[0].name == "Al");
    s.requests.clear();
    update(s, actions::RequestAnswered { "11111111-2222-4333-8444-555555555555", actions::RequestAnswered::Outcome::Done }, now);
    CHECK(walk().step == screens::WalkIn::Step::Joined);
    CHECK(walk().ticket == ticket_code("11111111-2222-4333-8444-555555555555"));
    tap(actions::CancelWalkIn {});
    REQUIRE(s.requests.size() == 1);
    CHECK(s.requests[0].kind == Request::Kind::CancelWalkIn);
    CHECK(walk().step == screens::WalkIn::Step::Cancelled);
}

TEST_CASE("A walk-in the tablet could not queue: the person is told, even after the ticket showed")
{
    kiosk::test::ModelDriver f;
    f.tap(actions::Start {});
    f.tap(actions::Open { ScreenId::BookPeer });
    f.tap(actions::ChooseWalkIn {});
    f.tap(actions::NextStep {});
    f.tap(actions::KeyboardDone {});
    f.tap(actions::ConfirmRequest { "11111111-2222-4333-8444-555555555556" });
    auto walk = [&]() -> screens::WalkIn& { return std::get<screens::WalkIn>(f.state.screen()); };
    auto answer = [&](const char* uuid, actions::RequestAnswered::Outcome outcome) {
        update(f.state, actions::RequestAnswered { uuid, outcome }, f.clock.now());
    };
    answer("11111111-2222-4333-8444-555555555556", actions::RequestAnswered::Outcome::Done);
    REQUIRE(walk().step == screens::WalkIn::Step::Joined);
    // Another request's failure changes nothing here.
    answer("99999999-2222-4333-8444-555555555556", actions::RequestAnswered::Outcome::Failed);
    CHECK(walk().step == screens::WalkIn::Step::Joined);
    answer("11111111-2222-4333-8444-555555555556", actions::RequestAnswered::Outcome::Failed);
    CHECK(walk().step == screens::WalkIn::Step::NotKept);
}

TEST_CASE("The booking flow: taken offers the nearest times, no answer offers the walk-in list with the same name")
{
    TimePoint now { Seconds { 100 } };
    AppState s = make_initial_state({}, {}, now);
    UtcSeconds t = at(2026, 11, 30, 14);
    auto clinic = std::make_shared<ClinicContent>();
    clinic->slots = { slot("a", "r1", t), slot("b", "r1", t + minutes(30)), slot("c", "r1", t + hours(1)), slot("d", "r1", t + hours(2)) };
    s.clinic = clinic;
    auto tap = [&](const Action& a) {
        now += Seconds { 1 };
        update(s, actions::Touch {}, now);
        update(s, a, now);
    };
    auto book = [&]() -> screens::BookTime& { return std::get<screens::BookTime>(s.screen()); };
    tap(actions::Start {});
    tap(actions::Open { ScreenId::BookPeer });
    tap(actions::Open { ScreenId::BookTime });
    tap(actions::ChooseDay { at(2026, 11, 30, 0), at(2026, 12, 1, 0) });
    tap(actions::ChooseTime { clinic->slots[0] });
    tap(actions::ChoosePeer { "" });
    tap(type_key("B"));
    tap(actions::KeyboardDone {});
    tap(actions::ConfirmRequest { "u1" });
    update(s, actions::RequestAnswered { "u1", actions::RequestAnswered::Outcome::Taken }, now);
    REQUIRE(book().step == screens::BookTime::Step::Taken);
    REQUIRE(book().alternatives.size() == 3);
    CHECK(book().alternatives[0].id == "b");
    tap(actions::ChooseTime { book().alternatives[0] });
    CHECK(book().step == screens::BookTime::Step::Summary);
    CHECK(book().slot->id == "b");
    CHECK(book().name.view() == "B");
    s.requests.clear();
    tap(actions::ConfirmRequest { "u2" });
    update(s, actions::RequestAnswered { "u2", actions::RequestAnswered::Outcome::NoAnswer }, now);
    REQUIRE(book().step == screens::BookTime::Step::NoAnswer);
    tap(actions::JoinWalkInInstead {});
    auto& walk = std::get<screens::WalkIn>(s.screen());
    CHECK(walk.step == screens::WalkIn::Step::Summary);
    CHECK(walk.name.view() == "B");
}

TEST_CASE("A booking answered after 'The clinic did not answer' is told if the person is still there, and withdrawn by a walk-in chosen instead (issue 11, fault 5)")
{
    TimePoint now { Seconds { 100 } };
    UtcSeconds t = at(2026, 11, 30, 14);
    auto clinic = std::make_shared<ClinicContent>();
    clinic->slots = { slot("a", "r1", t), slot("b", "r1", t + minutes(30)) };
    auto booked_until_no_answer = [&](AppState& s, const std::string& uuid) {
        s.clinic = clinic;
        auto tap = [&](const Action& a) {
            now += Seconds { 1 };
            update(s, actions::Touch {}, now);
            update(s, a, now);
        };
        tap(actions::Start {});
        tap(actions::Open { ScreenId::BookPeer });
        tap(actions::Open { ScreenId::BookTime });
        tap(actions::ChooseDay { at(2026, 11, 30, 0), at(2026, 12, 1, 0) });
        tap(actions::ChooseTime { clinic->slots[0] });
        tap(actions::ChoosePeer { "" });
        tap(actions::KeyboardDone {});
        tap(actions::ConfirmRequest { uuid });
        update(s, actions::RequestAnswered { uuid, actions::RequestAnswered::Outcome::NoAnswer }, now);
        REQUIRE(std::get<screens::BookTime>(s.screen()).step == screens::BookTime::Step::NoAnswer);
        return tap;
    };
    SECTION("still on the booking screen: the late answer says booked")
    {
        AppState s = make_initial_state({}, {}, now);
        booked_until_no_answer(s, "late-1");
        update(s, actions::RequestAnswered { "late-1", actions::RequestAnswered::Outcome::Done }, now);
        CHECK(std::get<screens::BookTime>(s.screen()).step == screens::BookTime::Step::Booked);
    }
    SECTION("a late 'taken' changes nothing: the screen already says not booked")
    {
        AppState s = make_initial_state({}, {}, now);
        booked_until_no_answer(s, "late-2");
        update(s, actions::RequestAnswered { "late-2", actions::RequestAnswered::Outcome::Taken }, now);
        CHECK(std::get<screens::BookTime>(s.screen()).step == screens::BookTime::Step::NoAnswer);
    }
    SECTION("the walk-in list chosen instead: the walk-in request names the booking it replaces")
    {
        AppState s = make_initial_state({}, {}, now);
        auto tap = booked_until_no_answer(s, "late-3");
        s.requests.clear();
        tap(actions::JoinWalkInInstead {});
        tap(actions::ConfirmRequest { "walk-3" });
        REQUIRE(s.requests.size() == 1);
        CHECK(s.requests[0].kind == Request::Kind::WalkIn);
        CHECK(s.requests[0].replaces == "late-3");
        // A late answer for the booking after that is not shown anywhere: the person is on the list.
        update(s, actions::RequestAnswered { "late-3", actions::RequestAnswered::Outcome::Done }, now);
        CHECK(std::holds_alternative<screens::WalkIn>(s.screen()));
    }
    SECTION("a walk-in chosen directly replaces nothing")
    {
        AppState s = make_initial_state({}, {}, now);
        s.clinic = clinic;
        auto tap = [&](const Action& a) {
            now += Seconds { 1 };
            update(s, actions::Touch {}, now);
            update(s, a, now);
        };
        tap(actions::Start {});
        tap(actions::Open { ScreenId::BookPeer });
        tap(actions::Open { ScreenId::WalkIn });
        tap(actions::NextStep {});
        tap(actions::SkipName {});
        tap(actions::ConfirmRequest { "walk-4" });
        REQUIRE(s.requests.size() == 1);
        CHECK(s.requests[0].replaces.empty());
    }
}
