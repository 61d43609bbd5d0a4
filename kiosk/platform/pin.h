// The staff PIN as a salted, slow hash (libsodium's Argon2id): made once by clinic IT with
// `kiosk --hash-pin`, checked off the UI thread when staff enter a PIN.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace kiosk {

// The hash of the demo clinic's PIN, 2468 (documented in README; refused with a server).
extern const char* const demo_pin_hash;

// A new hash string for `pin` ("$argon2id$v=19$m=16384,t=3,p=1$…"), or nothing on failure.
std::optional<std::string> hash_pin(std::string_view pin);
// True when `pin` matches `hash`. Takes tens of milliseconds by design.
bool verify_pin(const std::string& hash, std::string_view pin);

}
