#pragma once
// Scanning a stream that arrives in pieces of any size (a file's blocks from a walker, a region read
// from the media): bytes are gathered into blocks of kBlock, each scanned with a margin of the
// previous and the next bytes, so that a match across any boundary is found exactly once.
#include <cstdint>
#include <span>
#include <vector>

#include "pii/scanner.h"

namespace izshi::findpii {

class StreamScanner {
public:
    explicit StreamScanner(const pii::Scanner& scanner) : scanner_(scanner) {}

    void begin();  // a new stream, offsets from 0
    void update(std::span<const unsigned char> bytes);
    // Scans what is left and returns every finding of the stream (offsets from its start).
    std::vector<pii::Finding> finish();

    static constexpr size_t kBlock = 1 << 20;

private:
    void scan_owned(size_t owned_end);

    const pii::Scanner& scanner_;
    std::vector<unsigned char> buffer_;  // look-behind margin, then bytes not yet scanned
    uint64_t buffer_base_ = 0;           // stream offset of buffer_[0]
    size_t owned_from_ = 0;              // first byte of buffer_ not yet scanned
    std::vector<pii::Finding> findings_;
};

}  // namespace izshi::findpii
