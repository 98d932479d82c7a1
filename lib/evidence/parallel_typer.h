#pragma once
// libmagic costs far more per small file than hashing it (its text rules are regular expressions),
// so typing is done in batches spread over threads, each with its own libmagic handle.
#include <memory>
#include <vector>

#include "evidence/file_typer.h"
#include "evidence/records.h"

namespace izshi::evidence {

struct PendingFile {
    FileRecord record;
    std::vector<unsigned char> head;  // the first bytes (up to magic_window)
    bool needs_type = false;          // false when there was no content to type
};

class ParallelTyper {
public:
    explicit ParallelTyper(unsigned threads);
    // Fills mime, description and extension_mismatch of every pending file that needs a type.
    void type_all(std::vector<PendingFile>& batch);

private:
    std::vector<std::unique_ptr<FileTyper>> typers_;
};

unsigned default_thread_count();

}  // namespace izshi::evidence
