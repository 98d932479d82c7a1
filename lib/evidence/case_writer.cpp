#include "evidence/case_writer.h"

#include "evidence/file_typer.h"

namespace izshi::evidence {

namespace {

// Rows per transaction: large enough to amortise the commit, small enough that kill -9 loses little.
constexpr size_t rows_per_commit = 5000;
constexpr auto max_commit_interval = std::chrono::seconds(2);

template <typename T>
void bind_optional(SQLite::Statement& statement, int index, const std::optional<T>& value) {
    if (value)
        statement.bind(index, *value);
    else
        statement.bind(index);
}

void bind_text_or_null(SQLite::Statement& statement, int index, const std::string& value) {
    if (value.empty())
        statement.bind(index);
    else
        statement.bind(index, value);
}

}  // namespace

CaseWriter::CaseWriter(casefile::CaseFile& file, int64_t evidence_id, WarningHandler on_warning)
    : case_(file),
      evidence_id_(evidence_id),
      on_warning_(std::move(on_warning)),
      insert_file_(file.db(),
                   "INSERT INTO files(evidence_id, volume_id, container_id, walk_key, path, name, kind, allocated, "
                   "meta_address, size, mtime, atime, ctime, crtime, mime, description, extension_mismatch, md5, "
                   "sha1, sha256) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"),
      insert_region_(file.db(),
                     "INSERT OR IGNORE INTO regions(evidence_id, volume_id, kind, offset, length) VALUES (?,?,?,?,?)") {
    load_previous_run();
    transaction_ = std::make_unique<SQLite::Transaction>(case_.db());
}

void CaseWriter::load_previous_run() {
    SQLite::Statement volumes(case_.db(), "SELECT idx, id FROM volumes WHERE evidence_id = ?");
    volumes.bind(1, evidence_id_);
    while (volumes.executeStep()) volume_ids_[volumes.getColumn(0).getInt()] = volumes.getColumn(1).getInt64();
    SQLite::Statement files(case_.db(), "SELECT walk_key, id, mime FROM files WHERE evidence_id = ?");
    files.bind(1, evidence_id_);
    while (files.executeStep()) {
        std::string key = files.getColumn(0).getString();
        if (is_archive_mime(files.getColumn(2).getString())) container_ids_[key] = files.getColumn(1).getInt64();
        recorded_keys_.insert(std::move(key));
    }
}

std::optional<int64_t> CaseWriter::volume_id(std::optional<int> index) const {
    if (!index) return std::nullopt;
    auto it = volume_ids_.find(*index);
    return it == volume_ids_.end() ? std::nullopt : std::optional(it->second);
}

void CaseWriter::row_written() {
    ++pending_rows_;
    auto now = std::chrono::steady_clock::now();
    if (pending_rows_ < rows_per_commit && now - last_commit_ < max_commit_interval) return;
    flush();
    transaction_ = std::make_unique<SQLite::Transaction>(case_.db());
}

void CaseWriter::flush() {
    if (transaction_) transaction_->commit();
    transaction_.reset();
    pending_rows_ = 0;
    last_commit_ = std::chrono::steady_clock::now();
}

void CaseWriter::volume(const VolumeRecord& v) {
    if (volume_ids_.contains(v.index)) return;  // stored by the interrupted run
    SQLite::Statement insert(case_.db(),
                             "INSERT INTO volumes(evidence_id, idx, start_sector, length_sectors, sector_size, "
                             "description, fs_type, block_size, encryption, note) VALUES (?,?,?,?,?,?,?,?,?,?)");
    insert.bind(1, evidence_id_);
    insert.bind(2, v.index);
    insert.bind(3, static_cast<int64_t>(v.start_sector));
    insert.bind(4, static_cast<int64_t>(v.length_sectors));
    insert.bind(5, v.sector_size);
    insert.bind(6, v.description);
    bind_optional(insert, 7, v.fs_type);
    bind_optional(insert, 8, v.block_size);
    bind_optional(insert, 9, v.encryption);
    bind_text_or_null(insert, 10, v.note);
    insert.exec();
    volume_ids_[v.index] = case_.db().getLastInsertRowid();
    row_written();
}

void CaseWriter::file(const FileRecord& f) {
    auto& s = insert_file_;
    s.reset();
    s.bind(1, evidence_id_);
    bind_optional(s, 2, volume_id(f.volume_index));
    std::optional<int64_t> container;
    if (f.container_key)
        if (auto it = container_ids_.find(*f.container_key); it != container_ids_.end()) container = it->second;
    bind_optional(s, 3, container);
    s.bind(4, f.walk_key);
    s.bind(5, f.path);
    s.bind(6, f.name);
    s.bind(7, f.kind);
    s.bind(8, f.allocated ? 1 : 0);
    bind_text_or_null(s, 9, f.meta_address);
    bind_optional(s, 10, f.size);
    bind_optional(s, 11, f.mtime);
    bind_optional(s, 12, f.atime);
    bind_optional(s, 13, f.ctime);
    bind_optional(s, 14, f.crtime);
    bind_text_or_null(s, 15, f.mime);
    bind_text_or_null(s, 16, f.description);
    s.bind(17, f.extension_mismatch ? 1 : 0);
    bind_text_or_null(s, 18, f.digests.md5);
    bind_text_or_null(s, 19, f.digests.sha1);
    bind_text_or_null(s, 20, f.digests.sha256);
    s.exec();
    if (is_archive_mime(f.mime)) container_ids_[f.walk_key] = case_.db().getLastInsertRowid();
    row_written();
}

void CaseWriter::region(const RegionRecord& r) {
    auto& s = insert_region_;
    s.reset();
    s.bind(1, evidence_id_);
    bind_optional(s, 2, volume_id(r.volume_index));
    s.bind(3, r.kind);
    s.bind(4, static_cast<int64_t>(r.offset));
    s.bind(5, static_cast<int64_t>(r.length));
    s.exec();
    row_written();
}

void CaseWriter::warning(const std::string& path, const std::string& message) {
    case_.record_error(evidence_id_, "ingest", path, message);
    if (on_warning_) on_warning_(path, message);
}

bool CaseWriter::already_recorded(const std::string& walk_key) {
    return recorded_keys_.contains(walk_key);
}

}  // namespace izshi::evidence
