#include "report/pii_databases.h"

#include <SQLiteCpp/Statement.h>

#include <algorithm>

namespace izshi::report {

namespace {

constexpr int kDatabaseIins = 100, kRecordIins = 10, kOverlapIins = 10;

constexpr const char* databases_query =
    "SELECT x.evidence_id, x.file_id, f.path, count(DISTINCT CASE WHEN x.type = 'iin' THEN x.value END) AS iins, "
    "sum(x.type = 'iin') AS records, count(DISTINCT CASE WHEN x.type = 'phone' THEN x.value END) AS phones, "
    "group_concat(DISTINCT x.type) AS types "
    "FROM findings x JOIN files f ON f.id = x.file_id GROUP BY x.file_id "
    "HAVING iins >= ? OR (iins >= ? AND phones * 2 >= iins) ORDER BY iins DESC, x.file_id";

// For SQLite cells and worksheet columns: which column holds which types ("clients/iin": ["iin"]).
// The location is "<column>#<row>": the column is what comes before the last '#'.
constexpr const char* columns_query =
    "SELECT rtrim(location, '0123456789') AS column, group_concat(DISTINCT type) FROM findings "
    "WHERE file_id = ? AND location != '' GROUP BY column ORDER BY column";

// Other files and regions, in any evidence item, holding the same people.
constexpr const char* overlaps_query =
    "SELECT y.evidence_id, coalesce(f.path, r.kind || '@' || r.offset), count(DISTINCT y.value) AS shared "
    "FROM findings x JOIN findings y ON y.type = 'iin' AND y.value = x.value "
    "LEFT JOIN files f ON f.id = y.file_id LEFT JOIN regions r ON r.id = y.region_id "
    "WHERE x.file_id = ? AND x.type = 'iin' AND y.file_id IS NOT x.file_id "
    "GROUP BY y.evidence_id, y.file_id, y.region_id HAVING shared >= ? ORDER BY shared DESC, y.evidence_id LIMIT 20";

std::vector<std::string> sorted_list(const std::string& comma_separated) {
    std::vector<std::string> items;
    for (size_t start = 0; start <= comma_separated.size();) {
        size_t comma = std::min(comma_separated.find(',', start), comma_separated.size());
        if (comma > start) items.push_back(comma_separated.substr(start, comma - start));
        start = comma + 1;
    }
    std::sort(items.begin(), items.end());
    return items;
}

}  // namespace

void for_each_pii_database(SQLite::Database& db, const std::function<void(const PiiDatabase&)>& visit) {
    if (!db.tableExists("findings")) return;
    SQLite::Statement query(db, databases_query);
    query.bind(1, kDatabaseIins);
    query.bind(2, kRecordIins);
    SQLite::Statement columns(db, columns_query);
    SQLite::Statement overlaps(db, overlaps_query);
    while (query.executeStep()) {
        PiiDatabase d;
        d.evidence_id = query.getColumn(0).getInt64();
        d.file_id = query.getColumn(1).getInt64();
        d.path = query.getColumn(2).getString();
        d.distinct_iins = query.getColumn(3).getInt64();
        d.rows = query.getColumn(4).getInt64();
        d.types = sorted_list(query.getColumn(6).getString());
        columns.reset();
        columns.bind(1, d.file_id);
        while (columns.executeStep()) {
            auto column = columns.getColumn(0).getString();
            if (!column.empty() && column.back() == '#') column.pop_back();
            d.columns.push_back({column, sorted_list(columns.getColumn(1).getString())});
        }
        overlaps.reset();
        overlaps.bind(1, d.file_id);
        overlaps.bind(2, kOverlapIins);
        while (overlaps.executeStep())
            d.overlaps.push_back({overlaps.getColumn(0).getInt64(), overlaps.getColumn(1).getString(), overlaps.getColumn(2).getInt64()});
        visit(d);
    }
}

}  // namespace izshi::report
