#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <fmt/format.h>

#include "core/text.h"
#include "report/masking.h"
#include "report/numbers_section.h"
#include "report/pii_databases.h"
#include "report/software_section.h"
#include "report/report.h"
#include "report/row_writer.h"

namespace izshi::report {

namespace {

constexpr const char* evidence_columns =
    "SELECT e.id, e.label, e.exhibit, e.kind, json(e.sources) AS sources, e.format, e.size, e.md5, e.sha1, e.sha256, "
    "e.stored_md5, e.stored_sha1, e.verification, e.state, e.seized_from, e.seized_at, e.seized_by, e.authorization, "
    "e.notes, json(e.acquisition) AS acquisition, e.registered_at, ";

// With the latest `hash --verify` of each item; case files older than schema 2 have no verifications.
std::string evidence_query(SQLite::Database& db) {
    if (!db.tableExists("verifications"))
        return std::string(evidence_columns) + "NULL AS reverified_at, NULL AS reverification FROM evidence e ORDER BY e.id";
    return std::string(evidence_columns) +
           "v.verified_at AS reverified_at, v.result AS reverification FROM evidence e LEFT JOIN verifications v "
           "ON v.id = (SELECT max(id) FROM verifications WHERE evidence_id = e.id) ORDER BY e.id";
}

constexpr const char* volumes_query =
    "SELECT evidence_id, idx AS \"index\", start_sector, length_sectors, sector_size, description, fs_type, "
    "block_size, encryption, note FROM volumes ORDER BY evidence_id, idx";

constexpr const char* files_query =
    "SELECT f.id, f.evidence_id, v.idx AS volume_index, f.container_id, f.path, f.name, f.size, f.kind, f.allocated, "
    "f.meta_address, f.mtime, f.atime, f.ctime, f.crtime, f.md5, f.sha1, f.sha256, f.mime, f.description, "
    "f.extension_mismatch, f.known FROM files f LEFT JOIN volumes v ON v.id = f.volume_id ORDER BY f.id";

constexpr const char* regions_query =
    "SELECT r.id, r.evidence_id, v.idx AS volume_index, r.kind, r.offset, r.length FROM regions r "
    "LEFT JOIN volumes v ON v.id = r.volume_id ORDER BY r.id";

constexpr const char* errors_query =
    "SELECT evidence_id, time_utc AS time, command, path, message FROM errors ORDER BY id";

constexpr const char* custody_query =
    "SELECT seq, chain, time_utc AS time, time_zone, examiner, host, action, json(arguments) AS arguments, "
    "authorization, tool_version, json(inputs) AS inputs, json(details) AS details, covers, content_digest, "
    "prev_hash, hash FROM custody_events ORDER BY seq";

// With the call records read with the phone numbers (schema 4; null when they were not read).
std::string pii_scans_query(SQLite::Database& db) {
    bool has_records = db.execAndGet("SELECT count(*) FROM pragma_table_info('pii_scans') WHERE name = 'records'").getInt() > 0;
    return std::string("SELECT evidence_id, types, finished_at, files, regions, findings, ") +
           (has_records ? "records" : "NULL AS records") + " FROM pii_scans ORDER BY evidence_id";
}

// Where a finding lies: the file's path (archive members as archive/member), or the region.
constexpr const char* findings_query =
    "SELECT x.type, x.value, x.evidence_id, x.file_id, x.region_id, "
    "coalesce(f.path, r.kind || '@' || r.offset), x.offset, x.encoding, x.score, x.note, x.context, x.location "
    "FROM findings x LEFT JOIN files f ON f.id = x.file_id LEFT JOIN regions r ON r.id = x.region_id ORDER BY x.id";

void write_pii_counts(std::ostream& out, SQLite::Database& db) {
    auto totals = read_pii_totals(db);
    out << ", \"distinct_iins\": " << totals.distinct_iins << ", \"counts\": {";
    for (size_t i = 0; i < totals.counts.size(); ++i)
        out << (i ? ", " : "") << json_quote(totals.counts[i].first) << ": " << totals.counts[i].second;
    out << "}";
}

// Streamed row by row (a case can hold millions); values masked unless revealed, and the context,
// which holds the value itself, only when revealed.
void write_findings(std::ostream& out, SQLite::Database& db, bool reveal) {
    out << ", \"findings\": [";
    SQLite::Statement query(db, findings_query);
    for (bool first = true; query.executeStep(); first = false) {
        auto type = query.getColumn(0).getString(), value = query.getColumn(1).getString();
        auto optional_id = [&](int column) {
            return query.getColumn(column).isNull() ? std::string("null") : std::to_string(query.getColumn(column).getInt64());
        };
        out << (first ? "\n  " : ",\n  ")
            << fmt::format("{{\"type\":{},\"value\":{},\"evidence_id\":{},\"file_id\":{},\"region_id\":{},\"path\":{},"
                           "\"offset\":{},\"location\":{},\"encoding\":{},\"score\":{},\"note\":{},\"context\":{}}}",
                           json_quote(type), json_quote(reveal ? value : mask_value(type, value)),
                           query.getColumn(2).getInt64(), optional_id(3), optional_id(4),
                           json_quote(query.getColumn(5).getString()), query.getColumn(6).getInt64(),
                           json_quote(query.getColumn(11).getString()), json_quote(query.getColumn(7).getString()), query.getColumn(8).getInt(),
                           json_quote(query.getColumn(9).getString()),
                           reveal ? json_quote(query.getColumn(10).getString()) : "null");
    }
    out << "]";
}

void write_databases(std::ostream& out, SQLite::Database& db) {
    out << ", \"databases\": [";
    bool first = true;
    for_each_pii_database(db, [&](const PiiDatabase& d) {
        std::string columns = "{", overlaps = "[";
        for (const auto& c : d.columns)
            columns += (columns.size() > 1 ? "," : "") + json_quote(c.column) + ":" + json_string_array(c.types);
        for (const auto& o : d.overlaps)
            overlaps += fmt::format("{}{{\"evidence_id\":{},\"path\":{},\"shared_iins\":{}}}", overlaps.size() > 1 ? "," : "",
                                    o.evidence_id, json_quote(o.path), o.shared_iins);
        columns += "}";
        overlaps += "]";
        out << (first ? "\n  " : ",\n  ")
            << fmt::format("{{\"evidence_id\":{},\"file_id\":{},\"path\":{},\"rows\":{},\"distinct_iins\":{},"
                           "\"types\":{},\"columns\":{},\"overlaps\":{}}}",
                           d.evidence_id, d.file_id, json_quote(d.path), d.rows, d.distinct_iins, json_string_array(d.types),
                           columns, overlaps);
        first = false;
    });
    out << "]";
}

// The personal data section; null when find-pii has never run on this case.
void write_pii(std::ostream& out, SQLite::Database& db, bool reveal) {
    if (!has_rows(db, "pii_scans")) {
        out << "null";
        return;
    }
    out << "{\"masked\": " << (reveal ? "false" : "true") << ", \"scanned\": ";
    write_rows_as_json(out, db, pii_scans_query(db));
    write_pii_counts(out, db);
    write_findings(out, db, reveal);
    write_databases(out, db);
    out << "}";
}

}  // namespace

PiiTotals read_pii_totals(SQLite::Database& db) {
    PiiTotals totals;
    if (!db.tableExists("findings")) return totals;
    totals.distinct_iins = db.execAndGet("SELECT count(DISTINCT value) FROM findings WHERE type = 'iin'").getInt64();
    SQLite::Statement counts(db, "SELECT type, count(*) FROM findings GROUP BY type ORDER BY type");
    while (counts.executeStep()) totals.counts.emplace_back(counts.getColumn(0).getString(), counts.getColumn(1).getInt64());
    return totals;
}

void write_json_report(casefile::CaseFile& file, std::ostream& out, const ReportOptions& options) {
    auto& db = file.db();
    const auto& info = file.info();
    out << "{\n \"schema_version\": " << json_schema_version << ",\n \"generator\": "
        << json_quote(std::string("izshi ") + IZSHI_VERSION) << ",\n \"case\": {\"id\":" << json_quote(info.uid)
        << ",\"title\":" << json_quote(info.title) << ",\"created\":" << json_quote(info.created)
        << ",\"case_file_schema\":" << info.schema_version << "},\n \"evidence\": ";
    write_rows_as_json(out, db, evidence_query(db),
                       {{"sources", "acquisition"}, {}});
    out << ",\n \"volumes\": ";
    write_rows_as_json(out, db, volumes_query);
    out << ",\n \"files\": ";
    write_rows_as_json(out, db, files_query, {{}, {"allocated", "extension_mismatch"}});
    out << ",\n \"regions\": ";
    write_rows_as_json(out, db, regions_query);
    out << ",\n \"errors\": ";
    write_rows_as_json(out, db, errors_query);
    out << ",\n \"custody\": ";
    write_rows_as_json(out, db, custody_query, {{"arguments", "inputs", "details"}, {}});
    out << ",\n \"pii\": ";
    write_pii(out, db, options.reveal);
    out << ",\n \"numbers\": ";
    write_numbers_section(out, db, options.reveal);
    out << ",\n \"software\": ";
    write_software_section(out, db);
    out << "\n}\n";
}

}  // namespace izshi::report
