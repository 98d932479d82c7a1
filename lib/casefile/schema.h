#pragma once
// The case file's schema as an ordered list of migrations; docs/case-file.md describes each table.
#include <string_view>
#include <vector>

namespace izshi::casefile {

struct Migration {
    int version;           // schema version after this migration
    std::string_view sql;  // applied in one transaction
};

const std::vector<Migration>& migrations();
int latest_schema_version();

}  // namespace izshi::casefile
