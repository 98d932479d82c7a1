#include "evidence/parallel_typer.h"

#include <algorithm>
#include <thread>

namespace izshi::evidence {

unsigned default_thread_count() { return std::max(1u, std::thread::hardware_concurrency()); }

TypingPipeline::TypingPipeline(unsigned threads, std::function<void(Batch&)> store)
    : threads_(std::max(1u, threads)), store_(std::move(store)) {}

TypingPipeline::~TypingPipeline() {
    for (auto& pending : in_flight_) pending.wait();  // never leave a thread typing into freed memory
}

TypingPipeline::Batch TypingPipeline::type_batch(Batch batch) {
    std::unique_ptr<FileTyper> typer;
    {
        std::lock_guard lock(typers_mutex_);
        if (!idle_typers_.empty()) {
            typer = std::move(idle_typers_.back());
            idle_typers_.pop_back();
        }
    }
    if (!typer) typer = std::make_unique<FileTyper>();
    for (auto& pending : batch) {
        if (!pending.needs_type) continue;
        auto type = typer->type(pending.head, pending.record.name);
        pending.record.mime = std::move(type.mime);
        pending.record.description = std::move(type.description);
        pending.record.extension_mismatch = type.extension_mismatch;
        pending.head = {};
    }
    std::lock_guard lock(typers_mutex_);
    idle_typers_.push_back(std::move(typer));
    return batch;
}

void TypingPipeline::store_oldest() {
    auto typed = in_flight_.front().get();
    in_flight_.pop_front();
    store_(typed);
}

void TypingPipeline::submit(Batch batch) {
    while (in_flight_.size() >= threads_) store_oldest();
    in_flight_.push_back(std::async(std::launch::async, [this, batch = std::move(batch)]() mutable {
        return type_batch(std::move(batch));
    }));
}

void TypingPipeline::drain() {
    while (!in_flight_.empty()) store_oldest();
}

}  // namespace izshi::evidence
