#include "integrity/known_marks.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "core/text.h"
#include "custody/seal.h"
#include "hashing/audit.h"

namespace izshi::integrity {

using hashing::Algorithm;

namespace {

std::vector<std::pair<int64_t, std::string>> items_to_mark(SQLite::Database& db, const std::vector<int64_t>& only) {
    SQLite::Statement query(db, "SELECT id, label FROM evidence WHERE state = 'complete' ORDER BY id");
    std::vector<std::pair<int64_t, std::string>> items;
    while (query.executeStep()) {
        auto id = query.getColumn(0).getInt64();
        if (only.empty() || std::find(only.begin(), only.end(), id) != only.end())
            items.emplace_back(id, query.getColumn(1).getString());
    }
    return items;
}

std::string sets_json(const std::vector<const hashing::KnownSet*>& sets) {
    std::string out = "[";
    for (size_t i = 0; i < sets.size(); ++i) {
        std::error_code error;
        auto size = std::filesystem::file_size(sets[i]->path(), error);
        out += fmt::format("{}{{\"path\":{},\"kind\":{},\"entries\":{},\"size\":{}}}", i ? "," : "",
                           json_quote(sets[i]->path()), json_quote(sets[i]->kind()), sets[i]->entries(),
                           error ? 0 : size);
    }
    return out + "]";
}

void mark_item(casefile::CaseFile& file, const custody::Actor& actor, const std::vector<const hashing::KnownSet*>& sets,
               const std::string& status, MarkOutcome& outcome) {
    auto& db = file.db();
    SQLite::Transaction transaction(db);
    SQLite::Statement query(db, "SELECT id, size, md5, sha1, sha256, known FROM files WHERE evidence_id = ? "
                                "AND sha256 IS NOT NULL ORDER BY id");
    SQLite::Statement update(db, "UPDATE files SET known = ? WHERE id = ?");
    query.bind(1, outcome.evidence_id);
    while (query.executeStep()) {
        ++outcome.files_checked;
        auto digests = hashing::computed_digests(
            {Algorithm::sha256, Algorithm::sha1, Algorithm::md5},
            {query.getColumn(4).getString(), query.getColumn(3).getString(), query.getColumn(2).getString()},
            static_cast<uint64_t>(query.getColumn(1).getInt64()));
        auto match = hashing::find_known(sets, digests);
        if (!match) continue;
        if (!match->candidate.full) {
            ++outcome.partial;
            continue;
        }
        if (status == "known-good" && query.getColumn(5).getString() == "known-bad") {
            ++outcome.kept_bad;
            continue;
        }
        update.reset();
        update.bind(1, status);
        update.bind(2, query.getColumn(0).getInt64());
        update.exec();
        ++outcome.marked;
    }
    custody::EventDraft draft;
    draft.action = "hash.mark";
    draft.inputs = sets_json(sets);
    draft.details = fmt::format("{{\"evidence_id\":{},\"status\":{},\"files_checked\":{},\"marked\":{},\"kept_bad\":{},"
                                "\"partial\":{}}}",
                                outcome.evidence_id, json_quote(status), outcome.files_checked, outcome.marked,
                                outcome.kept_bad, outcome.partial);
    custody::append_sealing_event(file, actor, draft, fmt::format("known:{}", outcome.evidence_id));
    transaction.commit();
}

}  // namespace

Expected<std::vector<MarkOutcome>> mark_known_files(casefile::CaseFile& file, const custody::Actor& actor,
                                                    const std::vector<const hashing::KnownSet*>& sets,
                                                    const std::string& status, const std::vector<int64_t>& evidence_ids) {
    if (status != "known-good" && status != "known-bad")
        return fail(ErrorKind::usage, "--mark takes known-good or known-bad, not '" + status + "'");
    std::vector<MarkOutcome> outcomes;
    for (const auto& [id, label] : items_to_mark(file.db(), evidence_ids)) {
        MarkOutcome outcome{id, label};
        mark_item(file, actor, sets, status, outcome);
        outcomes.push_back(outcome);
    }
    return outcomes;
}

}  // namespace izshi::integrity
