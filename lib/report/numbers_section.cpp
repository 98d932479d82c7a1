#include "report/numbers_section.h"

#include <SQLiteCpp/Statement.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <sstream>

#include "core/text.h"
#include "report/masking.h"
#include "report/row_writer.h"

namespace izshi::report {

namespace {

constexpr const char* run_query =
    "SELECT id, run_at, mode, key_id, region, utc_offset_minutes, window_seconds, evidence_numbers "
    "FROM number_runs WHERE id = ?";

constexpr const char* watchlists_query =
    "SELECT id, label, path, sha256, hashed, entries, matched, problems FROM watchlists "
    "WHERE run_id = ? ORDER BY id";

constexpr const char* matches_query =
    "SELECT m.number, w.label, m.watchlist_id, m.entry_line, m.entry_role, m.entry_label, m.entry_time, "
    "m.entry_direction, m.case_ref, m.evidence_id, coalesce(f.path, r.kind || '@' || r.offset), m.file_id, "
    "m.region_id, m.location, m.offset, m.source, m.name, m.time_utc, m.direction, m.delta_seconds "
    "FROM number_matches m JOIN watchlists w ON w.id = m.watchlist_id LEFT JOIN files f ON f.id = m.file_id "
    "LEFT JOIN regions r ON r.id = m.region_id WHERE m.run_id = ? ORDER BY m.id";

constexpr const char* links_query =
    "SELECT evidence_a, evidence_b, shared, watchlisted, numbers FROM number_links WHERE run_id = ? "
    "ORDER BY shared DESC, evidence_a, evidence_b";

// The call records find-pii read, counted per item and source.
constexpr const char* records_query =
    "SELECT evidence_id, source, count(*) AS records, count(DISTINCT nullif(number, '')) AS numbers, "
    "sum(time_utc IS NOT NULL) AS with_time FROM call_records GROUP BY evidence_id, source ORDER BY evidence_id, source";

// A run's rows: the caller's statement with the run id bound, one JSON object per row.
void write_matches(std::ostream& out, SQLite::Database& db, int64_t run_id, int64_t window, bool reveal) {
    SQLite::Statement query(db, matches_query);
    query.bind(1, run_id);
    auto hidden = [&](std::string_view type, const std::string& value) {
        return json_quote(reveal || value.empty() ? value : mask_value(type, value));
    };
    out << "[";
    for (bool first = true; query.executeStep(); first = false) {
        auto delta = query.getColumn(19);
        bool near = !delta.isNull() && std::llabs(delta.getInt64()) <= window;
        out << (first ? "\n  " : ",\n  ")
            << fmt::format(
                   "{{\"number\":{},\"watchlist\":{},\"watchlist_id\":{},\"entry_line\":{},\"entry_role\":{},"
                   "\"entry_label\":{},\"entry_time\":{},\"entry_direction\":{},\"case_ref\":{},\"evidence_id\":{},"
                   "\"path\":{},\"file_id\":{},\"region_id\":{},\"location\":{},\"offset\":{},\"source\":{},\"name\":{},"
                   "\"time\":{},\"direction\":{},\"delta_seconds\":{},\"near\":{}}}",
                   hidden("phone", query.getColumn(0).getString()), json_quote(query.getColumn(1).getString()),
                   query.getColumn(2).getInt64(), query.getColumn(3).getInt64(), json_quote(query.getColumn(4).getString()),
                   hidden("name", query.getColumn(5).getString()), json_text_or_null(query.getColumn(6)),
                   json_quote(query.getColumn(7).getString()), json_quote(query.getColumn(8).getString()),
                   query.getColumn(9).getInt64(), json_text_or_null(query.getColumn(10)), json_int_or_null(query.getColumn(11)),
                   json_int_or_null(query.getColumn(12)), json_quote(query.getColumn(13).getString()),
                   json_int_or_null(query.getColumn(14)), json_quote(query.getColumn(15).getString()),
                   hidden("name", query.getColumn(16).getString()), json_text_or_null(query.getColumn(17)),
                   json_quote(query.getColumn(18).getString()), json_int_or_null(delta), near ? "true" : "false");
    }
    out << "]";
}

void write_links(std::ostream& out, SQLite::Database& db, int64_t run_id, bool reveal) {
    SQLite::Statement query(db, links_query);
    query.bind(1, run_id);
    out << "[";
    for (bool first = true; query.executeStep(); first = false) {
        auto numbers = nlohmann::json::parse(query.getColumn(4).getString()).get<std::vector<std::string>>();
        if (!reveal)
            for (auto& number : numbers) number = mask_value("phone", number);
        out << (first ? "\n  " : ",\n  ")
            << fmt::format("{{\"evidence_a\":{},\"evidence_b\":{},\"shared\":{},\"watchlisted\":{},\"numbers\":{}}}",
                           query.getColumn(0).getInt64(), query.getColumn(1).getInt64(), query.getColumn(2).getInt64(),
                           query.getColumn(3).getInt64(), json_string_array(numbers));
    }
    out << "]";
}

// A problem quotes what the list held ("not a valid phone number: '8 703 ...'"): a mistyped number
// is still someone's, so the quoted part is masked with the rest.
std::string mask_quoted(const std::string& message) {
    auto open = message.find('\'');
    auto close = message.rfind('\'');
    if (open == std::string::npos || close <= open) return message;
    return message.substr(0, open + 1) + mask_value("", message.substr(open + 1, close - open - 1)) + message.substr(close);
}

void write_watchlists(std::ostream& out, SQLite::Database& db, int64_t run_id, bool reveal) {
    SQLite::Statement query(db, watchlists_query);
    query.bind(1, run_id);
    out << "[";
    for (bool first = true; query.executeStep(); first = false) {
        auto problems = nlohmann::json::parse(query.getColumn(7).getString());
        if (!reveal)
            for (auto& problem : problems) problem["message"] = mask_quoted(problem["message"].get<std::string>());
        out << (first ? "" : ",")
            << fmt::format("{{\"id\":{},\"label\":{},\"path\":{},\"sha256\":{},\"hashed\":{},\"entries\":{},"
                           "\"matched\":{},\"problems\":{}}}",
                           query.getColumn(0).getInt64(), json_quote(query.getColumn(1).getString()),
                           json_quote(query.getColumn(2).getString()), json_quote(query.getColumn(3).getString()),
                           query.getColumn(4).getInt() ? "true" : "false", query.getColumn(5).getInt64(),
                           query.getColumn(6).getInt64(), problems.dump());
    }
    out << "]";
}


}  // namespace

void write_numbers_section(std::ostream& out, SQLite::Database& db, bool reveal) {
    if (!has_rows(db, "number_runs") && !has_rows(db, "call_records")) {
        out << "null";
        return;
    }
    auto runs = db.execAndGet("SELECT count(*) FROM number_runs").getInt64();
    auto run_id = db.execAndGet("SELECT coalesce(max(id), 0) FROM number_runs").getInt64();
    auto window = db.execAndGet(fmt::format("SELECT coalesce(max(window_seconds), 0) FROM number_runs WHERE id = {}", run_id))
                      .getInt64();
    out << "{\"masked\": " << (reveal ? "false" : "true") << ", \"runs\": " << runs << ", \"run\": ";
    std::ostringstream run;
    write_rows_as_json(run, db, run_query, {}, run_id);
    auto run_text = run.str();  // "[{...}]" with one row, "[]" with none
    out << (run_text == "[]" ? "null" : run_text.substr(1, run_text.size() - 2));
    out << ",\n \"watchlists\": ";
    write_watchlists(out, db, run_id, reveal);
    out << ",\n \"records\": ";
    write_rows_as_json(out, db, records_query);
    out << ",\n \"matches\": ";
    write_matches(out, db, run_id, window, reveal);
    out << ",\n \"links\": ";
    write_links(out, db, run_id, reveal);
    out << "}";
}

}  // namespace izshi::report
