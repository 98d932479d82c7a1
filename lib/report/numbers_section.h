#pragma once
// The "numbers" section of the JSON report: the latest match-numbers run (docs/report-json.md).
#include <SQLiteCpp/Database.h>

#include <ostream>

namespace izshi::report {

// Writes the section's value: null when match-numbers has never run on this case.
void write_numbers_section(std::ostream& out, SQLite::Database& db, bool reveal);

}  // namespace izshi::report
