#pragma once
// The "numbers" section of the JSON report: the call records find-pii read and the latest
// match-numbers run (docs/report-json.md).
#include <SQLiteCpp/Database.h>

#include <ostream>

namespace izshi::report {

// Writes the section's value: null when the case holds neither call records nor a match-numbers run.
void write_numbers_section(std::ostream& out, SQLite::Database& db, bool reveal);

}  // namespace izshi::report
