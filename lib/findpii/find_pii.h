#pragma once
// `izshi find-pii`: scans every file (archive members included) and every region of the case's
// evidence for personal data and stores the findings, sealed per item in the custody log.
// An evidence item is scanned in one transaction: a run killed midway leaves nothing of that item,
// and the rerun scans it again; a finished item is skipped unless a rescan is asked for.
#include <atomic>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "casefile/case_file.h"
#include "custody/custody_log.h"
#include "evidence/ingest.h"
#include "pii/scanner.h"

namespace izshi::findpii {

struct FindPiiOptions {
    std::vector<int64_t> evidence_ids;  // empty: every complete item
    std::vector<pii::PiiType> types = pii::all_pii_types();
    bool rescan = false;  // replace the findings of items already scanned
    unsigned threads = 0; // threads scanning blocks of large files and regions (0: all cores)
    std::atomic<uint64_t>* progress = nullptr;
    std::function<void(const std::string& path, const std::string& message)> on_warning;
};

struct ItemScan {
    int64_t evidence_id = 0;
    std::string label;
    std::string status;  // "scanned", "skipped" (done before), "failed"
    std::string error;
    uint64_t files = 0, regions = 0, findings = 0;
    uint64_t records = 0;  // phone numbers read as call records (numbers/call_records.h)
};

Expected<std::vector<ItemScan>> find_pii(casefile::CaseFile& file, const custody::Actor& actor,
                                         const FindPiiOptions& options);

// ingest --find-pii: every file's bytes are scanned as ingest reads them for its hashes and types
// (one read for both); when the item is sealed the findings are stored against its file rows, its
// regions are read and scanned, and the scan is sealed as by find-pii. Items that ingest resumed
// or skipped are not seen here (their earlier files are not read again): scan them with find_pii.
class ScanDuringIngest : public evidence::ItemObserver {
public:
    explicit ScanDuringIngest(FindPiiOptions options);
    ~ScanDuringIngest() override;
    void item_begins(int64_t evidence_id, bool walk_opens_archives) override;
    void begin(const std::string& walk_key) override;
    void update(std::span<const unsigned char> bytes) override;
    void end() override;
    void item_sealed(casefile::CaseFile& file, const custody::Actor& actor, int64_t evidence_id) override;
    const std::vector<ItemScan>& scans() const;  // one per item scanned, in order

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace izshi::findpii
