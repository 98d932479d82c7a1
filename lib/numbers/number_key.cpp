#include "numbers/number_key.h"

#include <openssl/core_names.h>
#include <openssl/params.h>

#include <fstream>
#include <sstream>

#include "core/text.h"

namespace izshi::numbers {

Expected<NumberKey> NumberKey::load(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail(ErrorKind::input, path.string() + ": cannot read the key file");
    std::ostringstream bytes;
    bytes << in.rdbuf();
    auto key = bytes.str();
    while (!key.empty() && (key.back() == '\n' || key.back() == '\r' || key.back() == ' ' || key.back() == '\t'))
        key.pop_back();
    auto loaded = from_bytes(std::move(key));
    if (!loaded) return fail(loaded.error().kind, path.string() + ": " + loaded.error().message);
    return loaded;
}

Expected<NumberKey> NumberKey::from_bytes(std::string key) {
    if (key.size() < 16)
        return fail(ErrorKind::usage, "the key is shorter than 16 bytes (make one with: openssl rand -hex 32 > key)");
    EVP_MAC* mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    if (!mac) return fail(ErrorKind::input, "OpenSSL has no HMAC");
    NumberKey out;
    out.context_.reset(EVP_MAC_CTX_new(mac), MacFree{});
    EVP_MAC_free(mac);
    char digest_name[] = "SHA256";
    OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest_name, 0), OSSL_PARAM_construct_end()};
    if (!out.context_ ||
        !EVP_MAC_init(out.context_.get(), reinterpret_cast<const unsigned char*>(key.data()), key.size(), params))
        return fail(ErrorKind::input, "OpenSSL could not key HMAC-SHA256");
    out.key_id_ = out.digest("izshi key id").substr(0, 16);
    return out;
}

std::string NumberKey::digest(std::string_view e164) const {
    unsigned char mac[EVP_MAX_MD_SIZE];
    size_t length = 0;
    auto* ctx = context_.get();
    EVP_MAC_init(ctx, nullptr, 0, nullptr);  // same key, fresh message
    EVP_MAC_update(ctx, reinterpret_cast<const unsigned char*>(e164.data()), e164.size());
    EVP_MAC_final(ctx, mac, &length, sizeof mac);
    return to_hex(std::span<const unsigned char>(mac, length));
}

}  // namespace izshi::numbers
