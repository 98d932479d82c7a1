#include "integrity/verify.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <map>

#include "core/clock.h"
#include "core/text.h"
#include "custody/seal.h"
#include "evidence/image_source.h"
#include "hashing/file_hasher.h"
#include "hashing/hash_run.h"

namespace izshi::integrity {

namespace fs = std::filesystem;
using hashing::Algorithm;

namespace {

const std::vector<Algorithm> trio = {Algorithm::md5, Algorithm::sha1, Algorithm::sha256};

struct ItemRow {
    ItemVerification verification;
    std::string format, state;
    std::vector<std::string> sources;
};

std::optional<std::string> optional_text(const SQLite::Column& column) {
    if (column.isNull()) return std::nullopt;
    return column.getString();
}

std::vector<ItemRow> read_items(SQLite::Database& db, const std::vector<int64_t>& only) {
    SQLite::Statement query(db, "SELECT id, label, kind, format, state, sources, md5, sha1, sha256, stored_md5, "
                                "stored_sha1 FROM evidence ORDER BY id");
    std::vector<ItemRow> items;
    while (query.executeStep()) {
        ItemRow row;
        auto& v = row.verification;
        v.evidence_id = query.getColumn(0).getInt64();
        if (!only.empty() && std::find(only.begin(), only.end(), v.evidence_id) == only.end()) continue;
        v.label = query.getColumn(1).getString();
        v.kind = query.getColumn(2).getString();
        row.format = query.getColumn(3).getString();
        row.state = query.getColumn(4).getString();
        row.sources = nlohmann::json::parse(query.getColumn(5).getString()).get<std::vector<std::string>>();
        v.recorded = {query.getColumn(6).getString(), query.getColumn(7).getString(), query.getColumn(8).getString()};
        v.stored_md5 = optional_text(query.getColumn(9));
        v.stored_sha1 = optional_text(query.getColumn(10));
        items.push_back(std::move(row));
    }
    return items;
}

void compare(std::string_view what, const std::string& expected, const std::string& actual, ItemVerification& v) {
    if (!expected.empty() && expected != actual)
        v.problems.push_back(fmt::format("{} differs: recorded {}, computed now {}", what, expected, actual));
}

// An image's media stream, or a single logical file: one stream, three digests.
void verify_stream(const ItemRow& row, ItemVerification& v, const VerifyOptions& options) {
    hashing::StreamOptions stream;
    stream.spread_algorithms = true;
    stream.progress = options.progress;
    auto digest = v.kind == "image"
                      ? evidence::hash_media(row.sources.front(), trio, stream)
                      : hashing::hash_file(row.sources.front(), trio, {.allow_spread = true, .progress = options.progress});
    if (!digest) {
        v.result = "unreadable";
        v.problems.push_back(digest.error().message);
        return;
    }
    v.computed = {digest->hex[0], digest->hex[1], digest->hex[2]};
    compare("MD5", v.recorded.md5, v.computed.md5, v);
    compare("SHA-1", v.recorded.sha1, v.computed.sha1, v);
    compare("SHA-256", v.recorded.sha256, v.computed.sha256, v);
    if (v.stored_md5) compare("MD5 stored in the E01 at acquisition", *v.stored_md5, v.computed.md5, v);
    if (v.stored_sha1) compare("SHA-1 stored in the E01 at acquisition", *v.stored_sha1, v.computed.sha1, v);
    v.result = v.problems.empty() ? "match" : "mismatch";
    // Ingest could not read the media to the end, and there is no acquisition hash: today's digests
    // are recorded, but they prove nothing about the past.
    if (v.recorded.md5.empty() && v.recorded.sha1.empty() && v.recorded.sha256.empty() && !v.stored_md5 &&
        !v.stored_sha1) {
        v.result = "unverified";
        v.problems.push_back("no hash was recorded at ingest or stored at acquisition to compare with");
    }
}

// A logical folder has no single stream: every file on disk must still have its recorded SHA-256,
// none may be missing and none may have been added. Archive members are covered by their archive.
void verify_folder(SQLite::Database& db, const ItemRow& row, ItemVerification& v, const VerifyOptions& options) {
    const fs::path root = row.sources.front();
    std::map<std::string, std::string> recorded;  // relative path -> sha256
    SQLite::Statement query(db, "SELECT path, sha256 FROM files WHERE evidence_id = ? AND kind = 'file' "
                                "AND container_id IS NULL");
    query.bind(1, v.evidence_id);
    while (query.executeStep()) recorded[query.getColumn(0).getString()] = query.getColumn(1).getString();

    auto targets = hashing::collect_targets({root}, {.recursive = true, .relative_names = true, .follow_file_links = false});
    for (const auto& problem : targets.problems) v.problems.push_back(problem.message);
    hashing::MultiHasher listing({Algorithm::sha256});
    hashing::hash_targets(targets.files, {.algorithms = {Algorithm::sha256}, .threads = 0, .progress = options.progress},
                          [&](const hashing::FileHash& hashed) {
                              auto relative = fs::path(hashed.target->path).lexically_relative(root).generic_string();
                              auto it = recorded.find(relative);
                              if (hashed.error) v.problems.push_back(hashed.error->message);
                              else if (it == recorded.end()) v.problems.push_back(relative + ": not in the case (added since ingest)");
                              else if (it->second != hashed.hex.front())
                                  v.problems.push_back(fmt::format("{}: SHA-256 differs: recorded {}, computed now {}",
                                                                   relative, it->second, hashed.hex.front()));
                              if (it != recorded.end()) recorded.erase(it);
                              listing.update(relative + '\t' + (hashed.hex.empty() ? "" : hashed.hex.front()) + '\n');
                          });
    for (const auto& [path, sha256] : recorded) v.problems.push_back(path + ": recorded at ingest, now missing");
    v.computed.sha256 = listing.finish().front();  // digest of the path/hash listing, for the record
    v.result = v.problems.empty() ? "match" : "mismatch";
}

void record(casefile::CaseFile& file, const custody::Actor& actor, const ItemRow& row, const ItemVerification& v) {
    auto& db = file.db();
    SQLite::Transaction transaction(db);
    SQLite::Statement insert(db, "INSERT INTO verifications(evidence_id, verified_at, md5, sha1, sha256, result, detail) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, v.evidence_id);
    insert.bind(2, utc_now_iso());
    int column = 3;
    for (const auto* hex : {&v.computed.md5, &v.computed.sha1, &v.computed.sha256}) {
        if (hex->empty()) insert.bind(column++);
        else insert.bind(column++, *hex);
    }
    insert.bind(6, v.result);
    insert.bind(7, json_string_array(v.problems));
    insert.exec();

    custody::EventDraft draft;
    draft.action = "hash.verify";
    draft.inputs = fmt::format("[{{\"sources\":{},\"md5\":{},\"sha1\":{},\"sha256\":{}}}]", json_string_array(row.sources),
                               json_quote(v.computed.md5), json_quote(v.computed.sha1), json_quote(v.computed.sha256));
    draft.details = fmt::format("{{\"evidence_id\":{},\"label\":{},\"result\":{},\"recorded\":{{\"md5\":{},\"sha1\":{},"
                                "\"sha256\":{}}},\"stored_md5\":{},\"stored_sha1\":{},\"problems\":{}}}",
                                v.evidence_id, json_quote(v.label), json_quote(v.result), json_quote(v.recorded.md5),
                                json_quote(v.recorded.sha1), json_quote(v.recorded.sha256),
                                json_quote(v.stored_md5.value_or("")), json_quote(v.stored_sha1.value_or("")),
                                json_string_array(v.problems));
    custody::append_sealing_event(file, actor, draft, fmt::format("verification:{}", v.evidence_id));
    transaction.commit();
}

}  // namespace

Expected<std::vector<ItemVerification>> verify_evidence(casefile::CaseFile& file, const custody::Actor& actor,
                                                        const VerifyOptions& options) {
    auto rows = read_items(file.db(), options.evidence_ids);
    for (auto id : options.evidence_ids)
        if (std::none_of(rows.begin(), rows.end(), [&](const auto& row) { return row.verification.evidence_id == id; }))
            return fail(ErrorKind::usage, fmt::format("{}: no evidence item {}", file.path().string(), id));
    std::vector<ItemVerification> results;
    for (auto& row : rows) {
        auto& v = row.verification;
        if (row.state != "complete") {
            v.result = "unreadable";
            v.problems.push_back("ingest of this item has not finished; run ingest again to complete it");
            results.push_back(v);
            continue;
        }
        if (row.format == "folder") verify_folder(file.db(), row, v, options);
        else verify_stream(row, v, options);
        if (v.result == "unreadable") file.record_error(v.evidence_id, "hash --verify", row.sources.front(), v.problems.front());
        record(file, actor, row, v);
        results.push_back(v);
    }
    return results;
}

}  // namespace izshi::integrity
