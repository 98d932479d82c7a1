#pragma once
// Walks a disk image through libtsk: every volume (MBR, GPT, nested extended), every file system
// libtsk knows (APFS through its pool), allocated, deleted and orphan files, and the byte ranges
// the scanners read besides files (unallocated, unpartitioned, raw volumes).
#include <tsk/libtsk.h>

#include <atomic>
#include <cstdint>
#include <unordered_set>

#include "evidence/content.h"
#include "evidence/parallel_typer.h"
#include "evidence/records.h"

namespace izshi::evidence {

struct WalkCounters {
    std::atomic<uint64_t> files{0};
    std::atomic<uint64_t> bytes{0};
};

class TskWalker {
public:
    TskWalker(TSK_IMG_INFO& image, WalkSink& sink, WalkCounters& counters, unsigned threads);
    void walk();
    // Also hands every file's bytes to the observer while they are read (find-pii); with
    // hash_too false the files are not hashed again.
    void set_content_observer(ContentObserver* observer, bool hash_too = true) {
        digester_.set_observer(observer, hash_too);
    }

    // Needed by the libtsk callbacks, which are plain functions.
    TSK_WALK_RET_ENUM on_directory_entry(TSK_FS_FILE* file, const char* parent_path);

private:
    void walk_partitions(TSK_VS_INFO& volumes);
    void examine_volume(VolumeRecord volume, uint64_t offset, uint64_t length);
    bool walk_pool(VolumeRecord& container, uint64_t offset);
    TSK_FS_INFO* open_file_system(uint64_t offset, std::string& note);
    // media_base: where the file system's own offset 0 lies on the media (non-zero inside a pool).
    void walk_file_system(TSK_FS_INFO& fs, int volume_index, uint64_t media_base);
    void record_unallocated(TSK_FS_INFO& fs, int volume_index, uint64_t media_base);
    std::optional<std::string> encryption_signature(uint64_t offset);
    bool digest_content(TSK_FS_FILE& file, FileRecord& record);
    void record_slack(const TSK_FS_INFO& fs, std::optional<TSK_DADDR_T> last_block, size_t used,
                      const FileRecord& record);
    std::string unique_walk_key(const std::string& base);
    void flush_pending();  // hands the pending files to typing_
    void store_typed(std::vector<PendingFile>& batch);

    TSK_IMG_INFO& image_;
    WalkSink& sink_;
    WalkCounters& counters_;
    ContentDigester digester_;
    std::vector<PendingFile> pending_;  // files read and hashed, not yet handed to typing_
    TypingPipeline typing_;
    int next_volume_index_ = 0;
    int current_volume_ = 0;
    uint64_t current_media_base_ = 0;
    std::unordered_set<uint64_t> seen_keys_;  // 64-bit digests of walk keys, to number duplicates
};

}  // namespace izshi::evidence
