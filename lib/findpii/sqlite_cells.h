#pragma once
// SQLite databases are read through SQLite as well as byte by byte (SPEC §5): a CRM that stores
// IINs and phone numbers as INTEGER leaves no digits in the file to find, and an IIN of someone born
// in 2000-2009 stored as a number has lost its leading zero. The database is opened from memory,
// read-only, from the bytes the walk already read.
#include <span>
#include <string>
#include <vector>

#include "core/memory_database.h"
#include "pii/scanner.h"

namespace izshi::findpii {

inline bool looks_like_sqlite(std::span<const unsigned char> head) {
    static constexpr char magic[] = "SQLite format 3";
    return head.size() >= 16 && std::equal(magic, magic + 16, head.begin());
}

// Findings in the cells of every table, located "table/column#rowid". Integers of 9 to 11 digits
// count as IINs that lost their leading zeros only in a column whose name says IIN or whose other
// values are IINs. Errors (a damaged database) come back in 'problem'; what was read is kept.
std::vector<pii::Finding> scan_sqlite_cells(const MemoryDatabase& database, const pii::Scanner& scanner,
                                            std::string& problem);

}  // namespace izshi::findpii
