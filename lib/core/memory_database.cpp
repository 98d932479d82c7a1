#include "core/memory_database.h"

namespace izshi {

MemoryDatabase::MemoryDatabase(std::span<const unsigned char> bytes) {
    sqlite3* raw = nullptr;
    if (sqlite3_open_v2(":memory:", &raw, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        problem_ = "cannot open an in-memory database";
        sqlite3_close(raw);
        return;
    }
    db_.reset(raw);
    // SQLite cannot open a database in WAL mode from memory; bytes 18 and 19 (write and read format
    // versions) say WAL with 2. A copy saying 1 (rollback journal) reads the same pages.
    if (bytes.size() > 19 && (bytes[18] == 2 || bytes[19] == 2)) {
        patched_.assign(bytes.begin(), bytes.end());
        patched_[18] = patched_[19] = 1;
        bytes = patched_;
    }
    // The bytes stay owned by the caller: no FREEONCLOSE, no RESIZEABLE, read-only.
    auto* data = const_cast<unsigned char*>(bytes.data());
    auto size = static_cast<sqlite3_int64>(bytes.size());
    if (sqlite3_deserialize(raw, "main", data, size, size, SQLITE_DESERIALIZE_READONLY) != SQLITE_OK) {
        problem_ = std::string("not a readable SQLite database: ") + sqlite3_errmsg(raw);
        db_.reset();
    }
}

bool MemoryDatabase::has_table(const std::string& name) const {
    if (!db_) return false;
    auto query = prepare_statement(db_.get(), "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?");
    if (!query) return false;
    sqlite3_bind_text(query.get(), 1, name.c_str(), -1, SQLITE_TRANSIENT);
    return sqlite3_step(query.get()) == SQLITE_ROW;
}

SqliteStatement prepare_statement(sqlite3* db, const std::string& sql) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
        sqlite3_finalize(statement);
        return nullptr;
    }
    return SqliteStatement(statement);
}

std::string column_text(sqlite3_stmt* statement, int column) {
    auto text = reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
    return text ? std::string(text, static_cast<size_t>(sqlite3_column_bytes(statement, column))) : std::string();
}

}  // namespace izshi
