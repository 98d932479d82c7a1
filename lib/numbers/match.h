#pragma once
// `izshi match-numbers` (SPEC §7): which watchlist numbers appear on which seized item, where, and
// when; and which items share numbers (offices tied together). The evidence side is what find-pii
// stored: its phone findings and the call records it read. One run is one transaction, stored in
// the case and sealed in the custody log ("numbers:R").
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "casefile/case_file.h"
#include "custody/custody_log.h"
#include "numbers/watchlist.h"

namespace izshi::numbers {

struct WatchlistSource {
    std::filesystem::path path;
    std::string label;
};

struct MatchOptions {
    std::vector<WatchlistSource> watchlists;
    WatchlistOptions reading;                  // region and zone for the lists' numbers and times
    std::optional<std::filesystem::path> key;  // compare HMAC-SHA256 digests instead of numbers
    int64_t window_seconds = 900;              // "near" when both sides have times this close
};

struct WatchlistOutcome {
    std::string label;
    std::string path;
    std::string error;          // the list could not be used at all
    size_t entries = 0;
    size_t matched = 0;         // entries found somewhere in the evidence
    std::vector<RowProblem> problems;
};

struct EvidenceCount {
    int64_t evidence_id = 0;
    std::string label;
    size_t matches = 0;
    size_t numbers = 0;         // distinct watchlist numbers matched in the item
};

struct MatchRun {
    int64_t run_id = 0;
    std::string mode;           // "plain" or "hmac"
    size_t evidence_numbers = 0;
    size_t matches = 0;
    size_t near = 0;            // matches with both times within the window
    size_t links = 0;
    std::vector<WatchlistOutcome> watchlists;
    std::vector<EvidenceCount> per_evidence;
    std::vector<std::string> unscanned;  // items whose phone numbers find-pii has not read
};

Expected<MatchRun> match_numbers(casefile::CaseFile& file, const custody::Actor& actor, const MatchOptions& options);

}  // namespace izshi::numbers
