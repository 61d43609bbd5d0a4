// sync_bench: what a pull of a large clinic costs the kiosk. Starts its own test peer
// (tests/peer/start-peer.sh TMPDIR --fixtures large: 5,000 free slots in the coming week, 500
// directory entries), talks mutual TLS to it through the real SyncWorker, prints figures against
// the targets, and stops the peer. Run by hand (not a ctest test):
//   sync_bench [RUNS]        RUNS full pulls into fresh stores (default 3; medians are printed)
//
// (a) full pull: SyncWorker::start on an empty encrypted store → first ContentLoaded from the
//     server; entries in it; the process's peak RSS (getrusage ru_maxrss, cumulative).
// (b) unchanged pull: refresh_now() on the same worker and store → its ContentLoaded; then a
//     second worker on that store (the kiosk restarted): cached content, then the pull.
// (c) the UI thread: drain() called every 1 ms while the pulls above run; its time, and the time
//     to take the ContentLoaded in (move the content in, free the old one), max and p99.
// (d) where a full pull's time goes: the worker's steps done here one by one with timers.
// (e) what an incremental pull of nothing would cost: each step with _lastUpdated=gt<cursor>.
// Server times come from the peer's request log (peer.log), and are part of the HTTP figures.
#include "store/outbox.h"
#include "sync/fhir_client.h"
#include "sync/fhir_parse.h"
#include "sync/worker.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <sys/resource.h>
#include <thread>
#include <vector>

#ifndef KIOSK_PEER_SCRIPTS
#error "KIOSK_PEER_SCRIPTS must name the tests/peer directory"
#endif

using namespace kiosk;
using namespace kiosk::sync;
namespace fs = std::filesystem;
using Json = nlohmann::json;
using Steady = std::chrono::steady_clock;

namespace {

constexpr double full_pull_target_ms = 2000;
constexpr double unchanged_pull_target_ms = 100;
constexpr double frame_budget_ms = 16;

double ms_between(Steady::time_point from, Steady::time_point to) { return std::chrono::duration<double, std::milli>(to - from).count(); }
double ms_since(Steady::time_point from) { return ms_between(from, Steady::now()); }

double median(std::vector<double> v)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    std::size_t mid = v.size() / 2;
    return v.size() % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(v.size())));
    return v[std::clamp<std::size_t>(rank, 1, v.size()) - 1];
}

double peak_rss_mb()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0; // Linux: kilobytes
}

std::string quoted(const std::string& s)
{
    std::string out = "'";
    for (char c : s)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

UtcSeconds wall_now() { return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()); }

const char* verdict(bool met) { return met ? "met" : "MISSED"; }

struct TempDir {
    fs::path path;
    TempDir()
    {
        char pattern[] = "/tmp/sync-bench-XXXXXX";
        if (const char* made = ::mkdtemp(pattern))
            path = made;
    }
    ~TempDir()
    {
        std::error_code ignored;
        if (!path.empty())
            fs::remove_all(path, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
};

struct ServerTime {
    double ms { 0 };
    int requests { 0 };
};

// The peer this program started, stopped again when it goes out of scope.
class PeerProcess {
public:
    explicit PeerProcess(fs::path dir) : m_dir(std::move(dir)) { }
    ~PeerProcess()
    {
        if (m_started && std::system(script("stop-peer.sh").c_str()) != 0)
            std::fprintf(stderr, "sync_bench: stop-peer.sh failed for %s\n", m_dir.c_str());
    }
    PeerProcess(const PeerProcess&) = delete;
    PeerProcess& operator=(const PeerProcess&) = delete;

    bool start()
    {
        m_started = std::system((script("start-peer.sh") + " --fixtures large").c_str()) == 0;
        return m_started;
    }
    std::string line(const std::string& file) const
    {
        std::ifstream in(m_dir / file);
        std::string s;
        std::getline(in, s);
        return s;
    }
    std::string base() const { return "https://127.0.0.1:" + line("port") + "/fhir/R4"; }
    // Turns the peer's _lastUpdated index on or off (POST /__test/index).
    bool set_index(bool on) const
    {
        auto http = HttpClient::create(tls(), {});
        if (!http)
            return false;
        auto answer = (*http)->send({ Method::Post, "https://127.0.0.1:" + line("port") + "/__test/index", { { "Content-Type", "application/json" } },
            std::string("{\"lastUpdated\":") + (on ? "true" : "false") + "}", std::nullopt });
        return answer && answer->status == 200;
    }
    TlsSettings tls() const
    {
        return { (m_dir / "ca/ca.pem").string(), (m_dir / "device/device.pem").string(), (m_dir / "device/device.key").string(), { line("pin.txt") } };
    }
    std::uintmax_t log_size() const
    {
        std::error_code ec;
        auto size = fs::file_size(m_dir / "peer.log", ec);
        return ec ? 0 : size;
    }
    // The server's own time for the FHIR requests it logged after byte `from` of peer.log
    // (lines "<time> GET /fhir/R4/... 200 12ms").
    ServerTime server_time_since(std::uintmax_t from) const
    {
        std::ifstream in(m_dir / "peer.log");
        in.seekg(static_cast<std::streamoff>(from));
        ServerTime out;
        std::string s;
        while (std::getline(in, s)) {
            auto space = s.rfind(' ');
            if (s.find(" /fhir/R4/") == std::string::npos || space == std::string::npos || s.size() < space + 4 || s.compare(s.size() - 2, 2, "ms") != 0)
                continue;
            out.ms += std::atof(s.c_str() + space + 1);
            ++out.requests;
        }
        return out;
    }
    std::string log_line_containing(const std::string& text) const
    {
        std::ifstream in(m_dir / "peer.log");
        std::string s;
        while (std::getline(in, s))
            if (s.find(text) != std::string::npos)
                return s;
        return {};
    }

private:
    std::string script(const char* name) const { return "bash " + quoted(std::string(KIOSK_PEER_SCRIPTS) + "/" + name) + " " + quoted(m_dir.string()); }
    fs::path m_dir;
    bool m_started { false };
};

SyncSettings settings(const PeerProcess& peer, const fs::path& db, const store::Key& key)
{
    SyncSettings s;
    s.base_url = peer.base();
    s.tls = peer.tls();
    s.database = db;
    s.key = key;
    return s; // the kiosk's defaults otherwise: 10 s per request, a pull every 300 s
}

// What the UI thread saw while pumping events.
struct FrameStats {
    std::vector<double> drain_ms;    // the drain() call itself
    std::vector<double> consume_ms;  // taking the events in: the new content moved in, the old freed
    std::vector<double> content_ms;  // the same, for the calls that brought a ContentLoaded
};

struct Loaded {
    double at_ms { 0 };              // since the pump's start point, at 1 ms resolution
    std::size_t slots { 0 }, directory { 0 }, peers { 0 }, waiting { 0 };
    int skipped { 0 };
};

// Calls drain() every millisecond (a UI thread does once a frame) until a ContentLoaded with
// from_cache == `want_cache` arrives, as the UI would: the content replaces what is shown.
std::optional<Loaded> pump(SyncWorker& worker, bool want_cache, Steady::time_point start, FrameStats& stats, ClinicContent& shown,
    std::optional<std::int64_t> done_after_wall_ms,
    std::chrono::seconds limit = std::chrono::seconds(60))
{
    auto tick = Steady::now();
    while (Steady::now() - start < limit) {
        tick += std::chrono::milliseconds(1);
        std::this_thread::sleep_until(tick);
        auto before = Steady::now();
        std::vector<SyncEvent> events = worker.drain();
        auto drained = Steady::now();
        std::optional<Loaded> found;
        std::string error;
        bool content = false;
        for (auto& event : events) {
            if (auto* loaded = std::get_if<events::ContentLoaded>(&event)) {
                if (loaded->from_cache == want_cache && !found)
                    found = Loaded { ms_between(start, drained), loaded->content->slots.size(), loaded->content->directory.size(),
                        loaded->content->peers.size(), loaded->content->waiting.size(), loaded->content->skipped };
                shown = *loaded->content;
                content = true;
            } else if (auto* status = std::get_if<events::StatusChanged>(&event)) {
                error = status->status.last_error;
                // An unchanged pull posts no content: it is done when the status says it succeeded.
                if (done_after_wall_ms && !found && error.empty() && status->status.last_success_ms
                    && *status->status.last_success_ms >= *done_after_wall_ms)
                    found = Loaded { ms_between(start, drained), shown.slots.size(), shown.directory.size(), shown.peers.size(),
                        shown.waiting.size(), shown.skipped };
            }
        }
        events.clear();
        stats.drain_ms.push_back(ms_between(before, drained));
        stats.consume_ms.push_back(ms_since(drained));
        if (content)
            stats.content_ms.push_back(stats.consume_ms.back());
        if (found)
            return found;
        if (!error.empty()) {
            std::fprintf(stderr, "sync_bench: the worker reports: %s\n", error.c_str());
            return std::nullopt;
        }
    }
    std::fprintf(stderr, "sync_bench: no ContentLoaded (from_cache=%d) within %lld s\n", want_cache, static_cast<long long>(limit.count()));
    return std::nullopt;
}

// (d): the worker's pull, step by step, on this thread.
bool breakdown(const PeerProcess& peer, const fs::path& db_file)
{
    UtcSeconds now = wall_now();
    auto log_from = peer.log_size();
    auto t = Steady::now();
    auto total = t;
    auto http = HttpClient::create(peer.tls(), {});
    if (!http) {
        std::fprintf(stderr, "sync_bench: %s\n", http.error().message.c_str());
        return false;
    }
    double setup_ms = ms_since(t), http_ms = 0, parse_ms = 0, rows_ms = 0;
    std::size_t bytes = 0, resources = 0;
    int requests = 0;
    std::vector<std::pair<std::string, std::vector<store::CachedResource>>> pulled;
    for (auto& step : sync::pull_steps(now)) {
        std::string url = peer.base() + "/" + step.type + "?" + step.query;
        std::vector<store::CachedResource> rows;
        while (!url.empty()) {
            t = Steady::now();
            auto response = (*http)->send({ Method::Get, url, {}, {}, std::nullopt });
            http_ms += ms_since(t);
            if (!response || response->status != 200) {
                std::fprintf(stderr, "sync_bench: %s failed\n", url.c_str());
                return false;
            }
            bytes += response->body.size();
            ++requests;
            t = Steady::now();
            auto bundle = Json::parse(response->body, nullptr, false);
            ParseCounts counts;
            auto found = bundle_resources(bundle, step.type, counts);
            auto next = next_link(bundle);
            parse_ms += ms_since(t);
            t = Steady::now();
            for (auto& resource : found) {
                std::string version;
                if (auto meta = resource.find("meta"); meta != resource.end())
                    version = text_field(*meta, "versionId", 64).value_or("");
                rows.push_back({ step.type, text_field(resource, "id", 64).value_or(""), version, resource.dump() });
            }
            rows_ms += ms_since(t);
            resources += found.size();
            url = next.value_or("");
        }
        pulled.emplace_back(step.type, std::move(rows));
    }
    t = Steady::now();
    auto db = store::Database::open(db_file, store::Key::random());
    if (!db) {
        std::fprintf(stderr, "sync_bench: %s\n", db.error().message.c_str());
        return false;
    }
    double open_ms = ms_since(t);
    store::Cache cache(*db);
    // The worker's one transaction, timed as its statements and its COMMIT; then once more with
    // the same rows, as an unchanged pull writes them (delete all, insert all, secure_delete on).
    double write_ms[2] {}, commit_ms[2] {};
    bool stored = true;
    for (int pass = 0; pass < 2; ++pass) {
        t = Steady::now();
        stored = stored && db->exec("BEGIN;").ok();
        for (auto& [type, rows] : pulled)
            stored = stored && cache.replace_all_in_transaction(type, rows).ok();
        stored = stored && cache.set_meta("pulled_at_ms", std::to_string(wall_ms())).ok();
        write_ms[pass] = ms_since(t);
        t = Steady::now();
        stored = stored && db->exec("COMMIT;").ok();
        commit_ms[pass] = ms_since(t);
    }
    t = Steady::now();
    ClinicContent content = content_from_cache(cache, now);
    double read_ms = ms_since(t);
    double total_ms = ms_since(total) - write_ms[1] - commit_ms[1];
    ServerTime server = peer.server_time_since(log_from);
    if (!stored) {
        std::fprintf(stderr, "sync_bench: the cache could not be written\n");
        return false;
    }
    std::printf("(d) one full pull, step by step on the main thread: %.0f ms in all, the rewrite left out (%zu resources, %d requests, %.1f MB of JSON)\n",
        total_ms, resources, requests, static_cast<double>(bytes) / 1e6);
    std::printf("    TLS client setup (CA, cert, key)            %7.1f ms\n", setup_ms);
    std::printf("    HTTP requests, waiting for answers          %7.1f ms  (of which the peer's own time ~%.0f ms, %d requests)\n",
        http_ms, server.ms, server.requests);
    std::printf("    JSON parse of the bundles (nlohmann)        %7.1f ms\n", parse_ms);
    std::printf("    resources dumped back to JSON text (rows)   %7.1f ms\n", rows_ms);
    std::printf("    SQLCipher open of a new file                %7.1f ms\n", open_ms);
    std::printf("    SQLCipher write into the empty store        %7.1f ms  (statements %.1f, COMMIT %.1f)\n", write_ms[0] + commit_ms[0],
        write_ms[0], commit_ms[0]);
    std::printf("    SQLCipher rewrite of the same rows          %7.1f ms  (statements %.1f, COMMIT %.1f): what an unchanged pull pays\n",
        write_ms[1] + commit_ms[1], write_ms[1], commit_ms[1]);
    std::printf("    content_from_cache (read + parse it all)    %7.1f ms  (%zu slots, %zu directory)\n", read_ms, content.slots.size(),
        content.directory.size());
    return true;
}

// (e): every step of a pull with _lastUpdated=gt<cursor>, the cursor from the server's Date
// header (its clock, not ours), on a fresh connection (a pull every 300 s finds none open).
bool incremental_probe(const PeerProcess& peer, std::vector<double>& wall, std::vector<double>& server_ms, std::size_t& changed)
{
    auto probe_client = HttpClient::create(peer.tls(), {});
    if (!probe_client)
        return false;
    auto first = (*probe_client)->send({ Method::Get, peer.base() + "/Organization?_count=1", {}, {}, std::nullopt });
    if (!first)
        return false;
    auto cursor = parse_http_date(first->header("date"));
    if (!cursor)
        return false;
    UtcSeconds now = wall_now();
    auto log_from = peer.log_size();
    auto t = Steady::now();
    auto http = HttpClient::create(peer.tls(), {});
    if (!http)
        return false;
    changed = 0;
    for (auto& step : sync::pull_steps(now)) {
        std::string query = step.query;
        if (std::string(step.type) == "Slot") // changed slots of the week, booked ones too
            query = "start=ge" + format_instant(now) + "&start=lt" + format_instant(now + std::chrono::days(7)) + "&_count=500";
        std::string url = peer.base() + "/" + step.type + "?" + query + "&_lastUpdated=gt" + format_instant(*cursor);
        auto response = (*http)->send({ Method::Get, url, {}, {}, std::nullopt });
        if (!response || response->status != 200)
            return false;
        ParseCounts counts;
        changed += bundle_resources(Json::parse(response->body, nullptr, false), step.type, counts).size();
    }
    wall.push_back(ms_since(t));
    server_ms.push_back(peer.server_time_since(log_from).ms);
    return true;
}

}

int main(int argc, char** argv)
{
    int runs = argc > 1 ? std::atoi(argv[1]) : 3;
    if (runs < 1) {
        std::fprintf(stderr, "usage: sync_bench [RUNS]\n");
        return 2;
    }
    TempDir tmp;
    if (tmp.path.empty()) {
        std::fprintf(stderr, "sync_bench: no temporary directory\n");
        return 1;
    }
    PeerProcess peer(tmp.path / "peer");
    std::fflush(stdout);
    auto peer_start = Steady::now();
    if (!peer.start())
        return 1;
    std::printf("peer started in %.0f ms (PKI made by the provisioning scripts, then Node and the fixtures)\n", ms_since(peer_start));
    std::printf("  %s\n\n", peer.log_line_containing("large fixtures loaded").c_str());

    FrameStats frames;
    ClinicContent shown;
    double rss_before = peak_rss_mb();

    // (a) full pulls into empty stores.
    std::vector<double> full_ms, full_server_ms, rss;
    std::unique_ptr<SyncWorker> worker;
    fs::path store_file;
    store::Key key;
    for (int run = 1; run <= runs; ++run) {
        worker.reset();
        store_file = tmp.path / ("full-" + std::to_string(run) + ".db");
        key = store::Key::random();
        auto log_from = peer.log_size();
        auto start = Steady::now();
        auto started = SyncWorker::start(settings(peer, store_file, key), nullptr);
        if (!started) {
            std::fprintf(stderr, "sync_bench: %s\n", started.error().message.c_str());
            return 1;
        }
        worker = std::move(*started);
        auto loaded = pump(*worker, false, start, frames, shown, std::nullopt);
        if (!loaded)
            return 1;
        full_ms.push_back(loaded->at_ms);
        full_server_ms.push_back(peer.server_time_since(log_from).ms);
        rss.push_back(peak_rss_mb());
        std::printf("(a) full pull %d: %6.0f ms  (peer's own time %4.0f ms)  %zu slots, %zu directory, %zu peers, %zu waiting, %d skipped;"
                    " peak RSS %.1f MB\n",
            run, loaded->at_ms, full_server_ms.back(), loaded->slots, loaded->directory, loaded->peers, loaded->waiting, loaded->skipped, rss.back());
    }
    double full = median(full_ms);
    std::printf("(a) full pull, median of %d: %.0f ms (peer's own time %.0f ms); peak RSS %.1f MB (%.1f MB before the first worker)"
                "  target <= %.0f ms: %s\n\n",
        runs, full, median(full_server_ms), median(rss), rss_before, full_pull_target_ms, verdict(full <= full_pull_target_ms));

    // (b) nothing changed: the same worker asked again, then the kiosk restarted on the same store.
    // One refresh_now() and its outcome, timed (nothing when the worker gave no answer).
    auto unchanged_pull = [&]() -> std::optional<Loaded> {
        (void)worker->drain();
        auto start = Steady::now();
        std::int64_t asked_at = wall_ms();
        worker->refresh_now();
        return pump(*worker, false, start, frames, shown, asked_at);
    };
    std::vector<double> again_ms, again_server_ms;
    for (int run = 1; run <= runs; ++run) {
        auto log_from = peer.log_size();
        auto loaded = unchanged_pull();
        if (!loaded)
            return 1;
        again_ms.push_back(loaded->at_ms);
        again_server_ms.push_back(peer.server_time_since(log_from).ms);
        std::printf("(b) unchanged pull %d (refresh_now): %6.0f ms  (peer's own time %4.0f ms)  %zu slots\n", run, loaded->at_ms,
            again_server_ms.back(), loaded->slots);
    }
    // The same without the peer's _lastUpdated index: every "anything new?" search then runs the
    // in-memory engine's scan of every resource of its type, as an unindexed server would.
    std::vector<double> unindexed_ms;
    if (peer.set_index(false)) {
        for (int run = 1; run <= runs; ++run) {
            auto loaded = unchanged_pull();
            if (!loaded)
                return 1;
            unindexed_ms.push_back(loaded->at_ms);
        }
        (void)peer.set_index(true);
    }
    worker.reset();
    auto restart = Steady::now();
    auto second = SyncWorker::start(settings(peer, store_file, key), nullptr);
    if (!second) {
        std::fprintf(stderr, "sync_bench: %s\n", second.error().message.c_str());
        return 1;
    }
    auto cached = pump(**second, true, restart, frames, shown, std::nullopt);
    auto pulled = cached ? pump(**second, false, restart, frames, shown, std::nullopt) : std::nullopt;
    if (!pulled)
        return 1;
    second->reset();
    double again = median(again_ms);
    std::printf("(b) second worker on that store: cached content (%zu slots) after %.0f ms, the pull's after %.0f ms\n", cached->slots,
        cached->at_ms, pulled->at_ms);
    std::printf("(b) unchanged pull, median of %d: %.0f ms (peer's own time %.0f ms)  target <= %.0f ms: %s\n", runs, again,
        median(again_server_ms), unchanged_pull_target_ms, verdict(again <= unchanged_pull_target_ms));
    if (!unindexed_ms.empty())
        std::printf("(b) the same with the peer's _lastUpdated index off (the engine scans every resource): median %.0f ms\n\n",
            median(unindexed_ms));

    // (c) the UI thread's drain() during all of the above.
    double drain_max = *std::max_element(frames.drain_ms.begin(), frames.drain_ms.end());
    double consume_max = *std::max_element(frames.consume_ms.begin(), frames.consume_ms.end());
    std::printf("(c) drain() while pulls ran, %zu calls 1 ms apart: max %.3f ms, p99 %.3f ms, median %.4f ms\n", frames.drain_ms.size(),
        drain_max, percentile(frames.drain_ms, 99), median(frames.drain_ms));
    std::printf("(c) taking the events in (new content moved in, old freed): max %.3f ms, p99 %.4f ms;"
                " the %zu calls that brought content: median %.2f ms, max %.2f ms\n",
        consume_max, percentile(frames.consume_ms, 99), frames.content_ms.size(), median(frames.content_ms),
        *std::max_element(frames.content_ms.begin(), frames.content_ms.end()));
    std::printf("(c) no frame over %.0f ms from the sync worker: %s\n\n", frame_budget_ms, verdict(drain_max + consume_max <= frame_budget_ms));

    // (d) where the time goes.
    if (!breakdown(peer, tmp.path / "breakdown.db"))
        return 1;

    // (e) the floor of an incremental pull that finds nothing.
    std::vector<double> incremental, incremental_server, incremental_client;
    std::size_t changed = 0;
    for (int run = 0; run < runs; ++run)
        if (!incremental_probe(peer, incremental, incremental_server, changed)) {
            std::fprintf(stderr, "sync_bench: the incremental probe failed\n");
            return 1;
        }
    for (std::size_t i = 0; i < incremental.size(); ++i)
        incremental_client.push_back(incremental[i] - incremental_server[i]);
    std::printf("\n(e) incremental pull of nothing (6 searches with _lastUpdated=gt<server Date>, new TLS connection): median %.0f ms,"
                " %zu changed;\n    of that the peer's own time %.0f ms (answered from its _lastUpdated index), the rest %.0f ms"
                " (TLS handshake, 6 round trips, parse)\n",
        median(incremental), changed, median(incremental_server), median(incremental_client));
    std::printf("\nsummary: full pull %.0f ms (target %.0f: %s); unchanged pull %.0f ms (target %.0f: %s); worst drain+take-in %.2f ms"
                " (budget %.0f: %s); peak RSS %.1f MB\n",
        full, full_pull_target_ms, verdict(full <= full_pull_target_ms), again, unchanged_pull_target_ms,
        verdict(again <= unchanged_pull_target_ms), drain_max + consume_max, frame_budget_ms,
        verdict(drain_max + consume_max <= frame_budget_ms), *std::max_element(rss.begin(), rss.end()));
    std::fflush(stdout);
    return 0;
}
