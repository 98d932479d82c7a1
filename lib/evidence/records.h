#pragma once
// What walkers find in an evidence item, as plain values. Walkers push them into a WalkSink; the
// case writer is the sink that stores them (STYLE.md: source -> sink, one owner of the database).
#include <cstdint>
#include <optional>
#include <string>

#include "hashing/multi_hasher.h"

namespace izshi::evidence {

struct VolumeRecord {
    int index = 0;                  // position in walk order within the evidence item
    uint64_t start_sector = 0;
    uint64_t length_sectors = 0;
    unsigned sector_size = 512;
    std::string description;        // "Linux (0x83)", "whole image (no volume system)", ...
    std::optional<std::string> fs_type;  // "NTFS", "Ext4", ... nullopt when none was recognised
    std::optional<uint32_t> block_size;
    std::optional<std::string> encryption;  // "BitLocker", "LUKS", ... when a signature says so
    std::string note;               // e.g. how an ambiguous file system was resolved
};

struct FileRecord {
    std::optional<int> volume_index;      // nullopt for logical evidence
    std::string walk_key;                 // stable identity of this entry within the item (resume key)
    std::optional<std::string> container_key;  // walk_key of the archive this member came from
    std::string path;                     // no leading slash, '/' separators
    std::string name;
    std::string kind;                     // file, dir, link, virtual, other
    bool allocated = true;
    std::string meta_address;
    std::optional<int64_t> size;
    std::optional<std::string> mtime, atime, ctime, crtime;  // ISO 8601 UTC
    std::string mime, description;
    bool extension_mismatch = false;
    hashing::Digests digests;             // empty strings when the content could not be read
};

struct RegionRecord {
    std::optional<int> volume_index;
    std::string kind;                     // unallocated, unpartitioned, raw
    uint64_t offset = 0;                  // bytes from the start of the media
    uint64_t length = 0;
};

class WalkSink {
public:
    virtual ~WalkSink() = default;
    virtual void volume(const VolumeRecord& volume) = 0;
    virtual void file(const FileRecord& file) = 0;
    virtual void region(const RegionRecord& region) = 0;
    // A problem that does not stop the walk: a damaged directory, an unreadable file.
    virtual void warning(const std::string& path, const std::string& message) = 0;
    // True when a resumed walk already stored this entry, so its content need not be read again.
    virtual bool already_recorded(const std::string& walk_key) = 0;
};

}  // namespace izshi::evidence
