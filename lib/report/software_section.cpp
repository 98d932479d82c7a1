#include "report/software_section.h"

#include <SQLiteCpp/Statement.h>

#include <fmt/format.h>

#include "core/text.h"
#include "report/row_writer.h"

namespace izshi::report {

namespace {

std::string indicators_of(SQLite::Statement& query, int64_t finding_id) {
    query.reset();
    query.bind(1, finding_id);
    std::string out;
    while (query.executeStep())
        out += fmt::format("{}{{\"kind\":{},\"path\":{},\"file_id\":{},\"rule\":{},\"strength\":{},\"detail\":{},\"time\":{}}}",
                           out.empty() ? "" : ",", json_quote(query.getColumn(0).getString()),
                           json_quote(query.getColumn(1).getString()),
                           json_int_or_null(query.getColumn(2)),
                           json_quote(query.getColumn(3).getString()), json_quote(query.getColumn(4).getString()),
                           json_quote(query.getColumn(5).getString()), json_text_or_null(query.getColumn(6)));
    return "[" + out + "]";
}

}  // namespace

void write_software_section(std::ostream& out, SQLite::Database& db) {
    if (!has_rows(db, "software_scans")) {
        out << "null";
        return;
    }
    SQLite::Statement findings(db, "SELECT id, evidence_id, tool, category, strength, first_time, last_time "
                                   "FROM software_findings ORDER BY evidence_id, tool");
    SQLite::Statement indicators(db, "SELECT kind, path, file_id, rule, strength, detail, time_utc FROM software_indicators "
                                     "WHERE finding_id = ? ORDER BY id");
    out << "[";
    for (bool first = true; findings.executeStep(); first = false)
        out << (first ? "\n  " : ",\n  ")
            << fmt::format("{{\"evidence_id\":{},\"tool\":{},\"category\":{},\"strength\":{},\"first_time\":{},"
                           "\"last_time\":{},\"indicators\":{}}}",
                           findings.getColumn(1).getInt64(), json_quote(findings.getColumn(2).getString()),
                           json_quote(findings.getColumn(3).getString()), json_quote(findings.getColumn(4).getString()),
                           json_text_or_null(findings.getColumn(5)), json_text_or_null(findings.getColumn(6)),
                           indicators_of(indicators, findings.getColumn(0).getInt64()));
    out << "]";
}

}  // namespace izshi::report
