#pragma once
// Several digests over one stream of bytes: every byte is read once and fed to each algorithm.
#include <array>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace izshi::hashing {

enum class Algorithm { md5, sha1, sha256, sha512, sha3_256, blake2b512 };

std::string_view algorithm_name(Algorithm algorithm);
Expected<Algorithm> parse_algorithm(std::string_view name);

// The three digests recorded for every evidence item and file (SPEC §3).
struct Digests {
    std::string md5, sha1, sha256;  // lower-case hex; empty when not computed
};

class MultiHasher {
public:
    explicit MultiHasher(std::vector<Algorithm> algorithms);
    ~MultiHasher();
    MultiHasher(MultiHasher&&) noexcept;
    MultiHasher& operator=(MultiHasher&&) noexcept;

    void update(std::span<const unsigned char> bytes);
    void update(std::string_view bytes);
    // Hex digests in the order of the constructor's algorithms; the hasher is reset afterwards.
    std::vector<std::string> finish();
    // Convenience for the default trio; requires the hasher to have been built by evidence_trio().
    Digests finish_trio();
    static MultiHasher evidence_trio();

private:
    struct State;
    std::vector<Algorithm> algorithms_;
    std::unique_ptr<State> state_;
};

// SHA-256 of a byte string, hex. Used by the custody chain.
std::string sha256_hex(std::string_view bytes);
// SHA-256 of a whole file, hex (sample manifests, tests).
Expected<std::string> sha256_of_file(const std::filesystem::path& path);

}  // namespace izshi::hashing
