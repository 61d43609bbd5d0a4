// A small program around the real sync worker, for the crash test (kill_during_sends.sh):
//   outbox_driver reset PEERDIR                   the peer back to its demo clinic
//   outbox_driver enqueue DB KEYFILE PEERDIR N    queue N items (walk-ins, and one booking in five)
//   outbox_driver send DB KEYFILE PEERDIR         run the worker until the outbox is empty
//   outbox_driver verify PEERDIR N                each queued item is on the server exactly once
#include "sync/fhir_client.h"
#include "sync/worker.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <thread>

using namespace kiosk;
using namespace kiosk::sync;

namespace {

std::string peer_dir;

std::string line(const std::string& file)
{
    std::ifstream in(peer_dir + "/" + file);
    std::string s;
    std::getline(in, s);
    return s;
}

TlsSettings tls() { return { peer_dir + "/ca/ca.pem", peer_dir + "/device/device.pem", peer_dir + "/device/device.key", { line("pin.txt") } }; }
std::string base() { return "https://127.0.0.1:" + line("port") + "/fhir/R4"; }

std::string uuid(int i)
{
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "c0ffee00-0000-4000-8000-%012d", i);
    return buffer;
}

UtcSeconds now() { return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()); }

int fail(const std::string& why)
{
    std::fprintf(stderr, "outbox_driver: %s\n", why.c_str());
    return 1;
}

}

int main(int argc, char** argv)
{
    if (argc < 3)
        return fail("usage: see the source");
    std::string mode = argv[1];
    if (mode == "reset" || mode == "verify")
        peer_dir = argv[2];
    else if (argc >= 5)
        peer_dir = argv[4];
    auto http = HttpClient::create(tls(), {});
    if (!http)
        return fail(http.error().message);
    FhirClient fhir(**http, base());

    if (mode == "reset") {
        auto r = (*http)->send({ Method::Post, "https://127.0.0.1:" + line("port") + "/__test/reset", {}, "{}", std::nullopt });
        return r && r->status == 200 ? 0 : fail("reset failed");
    }
    if (mode == "verify") {
        int n = std::atoi(argv[3]);
        int wrong = 0;
        for (int i = 0; i < n; ++i) {
            ParseCounts counts;
            auto found = fhir.search("Appointment", std::string("identifier=") + request_identifier_system + "%7C" + uuid(i), counts);
            if (!found)
                return fail(found.error().message);
            if (found->size() != 1) {
                std::fprintf(stderr, "item %d (%s) is on the server %zu times\n", i, uuid(i).c_str(), found->size());
                ++wrong;
            }
        }
        std::printf("%d items, %d not exactly once\n", n, wrong);
        return wrong == 0 ? 0 : 1;
    }

    auto key = store::Key::from_file(argv[3]);
    if (!key)
        return fail(key.error().message);
    if (mode == "enqueue") {
        int n = std::atoi(argv[5]);
        auto db = store::Database::open(argv[2], *key);
        if (!db)
            return fail(db.error().message);
        ParseCounts counts;
        auto slots = fhir.search("Slot", "status=free&_count=" + std::to_string(n), counts, 1);
        if (!slots)
            return fail(slots.error().message);
        store::Outbox outbox(*db);
        std::size_t next_slot = 0;
        for (int i = 0; i < n; ++i) {
            store::OutboxItem item;
            item.uuid = uuid(i);
            item.created_at = wall_ms() + i;
            std::optional<FreeSlot> slot;
            if (i % 5 == 4 && next_slot < slots->size())
                slot = parse_slot((*slots)[next_slot++], "");
            if (slot) {
                item.kind = kiosk::store::OutboxKind::Booking;
                item.payload = booking_payload(item.uuid, *slot, "", now());
            } else {
                item.kind = kiosk::store::OutboxKind::WalkIn;
                item.payload = walk_in_payload(item.uuid, "", now());
            }
            if (!outbox.add(item))
                return fail("cannot queue");
        }
        return 0;
    }
    if (mode == "send") {
        SyncSettings settings;
        settings.base_url = base();
        settings.tls = tls();
        settings.backoff.initial = Millis { 100 };
        settings.backoff.maximum = Millis { 500 };
        settings.refresh_every = Seconds { 3600 };
        settings.database = argv[2];
        settings.key = *key;
        auto worker = SyncWorker::start(settings, nullptr);
        if (!worker)
            return fail(worker.error().message);
        auto end = std::chrono::steady_clock::now() + std::chrono::seconds(120);
        while (std::chrono::steady_clock::now() < end) {
            for (auto& event : (*worker)->drain())
                if (auto* s = std::get_if<events::StatusChanged>(&event); s && s->status.outbox.pending == 0) {
                    if (s->status.outbox.rejected != 0)
                        return fail(std::to_string(s->status.outbox.rejected) + " items rejected: " + s->status.rejected.front());
                    return 0;
                }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        return fail("the outbox did not empty in 120 s");
    }
    return fail("unknown mode " + mode);
}
