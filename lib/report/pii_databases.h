#pragma once
// Personal-data databases (SPEC §5), recognised from the findings of each file: at least 100
// distinct IINs, or at least 10 IINs with about as many phone numbers (records that combine an IIN
// with a phone). A worksheet inside an xlsx is a file of its own here. Shared by the JSON and HTML
// reports.
#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace izshi::report {

struct DatabaseColumn {
    std::string column;              // "clients/iin", "ИИН"
    std::vector<std::string> types;  // the personal-data types found in it, sorted
};

struct DatabaseOverlap {
    int64_t evidence_id = 0;
    std::string path;  // another file or region holding the same people
    int64_t shared_iins = 0;
};

struct PiiDatabase {
    int64_t evidence_id = 0, file_id = 0;
    std::string path;
    int64_t rows = 0;           // IIN findings in the file (records with an IIN)
    int64_t distinct_iins = 0;
    std::vector<std::string> types;
    std::vector<DatabaseColumn> columns;
    std::vector<DatabaseOverlap> overlaps;  // the 20 largest, of at least 10 shared IINs
};

// Every database of the case, largest first, one at a time.
void for_each_pii_database(SQLite::Database& db, const std::function<void(const PiiDatabase&)>& visit);

}  // namespace izshi::report
