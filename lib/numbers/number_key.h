#pragma once
// Privacy-preserving matching (SPEC §7): teams that share a secret key compare HMAC-SHA256 of E.164
// numbers instead of the numbers, so a watchlist can cross a border without the numbers in it.
#include <openssl/evp.h>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "core/error.h"

namespace izshi::numbers {

class NumberKey {
public:
    // The key is the file's bytes, less trailing white space (so "openssl rand -hex 32 > key" and the
    // same key saved by an editor with a final new line agree); at least 16 bytes.
    static Expected<NumberKey> load(const std::filesystem::path& path);
    static Expected<NumberKey> from_bytes(std::string key);

    // Lower-case hex HMAC-SHA256 of the E.164 text ("+77012345678").
    std::string digest(std::string_view e164) const;
    // Names the key without revealing it: the first 16 hex digits of HMAC(key, "izshi key id"). A
    // hashed watchlist carries it so that a list made with another key is refused, not silently unmatched.
    const std::string& key_id() const { return key_id_; }

private:
    struct MacFree {
        void operator()(EVP_MAC_CTX* ctx) const { EVP_MAC_CTX_free(ctx); }
    };
    std::shared_ptr<EVP_MAC_CTX> context_;  // keyed once; each digest re-initialises it with the same key
    std::string key_id_;
};

}  // namespace izshi::numbers
