// A first self-contained summary page: no scripts, no external assets, readable printed.
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include "core/text.h"
#include "custody/custody_log.h"
#include "report/report.h"

namespace izshi::report {

namespace {

constexpr const char* style = R"CSS(
body{font-family:"DejaVu Sans",Arial,sans-serif;margin:2em;color:#222;max-width:80em}
h1{font-size:1.6em;margin-bottom:0}h2{border-bottom:2px solid #345;padding-bottom:.2em;margin-top:2em}
table{border-collapse:collapse;width:100%;font-size:.85em;margin:.5em 0}
th,td{border:1px solid #bbb;padding:.3em .5em;text-align:left;vertical-align:top}
th{background:#e8edf2}td.hash{font-family:monospace;font-size:.85em;word-break:break-all}
.figures{display:flex;gap:1em;flex-wrap:wrap}.figure{border:1px solid #bbb;padding:.6em 1em;min-width:8em}
.figure b{display:block;font-size:1.6em}.ok{color:#176117;font-weight:bold}.bad{color:#b00020;font-weight:bold}
.muted{color:#666}@media print{body{margin:0}h2{page-break-after:avoid}tr{page-break-inside:avoid}}
)CSS";

int64_t scalar(SQLite::Database& db, const char* sql) {
    SQLite::Statement query(db, sql);
    query.executeStep();
    return query.getColumn(0).getInt64();
}

std::string cell(const SQLite::Column& column) { return column.isNull() ? "" : html_escape(column.getString()); }

void write_figures(SQLite::Database& db, std::ostream& out) {
    struct Figure {
        const char* label;
        const char* sql;
    };
    const Figure figures[] = {
        {"evidence items", "SELECT COUNT(*) FROM evidence"},
        {"files", "SELECT COUNT(*) FROM files"},
        {"deleted files", "SELECT COUNT(*) FROM files WHERE allocated = 0"},
        {"volumes", "SELECT COUNT(*) FROM volumes"},
        {"hash mismatches", "SELECT COUNT(*) FROM evidence WHERE verification = 'mismatch'"},
        {"errors recorded", "SELECT COUNT(*) FROM errors"},
    };
    out << "<div class=\"figures\">";
    for (const auto& figure : figures)
        out << fmt::format("<div class=\"figure\"><b>{}</b>{}</div>", scalar(db, figure.sql), figure.label);
    out << "</div>\n";
}

void write_evidence(SQLite::Database& db, std::ostream& out) {
    out << "<h2>Evidence</h2><table><tr><th>#</th><th>Label</th><th>Exhibit</th><th>Format</th><th>Size</th>"
           "<th>Seized</th><th>Files (deleted)</th><th>Media hashes</th><th>Integrity</th></tr>\n";
    SQLite::Statement rows(db,
                           "SELECT e.id, e.label, e.exhibit, e.format, e.size, e.seized_from, e.seized_at, e.seized_by, "
                           "e.md5, e.sha256, e.stored_md5, e.verification, e.state, "
                           "(SELECT COUNT(*) FROM files f WHERE f.evidence_id = e.id), "
                           "(SELECT COUNT(*) FROM files f WHERE f.evidence_id = e.id AND f.allocated = 0) "
                           "FROM evidence e ORDER BY e.id");
    while (rows.executeStep()) {
        std::string verification = rows.getColumn(11).getString();
        std::string integrity = verification == "match"      ? "<span class=\"ok\">matches stored hash</span>"
                                : verification == "mismatch" ? "<span class=\"bad\">DIFFERS from stored hash</span>"
                                                             : "<span class=\"muted\">no stored hash</span>";
        if (rows.getColumn(12).getString() != "complete") integrity += " <span class=\"bad\">(ingest unfinished)</span>";
        out << fmt::format(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}<br>{}<br>{}</td><td>{} ({})</td>"
            "<td class=\"hash\">MD5 {}<br>SHA-256 {}<br>stored MD5 {}</td><td>{}</td></tr>\n",
            rows.getColumn(0).getInt64(), cell(rows.getColumn(1)), cell(rows.getColumn(2)), cell(rows.getColumn(3)),
            cell(rows.getColumn(4)), cell(rows.getColumn(5)), cell(rows.getColumn(6)), cell(rows.getColumn(7)),
            rows.getColumn(13).getInt64(), rows.getColumn(14).getInt64(), cell(rows.getColumn(8)),
            cell(rows.getColumn(9)), cell(rows.getColumn(10)), integrity);
    }
    out << "</table>\n";
}

void write_volumes(SQLite::Database& db, std::ostream& out) {
    out << "<h2>Volumes and file systems</h2><table><tr><th>Evidence</th><th>#</th><th>Start sector</th>"
           "<th>Description</th><th>File system</th><th>Note</th></tr>\n";
    SQLite::Statement rows(db, "SELECT evidence_id, idx, start_sector, description, "
                               "COALESCE(fs_type, COALESCE(encryption, 'none recognised')), note "
                               "FROM volumes ORDER BY evidence_id, idx");
    while (rows.executeStep())
        out << fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                           rows.getColumn(0).getInt64(), rows.getColumn(1).getInt64(), rows.getColumn(2).getInt64(),
                           cell(rows.getColumn(3)), cell(rows.getColumn(4)), cell(rows.getColumn(5)));
    out << "</table>\n";
}

void write_custody(casefile::CaseFile& file, std::ostream& out) {
    auto verdict = custody::verify(file.db());
    out << "<h2>Custody log</h2><p>"
        << (verdict.intact() ? "<span class=\"ok\">Hash chain intact</span>"
                             : "<span class=\"bad\">Hash chain BROKEN</span>")
        << fmt::format(" ({} events)</p>", verdict.events);
    for (const auto& problem : verdict.problems) out << "<p class=\"bad\">" << html_escape(problem) << "</p>";
    out << "<table><tr><th>#</th><th>Time (UTC)</th><th>Examiner</th><th>Host</th><th>Action</th>"
           "<th>Authorisation</th><th>Hash</th></tr>\n";
    for (const auto& event : custody::read_events(file.db()))
        out << fmt::format(
            "<tr><td>{}</td><td>{}<br><span class=\"muted\">{}</span></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
            "<td class=\"hash\">{}</td></tr>\n",
            event.seq, html_escape(event.time_utc), html_escape(event.time_zone), html_escape(event.examiner),
            html_escape(event.host), html_escape(event.action), html_escape(event.authorization),
            html_escape(event.hash.substr(0, 16)) + "…");
    out << "</table>\n";
}

void write_errors(SQLite::Database& db, std::ostream& out) {
    int64_t total = scalar(db, "SELECT COUNT(*) FROM errors");
    out << fmt::format("<h2>Problems recorded ({})</h2>", total);
    if (total == 0) {
        out << "<p class=\"muted\">None.</p>\n";
        return;
    }
    out << "<table><tr><th>Evidence</th><th>Path</th><th>Problem</th></tr>\n";
    SQLite::Statement rows(db, "SELECT evidence_id, path, message FROM errors ORDER BY id LIMIT 200");
    while (rows.executeStep())
        out << fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td></tr>\n", cell(rows.getColumn(0)),
                           cell(rows.getColumn(1)), cell(rows.getColumn(2)));
    out << "</table>";
    if (total > 200) out << fmt::format("<p class=\"muted\">First 200 of {}; the JSON report has all.</p>", total);
}

}  // namespace

void write_html_summary(casefile::CaseFile& file, std::ostream& out) {
    auto& db = file.db();
    const auto& info = file.info();
    out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Izshi case "
        << html_escape(info.title) << "</title><style>" << style << "</style></head><body>\n";
    out << "<h1>Case " << html_escape(info.title) << "</h1><p class=\"muted\">Case id " << html_escape(info.uid)
        << " · created " << html_escape(info.created) << " · izshi " << IZSHI_VERSION << "</p>\n";
    write_figures(db, out);
    write_evidence(db, out);
    write_volumes(db, out);
    write_custody(file, out);
    write_errors(db, out);
    out << "</body></html>\n";
}

}  // namespace izshi::report
