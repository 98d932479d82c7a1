#pragma once
// Hashing one stream of bytes (a file, a device, an image's media) with several algorithms, reading
// every byte once. With `spread_algorithms`, each algorithm runs on its own thread and all of them
// hash the same blocks from a small ring: the reader fills a block once, no copy is made, and the
// slowest algorithm (MD5, about 700 MB/s) sets the pace instead of the sum of all of them.
#include <atomic>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "core/error.h"
#include "hashing/multi_hasher.h"

namespace izshi::hashing {

// Fills 'into' from the stream's current position; returns the bytes read, 0 at the end.
using BlockReader = std::function<Expected<size_t>(std::span<unsigned char> into)>;

struct StreamOptions {
    size_t block_size = 4 << 20;
    bool spread_algorithms = false;           // one thread per algorithm (only helps with two or more)
    std::atomic<uint64_t>* progress = nullptr;  // advanced by the bytes read, if given
};

struct StreamDigest {
    uint64_t size = 0;
    std::vector<std::string> hex;  // in the order of the requested algorithms
};

Expected<StreamDigest> hash_stream(const BlockReader& read, const std::vector<Algorithm>& algorithms,
                                   const StreamOptions& options);

}  // namespace izshi::hashing
