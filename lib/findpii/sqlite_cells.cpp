#include "findpii/sqlite_cells.h"

#include <sqlite3.h>

#include <fmt/format.h>

#include <memory>

#include "core/memory_database.h"
#include "core/text.h"
#include "pii/iin.h"

namespace izshi::findpii {

namespace {

std::string quoted_identifier(const std::string& name) {
    std::string out = "\"";
    for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

std::vector<std::string> table_names(sqlite3* db) {
    std::vector<std::string> names;
    auto query = prepare_statement(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
    while (query && sqlite3_step(query.get()) == SQLITE_ROW)
        names.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(query.get(), 0)));
    return names;
}

bool iin_by_name(const std::string& column) {
    auto lower = to_lower_ascii(column);
    return lower.find("iin") != std::string::npos || column.find("ИИН") != std::string::npos ||
           column.find("иин") != std::string::npos;
}

// A column holds IINs when its name says so or most of its integers are IINs (with zeros restored).
std::vector<bool> iin_columns(sqlite3* db, const std::string& table, int columns) {
    std::vector<bool> out(static_cast<size_t>(columns));
    std::vector<int> integers(static_cast<size_t>(columns)), valid(static_cast<size_t>(columns));
    auto query = prepare_statement(db, "SELECT * FROM " + quoted_identifier(table) + " LIMIT 1000");
    while (query && sqlite3_step(query.get()) == SQLITE_ROW)
        for (int c = 0; c < columns; ++c) {
            if (sqlite3_column_type(query.get(), c) != SQLITE_INTEGER) continue;
            ++integers[static_cast<size_t>(c)];
            valid[static_cast<size_t>(c)] += pii::iin_from_number(sqlite3_column_int64(query.get(), c)).has_value();
        }
    for (int c = 0; c < columns; ++c) {
        const char* name = sqlite3_column_name(query.get(), c);
        auto i = static_cast<size_t>(c);
        out[i] = (name && iin_by_name(name)) || (integers[i] >= 3 && valid[i] * 2 > integers[i]);
    }
    return out;
}

// A cell's text is scanned on its own. In a column whose name says ID card or passport, the name is
// put before the text as the context word the scanner wants for such numbers (SPEC §5: a context
// word or a column header); offsets still count within the cell.
void scan_cell(const pii::Scanner& scanner, std::string_view text, const std::string& location,
               const std::string& document_column, std::vector<pii::Finding>& out) {
    std::string with_header = document_column.empty() ? std::string(text) : document_column + ": " + std::string(text);
    size_t prefix = with_header.size() - text.size();
    size_t before = out.size();
    scanner.scan(std::span(reinterpret_cast<const unsigned char*>(with_header.data()), with_header.size()), 0,
                 with_header.size(), 0, out);
    for (size_t i = before; i < out.size(); ++i) {
        out[i].location = location;
        out[i].offset = out[i].offset >= prefix ? out[i].offset - prefix : 0;
    }
}

void scan_table(sqlite3* db, const std::string& table, const pii::Scanner& scanner, std::vector<pii::Finding>& out) {
    auto query = prepare_statement(db, "SELECT rowid, * FROM " + quoted_identifier(table));
    if (!query) query = prepare_statement(db, "SELECT 0, * FROM " + quoted_identifier(table));  // WITHOUT ROWID tables
    if (!query) return;
    int columns = sqlite3_column_count(query.get()) - 1;
    auto iins = iin_columns(db, table, columns);
    std::vector<std::string> documents(static_cast<size_t>(columns));  // names of ID-card/passport columns
    for (int c = 0; c < columns; ++c)
        if (const char* name = sqlite3_column_name(query.get(), c + 1); name && pii::names_identity_document(name))
            documents[static_cast<size_t>(c)] = name;
    while (sqlite3_step(query.get()) == SQLITE_ROW) {
        auto rowid = sqlite3_column_int64(query.get(), 0);
        for (int c = 0; c < columns; ++c) {
            int column = c + 1;
            auto location = fmt::format("{}/{}#{}", table, sqlite3_column_name(query.get(), column), rowid);
            int type = sqlite3_column_type(query.get(), column);
            if (type == SQLITE_INTEGER && iins[static_cast<size_t>(c)]) {
                if (auto iin = pii::iin_from_number(sqlite3_column_int64(query.get(), column))) {
                    out.push_back({pii::PiiType::iin, *iin, 0, pii::Encoding::ascii, 80,
                                   "stored as a number in a column of IINs", *iin, location});
                    continue;
                }
            }
            if (type == SQLITE_INTEGER || type == SQLITE_TEXT) {
                auto text = reinterpret_cast<const char*>(sqlite3_column_text(query.get(), column));
                if (text) scan_cell(scanner, text, location, documents[static_cast<size_t>(c)], out);
            }
        }
    }
}

}  // namespace

std::vector<pii::Finding> scan_sqlite_cells(const MemoryDatabase& database, const pii::Scanner& scanner,
                                            std::string& problem) {
    std::vector<pii::Finding> out;
    sqlite3* db = database.handle();
    if (!db) {
        problem = database.problem();
        return out;
    }
    for (const auto& table : table_names(db)) scan_table(db, table, scanner, out);
    if (sqlite3_errcode(db) != SQLITE_OK && sqlite3_errcode(db) != SQLITE_DONE &&
        sqlite3_errcode(db) != SQLITE_ROW)
        problem = std::string("SQLite: ") + sqlite3_errmsg(db);
    return out;
}

}  // namespace izshi::findpii
