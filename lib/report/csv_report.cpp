// `report --format csv`: the case's tables as CSV files in a folder (RFC 4180: comma, CRLF, quotes
// doubled), for spreadsheets and partner tools; personal data masked unless revealed.
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <functional>

#include "report/masking.h"
#include "report/pii_databases.h"
#include "report/report.h"
#include "report/row_writer.h"

namespace izshi::report {

namespace {

std::string csv_field(const std::string& value) {
    if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
    std::string out = "\"";
    for (char c : value) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

// How a column is written when personal data is masked.
using Mask = std::function<std::string(const std::string& value, const std::vector<std::string>& row)>;

struct Table {
    const char* file;
    const char* table_needed;  // the table that must exist (older case files lack later ones)
    std::string sql;
    std::map<std::string, Mask> masked;
};

Mask as(const char* type) {
    return [type](const std::string& value, const std::vector<std::string>&) { return mask_value(type, value); };
}

Mask hidden() {
    return [](const std::string&, const std::vector<std::string>&) { return std::string(); };
}

std::vector<Table> tables() {
    return {
        {"evidence.csv", "evidence",
         "SELECT id, label, exhibit, kind, format, sources, size, md5, sha1, sha256, stored_md5, stored_sha1, verification, "
         "seized_from, seized_at, seized_by, authorization, notes, state, registered_at FROM evidence ORDER BY id", {}},
        {"volumes.csv", "volumes", "SELECT evidence_id, idx, start_sector, length_sectors, sector_size, description, fs_type, "
                                   "block_size, encryption, note FROM volumes ORDER BY evidence_id, idx", {}},
        {"files.csv", "files",
         "SELECT id, evidence_id, path, name, kind, allocated, meta_address, size, mtime, atime, ctime, crtime, mime, "
         "description, extension_mismatch, md5, sha1, sha256, known FROM files ORDER BY id", {}},
        {"regions.csv", "regions", "SELECT id, evidence_id, kind, offset, length FROM regions ORDER BY id", {}},
        {"errors.csv", "errors", "SELECT evidence_id, time_utc, command, path, message FROM errors ORDER BY id", {}},
        {"custody.csv", "custody_events",
         "SELECT seq, chain, chain_seq, time_utc, time_zone, examiner, host, action, arguments, authorization, tool_version, inputs, "
         "details, covers, content_digest, prev_hash, hash FROM custody_events ORDER BY seq", {}},
        {"findings.csv", "findings",
         "SELECT x.id, x.evidence_id, x.file_id, x.region_id, coalesce(f.path, r.kind || '@' || r.offset) AS path, x.offset, "
         "x.location, x.type, x.value, x.encoding, x.score, x.note, x.context FROM findings x LEFT JOIN files f ON f.id = x.file_id "
         "LEFT JOIN regions r ON r.id = x.region_id ORDER BY x.id",
         {{"value", [](const std::string& value, const std::vector<std::string>& row) { return mask_value(row[7], value); }},
          {"context", hidden()}}},
        {"call_records.csv", "call_records",
         "SELECT c.id, c.evidence_id, c.file_id, f.path, c.location, c.source, c.number, c.written, c.name, c.time_utc, "
         "c.direction, c.duration FROM call_records c JOIN files f ON f.id = c.file_id ORDER BY c.id",
         {{"number", as("phone")}, {"written", hidden()}, {"name", as("name")}}},
        {"number_matches.csv", "number_matches",
         "SELECT m.run_id, w.label AS watchlist, m.entry_line, m.entry_role, m.entry_label, m.entry_time, m.entry_direction, "
         "m.case_ref, m.number, m.evidence_id, m.file_id, m.region_id, coalesce(f.path, r.kind || '@' || r.offset) AS path, "
         "m.location, m.offset, m.source, m.name, m.time_utc, m.direction, m.delta_seconds "
         "FROM number_matches m JOIN watchlists w ON w.id = m.watchlist_id LEFT JOIN files f ON f.id = m.file_id "
         "LEFT JOIN regions r ON r.id = m.region_id ORDER BY m.id",
         {{"number", as("phone")}, {"entry_label", as("name")}, {"name", as("name")}}},
        {"number_links.csv", "number_links", "SELECT run_id, evidence_a, evidence_b, shared, watchlisted, numbers FROM number_links "
                                             "ORDER BY run_id, evidence_a, evidence_b",
         {{"numbers", [](const std::string& value, const std::vector<std::string>&) {
               auto numbers = nlohmann::json::parse(value);
               for (auto& n : numbers) n = mask_value("phone", n.get<std::string>());
               return numbers.dump();
           }}}},
        {"software.csv", "software_findings",
         "SELECT f.evidence_id, f.tool, f.category, f.strength AS tool_strength, i.kind, i.path, i.file_id, i.rule, "
         "i.strength, i.detail, i.time_utc FROM software_indicators i JOIN software_findings f ON f.id = i.finding_id "
         "ORDER BY f.evidence_id, f.tool, i.id", {}},
    };
}

Expected<void> write_table(SQLite::Database& db, const Table& table, const std::filesystem::path& path, bool reveal,
                           size_t& rows) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) return fail(ErrorKind::input, path.string() + ": cannot write");
    SQLite::Statement query(db, table.sql);
    int columns = query.getColumnCount();
    for (int c = 0; c < columns; ++c) out << (c ? "," : "") << csv_field(query.getColumnName(c));
    out << "\r\n";
    std::vector<std::string> row(static_cast<size_t>(columns));
    while (query.executeStep()) {
        for (int c = 0; c < columns; ++c) row[static_cast<size_t>(c)] = text_of(query.getColumn(c));
        for (int c = 0; c < columns; ++c) {
            auto& value = row[static_cast<size_t>(c)];
            auto mask = table.masked.find(query.getColumnName(c));
            out << (c ? "," : "") << csv_field(!reveal && mask != table.masked.end() && !value.empty() ? mask->second(value, row) : value);
        }
        out << "\r\n";
        ++rows;
    }
    out.flush();
    if (!out) return fail(ErrorKind::input, path.string() + ": cannot write");
    return {};
}

}  // namespace

Expected<size_t> write_csv_tables(casefile::CaseFile& file, const std::filesystem::path& folder, const ReportOptions& options) {
    std::error_code error;
    std::filesystem::create_directories(folder, error);
    if (error) return fail(ErrorKind::usage, folder.string() + ": cannot create the folder: " + error.message());
    size_t rows = 0;
    for (const auto& table : tables()) {
        if (!file.db().tableExists(table.table_needed)) continue;
        if (auto written = write_table(file.db(), table, folder / table.file, options.reveal, rows); !written)
            return std::unexpected(written.error());
    }
    std::ofstream databases(folder / "databases.csv", std::ios::binary | std::ios::trunc);
    databases << "evidence_id,file_id,path,rows,distinct_iins,types,columns,overlaps\r\n";
    for_each_pii_database(file.db(), [&](const PiiDatabase& d) {
        std::string types, columns, overlaps;
        for (const auto& t : d.types) types += (types.empty() ? "" : " ") + t;
        for (const auto& c : d.columns) columns += (columns.empty() ? "" : "; ") + c.column;
        for (const auto& o : d.overlaps) overlaps += fmt::format("{}#{} {} ({})", overlaps.empty() ? "" : "; ", o.evidence_id, o.path, o.shared_iins);
        databases << fmt::format("{},{},{},{},{},{},{},{}\r\n", d.evidence_id, d.file_id, csv_field(d.path), d.rows, d.distinct_iins,
                                 csv_field(types), csv_field(columns), csv_field(overlaps));
        ++rows;
    });
    if (!databases) return fail(ErrorKind::input, (folder / "databases.csv").string() + ": cannot write");
    return rows;
}

}  // namespace izshi::report
