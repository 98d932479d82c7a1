#include "findpii/stream_scanner.h"

namespace izshi::findpii {

// With more than one thread, every one of them scans: the thread that feeds the blocks in spends
// its time reading and copying, not scanning.
StreamScanner::StreamScanner(const pii::Scanner& scanner, unsigned threads) : scanner_(scanner) {
    for (unsigned t = 0; t < threads && threads > 1; ++t) workers_.emplace_back([this] { work(); });
}

StreamScanner::~StreamScanner() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
    for (auto& worker : workers_) worker.join();  // before the mutex and queue they use go away
}

void StreamScanner::begin() {
    collect();  // drop whatever an abandoned stream left
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
    // Only the margin after the block is looked at, not everything gathered since.
    size_t visible = std::min(buffer_.size(), owned_end + pii::kMaxMatchBytes);
    if (workers_.empty())
        scanner_.scan(std::span(buffer_).first(visible), owned_from_, owned_end, buffer_base_, findings_);
    else
        submit({0, std::vector<unsigned char>(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(visible)),
                owned_from_, owned_end, buffer_base_});
    owned_from_ = owned_end;
    // Keep only the look-behind margin before the next owned byte.
    if (owned_from_ > pii::kMaxMatchBytes) {
        size_t drop = owned_from_ - pii::kMaxMatchBytes;
        buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(drop));
        buffer_base_ += drop;
        owned_from_ -= drop;
    }
}

// Waits while twice as many blocks as workers are queued: memory stays bounded.
void StreamScanner::submit(Job job) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return in_flight_ < 2 * workers_.size(); });
    job.index = submitted_++;
    ++in_flight_;
    queue_.push_back(std::move(job));
    changed_.notify_all();
}

void StreamScanner::work() {
    for (;;) {
        Job job;
        {
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
            if (queue_.empty()) return;
            job = std::move(queue_.front());
            queue_.pop_front();
        }
        std::vector<pii::Finding> found;
        scanner_.scan(job.bytes, job.owned_begin, job.owned_end, job.base, found);
        std::lock_guard lock(mutex_);
        done_[job.index] = std::move(found);
        --in_flight_;
        changed_.notify_all();
    }
}

// Waits for the workers' blocks and returns their findings in block order.
std::vector<pii::Finding> StreamScanner::collect() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return in_flight_ == 0; });
    std::vector<pii::Finding> out;
    for (auto& [index, found] : done_) out.insert(out.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
    done_.clear();
    submitted_ = 0;
    return out;
}

std::vector<pii::Finding> StreamScanner::finish() {
    auto out = collect();
    // Blocks scanned here (one thread) come before the tail; with workers, findings_ is empty.
    out.insert(out.begin(), std::make_move_iterator(findings_.begin()), std::make_move_iterator(findings_.end()));
    if (owned_from_ < buffer_.size()) scanner_.scan(buffer_, owned_from_, buffer_.size(), buffer_base_, out);
    buffer_.clear();
    buffer_base_ = 0;
    owned_from_ = 0;
    findings_.clear();
    return out;
}

}  // namespace izshi::findpii
