#include "evidence/tsk_walker.h"

#include <cstring>
#include <fmt/format.h>
#include <functional>

#include "core/clock.h"
#include "evidence/image_source.h"

namespace izshi::evidence {

namespace {

// When autodetection finds more than one file system at an offset (DFTT #10 is built for this),
// try each type the way an examiner would with `fls -f TYPE`, most specific signatures first.
constexpr TSK_FS_TYPE_ENUM fallback_fs_types[] = {
    TSK_FS_TYPE_NTFS_DETECT, TSK_FS_TYPE_FAT_DETECT, TSK_FS_TYPE_EXFAT,   TSK_FS_TYPE_EXT_DETECT,
    TSK_FS_TYPE_HFS_DETECT,  TSK_FS_TYPE_ISO9660_DETECT, TSK_FS_TYPE_FFS_DETECT};

// The name's type, or the metadata's where the name does not say (orphans, some deleted entries:
// fls shows them as "-/r"); an examiner counts those as the regular files they are.
std::string kind_of(const TSK_FS_NAME& name, const TSK_FS_META* meta) {
    if (name.type == TSK_FS_NAME_TYPE_UNDEF && meta) {
        switch (meta->type) {
        case TSK_FS_META_TYPE_REG: return "file";
        case TSK_FS_META_TYPE_DIR: return "dir";
        case TSK_FS_META_TYPE_LNK: return "link";
        case TSK_FS_META_TYPE_VIRT: return "virtual";
        default: return "other";
        }
    }
    switch (name.type) {
    case TSK_FS_NAME_TYPE_REG: return "file";
    case TSK_FS_NAME_TYPE_DIR: return "dir";
    case TSK_FS_NAME_TYPE_LNK: return "link";
    case TSK_FS_NAME_TYPE_VIRT: return "virtual";
    case TSK_FS_NAME_TYPE_VIRT_DIR: return "virtual_dir";
    default: return "other";
    }
}

std::optional<std::string> time_of(time_t seconds) { return iso_from_unix(static_cast<int64_t>(seconds)); }

// One row per data stream, as `fls` lists NTFS files: the unnamed stream as the file itself, every
// named $DATA stream as "name:stream", directories once for their $I30 index.
struct StreamRow {
    std::string suffix;        // "" or ":stream"
    std::string address_part;  // "-type-id" for NTFS attributes, "" otherwise
};

std::vector<StreamRow> stream_rows(TSK_FS_FILE& file) {
    if (!TSK_FS_TYPE_ISNTFS(file.fs_info->ftype) || !file.meta) return {{"", ""}};
    std::vector<StreamRow> rows;
    int count = tsk_fs_file_attr_getsize(&file);
    for (int i = 0; i < count; ++i) {
        const TSK_FS_ATTR* attr = tsk_fs_file_attr_get_idx(&file, i);
        if (!attr) continue;
        bool data = attr->type == TSK_FS_ATTR_TYPE_NTFS_DATA;
        bool index = attr->type == TSK_FS_ATTR_TYPE_NTFS_IDXROOT;
        if (!data && !index) continue;
        bool named = attr->name && attr->name[0] && !(index && std::strcmp(attr->name, "$I30") == 0);
        rows.push_back({named ? std::string(":") + attr->name : "", fmt::format("-{}-{}", int(attr->type), attr->id)});
    }
    if (rows.empty()) rows.push_back({"", ""});
    tsk_error_reset();
    return rows;
}

TSK_WALK_RET_ENUM directory_entry_callback(TSK_FS_FILE* file, const char* path, void* walker) {
    return static_cast<TskWalker*>(walker)->on_directory_entry(file, path);
}

struct UnallocatedRuns {
    WalkSink& sink;
    int volume_index;
    uint64_t fs_offset, block_size;
    TSK_DADDR_T run_start = 0, run_length = 0;

    void flush() {
        if (run_length)
            sink.region({volume_index, "unallocated", fs_offset + run_start * block_size, run_length * block_size});
        run_length = 0;
    }
    void add(TSK_DADDR_T block) {
        if (run_length && block == run_start + run_length) {
            ++run_length;
            return;
        }
        flush();
        run_start = block;
        run_length = 1;
    }
};

TSK_WALK_RET_ENUM unallocated_block_callback(const TSK_FS_BLOCK* block, void* runs) {
    static_cast<UnallocatedRuns*>(runs)->add(block->addr);
    return TSK_WALK_CONT;
}

uint64_t fnv1a(const std::string& text) {
    uint64_t hash = 1469598103934665603ull;
    for (unsigned char c : text) hash = (hash ^ c) * 1099511628211ull;
    return hash;
}

}  // namespace

// Files per typing batch: enough to keep every thread busy, small enough to bound memory
// (each pending file holds at most magic_window bytes).
constexpr size_t typing_batch = 512;

TskWalker::TskWalker(TSK_IMG_INFO& image, WalkSink& sink, WalkCounters& counters, unsigned threads)
    : image_(image),
      sink_(sink),
      counters_(counters),
      typing_(threads, [this](std::vector<PendingFile>& batch) { store_typed(batch); }) {}

void TskWalker::flush_pending() {
    if (!pending_.empty()) typing_.submit(std::move(pending_));
    pending_.clear();
}

void TskWalker::store_typed(std::vector<PendingFile>& batch) {
    for (const auto& pending : batch) {
        sink_.file(pending.record);
        counters_.files++;
    }
}

void TskWalker::walk() {
    TSK_VS_INFO* volumes = tsk_vs_open(&image_, 0, TSK_VS_TYPE_DETECT);
    if (volumes) {
        walk_partitions(*volumes);
        tsk_vs_close(volumes);
        return;
    }
    tsk_error_reset();
    VolumeRecord whole;
    whole.sector_size = image_.sector_size ? image_.sector_size : 512;
    whole.length_sectors = static_cast<uint64_t>(image_.size) / whole.sector_size;
    whole.description = "whole image (no volume system)";
    examine_volume(whole, 0, static_cast<uint64_t>(image_.size));
}

void TskWalker::walk_partitions(TSK_VS_INFO& volumes) {
    for (TSK_PNUM_T i = 0; i < volumes.part_count; ++i) {
        const TSK_VS_PART_INFO* part = tsk_vs_part_get(&volumes, i);
        if (!part || (part->flags & TSK_VS_PART_FLAG_META)) continue;  // partition tables themselves
        uint64_t offset = part->start * volumes.block_size, length = part->len * volumes.block_size;
        if (part->flags & TSK_VS_PART_FLAG_UNALLOC) {
            sink_.region({std::nullopt, "unpartitioned", offset, length});
            continue;
        }
        VolumeRecord volume;
        volume.start_sector = part->start;
        volume.length_sectors = part->len;
        volume.sector_size = volumes.block_size;
        volume.description = part->desc ? part->desc : "partition";
        examine_volume(volume, offset, length);
    }
}

void TskWalker::examine_volume(VolumeRecord volume, uint64_t offset, uint64_t length) {
    volume.index = next_volume_index_++;
    std::string note;
    if (TSK_FS_INFO* fs = open_file_system(offset, note)) {
        volume.fs_type = tsk_fs_type_toname(fs->ftype);
        volume.block_size = fs->block_size;
        volume.note = note;
        sink_.volume(volume);
        walk_file_system(*fs, volume.index, 0);
        tsk_fs_close(fs);
        return;
    }
    if (walk_pool(volume, offset)) return;
    volume.encryption = encryption_signature(offset);
    volume.note = volume.encryption ? "encrypted volume: contents cannot be walked without the key" : note;
    sink_.volume(volume);
    sink_.region({volume.index, "raw", offset, length});
}

TSK_FS_INFO* TskWalker::open_file_system(uint64_t offset, std::string& note) {
    if (TSK_FS_INFO* fs = tsk_fs_open_img(&image_, static_cast<TSK_OFF_T>(offset), TSK_FS_TYPE_DETECT)) return fs;
    note = tsk_error_text();
    // libtsk reports ambiguity as an unknown type whose text names the candidates.
    bool ambiguous = note.find("ultiple") != std::string::npos || note.find(" or ") != std::string::npos;
    if (!ambiguous) return nullptr;
    for (auto type : fallback_fs_types) {
        if (TSK_FS_INFO* fs = tsk_fs_open_img(&image_, static_cast<TSK_OFF_T>(offset), type)) {
            note = fmt::format("file-system autodetection was ambiguous ({}); opened as {}", note,
                               tsk_fs_type_toname(fs->ftype));
            return fs;
        }
        tsk_error_reset();
    }
    return nullptr;
}

// APFS keeps its volumes in a pool (container); each pool volume is a file system of its own.
bool TskWalker::walk_pool(VolumeRecord& container, uint64_t offset) {
    const TSK_POOL_INFO* pool = tsk_pool_open_img_sing(&image_, static_cast<TSK_OFF_T>(offset), TSK_POOL_TYPE_DETECT);
    if (!pool) {
        tsk_error_reset();
        return false;
    }
    container.fs_type = "APFS pool";
    container.note = fmt::format("{} pool volume(s)", pool->num_vols);
    sink_.volume(container);
    for (const TSK_POOL_VOLUME_INFO* pv = pool->vol_list; pv; pv = pv->next) {
        VolumeRecord volume;
        volume.index = next_volume_index_++;
        volume.start_sector = container.start_sector;
        volume.length_sectors = pv->num_blocks * pool->block_size / container.sector_size;
        volume.sector_size = container.sector_size;
        volume.description = fmt::format("APFS volume '{}' (pool block {})", pv->desc ? pv->desc : "", pv->block);
        if (pv->flags & TSK_POOL_VOLUME_FLAG_ENCRYPTED) volume.encryption = "APFS encryption";
        // Debian's libtsk does not export tsk_fs_open_pool; the pool's own image view does the same.
        TskImage volume_image(pool->get_img_info(pool, pv->block));
        TSK_FS_INFO* fs = volume_image ? tsk_fs_open_img(volume_image.get(), 0, TSK_FS_TYPE_APFS_DETECT) : nullptr;
        if (!fs) {
            volume.note = tsk_error_text();
            sink_.volume(volume);
            continue;
        }
        volume.fs_type = tsk_fs_type_toname(fs->ftype);
        volume.block_size = fs->block_size;
        sink_.volume(volume);
        walk_file_system(*fs, volume.index, offset);
        tsk_fs_close(fs);
    }
    tsk_pool_close(pool);
    return true;
}

std::optional<std::string> TskWalker::encryption_signature(uint64_t offset) {
    char head[512] = {};
    if (tsk_img_read(&image_, static_cast<TSK_OFF_T>(offset), head, sizeof head) < 16) {
        tsk_error_reset();
        return std::nullopt;
    }
    if (std::memcmp(head + 3, "-FVE-FS-", 8) == 0) return "BitLocker";
    if (std::memcmp(head, "LUKS\xba\xbe", 6) == 0) return "LUKS";
    if (std::memcmp(head + 88, "CS", 2) == 0 && std::memcmp(head + 3, "NTFS", 4) != 0) return "FileVault (CoreStorage)";
    return std::nullopt;
}

void TskWalker::walk_file_system(TSK_FS_INFO& fs, int volume_index, uint64_t media_base) {
    current_volume_ = volume_index;
    current_media_base_ = media_base;
    int flags = TSK_FS_DIR_WALK_FLAG_ALLOC | TSK_FS_DIR_WALK_FLAG_UNALLOC | TSK_FS_DIR_WALK_FLAG_RECURSE;
    if (tsk_fs_dir_walk(&fs, fs.root_inum, static_cast<TSK_FS_DIR_WALK_FLAG_ENUM>(flags), directory_entry_callback,
                        this))
        sink_.warning(fmt::format("volume {}", volume_index),
                      "the directory walk stopped early (damaged file system?): " + tsk_error_text());
    flush_pending();
    typing_.drain();
    record_unallocated(fs, volume_index, media_base);
}

void TskWalker::record_unallocated(TSK_FS_INFO& fs, int volume_index, uint64_t media_base) {
    UnallocatedRuns runs{sink_, volume_index, media_base + static_cast<uint64_t>(fs.offset), fs.block_size};
    int flags = TSK_FS_BLOCK_WALK_FLAG_UNALLOC | TSK_FS_BLOCK_WALK_FLAG_AONLY;
    if (tsk_fs_block_walk(&fs, fs.first_block, fs.last_block, static_cast<TSK_FS_BLOCK_WALK_FLAG_ENUM>(flags),
                          unallocated_block_callback, &runs))
        sink_.warning(fmt::format("volume {}", volume_index),
                      "unallocated space could not be mapped: " + tsk_error_text());
    runs.flush();
}

std::string TskWalker::unique_walk_key(const std::string& base) {
    std::string key = base;
    for (int occurrence = 2; !seen_keys_.insert(fnv1a(key)).second; ++occurrence)
        key = fmt::format("{}#{}", base, occurrence);
    return key;
}

TSK_WALK_RET_ENUM TskWalker::on_directory_entry(TSK_FS_FILE* file, const char* parent_path) {
    if (!file || !file->name || TSK_FS_ISDOT(file->name->name)) return TSK_WALK_CONT;
    FileRecord base;
    base.volume_index = current_volume_;
    base.name = file->name->name;
    base.path = std::string(parent_path ? parent_path : "") + base.name;
    base.kind = kind_of(*file->name, file->meta);
    base.allocated = (file->name->flags & TSK_FS_NAME_FLAG_ALLOC) != 0;
    TSK_INUM_T address = file->meta ? file->meta->addr : file->name->meta_addr;
    if (file->meta) {
        base.size = static_cast<int64_t>(file->meta->size);
        base.mtime = time_of(file->meta->mtime);
        base.atime = time_of(file->meta->atime);
        base.ctime = time_of(file->meta->ctime);
        base.crtime = time_of(file->meta->crtime);
    }
    bool content_read = false, has_content = false;
    std::vector<unsigned char> head;
    for (const auto& stream : stream_rows(*file)) {
        PendingFile pending{base, {}, false};
        FileRecord& record = pending.record;
        record.path += stream.suffix;
        record.name += stream.suffix;
        record.meta_address = fmt::format("{}{}", address, stream.address_part);
        record.walk_key = unique_walk_key(fmt::format("{}|{}|{}", current_volume_, record.meta_address, record.path));
        if (sink_.already_recorded(record.walk_key)) continue;
        // fls -m -h semantics: every row of a file carries the digest of its default stream.
        if (!content_read) {
            content_read = true;
            base.walk_key = record.walk_key;  // findings of the content belong to its first row
            has_content = digest_content(*file, base);
            if (has_content) head = digester_.head();
        }
        record.digests = has_content ? base.digests : hashing::Digests{};
        pending.needs_type = has_content;
        if (has_content) pending.head = head;
        pending_.push_back(std::move(pending));
    }
    if (pending_.size() >= typing_batch) flush_pending();
    return TSK_WALK_CONT;
}

namespace {

struct ContentWalk {
    ContentDigester& digester;
    WalkCounters& counters;
    // The last block read from the media itself (not resident in metadata, not sparse): the file's
    // slack is the rest of that block.
    std::optional<TSK_DADDR_T> last_block;
    size_t last_block_used = 0;
};

TSK_WALK_RET_ENUM content_block_callback(TSK_FS_FILE*, TSK_OFF_T, TSK_DADDR_T address, char* bytes, size_t length,
                                         TSK_FS_BLOCK_FLAG_ENUM flags, void* context) {
    auto& walk = *static_cast<ContentWalk*>(context);
    walk.digester.update(std::span(reinterpret_cast<const unsigned char*>(bytes), length));
    walk.counters.bytes += length;
    bool on_media = (flags & TSK_FS_BLOCK_FLAG_RAW) && !(flags & TSK_FS_BLOCK_FLAG_SPARSE);
    walk.last_block = on_media ? std::optional(address) : std::nullopt;
    walk.last_block_used = length;
    return TSK_WALK_CONT;
}

}  // namespace

// Reads the default data stream once, feeding the hashers and libmagic. False when there is no
// content to hash (no metadata, a directory, or a deleted file whose blocks cannot be read).
// tsk_fs_file_walk, not tsk_fs_file_read: it is what `fls -h` and `icat` use, and it recovers
// deleted FAT files that tsk_fs_file_read refuses.
bool TskWalker::digest_content(TSK_FS_FILE& file, FileRecord& record) {
    if (!file.meta) return false;
    bool regular = file.meta->type == TSK_FS_META_TYPE_REG || file.meta->type == TSK_FS_META_TYPE_VIRT;
    if (!regular) return false;
    digester_.begin(record.walk_key);
    ContentWalk walk{digester_, counters_, std::nullopt, 0};
    if (tsk_fs_file_walk(&file, TSK_FS_FILE_WALK_FLAG_NONE, content_block_callback, &walk) != 0) {
        // NTFS system files such as $Extend/$ObjId hold only indexes: no data stream is normal.
        bool no_data_stream = tsk_error_get_errno() == TSK_ERR_FS_ATTR_NOTFOUND;
        auto reason = tsk_error_text();
        if (no_data_stream) return false;
        if (record.allocated) sink_.warning(record.path, "content unreadable: " + reason);
        return false;
    }
    digester_.finish(record);
    record_slack(*file.fs_info, walk.last_block, walk.last_block_used, record);
    return true;
}

// File slack of an allocated file: the bytes after its end in its last block, where earlier
// contents often survive. Deleted files are left out: their last block may belong to another file.
void TskWalker::record_slack(const TSK_FS_INFO& fs, std::optional<TSK_DADDR_T> last_block, size_t used,
                             const FileRecord& record) {
    if (!record.allocated || !last_block || used == 0 || used >= fs.block_size) return;
    uint64_t offset = current_media_base_ + static_cast<uint64_t>(fs.offset) + *last_block * fs.block_size + used;
    sink_.region({current_volume_, "slack", offset, fs.block_size - used});
}

}  // namespace izshi::evidence
