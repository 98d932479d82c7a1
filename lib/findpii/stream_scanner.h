#pragma once
// Scanning a stream that arrives in pieces of any size (a file's blocks from a walker, a region read
// from the media): bytes are gathered into blocks of kBlock, each scanned with a margin of the
// previous and the next bytes, so that a match across any boundary is found exactly once. With more
// than one thread, whole blocks are scanned on worker threads while the next ones are read; the
// findings still come back in stream order.
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <span>
#include <thread>
#include <vector>

#include "pii/scanner.h"

namespace izshi::findpii {

class StreamScanner {
public:
    explicit StreamScanner(const pii::Scanner& scanner, unsigned threads = 1);
    ~StreamScanner();
    StreamScanner(const StreamScanner&) = delete;
    StreamScanner& operator=(const StreamScanner&) = delete;

    void begin();  // a new stream, offsets from 0
    void update(std::span<const unsigned char> bytes);
    // Scans what is left and returns every finding of the stream (offsets from its start).
    std::vector<pii::Finding> finish();

    static constexpr size_t kBlock = 1 << 20;

private:
    struct Job {
        size_t index;
        std::vector<unsigned char> bytes;  // the block with its margins
        size_t owned_begin, owned_end;
        uint64_t base;
    };
    void scan_owned(size_t owned_end);
    void submit(Job job);
    void work();
    std::vector<pii::Finding> collect();

    const pii::Scanner& scanner_;
    std::vector<unsigned char> buffer_;  // look-behind margin, then bytes not yet scanned
    uint64_t buffer_base_ = 0;           // stream offset of buffer_[0]
    size_t owned_from_ = 0;              // first byte of buffer_ not yet scanned
    std::vector<pii::Finding> findings_; // blocks scanned on this thread

    // Worker threads (none when threads == 1): jobs in, findings per block index out.
    std::vector<std::jthread> workers_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<Job> queue_;
    std::map<size_t, std::vector<pii::Finding>> done_;
    size_t submitted_ = 0, in_flight_ = 0;
    bool stopping_ = false;
};

}  // namespace izshi::findpii
