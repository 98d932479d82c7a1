#pragma once
// libmagic costs far more per small file than hashing it, so typing runs beside the walk: the
// walker hands over batches of files it has read and hashed, keeps walking, and stores the typed
// batches in the order it handed them over (the case writer stays the one owner of SQLite).
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <vector>

#include "evidence/file_typer.h"
#include "evidence/records.h"

namespace izshi::evidence {

struct PendingFile {
    FileRecord record;
    std::vector<unsigned char> head;  // the first bytes (up to magic_window)
    bool needs_type = false;          // false when there was no content to type
};

class TypingPipeline {
public:
    using Batch = std::vector<PendingFile>;
    // 'threads' batches are typed at once at most; 'store' receives every batch, typed, in order,
    // always on the thread that calls submit() or drain().
    TypingPipeline(unsigned threads, std::function<void(Batch&)> store);
    ~TypingPipeline();

    void submit(Batch batch);
    void drain();  // waits for every batch handed over and stores it

private:
    Batch type_batch(Batch batch);
    void store_oldest();

    unsigned threads_;
    std::function<void(Batch&)> store_;
    std::mutex typers_mutex_;
    std::vector<std::unique_ptr<FileTyper>> idle_typers_;  // one libmagic handle set per busy thread
    std::deque<std::future<Batch>> in_flight_;
};

unsigned default_thread_count();

}  // namespace izshi::evidence
