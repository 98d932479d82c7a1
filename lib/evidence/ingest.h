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
#include "evidence/content.h"
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

// Reads every file's bytes during an item's first walk, beside the hashers (ingest --find-pii):
// told when a new item's walk begins and when the item has been sealed, so that it can store what
// it found against the file rows the walk stored. Resumed items are not shown to it (their files
// recorded before the interruption are not read again).
class ItemObserver : public ContentObserver {
public:
    // 'walk_opens_archives': the walk hands archive members over itself (logical evidence);
    // otherwise (disk images) archives arrive as plain files, for the observer to open.
    virtual void item_begins(int64_t evidence_id, bool walk_opens_archives) = 0;
    virtual void item_sealed(casefile::CaseFile& file, const custody::Actor& actor, int64_t evidence_id) = 0;
};

struct IngestOptions {
    SeizureDetails seizure;
    ArchiveLimits archive_limits;
    unsigned threads = 0;  // 0: all cores
    std::function<void(const std::string& path, const std::string& message)> on_warning;
    std::function<void(const IngestProgress&)> on_progress;
    ItemObserver* observer = nullptr;
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
