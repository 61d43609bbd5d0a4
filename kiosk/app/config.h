// The kiosk's one config file (JSON), validated at start. An unknown key, a wrong type or an
// out-of-range value is an error naming the file, the key and what is allowed; the kiosk then
// stops rather than run half-configured. Every key is documented in README.md and by --help.
#pragma once
#include "app/result.h"
#include "app/settings.h"
#include "app/state.h"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

enum class RendererChoice { Software, Accelerated };
enum class LogLevel { Error, Warning, Info, Debug };

// What the screens may see of the config: only what they draw. `Ui::config` is one of these, so
// no screen can read the server, its TLS files, the store key or the PIN hash.
struct ScreenConfig {
    std::string clinic_name { "Demo Clinic" };
    std::string help_directions_en;            // where staff are; empty = the catalog's words
    std::string help_directions_es;
    std::string crisis_line;                   // the clinic's own crisis line, shown beside 988
};

struct Config : ScreenConfig {
    Timing timing;
    Settings defaults;
    std::optional<double> dpi;                 // pixels per inch; empty = ask the display
    RendererChoice renderer { RendererChoice::Software };
    LogLevel log_level { LogLevel::Info };
    std::string time_zone;                     // e.g. "America/New_York"; empty = the device's                   // the clinic's own crisis line, shown beside 988
    std::string font_regular { "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf" };
    std::string font_bold { "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf" };

    // The clinic server. Empty server_url: the demo clinic, no network.
    std::string server_url;                    // https://gateway.clinic.example/fhir/R4
    std::string ca_file;                       // the clinic CA (PEM)
    std::string certificate_file;              // this device's client certificate (PEM)
    std::string key_file;                      // this device's private key (PEM)
    std::vector<std::string> server_pins;      // sha256//<base64>, current and backup
    std::string store_key_file;                // 64 hex digits, mode 0600, for the SQLCipher file
    std::string data_dir { "/var/lib/peer-kiosk" };
    Seconds refresh { 300 };

    // Argon2id hash of the staff PIN (kiosk --hash-pin makes one). Empty: the demo PIN 2468 in
    // the demo clinic; a kiosk with a server must have its own.
    std::string staff_pin_hash;
};

// One documented key: its name, what it holds, its default, for --help and README.
struct ConfigKeyDoc {
    std::string_view key;
    std::string_view allowed;
    std::string_view meaning;
};
const std::vector<ConfigKeyDoc>& config_keys();

// Parses and validates config text. `name` (the file path) starts every error message.
Result<Config> parse_config(std::string_view json_text, std::string_view name);
Result<Config> load_config(const std::filesystem::path& file);
// Several files, in order: a key in a later file replaces the same key from an earlier one (the
// appliance reads /etc/peer-kiosk/kiosk.json, then conf.d/*.json). Each key is checked against
// the file it came from; the checks between keys (server_url needs ca_file …) run on the result.
Result<Config> load_config(const std::vector<std::filesystem::path>& files);
// The *.json files of a conf.d-style directory in name order (none when it does not exist).
std::vector<std::filesystem::path> config_dir_files(const std::filesystem::path& dir);

}
