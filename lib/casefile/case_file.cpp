#include "casefile/case_file.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>
#include <openssl/rand.h>

#include "casefile/schema.h"
#include "core/clock.h"
#include "core/text.h"

namespace izshi::casefile {

namespace fs = std::filesystem;

namespace {

std::string random_uid() {
    unsigned char bytes[16];
    RAND_bytes(bytes, sizeof bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;  // UUID version 4
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    auto hex = to_hex(bytes);
    return fmt::format("{}-{}-{}-{}-{}", hex.substr(0, 8), hex.substr(8, 4), hex.substr(12, 4), hex.substr(16, 4),
                       hex.substr(20));
}

// flock() on the database file itself: independent of SQLite's fcntl locks, released by the kernel
// when the process dies (kill -9 included), so a crashed writer never leaves a stale lock behind.
Expected<int> take_writer_lock(const fs::path& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return fail(ErrorKind::case_file, fmt::format("{}: cannot open: {}", path.string(), strerror(errno)));
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        ::close(fd);
        return fail(ErrorKind::case_file,
                    fmt::format("{}: another izshi process is writing to this case file; wait for it to finish "
                                "(only one writer at a time)",
                                path.string()));
    }
    return fd;
}

int current_schema_version(SQLite::Database& db) {
    if (!db.tableExists("meta")) return 0;
    auto value = read_meta(db, "schema_version");
    return value ? std::stoi(*value) : 0;
}

Expected<void> migrate(SQLite::Database& db) {
    int version = current_schema_version(db);
    if (version > latest_schema_version())
        return fail(ErrorKind::case_file,
                    fmt::format("{}: case file schema version {} is newer than this izshi understands ({}); "
                                "use a newer izshi",
                                db.getFilename(), version, latest_schema_version()));
    for (const auto& migration : migrations()) {
        if (migration.version <= version) continue;
        SQLite::Transaction transaction(db);
        db.exec(std::string(migration.sql));
        write_meta(db, "schema_version", std::to_string(migration.version));
        transaction.commit();
    }
    return {};
}

void initialise_new_case(SQLite::Database& db, const fs::path& path) {
    SQLite::Transaction transaction(db);
    write_meta(db, "case_uid", random_uid());
    write_meta(db, "title", path.stem().string());
    write_meta(db, "created", utc_now_iso());
    write_meta(db, "custody_head", "");
    transaction.commit();
}

}  // namespace

std::optional<std::string> read_meta(SQLite::Database& db, std::string_view key) {
    SQLite::Statement query(db, "SELECT value FROM meta WHERE key = ?");
    query.bind(1, std::string(key));
    if (!query.executeStep()) return std::nullopt;
    return query.getColumn(0).getString();
}

void write_meta(SQLite::Database& db, std::string_view key, std::string_view value) {
    SQLite::Statement upsert(db, "INSERT INTO meta(key, value) VALUES (?, ?) "
                                 "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    upsert.bind(1, std::string(key));
    upsert.bind(2, std::string(value));
    upsert.exec();
}

CaseFile::CaseFile(fs::path path, std::unique_ptr<SQLite::Database> db, int lock_fd)
    : path_(std::move(path)), db_(std::move(db)), lock_fd_(lock_fd) {}

CaseFile::~CaseFile() {
    db_.reset();  // close SQLite before releasing the writer lock
    if (lock_fd_ >= 0) ::close(lock_fd_);
}

Expected<std::unique_ptr<CaseFile>> CaseFile::open(const fs::path& path, Access access, bool create_if_missing) {
    std::error_code ec;
    bool exists = fs::exists(path) && !(fs::is_regular_file(path) && fs::file_size(path, ec) == 0);
    if (!exists && !(create_if_missing && access == Access::write))
        return fail(ErrorKind::case_file, fmt::format("{}: no such case file", path.string()));
    try {
        int lock_fd = -1;
        int flags = access == Access::read ? SQLite::OPEN_READONLY : SQLite::OPEN_READWRITE;
        if (!exists) flags |= SQLite::OPEN_CREATE;
        auto db = std::make_unique<SQLite::Database>(path.string(), flags, 5000);
        // Checked before anything is written: switching to WAL alone would alter a foreign file.
        if (exists && (!db->tableExists("meta") || !read_meta(*db, "case_uid")))
            return fail(ErrorKind::case_file,
                        fmt::format("{}: not an izshi case file (an SQLite database of another program?); "
                                    "refusing to change it",
                                    path.string()));
        if (access == Access::write) {
            auto lock = take_writer_lock(path);
            if (!lock) return std::unexpected(lock.error());
            lock_fd = *lock;
            db->exec("PRAGMA journal_mode = WAL");
            db->exec("PRAGMA synchronous = NORMAL");
        }
        db->exec("PRAGMA foreign_keys = ON");
        // Reports and matching read millions of rows: mapped pages instead of a read() per page, up to
        // 256 MiB of the file (mapped pages count in a process's resident memory).
        db->exec("PRAGMA mmap_size = 268435456");
        if (!exists) {
            if (auto migrated = migrate(*db); !migrated) return std::unexpected(migrated.error());
            initialise_new_case(*db, path);
        } else if (access == Access::write) {
            if (auto migrated = migrate(*db); !migrated) return std::unexpected(migrated.error());
        }
        std::unique_ptr<CaseFile> file(new CaseFile(path, std::move(db), lock_fd));
        if (auto loaded = file->load_info(); !loaded) return std::unexpected(loaded.error());
        return file;
    } catch (const SQLite::Exception& e) {
        return fail(ErrorKind::case_file, fmt::format("{}: not a usable case file: {}", path.string(), e.what()));
    }
}

Expected<void> CaseFile::load_info() {
    if (!db_->tableExists("meta"))
        return fail(ErrorKind::case_file, fmt::format("{}: not an izshi case file (no meta table)", path_.string()));
    info_.schema_version = current_schema_version(*db_);
    if (info_.schema_version > latest_schema_version())
        return fail(ErrorKind::case_file, fmt::format("{}: case file schema version {} is newer than this izshi ({})",
                                                      path_.string(), info_.schema_version, latest_schema_version()));
    info_.uid = read_meta(*db_, "case_uid").value_or("");
    info_.title = read_meta(*db_, "title").value_or("");
    info_.created = read_meta(*db_, "created").value_or("");
    return {};
}

void CaseFile::record_error(std::optional<int64_t> evidence_id, std::string_view command, std::string_view path,
                            std::string_view message) {
    SQLite::Statement insert(*db_, "INSERT INTO errors(evidence_id, time_utc, command, path, message) "
                                   "VALUES (?, ?, ?, ?, ?)");
    if (evidence_id) insert.bind(1, *evidence_id);
    insert.bind(2, utc_now_iso());
    insert.bind(3, std::string(command));
    insert.bind(4, std::string(path));
    insert.bind(5, std::string(message));
    insert.exec();
}

}  // namespace izshi::casefile
