// Staff PIN hashing (see pin.h).
#include "platform/pin.h"

#include <sodium.h>

namespace kiosk {

namespace {
// About 50 ms and 16 MiB on the reference machine: slow for guessing, brief for staff.
constexpr unsigned long long ops_limit = 3;
constexpr std::size_t mem_limit = std::size_t { 16 } * 1024 * 1024;

bool sodium_ready() { return sodium_init() >= 0; }
}

const char* const demo_pin_hash = "$argon2id$v=19$m=16384,t=3,p=1$f/6BwiObs9H8YYDZXH8jEw$Ljha/g8WNDHyjn1ZmLC4YW+Hl4jp5whfx9Gzg831cMM";

std::optional<std::string> hash_pin(std::string_view pin)
{
    if (!sodium_ready())
        return std::nullopt;
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, pin.data(), pin.size(), ops_limit, mem_limit) != 0)
        return std::nullopt;
    return std::string(out);
}

bool verify_pin(const std::string& hash, std::string_view pin)
{
    if (!sodium_ready() || hash.size() >= crypto_pwhash_STRBYTES)
        return false;
    return crypto_pwhash_str_verify(hash.c_str(), pin.data(), pin.size()) == 0;
}

}
