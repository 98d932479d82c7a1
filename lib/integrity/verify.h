#pragma once
// `izshi hash --case F --verify`: proves that the evidence is still what was ingested. Every item is
// read again (an image's whole media stream, a logical file, every file of a logical folder), its
// hashes compared with those recorded at ingest and with an E01's stored acquisition hashes, and the
// result is stored and sealed with a `hash.verify` custody event per item.
#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "casefile/case_file.h"
#include "custody/custody_log.h"
#include "hashing/multi_hasher.h"

namespace izshi::integrity {

struct ItemVerification {
    int64_t evidence_id = 0;
    std::string label;
    std::string kind;    // "image" or "logical"
    std::string result;  // "match", "mismatch", "unreadable", "unverified" (nothing recorded to compare with)
    hashing::Digests recorded, computed;
    std::optional<std::string> stored_md5, stored_sha1;  // from the E01 acquisition
    std::vector<std::string> problems;                   // what differs or could not be read
};

struct VerifyOptions {
    std::vector<int64_t> evidence_ids;  // empty: every complete item
    std::atomic<uint64_t>* progress = nullptr;
};

// Items still walking (an interrupted ingest) are skipped with a problem line: there is nothing
// complete to verify against yet.
Expected<std::vector<ItemVerification>> verify_evidence(casefile::CaseFile& file, const custody::Actor& actor,
                                                        const VerifyOptions& options);

}  // namespace izshi::integrity
