#pragma once
// Known hash sets (SPEC §4): hashdeep files, md5sum/sha1sum/sha256sum/sha512sum lists, and NIST
// NSRL RDSv3 SQLite databases. Lists are held as sorted binary digests (binary search, no per-row
// allocation); RDSv3 is queried through its own index, so a set of tens of millions of rows opens
// at once and costs one indexed lookup per file.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "hashing/multi_hasher.h"

namespace izshi::hashing {

// What was computed for one file: the algorithms that ran and their hex digests.
struct ComputedDigests {
    std::optional<uint64_t> size;
    std::vector<std::pair<Algorithm, std::string>> hex;
};

// An entry of a set that shares a digest with a file. 'full' when every digest both sides have
// (and the size, where both have it) agrees; otherwise the file only partially matches it.
struct Candidate {
    size_t entry = 0;  // index within its set
    bool full = false;
    std::string known_name;
};

class KnownSet {
public:
    virtual ~KnownSet() = default;
    virtual std::string path() const = 0;
    virtual std::string kind() const = 0;  // "hashdeep", "sum", "nsrl-rdsv3"
    virtual std::vector<Algorithm> algorithms() const = 0;
    virtual uint64_t entries() const = 0;
    // Entries sharing at least one digest with the file, full matches first.
    virtual std::vector<Candidate> candidates(const ComputedDigests& file) const = 0;
    // The name of every entry, for audits; empty for sets too large to enumerate (NSRL).
    virtual bool enumerable() const { return true; }
    virtual std::string entry_name(size_t entry) const = 0;
    // Lines that could not be read (with their line numbers); the rest of the set was loaded.
    const std::vector<std::string>& warnings() const { return warnings_; }

protected:
    std::vector<std::string> warnings_;
};

// Detects the format from the content: SQLite header (RDSv3), "%%%% HASHDEEP-1.0", else a sum list.
Expected<std::unique_ptr<KnownSet>> load_known_set(const std::filesystem::path& path);

// True when a file digested with 'computed' can be compared with the set at all.
bool shares_algorithm(const KnownSet& set, const std::vector<Algorithm>& computed);

}  // namespace izshi::hashing
