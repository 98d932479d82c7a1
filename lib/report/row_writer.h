#pragma once
// Streams the rows of a query as JSON objects, one at a time, so a case with millions of files is
// rendered with bounded memory.
#include <SQLiteCpp/Database.h>

#include <ostream>
#include <set>
#include <vector>
#include <string>

namespace izshi::report {

struct ColumnStyle {
    std::set<std::string> raw_json;  // TEXT columns that already hold JSON (embedded as is)
    std::set<std::string> booleans;  // INTEGER 0/1 columns written as false/true
};

// Writes "[{...},{...}]" for the query; column names come from the SELECT (use AS to rename).
void write_rows_as_json(std::ostream& out, SQLite::Database& db, const std::string& sql, const ColumnStyle& style = {});

}  // namespace izshi::report
