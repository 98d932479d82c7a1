#pragma once
// The "software" section of the JSON report: what find-software found (docs/report-json.md).
#include <SQLiteCpp/Database.h>

#include <ostream>

namespace izshi::report {

// One object per tool per evidence item, with its indicators; [] when find-software found
// nothing, null when it never ran on this case.
void write_software_section(std::ostream& out, SQLite::Database& db);

}  // namespace izshi::report
