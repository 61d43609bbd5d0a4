// Fuzz target: the outbox payload round trip. A payload the kiosk builds (walk-in, booking,
// progress record, queue change) from what a person or staff chose, or any bytes as a row an
// older or damaged store could hold, goes into the real SQLCipher outbox and comes back: the same
// bytes, read by the same depth-limited parse send_item uses, the person's chosen name (or the
// placeholder) exactly where the server will read it, and parse → dump → parse the same value.
#include "app/keyboard_layout.h"
#include "app/secure_text.h"
#include "round_trip.h"
#include "store/outbox.h"
#include "sync/protocol.h"

#include <cstdlib>
#include <filesystem>
#include <fuzzer/FuzzedDataProvider.h>
#include <unistd.h>

namespace {

kiosk::store::Database& database()
{
    static kiosk::store::Database db = [] {
        // In memory when the machine has /dev/shm: the store's fsyncs would otherwise set the pace.
        auto base = std::filesystem::is_directory("/dev/shm") ? std::filesystem::path("/dev/shm") : std::filesystem::temp_directory_path();
        auto dir = base / ("kiosk-fuzz-outbox-" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir);
        static const std::filesystem::path remove_at_exit = dir;
        std::atexit([] { std::filesystem::remove_all(remove_at_exit); });
        auto opened = kiosk::store::Database::open(dir / "kiosk.db", kiosk::store::Key::random());
        if (!opened)
            fuzz::fail("the outbox store cannot be opened");
        return std::move(*opened);
    }();
    return db;
}

// What a person can type: keys of the real on-screen keyboards (English and Spanish), with or
// without Shift, appended whole into a SecureText of the screen's capacity, as on the name steps.
std::string typed_text(FuzzedDataProvider& in, std::size_t capacity)
{
    static const std::vector<std::string> keys = [] {
        std::vector<std::string> out { " " };
        for (const char* language : { "en", "es" }) {
            auto layout = kiosk::load_keyboard_layout(std::string(KIOSK_ASSETS_DIR) + "/keyboards/" + language + ".json");
            if (!layout)
                fuzz::fail("the real keyboard layouts do not load");
            for (auto& row : layout->rows)
                for (auto& key : row) {
                    out.push_back(key);
                    out.push_back(kiosk::upper_case_key(key));
                }
        }
        return out;
    }();
    kiosk::SecureText text { capacity };
    for (int n = in.ConsumeIntegralInRange(0, 48); n > 0 && in.remaining_bytes() > 0; --n)
        (void)text.append(keys[in.ConsumeIntegralInRange<std::size_t>(0, keys.size() - 1)]);
    return std::string(text.view());
}

// What a server sent or a content file held and the kiosk kept (slot and appointment ids, lesson
// ids): text nlohmann-json parsed, so strictly valid UTF-8. Fuzzed bytes that are not become
// U+FFFD. (An earlier, laxer filter here let 0xF5.. bytes through, and the payload builders'
// dump() threw type_error 316: a harness bug, since no such text reaches them in the kiosk —
// corpus/outbox/regression-invalid-utf8-lesson-id.)
std::string server_text(FuzzedDataProvider& in, std::size_t max)
{
    std::string bytes = in.ConsumeRandomLengthString(max);
    std::string quoted = nlohmann::json(bytes).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return nlohmann::json::parse(quoted).get<std::string>();
}

std::string display_of(const nlohmann::json& appointment)
{
    return appointment.at("participant").at(0).at("actor").at("display").get<std::string>();
}

}

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size)
{
    using namespace kiosk;
    FuzzedDataProvider in(data, size);
    char uuid[40];
    std::snprintf(uuid, sizeof uuid, "6b1f0000-0000-4000-8000-%012llx", static_cast<unsigned long long>(in.ConsumeIntegral<std::uint32_t>()));
    auto now = UtcSeconds { std::chrono::seconds { in.ConsumeIntegralInRange<std::int64_t>(0, 7258118400) } };
    int kind = in.ConsumeIntegralInRange(0, 4);
    std::string name = typed_text(in, kind == 2 ? 24 : 40); // a patient reference, or a name

    store::OutboxItem item;
    item.uuid = uuid;
    std::string expected_display;
    switch (kind) {
    case 0:
        item.kind = store::OutboxKind::WalkIn;
        item.payload = sync::walk_in_payload(uuid, name, now);
        expected_display = name.empty() ? "Walk-in" : name;
        break;
    case 1: {
        item.kind = store::OutboxKind::Booking;
        FreeSlot slot { server_text(in, 64), "1", server_text(in, 64), now, now + std::chrono::minutes(30) };
        item.payload = sync::booking_payload(uuid, slot, name, now);
        expected_display = name.empty() ? "Kiosk booking" : name;
        break;
    }
    case 2: {
        item.kind = store::OutboxKind::Task;
        std::vector<LessonRecord> lessons(in.ConsumeIntegralInRange(0, 15));
        for (auto& lesson : lessons) {
            lesson.lesson_id = server_text(in, 40);
            lesson.steps.assign(in.ConsumeIntegralInRange(0, 8), LessonRecord::Mark::Done);
            lesson.time = Millis { in.ConsumeIntegralInRange<std::int64_t>(0, 86400000) };
            lesson.finished = in.ConsumeBool();
        }
        item.payload = sync::task_payload(uuid, name, lessons, in.ConsumeIntegralInRange<std::int64_t>(0, 1440), now);
        break;
    }
    case 3:
        item.kind = store::OutboxKind::QueueChange;
        item.payload = sync::queue_change_payload(server_text(in, 64), in.ConsumeBool() ? "fulfilled" : "noshow");
        break;
    default:
        item.kind = store::OutboxKind::WalkIn;
        item.payload = in.ConsumeRemainingBytesAsString(); // a row as a damaged store might hold it
        break;
    }

    store::Outbox outbox(database());
    if (!outbox.add(item))
        fuzz::fail("the outbox refused an item");
    auto all = outbox.all();
    if (!all || all->size() != 1 || all->front().payload != item.payload || all->front().kind != item.kind)
        fuzz::fail("the outbox did not give back the same item");
    if (!outbox.acknowledge(item.uuid))
        fuzz::fail("the outbox could not delete an item");

    nlohmann::json payload = parse_json_or_discarded(all->front().payload); // as send_item reads it
    if (kind == 4) {
        if (!payload.is_discarded())
            fuzz::check_round_trip(payload);
        return 0;
    }
    if (!payload.is_object())
        fuzz::fail("a payload the kiosk built does not parse back as an object");
    fuzz::check_round_trip(payload);
    if (kind <= 1 && display_of(payload.at("appointment")) != expected_display)
        fuzz::fail("the name in a payload is not the one chosen");
    if (kind == 2 && !name.empty() && payload.at("task").at("for").at("identifier").at("value").get<std::string>() != name)
        fuzz::fail("the reference in a progress record is not the one typed");
    return 0;
}
