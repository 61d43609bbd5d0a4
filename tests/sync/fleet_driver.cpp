// The fleet test's kiosk (issue 11): one process, one real SyncWorker with its own encrypted
// store, booking against the shared test peer as a tablet in a clinic would.
//   fleet_driver setup PEERDIR SLOTFILE                 peer reset; the 20 slots to fight over
//   fleet_driver kiosk PEERDIR SLOTFILE DB KEYFILE K ATTEMPTS WALKINS
//        ATTEMPTS bookings (each with a typed name) on those slots, WALKINS walk-ins (named), then
//        waits for an empty outbox and checks that no name is left in the decrypted store.
//        Prints: "kiosk K attempts A booked B taken T noanswer N failed F walkins W"
//   fleet_driver fault PEERDIR MATCH KIND COUNT         arm a fault on the peer
//   fleet_driver verify PEERDIR SLOTFILE KIOSKS WALKINS exactly one booked Appointment per slot,
//        each slot busy and carrying that Appointment's identifier; every walk-in exactly once
#include "sync/fhir_client.h"
#include "sync/worker.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <set>
#include <thread>

using namespace kiosk;
using namespace kiosk::sync;
using Json = nlohmann::json;

namespace {

std::string peer_dir;

std::string line(const std::string& file)
{
    std::ifstream in(peer_dir + "/" + file);
    std::string s;
    std::getline(in, s);
    return s;
}

// The clinic CA and pin of the peer; the client certificate and key in `device_dir` (the peer's
// own test device unless given: a fleet kiosk has its own, as each tablet of a clinic does).
TlsSettings tls(const std::string& device_dir = {})
{
    std::string dir = device_dir.empty() ? peer_dir + "/device" : device_dir;
    return { peer_dir + "/ca/ca.pem", dir + "/device.pem", dir + "/device.key", { line("pin.txt") } };
}
std::string origin() { return "https://127.0.0.1:" + line("port"); }
std::string base() { return origin() + "/fhir/R4"; }
UtcSeconds now() { return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()); }

std::string uuid(int kiosk, int kind, int i)
{
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "f1ee%04d-0000-4000-8%03d-%012d", kiosk, kind, i);
    return buffer;
}

std::string name(int kiosk, int i) { return "Fleetname K" + std::to_string(kiosk) + "x" + std::to_string(i); }

int fail(const std::string& why)
{
    std::fprintf(stderr, "fleet_driver: %s\n", why.c_str());
    return 1;
}

std::vector<std::string> read_lines(const std::string& file)
{
    std::ifstream in(file);
    std::vector<std::string> out;
    for (std::string s; std::getline(in, s);)
        if (!s.empty())
            out.push_back(s);
    return out;
}

}

int main(int argc, char** argv)
{
    if (argc < 3)
        return fail("usage: see the source");
    std::string mode = argv[1];
    peer_dir = argv[2];
    auto http = HttpClient::create(tls(), {});
    if (!http)
        return fail(http.error().message);
    FhirClient fhir(**http, base());

    if (mode == "fault" && argc == 6) {
        Json body { { "match", argv[3] }, { "kind", argv[4] }, { "count", std::atoi(argv[5]) } };
        auto r = (*http)->send({ Method::Post, origin() + "/__test/fault", {}, body.dump(), std::nullopt });
        return r && r->status == 200 ? 0 : fail("arming a fault failed");
    }
    if (mode == "setup" && argc == 4) {
        auto r = (*http)->send({ Method::Post, origin() + "/__test/reset", {}, "{}", std::nullopt });
        if (!r || r->status != 200)
            return fail("reset failed");
        ParseCounts counts;
        auto slots = fhir.search("Slot", "status=free&start=ge" + format_instant(now() + std::chrono::hours(1)) + "&_sort=start&_count=20", counts, 1);
        if (!slots || slots->size() < 20)
            return fail("fewer than 20 free slots on the peer");
        std::ofstream out(argv[3]);
        for (auto& s : *slots)
            out << s.value("id", "") << "\n";
        return 0;
    }
    if (mode == "verify" && argc == 6) {
        auto slot_ids = read_lines(argv[3]);
        int kiosks = std::atoi(argv[4]), walkins = std::atoi(argv[5]);
        int wrong = 0, booked = 0;
        for (auto& id : slot_ids) {
            ParseCounts counts;
            // Faults armed during the run may still be waiting for a request: try a few times.
            auto appointments = fhir.search("Appointment", "slot=Slot/" + id + "&status=booked", counts);
            for (int again = 0; again < 10 && !appointments; ++again)
                appointments = fhir.search("Appointment", "slot=Slot/" + id + "&status=booked", counts);
            auto slot = fhir.read("Slot", id);
            for (int again = 0; again < 10 && !slot; ++again)
                slot = fhir.read("Slot", id);
            if (!appointments || !slot)
                return fail("verify: the peer did not answer");
            booked += static_cast<int>(appointments->size());
            bool consistent = appointments->size() == 1 && slot->json.value("status", "") == "busy";
            if (consistent) {
                // The slot carries the identifier of the one Appointment that booked it.
                std::string mine = (*appointments)[0]["identifier"][0].value("value", "");
                consistent = slot->json.dump().find(mine) != std::string::npos;
            }
            if (!consistent) {
                std::fprintf(stderr, "slot %s: %zu booked appointments, status %s\n", id.c_str(), appointments->size(),
                    slot->json.value("status", "?").c_str());
                ++wrong;
            }
        }
        int walkins_wrong = 0;
        for (int k = 0; k < kiosks; ++k)
            for (int i = 0; i < walkins; ++i) {
                ParseCounts counts;
                std::string query = std::string("identifier=") + request_identifier_system + "%7C" + uuid(k, 2, i);
                auto found = fhir.search("Appointment", query, counts);
                for (int again = 0; again < 10 && !found; ++again)
                    found = fhir.search("Appointment", query, counts);
                if (!found)
                    return fail("verify: the peer did not answer");
                if (found->size() != 1) {
                    std::fprintf(stderr, "walk-in %s is on the server %zu times\n", uuid(k, 2, i).c_str(), found->size());
                    ++walkins_wrong;
                }
            }
        std::printf("verify: %d booked appointments on %zu slots (%d inconsistent), %d walk-ins (%d not exactly once)\n", booked,
            slot_ids.size(), wrong, kiosks * walkins, walkins_wrong);
        return wrong == 0 && walkins_wrong == 0 && booked == static_cast<int>(slot_ids.size()) ? 0 : 1;
    }
    if (mode == "kiosk" && (argc == 9 || argc == 10)) {
        auto slot_ids = read_lines(argv[3]);
        auto key = store::Key::from_file(argv[5]);
        if (!key)
            return fail(key.error().message);
        int k = std::atoi(argv[6]), attempts = std::atoi(argv[7]), walkins = std::atoi(argv[8]);
        SyncSettings settings;
        settings.base_url = base();
        settings.tls = tls(argc == 10 ? argv[9] : "");
        settings.refresh_every = Seconds { 2 };
        settings.backoff.initial = Millis { 100 };
        settings.backoff.maximum = Millis { 1000 };
        settings.database = argv[4];
        settings.key = *key;
        std::mt19937 random(static_cast<unsigned>(k * 7919 + 1));
        int booked = 0, taken = 0, noanswer = 0, failed = 0;
        std::set<std::string> free_now(slot_ids.begin(), slot_ids.end());
        std::map<std::string, FreeSlot> known;
        {
            auto worker = SyncWorker::start(settings, nullptr);
            if (!worker)
                return fail(worker.error().message);
            auto take_events = [&](std::optional<std::string> waiting_for) -> std::optional<SendResult> {
                for (auto& event : (*worker)->drain()) {
                    if (auto* c = std::get_if<events::ContentLoaded>(&event)) {
                        std::set<std::string> listed;
                        for (auto& s : c->content->slots) {
                            listed.insert(s.id);
                            known[s.id] = s;
                        }
                        for (auto it = free_now.begin(); it != free_now.end();)
                            it = listed.count(*it) ? std::next(it) : free_now.erase(it);
                    } else if (auto* sent = std::get_if<events::Sent>(&event); sent && waiting_for && sent->uuid == *waiting_for) {
                        return sent->result;
                    }
                }
                return std::nullopt;
            };
            auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
            while (known.empty() && std::chrono::steady_clock::now() < deadline) {
                take_events(std::nullopt);
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            }
            if (known.empty())
                return fail("kiosk " + std::to_string(k) + ": no content from the peer");
            for (int i = 0; i < attempts; ++i) {
                // The person picks a time the screen shows free (or, once none is, any of the 20).
                std::vector<std::string> choices;
                for (auto& id : free_now)
                    if (known.count(id))
                        choices.push_back(id);
                if (choices.empty())
                    for (auto& id : slot_ids)
                        if (known.count(id))
                            choices.push_back(id);
                if (choices.empty())
                    return fail("none of the 20 slots is known to kiosk " + std::to_string(k));
                const FreeSlot& slot = known[choices[random() % choices.size()]];
                store::OutboxItem item;
                item.uuid = uuid(k, 1, i);
                item.kind = kiosk::store::OutboxKind::Booking;
                item.payload = booking_payload(item.uuid, slot, name(k, i), now());
                (*worker)->send_now(item, Millis { 5000 });
                std::optional<SendResult> answer;
                auto until = std::chrono::steady_clock::now() + std::chrono::seconds(30);
                while (!answer && std::chrono::steady_clock::now() < until) {
                    answer = take_events(item.uuid);
                    if (!answer)
                        std::this_thread::sleep_for(std::chrono::milliseconds(5));
                }
                if (!answer)
                    return fail("no answer to a booking in 30 s");
                if (answer->outcome == SendOutcome::Sent)
                    ++booked;
                else if (answer->slot_taken)
                    ++taken;
                else if (answer->outcome == SendOutcome::Retry)
                    ++noanswer; // stays in the outbox, sent (or answered "taken") in the background
                else
                    ++failed;
                free_now.erase(slot.id);
                if (i < walkins) {
                    store::OutboxItem w;
                    w.uuid = uuid(k, 2, i);
                    w.kind = kiosk::store::OutboxKind::WalkIn;
                    w.payload = walk_in_payload(w.uuid, name(k, 1000 + i), now());
                    (*worker)->submit(w);
                }
            }
            // Everything queued is sent or answered: the outbox empties.
            bool empty = false;
            auto until = std::chrono::steady_clock::now() + std::chrono::seconds(60);
            while (!empty && std::chrono::steady_clock::now() < until) {
                for (auto& event : (*worker)->drain())
                    if (auto* s = std::get_if<events::StatusChanged>(&event))
                        empty = s->status.outbox.pending == 0 && s->status.outbox.rejected == 0;
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            }
            if (!empty)
                return fail("kiosk " + std::to_string(k) + ": the outbox did not empty in 60 s");
        }
        // No name in the decrypted store: not in the outbox, not in the cache.
        auto db = store::Database::open(argv[4], *key);
        if (!db)
            return fail(db.error().message);
        std::string everything;
        if (auto rows = store::Outbox(*db).all())
            for (auto& row : *rows)
                everything += row.payload + row.last_error;
        for (const char* type : { "Appointment", "Slot" })
            if (auto rows = store::Cache(*db).all(type))
                for (auto& row : *rows)
                    everything += row.json;
        if (everything.find("Fleetname") != std::string::npos)
            return fail("kiosk " + std::to_string(k) + ": a typed name is left in the store");
        std::printf("kiosk %d attempts %d booked %d taken %d noanswer %d failed %d walkins %d\n", k, attempts, booked, taken, noanswer,
            failed, std::min(walkins, attempts));
        return 0;
    }
    return fail("unknown mode or wrong arguments: " + mode);
}
