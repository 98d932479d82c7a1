#pragma once
// Matching files against known sets: plain lookups (hashdeep -m / -x, marking known files in a case)
// and hashdeep's audit (-a), with its counters and its verdict.
#include <optional>
#include <string>
#include <vector>

#include "hashing/known_set.h"

namespace izshi::hashing {

struct KnownMatch {
    const KnownSet* set = nullptr;
    Candidate candidate;  // candidate.full: every shared digest agrees
};

// The first full match in any set, else the first partial one; nullopt when no digest is known.
std::optional<KnownMatch> find_known(const std::vector<const KnownSet*>& sets, const ComputedDigests& file);

ComputedDigests computed_digests(const std::vector<Algorithm>& algorithms, const std::vector<std::string>& hex,
                                 std::optional<uint64_t> size);

enum class AuditStatus { matched, partial, moved, new_file };
std::string_view audit_status_name(AuditStatus status);

struct AuditCounters {
    uint64_t examined = 0;        // input files examined
    uint64_t expected = 0;        // known files expecting
    uint64_t matched = 0;         // same content, same name
    uint64_t partial = 0;         // some digests agree, others do not
    uint64_t moved = 0;           // same content under another name
    uint64_t new_files = 0;       // content not in the known sets
    uint64_t not_found = 0;       // known entries that no file matched
    // hashdeep's rule: the audit passes when nothing is new, moved, partial or missing.
    bool passed() const { return partial == 0 && moved == 0 && new_files == 0 && not_found == 0; }
};

class Audit {
public:
    struct Verdict {
        AuditStatus status;
        std::string known_name;  // for moved and partial: the entry it matched
    };

    // Every set must be enumerable (hashdeep files and sum lists, not NSRL).
    explicit Audit(std::vector<const KnownSet*> sets);
    Verdict observe(const std::string& name, const ComputedDigests& file);
    // Known entries that no file matched, as "name" (after every file was observed).
    std::vector<std::string> not_found() const;
    AuditCounters counters() const;

private:
    std::vector<const KnownSet*> sets_;
    std::vector<std::vector<bool>> used_;  // per set, per entry
    AuditCounters counters_;
};

}  // namespace izshi::hashing
