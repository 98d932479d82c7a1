#pragma once
// Standalone hashing of paths (SPEC §4, like hashdeep): the files to hash are collected in a stable
// order, hashed in parallel, and handed back in that order so that output never depends on timing.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "hashing/file_hasher.h"

namespace izshi::hashing {

struct HashTarget {
    std::filesystem::path path;  // where to read it
    std::string name;            // how it is printed: absolute, or relative as given (-l)
};

struct TargetOptions {
    bool recursive = false;
    bool relative_names = false;
    bool follow_file_links = true;  // hashdeep hashes what a link to a file points to
};

struct TargetList {
    std::vector<HashTarget> files;
    std::vector<Error> problems;  // missing paths, unreadable folders, folders without -r
};

// Folders are expanded (with -r) in byte order of names, depth first; symbolic links to folders are
// not followed (no cycles), links to files are hashed as the file they point to (unless
// follow_file_links is off). Sockets, FIFOs and
// devices inside folders are skipped; a block device named on the command line is hashed whole.
TargetList collect_targets(const std::vector<std::filesystem::path>& paths, const TargetOptions& options);

struct FileHash {
    const HashTarget* target = nullptr;
    uint64_t size = 0;
    std::vector<std::string> hex;  // in the order of the run's algorithms
    std::optional<Error> error;    // unreadable or vanished: the run goes on
};

struct HashRunOptions {
    std::vector<Algorithm> algorithms;
    unsigned threads = 0;  // 0: all cores
    std::atomic<uint64_t>* progress = nullptr;
};

// Hashes every target on the worker threads; 'deliver' runs on the calling thread, in target order.
void hash_targets(const std::vector<HashTarget>& targets, const HashRunOptions& options,
                  const std::function<void(const FileHash&)>& deliver);

}  // namespace izshi::hashing
