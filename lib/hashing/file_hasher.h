#pragma once
// Hashing one file read-only, without touching its access time, in blocks sized for its length.
#include <filesystem>

#include "hashing/stream_hasher.h"

namespace izshi::hashing {

struct FileReadPolicy {
    size_t small_block = 256 << 10;
    size_t large_block = 4 << 20;
    // Files at least this large are hashed with the algorithms spread over threads, when allowed.
    uint64_t spread_from = 64ull << 20;
    bool allow_spread = true;
    std::atomic<uint64_t>* progress = nullptr;
};

// Regular files and block devices. Errors (ErrorKind::input) name the path and the reason.
Expected<StreamDigest> hash_file(const std::filesystem::path& path, const std::vector<Algorithm>& algorithms,
                                 const FileReadPolicy& policy = {});

}  // namespace izshi::hashing
