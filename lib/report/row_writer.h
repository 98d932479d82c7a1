#pragma once
// Streams the rows of a query as JSON objects, one at a time, so a case with millions of files is
// rendered with bounded memory.
#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <optional>
#include <ostream>
#include <set>
#include <vector>
#include <string>

namespace izshi::report {

// A column's text, "" for NULL.
std::string text_of(const SQLite::Column& column);
// A column as JSON: a quoted string, or null.
std::string json_text_or_null(const SQLite::Column& column);
// A column as JSON: an integer, or null.
std::string json_int_or_null(const SQLite::Column& column);

// Whether the table exists (older case files lack later tables) and holds a row: whether a command
// ever ran on the case.
bool has_rows(SQLite::Database& db, const std::string& table);

struct ColumnStyle {
    std::set<std::string> raw_json;  // TEXT columns that already hold JSON (embedded as is)
    std::set<std::string> booleans;  // INTEGER 0/1 columns written as false/true
};

// Writes "[{...},{...}]" for the query; column names come from the SELECT (use AS to rename).
// 'bound', when given, is bound to the query's parameters (a run or item id).
void write_rows_as_json(std::ostream& out, SQLite::Database& db, const std::string& sql, const ColumnStyle& style = {},
                        std::optional<int64_t> bound = std::nullopt);

}  // namespace izshi::report
