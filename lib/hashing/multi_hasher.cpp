#include "hashing/multi_hasher.h"

#include <openssl/evp.h>

#include <fstream>

#include "core/text.h"

namespace izshi::hashing {

namespace {

const EVP_MD* evp_for(Algorithm algorithm) {
    switch (algorithm) {
    case Algorithm::md5: return EVP_md5();
    case Algorithm::sha1: return EVP_sha1();
    case Algorithm::sha256: return EVP_sha256();
    case Algorithm::sha512: return EVP_sha512();
    case Algorithm::sha3_256: return EVP_sha3_256();
    case Algorithm::blake2b512: return EVP_blake2b512();
    }
    return EVP_sha256();
}

struct ContextDeleter {
    void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
};
using Context = std::unique_ptr<EVP_MD_CTX, ContextDeleter>;

}  // namespace

struct MultiHasher::State {
    std::vector<Context> contexts;
};

std::string_view algorithm_name(Algorithm algorithm) {
    switch (algorithm) {
    case Algorithm::md5: return "md5";
    case Algorithm::sha1: return "sha1";
    case Algorithm::sha256: return "sha256";
    case Algorithm::sha512: return "sha512";
    case Algorithm::sha3_256: return "sha3-256";
    case Algorithm::blake2b512: return "blake2b512";
    }
    return "?";
}

Expected<Algorithm> parse_algorithm(std::string_view name) {
    for (auto algorithm : {Algorithm::md5, Algorithm::sha1, Algorithm::sha256, Algorithm::sha512,
                           Algorithm::sha3_256, Algorithm::blake2b512})
        if (to_lower_ascii(name) == algorithm_name(algorithm)) return algorithm;
    return fail(ErrorKind::usage, "unknown hash algorithm '" + std::string(name) +
                                      "' (known: md5, sha1, sha256, sha512, sha3-256, blake2b512)");
}

MultiHasher::MultiHasher(std::vector<Algorithm> algorithms)
    : algorithms_(std::move(algorithms)), state_(std::make_unique<State>()) {
    for (auto algorithm : algorithms_) {
        Context context(EVP_MD_CTX_new());
        EVP_DigestInit_ex(context.get(), evp_for(algorithm), nullptr);
        state_->contexts.push_back(std::move(context));
    }
}

MultiHasher::~MultiHasher() = default;
MultiHasher::MultiHasher(MultiHasher&&) noexcept = default;
MultiHasher& MultiHasher::operator=(MultiHasher&&) noexcept = default;

void MultiHasher::update(std::span<const unsigned char> bytes) {
    for (auto& context : state_->contexts) EVP_DigestUpdate(context.get(), bytes.data(), bytes.size());
}

void MultiHasher::update(std::string_view bytes) {
    update(std::span(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size()));
}

std::vector<std::string> MultiHasher::finish() {
    std::vector<std::string> out;
    for (size_t i = 0; i < algorithms_.size(); ++i) {
        unsigned char digest[EVP_MAX_MD_SIZE];
        unsigned int length = 0;
        EVP_DigestFinal_ex(state_->contexts[i].get(), digest, &length);
        out.push_back(to_hex(std::span(digest, length)));
        EVP_DigestInit_ex(state_->contexts[i].get(), evp_for(algorithms_[i]), nullptr);
    }
    return out;
}

MultiHasher MultiHasher::evidence_trio() {
    return MultiHasher({Algorithm::md5, Algorithm::sha1, Algorithm::sha256});
}

Digests MultiHasher::finish_trio() {
    auto hex = finish();
    return Digests{hex.at(0), hex.at(1), hex.at(2)};
}

Expected<std::string> sha256_of_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail(ErrorKind::input, path.string() + ": cannot open");
    MultiHasher hasher({Algorithm::sha256});
    std::vector<char> buffer(1 << 20);
    while (in.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) || in.gcount() > 0)
        hasher.update(std::string_view(buffer.data(), static_cast<size_t>(in.gcount())));
    if (in.bad()) return fail(ErrorKind::input, path.string() + ": read error");
    return hasher.finish().front();
}

std::string sha256_hex(std::string_view bytes) {
    MultiHasher hasher({Algorithm::sha256});
    hasher.update(bytes);
    return hasher.finish().front();
}

}  // namespace izshi::hashing
