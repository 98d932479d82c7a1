#pragma once
// Watchlists (SPEC §7): numbers of intercepted calls, victims' complaints, numbers a partner sent.
// Three forms, told apart by their first line (docs/numbers.md):
//   - CSV/TSV with a header: every column named like a number (number, phone, caller, callee, from,
//     to, номер, телефон, ...) gives an entry per row; label, time, direction and case reference
//     columns come along;
//   - one number per line (lines starting with '#' are comments);
//   - a hashed list written by export_hashed_watchlist: HMAC-SHA256 digests instead of numbers.
// Numbers in any written form are normalised to E.164 by libphonenumber; a row that cannot be read
// is reported with its line number and the rest are loaded.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "core/error.h"
#include "numbers/number_key.h"

namespace izshi::numbers {

struct WatchEntry {
    std::string key;        // E.164, or the lower-case hex HMAC in a hashed list
    std::string role;       // the column the number came from ("number", "caller", "callee", ...)
    std::string label;      // the row's label or comment column
    std::string time_utc;   // ISO 8601 UTC; "" when the row has no time
    std::optional<int64_t> time;  // the same, in seconds since the epoch
    std::string direction;
    std::string case_ref;
    int line = 0;
};

struct RowProblem {
    int line = 0;
    std::string message;   // "not a valid phone number: '8 703 ...'"
    bool dropped = true;   // false: the entry was loaded without the part named (a time not understood)
};

struct Watchlist {
    std::string path;
    std::string label;     // FILE:LABEL on the command line, else the file name
    std::string sha256;    // of the file, for the custody log
    bool hashed = false;
    std::string key_id;    // a hashed list's key (NumberKey::key_id)
    std::vector<WatchEntry> entries;
    std::vector<RowProblem> problems;
};

struct WatchlistOptions {
    std::string region = "KZ";  // for numbers written without a country code
    int offset_minutes = 0;     // for times written without a zone (minutes east of UTC)
    unsigned threads = 0;       // judging numbers (0: all cores)
};

// "calls.csv:intercepts" -> {"calls.csv", "intercepts"}; a path with no label keeps its file name.
std::pair<std::string, std::string> split_watchlist_argument(const std::string& argument);

// Errors only for a file that cannot be read at all; bad rows are in Watchlist::problems.
Expected<Watchlist> load_watchlist(const std::filesystem::path& path, const std::string& label,
                                   const WatchlistOptions& options);

// [{"line", "message", "dropped"}, ...]: how the case and the CLI show a list's bad rows.
std::string problems_json(const std::vector<RowProblem>& problems);

// Writes the lists as one hashed list: a header line naming the key, then one row per entry with
// the HMAC, the role, the list's label, time, direction, case reference and source line. The
// entries' own labels stay behind (they may hold names); no number is written.
void export_hashed_watchlist(const std::vector<Watchlist>& lists, const NumberKey& key, std::ostream& out);

}  // namespace izshi::numbers
