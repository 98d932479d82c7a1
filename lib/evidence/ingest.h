#pragma once
// `izshi ingest`: register evidence items with their custody details, walk them, inventory and hash
// every file, hash the media, and seal each finished item into the custody chain.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "casefile/case_file.h"
#include "custody/custody_log.h"
#include "evidence/logical_walker.h"

namespace izshi::evidence {

struct SeizureDetails {
    std::string label, exhibit, seized_from, seized_at, seized_by, notes;
};

struct IngestProgress {
    std::string label;
    uint64_t files = 0;
    uint64_t file_bytes = 0;
    uint64_t media_bytes = 0, media_size = 0;
};

struct IngestOptions {
    SeizureDetails seizure;
    ArchiveLimits archive_limits;
    unsigned threads = 0;  // 0: all cores
    std::function<void(const std::string& path, const std::string& message)> on_warning;
    std::function<void(const IngestProgress&)> on_progress;
};

struct ItemOutcome {
    std::string source;
    std::optional<int64_t> evidence_id;
    std::string label;
    std::string status;  // "ingested", "resumed", "skipped", "failed"
    std::string error;   // why it failed, or why its media could not be hashed
    std::string format;
    uint64_t files = 0, deleted = 0, volumes = 0, regions = 0, warnings = 0;
    std::optional<std::string> md5, sha1, sha256, stored_md5;
    std::string verification = "none";
};

struct IngestResult {
    std::vector<ItemOutcome> items;
    // An item could not be opened, or its media could not be read to the end.
    bool any_input_error() const;
    bool any_hash_mismatch() const;
};

IngestResult ingest(casefile::CaseFile& file, const custody::Actor& actor, const std::vector<std::filesystem::path>& sources,
                    const IngestOptions& options);

// Records "case.create" as the first event of a new case's chain; does nothing for an existing one.
void ensure_case_created(casefile::CaseFile& file, const custody::Actor& actor);

}  // namespace izshi::evidence
