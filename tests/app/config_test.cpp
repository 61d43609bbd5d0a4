// Config validation: each bad case gives its own message naming the file, the key and the rule.
#include "app/config.h"

#include "temp_dir.h"

#include <catch2/catch.hpp>
#include <fstream>

using namespace kiosk;

namespace {
std::string error_for(const char* json)
{
    auto config = parse_config(json, "/etc/kiosk.json");
    REQUIRE_FALSE(config.ok());
    return config.error().message;
}
}

TEST_CASE("An empty object gives the documented defaults")
{
    auto config = parse_config("{}", "c.json");
    REQUIRE(config.ok());
    CHECK(config->timing.idle_timeout == Seconds { 90 });
    CHECK(config->timing.warning == Seconds { 30 });
    CHECK(config->defaults == Settings {});
    CHECK_FALSE(config->dpi.has_value());
    CHECK(config->renderer == RendererChoice::Software);
}

TEST_CASE("Every key is read")
{
    auto config = parse_config(R"({"idle_timeout_seconds": 600, "warning_seconds": 45, "goodbye_seconds": 5,
        "default_language": "es", "default_theme": "light", "default_text_size": 150, "dpi": 220.5,
        "renderer": "accelerated", "log_level": "debug", "clinic_name": "North", "help_directions_en": "Desk 2",
        "help_directions_es": "Mesa 2", "font_regular": "/a.ttf", "font_bold": "/b.ttf",
        "server_url": "https://gw.clinic.example/fhir/R4", "ca_file": "/etc/k/ca.pem", "certificate_file": "/etc/k/device.pem",
        "key_file": "/etc/k/device.key", "server_pins": ["sha256//alc+RcyP1zOCgZlJqS1qXjl35f9EOUIsYwN+14aFdxY="],
        "store_key_file": "/etc/k/store.key", "data_dir": "/var/lib/k", "refresh_seconds": 120,
        "staff_pin_hash": "$argon2id$v=19$m=16384,t=3,p=1$abc$def"})", "c.json");
    REQUIRE(config.ok());
    CHECK(config->timing.idle_timeout == Seconds { 600 });
    CHECK(config->timing.warning == Seconds { 45 });
    CHECK(config->timing.goodbye == Seconds { 5 });
    CHECK(config->defaults == Settings { Language::Spanish, Theme::Light, TextSize::Large });
    CHECK(config->dpi == 220.5);
    CHECK(config->renderer == RendererChoice::Accelerated);
    CHECK(config->log_level == LogLevel::Debug);
    CHECK(config->clinic_name == "North");
    CHECK(config->help_directions_es == "Mesa 2");
    CHECK(config->font_bold == "/b.ttf");
    CHECK(config->server_url == "https://gw.clinic.example/fhir/R4");
    CHECK(config->server_pins.size() == 1);
    CHECK(config->store_key_file == "/etc/k/store.key");
    CHECK(config->data_dir == "/var/lib/k");
    CHECK(config->refresh == Seconds { 120 });
    CHECK(config->staff_pin_hash == "$argon2id$v=19$m=16384,t=3,p=1$abc$def");
    CHECK(config_keys().size() == 25);
}

TEST_CASE("Bad configs name the file, the key and what is allowed")
{
    CHECK(error_for(R"({"idle_timeout_seconds": 29})")
        == "config /etc/kiosk.json: key \"idle_timeout_seconds\" must be a whole number from 30 to 600 (got 29)");
    CHECK(error_for(R"({"idle_timeout_seconds": 601})")
        == "config /etc/kiosk.json: key \"idle_timeout_seconds\" must be a whole number from 30 to 600 (got 601)");
    CHECK(error_for(R"({"idle_timeout_seconds": "90"})")
        == "config /etc/kiosk.json: key \"idle_timeout_seconds\" must be a whole number from 30 to 600 (got \"90\")");
    CHECK(error_for(R"({"idle_timeout_seconds": 90.5})")
        == "config /etc/kiosk.json: key \"idle_timeout_seconds\" must be a whole number from 30 to 600 (got 90.5)");
    CHECK(error_for(R"({"warning_seconds": 20})")
        == "config /etc/kiosk.json: key \"warning_seconds\" must be a whole number from 30 to 120 (got 20)");
    CHECK(error_for(R"({"default_language": "fr"})")
        == "config /etc/kiosk.json: key \"default_language\" must be one of \"en\" or \"es\" (got \"fr\")");
    CHECK(error_for(R"({"default_theme": 1})")
        == "config /etc/kiosk.json: key \"default_theme\" must be one of \"dark\" or \"light\" (got 1)");
    CHECK(error_for(R"({"default_text_size": 125})")
        == "config /etc/kiosk.json: key \"default_text_size\" must be 100, 150 or 200 (got 125)");
    CHECK(error_for(R"({"dpi": 10})") == "config /etc/kiosk.json: key \"dpi\" must be a number from 50 to 600 (got 10)");
    CHECK(error_for(R"({"renderer": "opengl"})")
        == "config /etc/kiosk.json: key \"renderer\" must be one of \"software\" or \"accelerated\" (got \"opengl\")");
    CHECK(error_for(R"({"clinic_name": ""})") == "config /etc/kiosk.json: key \"clinic_name\" must be text of 1 to 60 bytes (got \"\")");
    CHECK(error_for(R"({"idle_timeout_seconds": 30, "warning_seconds": 60})")
        == "config /etc/kiosk.json: key \"warning_seconds\" must not be longer than \"idle_timeout_seconds\"");
}

TEST_CASE("Sync keys: https only, well-formed pins, and everything a connection needs")
{
    CHECK(error_for(R"({"server_url": "http://gw/fhir/R4"})")
        == "config /etc/kiosk.json: key \"server_url\" must be an https:// address of at most 300 bytes, without a trailing / (got \"http://gw/fhir/R4\")");
    CHECK(error_for(R"({"server_pins": ["md5//abc"]})")
        == "config /etc/kiosk.json: key \"server_pins\" must be a list of 1 to 4 pins, each \"sha256//\" and 44 base64 characters (got [\"md5//abc\"])");
    CHECK(error_for(R"({"server_url": "https://gw/fhir/R4"})") == "config /etc/kiosk.json: key \"ca_file\" is needed when \"server_url\" is set");
    CHECK(error_for(R"({"server_url": "https://gw/fhir/R4", "ca_file": "a", "certificate_file": "b", "key_file": "c", "store_key_file": "d"})")
        == "config /etc/kiosk.json: key \"server_pins\" is needed when \"server_url\" is set");
    CHECK(error_for(R"({"server_url": "https://gw/fhir/R4", "ca_file": "a", "certificate_file": "b", "key_file": "c", "store_key_file": "d",
        "server_pins": ["sha256//alc+RcyP1zOCgZlJqS1qXjl35f9EOUIsYwN+14aFdxY="]})")
        == "config /etc/kiosk.json: key \"staff_pin_hash\" is needed when \"server_url\" is set (the demo PIN is for the demo clinic only)");
    CHECK(error_for(R"({"staff_pin_hash": "2468"})")
        == "config /etc/kiosk.json: key \"staff_pin_hash\" must be an Argon2id hash string made by kiosk --hash-pin (got \"2468\")");
    CHECK(error_for(R"({"refresh_seconds": 5})") == "config /etc/kiosk.json: key \"refresh_seconds\" must be a whole number from 60 to 3600 (got 5)");
}

TEST_CASE("Unknown keys, non-objects and broken JSON are refused")
{
    CHECK(error_for(R"({"idle_timeout": 90})").starts_with("config /etc/kiosk.json: unknown key \"idle_timeout\"; known keys: idle_timeout_seconds, "));
    CHECK(error_for("[]") == "config /etc/kiosk.json: must be a JSON object like {\"idle_timeout_seconds\": 90}");
    CHECK(error_for(R"({"dpi": 100,})").starts_with("config /etc/kiosk.json: not valid JSON near byte "));
    auto missing = load_config("/nonexistent/kiosk.json");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().message == "config /nonexistent/kiosk.json: cannot be read (missing, or no permission)");
}

TEST_CASE("The appliance's config: kiosk.json, then conf.d/*.json in name order, later keys win")
{
    TempDir dir("kiosk-config");
    auto write = [&](const std::string& name, const std::string& text) {
        std::filesystem::create_directories((dir.path / name).parent_path());
        std::ofstream(dir.path / name) << text;
        return dir.path / name;
    };
    auto base = write("kiosk.json", R"({"clinic_name": "Riverside", "idle_timeout_seconds": 120, "default_language": "es"})");
    write("conf.d/20-device.json", R"({"idle_timeout_seconds": 300})");
    write("conf.d/10-site.json", R"({"idle_timeout_seconds": 200, "clinic_name": "Riverside East"})");
    write("conf.d/notes.txt", "not a config");
    write("conf.d/.hidden.json", "{ broken");

    auto files = config_dir_files(dir.path / "conf.d");
    REQUIRE(files.size() == 2);
    CHECK(files[0].filename() == "10-site.json");
    CHECK(files[1].filename() == "20-device.json");
    CHECK(config_dir_files(dir.path / "no-such-dir").empty());

    std::vector<std::filesystem::path> all { base };
    all.insert(all.end(), files.begin(), files.end());
    auto config = load_config(all);
    REQUIRE(config.ok());
    CHECK(config->timing.idle_timeout == Seconds { 300 });
    CHECK(config->clinic_name == "Riverside East");
    CHECK(config->defaults.language == Language::Spanish);

    // A bad key names the file it is in.
    auto bad = write("conf.d/30-bad.json", R"({"goodbye_seconds": 1})");
    auto refused = load_config(std::vector { base, bad });
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message.starts_with("config " + bad.string() + ": key \"goodbye_seconds\""));

    // The checks between keys see every file: a server set in one file, its files in another.
    auto server = write("server.json", R"({"server_url": "https://fhir.clinic.example/fhir/R4"})");
    auto incomplete = load_config(std::vector { base, server });
    REQUIRE_FALSE(incomplete.ok());
    CHECK(incomplete.error().message == "config " + base.string() + " + " + server.string() + ": key \"ca_file\" is needed when \"server_url\" is set");
}
