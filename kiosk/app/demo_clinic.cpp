// Loading the demo clinic (see demo_clinic.h).
#include "app/demo_clinic.h"

#include "app/json_limits.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace kiosk {

namespace {

using Json = nlohmann::json;

LocalText local(const Json& j, const char* key)
{
    LocalText out;
    if (auto it = j.find(key); it != j.end() && it->is_object()) {
        out.en = it->value("en", "");
        out.es = it->value("es", "");
    }
    return out;
}

}

Result<ClinicContent> parse_demo_clinic(std::string_view json_text, std::string_view name, UtcSeconds now)
{
    std::string file(name);
    auto parsed = parse_json(json_text);
    if (!parsed)
        return Error { file + ": " + parsed.error().message };
    auto& json = *parsed;
    if (!json.is_object())
        return Error { file + ": not a JSON object" };
    ClinicContent content;
    content.demo = true;
    try {
        for (auto& p : json.at("peers")) {
            Peer peer { p.at("id").get<std::string>(), p.at("id").get<std::string>(), p.at("first_name").get<std::string>(),
                p.value("languages", std::vector<std::string> {}), local(p, "about") };
            content.peers.push_back(std::move(peer));
        }
        const Json& slots = json.at("slots");
        int days = slots.at("days").get<int>(), from = slots.at("from_hour").get<int>(), to = slots.at("to_hour").get<int>();
        int every = std::max(10, slots.at("every_minutes").get<int>());
        auto skip = slots.value("skip_hours", std::vector<int> {});
        auto today = std::chrono::floor<std::chrono::days>(now);
        for (int d = 0; d < days; ++d)
            for (int minute = from * 60; minute + every <= to * 60; minute += every) {
                if (std::find(skip.begin(), skip.end(), minute / 60) != skip.end())
                    continue;
                UtcSeconds start = today + std::chrono::days(d) + std::chrono::minutes(minute);
                if (start < now)
                    continue;
                for (std::size_t p = 0; p < content.peers.size(); ++p) {
                    // Each peer is free at most times, not all: the demo should look like a real week.
                    if ((static_cast<std::size_t>(d + minute / every) + p) % 3 == 0)
                        continue;
                    content.slots.push_back({ "demo-slot-" + std::to_string(d) + "-" + std::to_string(minute) + "-" + std::to_string(p), "1",
                        content.peers[p].role_id, start, start + std::chrono::minutes(every) });
                }
            }
        for (auto& w : json.at("waiting"))
            content.waiting.push_back({ "demo-wait-" + std::to_string(content.waiting.size()),
                now - std::chrono::minutes(w.at("minutes_ago").get<int>()), w.value("name", "") });
        for (auto& e : json.at("directory")) {
            DirectoryEntry entry;
            entry.id = e.at("id").get<std::string>();
            entry.category = e.at("category").get<std::string>();
            entry.name = local(e, "name");
            entry.about = local(e, "about");
            entry.for_whom = local(e, "for_whom");
            entry.hours = local(e, "hours");
            entry.where = local(e, "where");
            entry.cost = local(e, "cost");
            if (e.contains("free"))
                entry.free = e.at("free").get<bool>();
            entry.languages = e.value("languages", std::vector<std::string> {});
            entry.days = e.value("days", std::vector<int> {});
            entry.phone = e.value("phone", "");
            entry.text_number = e.value("text_number", "");
            entry.web = e.value("web", "");
            entry.address = e.value("address", "");
            if (std::find(directory_categories.begin(), directory_categories.end(), entry.category) == directory_categories.end())
                return Error { file + ": entry " + entry.id + " has an unknown category " + entry.category };
            if (entry.name.en.empty())
                return Error { file + ": entry " + entry.id + " has no name" };
            content.directory.push_back(std::move(entry));
        }
    } catch (const Json::exception& e) {
        return Error { file + ": " + e.what() };
    }
    content.updated_at_ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
    return content;
}

Result<ClinicContent> load_demo_clinic(const std::filesystem::path& file, UtcSeconds now)
{
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return Error { file.string() + ": cannot be read" };
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return parse_demo_clinic(buffer.str(), file.string(), now);
}

}
