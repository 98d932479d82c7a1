#pragma once
// `izshi hash --case F --known SET --mark known-good|known-bad`: marks the case's files whose
// recorded hashes are in a known set, and seals the marks of each item with a `hash.mark` event.
#include <string>
#include <vector>

#include "casefile/case_file.h"
#include "custody/custody_log.h"
#include "hashing/known_set.h"

namespace izshi::integrity {

struct MarkOutcome {
    int64_t evidence_id = 0;
    std::string label;
    uint64_t files_checked = 0;
    uint64_t marked = 0;        // files whose mark was set or confirmed by this run
    uint64_t kept_bad = 0;      // known-bad files a known-good set did not downgrade
    uint64_t partial = 0;       // some digests agree and others do not: reported, never marked
};

// 'status' is "known-good" or "known-bad". A known-bad mark is never replaced by known-good: a file
// that is both in a bad set and in a good one stays visible to the examiner.
Expected<std::vector<MarkOutcome>> mark_known_files(casefile::CaseFile& file, const custody::Actor& actor,
                                                    const std::vector<const hashing::KnownSet*>& sets,
                                                    const std::string& status, const std::vector<int64_t>& evidence_ids);

}  // namespace izshi::integrity
