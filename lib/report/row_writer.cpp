#include "report/row_writer.h"

#include <SQLiteCpp/Statement.h>

#include "core/text.h"

namespace izshi::report {

namespace {

void write_value(std::ostream& out, const SQLite::Column& column, bool raw_json, bool boolean) {
    if (column.isNull()) {
        out << "null";
    } else if (column.isInteger()) {
        if (boolean)
            out << (column.getInt64() ? "true" : "false");
        else
            out << column.getInt64();
    } else if (column.isFloat()) {
        out << column.getDouble();
    } else {
        std::string text(static_cast<const char*>(column.getBlob()), static_cast<size_t>(column.getBytes()));
        if (raw_json && !text.empty())
            out << text;
        else
            out << json_quote(text);
    }
}

}  // namespace

bool has_rows(SQLite::Database& db, const std::string& table) {
    return db.tableExists(table) && db.execAndGet("SELECT EXISTS (SELECT 1 FROM \"" + table + "\")").getInt() != 0;
}

std::string text_of(const SQLite::Column& column) { return column.isNull() ? "" : column.getString(); }

std::string json_text_or_null(const SQLite::Column& column) {
    return column.isNull() ? "null" : json_quote(column.getString());
}

std::string json_int_or_null(const SQLite::Column& column) {
    return column.isNull() ? "null" : std::to_string(column.getInt64());
}

void write_rows_as_json(std::ostream& out, SQLite::Database& db, const std::string& sql, const ColumnStyle& style,
                        std::optional<int64_t> bound) {
    SQLite::Statement query(db, sql);
    for (int i = 1; bound && i <= query.getBindParameterCount(); ++i) query.bind(i, *bound);
    std::vector<std::string> keys;
    std::vector<bool> raw, boolean;
    for (int i = 0; i < query.getColumnCount(); ++i) {
        std::string name = query.getColumnName(i);
        keys.push_back(json_quote(name));
        raw.push_back(style.raw_json.contains(name));
        boolean.push_back(style.booleans.contains(name));
    }
    out << '[';
    bool first = true;
    while (query.executeStep()) {
        out << (first ? "\n  {" : ",\n  {");
        first = false;
        for (size_t i = 0; i < keys.size(); ++i) {
            out << (i ? "," : "") << keys[i] << ':';
            write_value(out, query.getColumn(static_cast<int>(i)), raw[i], boolean[i]);
        }
        out << '}';
    }
    out << (first ? "]" : "\n ]");
}

}  // namespace izshi::report
