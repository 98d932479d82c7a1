#pragma once
// `izshi find-software` (SPEC §6): which voice-altering, deepfake, virtual-device and softphone tools
// each evidence item holds, and how strongly it shows: installer only, installed, configured, used.
// Every file is judged by its path first (no read); the files whose type can hold content
// indicators (programs, models, settings, registry hives, Android package lists) are read with the
// item's walker and judged by their content. One finding per tool per item, with every indicator.
// Each item is one transaction, sealed in the custody log ("software:N").
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "casefile/case_file.h"
#include "custody/custody_log.h"
#include "software/rule_set.h"

namespace izshi::software {

struct FindSoftwareOptions {
    std::vector<int64_t> evidence_ids;                // empty: every complete item
    std::vector<std::filesystem::path> rule_dirs;     // the examiner's rules, besides the shipped ones
    bool rescan = false;                              // scan again items already scanned with these rules
    std::function<void(const std::string& path, const std::string& message)> on_warning;
};

struct ToolFound {
    std::string tool, category, strength;
    size_t indicators = 0;
};

struct ItemSoftware {
    int64_t evidence_id = 0;
    std::string label;
    std::string status;  // "scanned", "skipped" (scanned before with the same rules), "failed"
    std::string error;
    uint64_t files = 0, read = 0, artifacts = 0;
    std::vector<ToolFound> tools;
};

struct SoftwareRun {
    size_t rules = 0;
    std::string rules_sha256;
    std::vector<RuleProblem> rule_problems;  // rule files left out
    std::vector<ItemSoftware> items;
};

Expected<SoftwareRun> find_software(casefile::CaseFile& file, const custody::Actor& actor,
                                    const FindSoftwareOptions& options);

}  // namespace izshi::software
