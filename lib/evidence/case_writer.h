#pragma once
// The one owner of the case file during a walk: stores what walkers find, in batched transactions,
// and knows what an interrupted earlier run already stored so a rerun resumes without duplicates.
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "casefile/case_file.h"
#include "evidence/records.h"

namespace izshi::evidence {

class CaseWriter final : public WalkSink {
public:
    using WarningHandler = std::function<void(const std::string& path, const std::string& message)>;

    CaseWriter(casefile::CaseFile& file, int64_t evidence_id, WarningHandler on_warning);
    // Destroying the writer without flush() rolls the open batch back (an exception unwinding).

    void volume(const VolumeRecord& volume) override;
    void file(const FileRecord& file) override;
    void region(const RegionRecord& region) override;
    void warning(const std::string& path, const std::string& message) override;
    bool already_recorded(const std::string& walk_key) override;

    // Commits what is pending; call before sealing the item.
    void flush();

private:
    void load_previous_run();
    void row_written();
    std::optional<int64_t> volume_id(std::optional<int> index) const;

    casefile::CaseFile& case_;
    int64_t evidence_id_;
    WarningHandler on_warning_;
    std::unique_ptr<SQLite::Transaction> transaction_;
    size_t pending_rows_ = 0;
    std::chrono::steady_clock::time_point last_commit_ = std::chrono::steady_clock::now();
    SQLite::Statement insert_file_, insert_region_;
    std::unordered_map<int, int64_t> volume_ids_;
    std::unordered_map<std::string, int64_t> container_ids_;
    std::unordered_set<std::string> recorded_keys_;
};

}  // namespace izshi::evidence
