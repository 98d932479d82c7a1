#include "findpii/stream_scanner.h"

namespace izshi::findpii {

void StreamScanner::begin() {
    buffer_.clear();
    buffer_base_ = 0;
    owned_from_ = 0;
    findings_.clear();
}

void StreamScanner::update(std::span<const unsigned char> bytes) {
    buffer_.insert(buffer_.end(), bytes.begin(), bytes.end());
    // Scan whole blocks as soon as their look-ahead margin has arrived.
    while (buffer_.size() - owned_from_ >= kBlock + pii::kMaxMatchBytes) scan_owned(owned_from_ + kBlock);
}

void StreamScanner::scan_owned(size_t owned_end) {
    scanner_.scan(buffer_, owned_from_, owned_end, buffer_base_, findings_);
    owned_from_ = owned_end;
    // Keep only the look-behind margin before the next owned byte.
    if (owned_from_ > pii::kMaxMatchBytes) {
        size_t drop = owned_from_ - pii::kMaxMatchBytes;
        buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(drop));
        buffer_base_ += drop;
        owned_from_ -= drop;
    }
}

std::vector<pii::Finding> StreamScanner::finish() {
    if (owned_from_ < buffer_.size()) scanner_.scan(buffer_, owned_from_, buffer_.size(), buffer_base_, findings_);
    auto out = std::move(findings_);
    begin();
    return out;
}

}  // namespace izshi::findpii
