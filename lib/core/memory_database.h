#pragma once
// A SQLite database found in evidence, opened from the bytes the walk already read: read-only, in
// memory, never from the evidence path (so no journal or WAL file can be created next to it).
#include <sqlite3.h>

#include <memory>
#include <span>
#include <string>
#include <vector>

namespace izshi {

class MemoryDatabase {
public:
    // Opens 'bytes' (which must outlive the object). A database in WAL mode is read from a patched
    // copy (the evidence bytes are never changed). On failure handle() is null and problem() says why.
    explicit MemoryDatabase(std::span<const unsigned char> bytes);
    sqlite3* handle() const { return db_.get(); }
    const std::string& problem() const { return problem_; }
    bool has_table(const std::string& name) const;

private:
    struct Closer {
        void operator()(sqlite3* db) const { sqlite3_close(db); }
    };
    std::unique_ptr<sqlite3, Closer> db_;
    std::vector<unsigned char> patched_;
    std::string problem_;
};

struct StatementFinalizer {
    void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using SqliteStatement = std::unique_ptr<sqlite3_stmt, StatementFinalizer>;

// Null when the SQL does not prepare (a table or column this database lacks).
SqliteStatement prepare_statement(sqlite3* db, const std::string& sql);

// Column text, "" for NULL.
std::string column_text(sqlite3_stmt* statement, int column);

}  // namespace izshi
