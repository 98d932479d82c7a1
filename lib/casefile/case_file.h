#pragma once
// The case file: one SQLite database (WAL, foreign keys) with a versioned schema and one writer.
#include <SQLiteCpp/Database.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "core/error.h"

namespace izshi::casefile {

enum class Access { read, write };

struct CaseInfo {
    std::string uid;      // random id, namespaces this case's custody chain when cases are merged
    std::string title;
    std::string created;  // ISO 8601 UTC
    int schema_version = 0;
};

class CaseFile {
public:
    // Opens a case. With Access::write the caller becomes the only writer until the object dies:
    // a second writer gets a clear error instead of waiting. create_if_missing makes a new case.
    static Expected<std::unique_ptr<CaseFile>> open(const std::filesystem::path& path, Access access,
                                                    bool create_if_missing = false);
    ~CaseFile();

    SQLite::Database& db() { return *db_; }
    const std::filesystem::path& path() const { return path_; }
    const CaseInfo& info() const { return info_; }

    // Bad input is recorded, not fatal (brief: "recorded in the case file, and the run goes on").
    void record_error(std::optional<int64_t> evidence_id, std::string_view command, std::string_view path,
                      std::string_view message);

private:
    CaseFile(std::filesystem::path path, std::unique_ptr<SQLite::Database> db, int lock_fd);
    Expected<void> load_info();

    std::filesystem::path path_;
    std::unique_ptr<SQLite::Database> db_;
    int lock_fd_ = -1;
    CaseInfo info_;
};

// Reads a value of the meta table; nullopt when absent.
std::optional<std::string> read_meta(SQLite::Database& db, std::string_view key);
void write_meta(SQLite::Database& db, std::string_view key, std::string_view value);

}  // namespace izshi::casefile
