#include "hashing/stream_hasher.h"

#include <condition_variable>
#include <mutex>
#include <thread>

namespace izshi::hashing {

namespace {

Expected<StreamDigest> hash_on_one_thread(const BlockReader& read, const std::vector<Algorithm>& algorithms,
                                          const StreamOptions& options) {
    MultiHasher hasher(algorithms);
    // One buffer per thread, kept across calls: with 20,000 small files, allocating and zeroing a
    // fresh block per file cost more than hashing them.
    thread_local std::vector<unsigned char> buffer;
    if (buffer.size() < options.block_size) buffer.resize(options.block_size);
    std::span<unsigned char> block(buffer.data(), options.block_size);
    StreamDigest digest;
    for (;;) {
        auto got = read(block);
        if (!got) return std::unexpected(got.error());
        if (*got == 0) break;
        hasher.update(block.first(*got));
        digest.size += *got;
        if (options.progress) *options.progress += *got;
    }
    digest.hex = hasher.finish();
    return digest;
}

// A ring of blocks shared by one reader and one hashing thread per algorithm. Block n lives in slot
// n % ring_size; the reader may refill a slot only when every algorithm has finished with it.
class BlockRing {
public:
    BlockRing(size_t slots, size_t block_size, size_t consumers)
        : blocks_(slots, std::vector<unsigned char>(block_size)), lengths_(slots), pending_(slots), consumers_(consumers) {}

    // Reader side: waits until block n's slot is free, then returns it for filling.
    std::span<unsigned char> slot_for_writing(uint64_t n) {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return pending_[n % blocks_.size()] == 0; });
        return blocks_[n % blocks_.size()];
    }
    void publish(uint64_t n, size_t length) {
        std::lock_guard lock(mutex_);
        lengths_[n % blocks_.size()] = length;
        pending_[n % blocks_.size()] = consumers_;
        published_ = n + 1;
        changed_.notify_all();
    }
    // Ends the stream after 'blocks' blocks (also on a read error, so the consumers stop).
    void close(uint64_t blocks) {
        std::lock_guard lock(mutex_);
        total_ = blocks;
        changed_.notify_all();
    }

    // Consumer side: block n, or an empty span once the stream has ended before it.
    std::span<const unsigned char> wait_for(uint64_t n) {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return published_ > n || total_ <= n; });
        if (published_ <= n) return {};
        return std::span(blocks_[n % blocks_.size()].data(), lengths_[n % blocks_.size()]);
    }
    void release(uint64_t n) {
        std::lock_guard lock(mutex_);
        if (--pending_[n % blocks_.size()] == 0) changed_.notify_all();
    }

private:
    std::vector<std::vector<unsigned char>> blocks_;
    std::vector<size_t> lengths_;
    std::vector<size_t> pending_;  // consumers still to hash the block in this slot
    size_t consumers_;
    uint64_t published_ = 0;
    uint64_t total_ = UINT64_MAX;
    std::mutex mutex_;
    std::condition_variable changed_;
};

Expected<StreamDigest> hash_spread(const BlockReader& read, const std::vector<Algorithm>& algorithms,
                                   const StreamOptions& options) {
    BlockRing ring(4, options.block_size, algorithms.size());
    StreamDigest digest;
    digest.hex.resize(algorithms.size());
    std::vector<std::thread> workers;
    for (size_t i = 0; i < algorithms.size(); ++i)
        workers.emplace_back([&, i] {
            MultiHasher hasher({algorithms[i]});
            for (uint64_t n = 0;; ++n) {
                auto block = ring.wait_for(n);
                if (block.empty()) break;
                hasher.update(block);
                ring.release(n);
            }
            digest.hex[i] = hasher.finish().front();
        });
    std::optional<Error> failure;
    uint64_t n = 0;
    for (;; ++n) {
        auto slot = ring.slot_for_writing(n);
        auto got = read(slot);
        if (!got) {
            failure = got.error();
            break;
        }
        if (*got == 0) break;
        ring.publish(n, *got);
        digest.size += *got;
        if (options.progress) *options.progress += *got;
    }
    ring.close(n);
    for (auto& worker : workers) worker.join();
    if (failure) return std::unexpected(*failure);
    return digest;
}

}  // namespace

Expected<StreamDigest> hash_stream(const BlockReader& read, const std::vector<Algorithm>& algorithms,
                                   const StreamOptions& options) {
    if (options.spread_algorithms && algorithms.size() > 1) return hash_spread(read, algorithms, options);
    return hash_on_one_thread(read, algorithms, options);
}

}  // namespace izshi::hashing
