#include "evidence/parallel_typer.h"

#include <algorithm>
#include <thread>

namespace izshi::evidence {

unsigned default_thread_count() { return std::max(1u, std::thread::hardware_concurrency()); }

ParallelTyper::ParallelTyper(unsigned threads) {
    for (unsigned i = 0; i < std::max(1u, threads); ++i) typers_.push_back(std::make_unique<FileTyper>());
}

void ParallelTyper::type_all(std::vector<PendingFile>& batch) {
    auto work = [&](size_t worker) {
        for (size_t i = worker; i < batch.size(); i += typers_.size()) {
            auto& pending = batch[i];
            if (!pending.needs_type) continue;
            auto type = typers_[worker]->type(pending.head, pending.record.name);
            pending.record.mime = std::move(type.mime);
            pending.record.description = std::move(type.description);
            pending.record.extension_mismatch = type.extension_mismatch;
        }
    };
    size_t workers = std::min(typers_.size(), batch.size());
    std::vector<std::jthread> threads;
    for (size_t worker = 1; worker < workers; ++worker) threads.emplace_back(work, worker);
    if (workers > 0) work(0);  // the calling thread takes a share too
}

}  // namespace izshi::evidence
