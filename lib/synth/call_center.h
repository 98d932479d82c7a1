// A second seized device of the same call center, and the watchlists an Anti Call-Center analyst
// brings to it: the ground for match-numbers tests and the demo. Everything is generated from the
// laptop's seed and ground truth (laptop_tree.h); nobody in it exists.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/error.h"
#include "synth/laptop_tree.h"

namespace izshi::synth {

// One number the phone holds as a record, as match-numbers must read it.
struct RecordTruth {
    std::string path;       // relative to the phone folder
    std::string source;     // call_log, contacts, sms, softphone, vcard
    std::string e164;
    std::int64_t unix_time = 0;  // 0: the record has no time
    std::string direction;
};

struct PhoneTruth {
    std::vector<RecordTruth> records;
    std::vector<std::string> shared_with_laptop;  // E.164 numbers on both devices, sorted
};

// A logical extraction of an operator's Android phone, laid out as /data/data: the call log
// (calllog.db), contacts (contacts2.db), SMS (mmssms.db), the Linphone softphone's history
// (linphone.db) and a vCard export. Some people it called are the laptop's victims and CRM clients.
Expected<PhoneTruth> write_phone_extraction(const std::filesystem::path& root, const TreeManifest& laptop);

struct WatchEntryTruth {
    std::string list;            // file name
    int line = 0;
    std::string role;            // the column ("вызываемый", "номер", ...)
    std::string e164;
    bool in_evidence = false;    // the number is on the laptop or the phone
    std::int64_t list_time = 0;  // the intercepted call's time (0: none)
    std::int64_t call_time = 0;  // the time of the same call in a call log on the evidence (0: none)
};

struct WatchlistsTruth {
    std::vector<WatchEntryTruth> entries;
    std::vector<std::pair<std::string, int>> bad_lines;  // (list, line) that must be reported
};

// intercepted_calls.csv (CSV with a header, local times at +05:00) and victims_complaints.txt (one
// number per line with a label: the laptop's victims and people on its CRM call list), each with
// numbers in mixed written forms, numbers that are on no device, and a few rows that cannot be read.
Expected<WatchlistsTruth> write_watchlists(const std::filesystem::path& dir, const TreeManifest& laptop,
                                           const PhoneTruth& phone);

// {"phone": {...}, "watchlists": {...}}: the ground truth for tests.
std::string numbers_truth_json(const PhoneTruth& phone, const WatchlistsTruth& watchlists);

}  // namespace izshi::synth
