#pragma once
// Logical evidence: a folder (phone extraction, copied user folder) or a single file, with the
// archives inside it (zip family, tar, gzip, 7z, ...) opened in place through libarchive.
#include <filesystem>
#include <string>
#include <unordered_set>

#include "evidence/content.h"
#include "evidence/records.h"
#include "evidence/tsk_walker.h"

struct archive;

namespace izshi::evidence {

// Guards against archive bombs and cycles; hitting one is a recorded warning, not a failure.
struct ArchiveLimits {
    int max_depth = 8;
    uint64_t max_total_bytes = 16ull << 30;  // expanded bytes per top-level archive
    uint64_t max_ratio = 100;                // expanded : compressed
    uint64_t max_nested_bytes = 64ull << 20; // a nested archive is opened from memory up to this size
};

class LogicalWalker {
public:
    LogicalWalker(WalkSink& sink, WalkCounters& counters, ArchiveLimits limits = {});
    void walk(const std::filesystem::path& root);
    // Also hands every file's bytes to the observer while they are read (find-pii); with
    // hash_too false the files are not hashed again.
    void set_content_observer(ContentObserver* observer, bool hash_too = true) {
        digester_.set_observer(observer, hash_too);
    }
    // Walks the members of an archive held in memory (a zip read from a disk image, say) as those
    // of an archive file: to the sink and the observer, nested archives and the limits included.
    void walk_archive(const std::vector<unsigned char>& bytes, const FileRecord& container);

private:
    struct Budget {
        uint64_t compressed = 0, expanded = 0;
        bool exhausted = false;
    };
    void visit_file(const std::filesystem::path& full_path, const std::string& relative_path);
    bool read_local_file(const std::filesystem::path& full_path, FileRecord& record);
    // False when not even a first entry could be read (so another format can be tried).
    bool expand_archive(archive* reader, const FileRecord& container, int depth, Budget& budget);
    void expand_from_memory(const std::vector<unsigned char>& bytes, const FileRecord& container, int depth,
                            Budget& budget);
    void expand_from_file(const std::filesystem::path& full_path, const FileRecord& container, uint64_t size);
    bool within_budget(Budget& budget, const std::string& path);
    std::string unique_walk_key(const std::string& path);

    WalkSink& sink_;
    WalkCounters& counters_;
    ArchiveLimits limits_;
    FileTyper typer_;
    ContentDigester digester_;
    std::vector<char> buffer_ = std::vector<char>(read_block_size);
    std::unordered_set<std::string> seen_keys_;
};

}  // namespace izshi::evidence
