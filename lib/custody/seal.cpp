#include "custody/seal.h"

#include <SQLiteCpp/Statement.h>

#include <span>
#include <stdexcept>

#include "core/text.h"
#include "hashing/multi_hasher.h"

namespace izshi::custody {

namespace {

struct SealedTable {
    std::string_view name;
    std::string_view query;  // one JSON array per row, in a stable order; ? = the item's id
};

// The columns written at ingest. A later command that changes one of them on purpose (hash --verify
// updating verification) seals the item again with its own event; the latest seal is the one
// checked. files.known is left out: marking known files seals its own scope.
constexpr SealedTable evidence_tables[] = {
    {"evidence",
     "SELECT json_array(id, source_key, label, exhibit, kind, format, sources, size, md5, sha1, sha256, stored_md5, "
     "stored_sha1, acquisition, verification, state, seized_from, seized_at, seized_by, authorization, notes, "
     "registered_at) "
     "FROM evidence WHERE id = ?"},
    {"volumes",
     "SELECT json_array(id, idx, start_sector, length_sectors, sector_size, description, fs_type, block_size, "
     "encryption, note) FROM volumes WHERE evidence_id = ? ORDER BY id"},
    {"files",
     "SELECT json_array(id, volume_id, container_id, walk_key, path, name, kind, allocated, meta_address, size, "
     "mtime, atime, ctime, crtime, mime, description, extension_mismatch, md5, sha1, sha256) "
     "FROM files WHERE evidence_id = ? ORDER BY id"},
    {"regions",
     "SELECT json_array(id, volume_id, kind, offset, length) FROM regions WHERE evidence_id = ? ORDER BY id"},
};

std::string digest_rows(SQLite::Database& db, std::string_view query_text, int64_t id, bool& any_row) {
    hashing::MultiHasher hasher({hashing::Algorithm::sha256});
    SQLite::Statement query(db, std::string(query_text));
    query.bind(1, id);
    while (query.executeStep()) {
        any_row = true;
        auto column = query.getColumn(0);
        hasher.update(std::string_view(static_cast<const char*>(column.getBlob()), column.getBytes()));
        hasher.update("\n");
    }
    return hasher.finish().front();
}

// Tables written after ingest, each sealed by the command that wrote them.
// `hash --mark`: which files a known hash set marked.
constexpr SealedTable known_tables[] = {
    {"known", "SELECT json_array(id, known) FROM files WHERE evidence_id = ? AND known IS NOT NULL ORDER BY id"}};
// `find-pii`: the personal data found in the item.
constexpr SealedTable findings_tables[] = {
    {"findings",
     "SELECT json_array(id, file_id, region_id, offset, location, type, value, encoding, score, note, context) "
     "FROM findings WHERE evidence_id = ? ORDER BY id"}};
// `find-pii`: the call logs, contacts, messages and call lists read as records (numbers with names and times).
constexpr SealedTable records_tables[] = {
    {"records",
     "SELECT json_array(id, file_id, location, source, number, written, name, time_utc, direction, duration) "
     "FROM call_records WHERE evidence_id = ? ORDER BY id"}};
// `hash --verify`: every re-verification of the item's media.
constexpr SealedTable verification_tables[] = {
    {"verification",
     "SELECT json_array(id, verified_at, md5, sha1, sha256, result, detail) FROM verifications "
     "WHERE evidence_id = ? ORDER BY id"}};
// `match-numbers`: one run (? = its id): the watchlists, every match and the links between items.
constexpr SealedTable numbers_tables[] = {
    {"number_runs",
     "SELECT json_array(id, run_at, mode, key_id, region, utc_offset_minutes, window_seconds, evidence_numbers) "
     "FROM number_runs WHERE id = ?"},
    {"watchlists",
     "SELECT json_array(id, label, path, sha256, hashed, entries, matched, problems) FROM watchlists "
     "WHERE run_id = ? ORDER BY id"},
    {"number_matches",
     "SELECT json_array(id, watchlist_id, entry_line, entry_role, entry_label, entry_time, entry_direction, case_ref, "
     "number, evidence_id, file_id, region_id, location, offset, source, name, time_utc, direction, delta_seconds) "
     "FROM number_matches WHERE run_id = ? ORDER BY id"},
    {"number_links",
     "SELECT json_array(evidence_a, evidence_b, shared, watchlisted, numbers) FROM number_links "
     "WHERE run_id = ? ORDER BY evidence_a, evidence_b"},
};

// `find-software`: the item's scan (rules used), its findings and their indicators.
constexpr SealedTable software_tables[] = {
    {"software_scans",
     "SELECT json_array(evidence_id, rules_sha256, rules, finished_at, files, read, artifacts, findings) "
     "FROM software_scans WHERE evidence_id = ?"},
    {"software_findings",
     "SELECT json_array(id, tool, category, strength, first_time, last_time) FROM software_findings "
     "WHERE evidence_id = ? ORDER BY id"},
    {"software_indicators",
     "SELECT json_array(i.id, i.finding_id, i.kind, i.file_id, i.path, i.rule, i.strength, i.detail, i.time_utc) "
     "FROM software_indicators i JOIN software_findings f ON f.id = i.finding_id WHERE f.evidence_id = ? ORDER BY i.id"},
};

struct SealedScope {
    std::string_view kind;
    std::span<const SealedTable> tables;
};
// A scope of one table is digested as that table; one of several as the digest of their digests.
constexpr SealedScope scopes[] = {
    {"evidence", evidence_tables}, {"known", known_tables},         {"findings", findings_tables},
    {"records", records_tables},   {"verification", verification_tables}, {"numbers", numbers_tables},
    {"software", software_tables},
};

std::optional<ScopeDigest> digest_tables(SQLite::Database& db, std::span<const SealedTable> tables, int64_t id) {
    ScopeDigest result;
    hashing::MultiHasher total({hashing::Algorithm::sha256});
    for (const auto& table : tables) {
        bool any_row = false;
        auto digest = digest_rows(db, table.query, id, any_row);
        // An item or run that does not exist has no seal (its first table holds the row itself).
        if (&table == &tables.front() && !any_row && tables.size() > 1) return std::nullopt;
        result.parts.emplace_back(std::string(table.name), digest);
        total.update(table.name);
        total.update(digest);
    }
    result.digest = tables.size() == 1 ? result.parts.front().second : total.finish().front();
    return result;
}

}  // namespace

std::optional<ScopeDigest> digest_scope(SQLite::Database& db, const std::string& scope) {
    auto colon = scope.find(':');
    if (colon == std::string::npos) return std::nullopt;
    auto kind = scope.substr(0, colon);
    int64_t id = 0;
    try {
        id = std::stoll(scope.substr(colon + 1));
    } catch (...) {
        return std::nullopt;
    }
    for (const auto& scope : scopes)
        if (kind == scope.kind) return digest_tables(db, scope.tables, id);
    return std::nullopt;
}

Event append_sealing_event(casefile::CaseFile& file, const Actor& actor, EventDraft draft, const std::string& scope) {
    auto sealed = digest_scope(file.db(), scope);
    if (!sealed) throw std::logic_error("no seal digest for scope " + scope);
    draft.covers = scope;
    draft.content_digest = sealed->digest;
    return append_event(file, actor, draft);
}

std::string parts_json(const ScopeDigest& digest) {
    std::string out = "{";
    for (const auto& [name, value] : digest.parts) {
        if (out.size() > 1) out += ",";
        out += json_quote(name) + ":" + json_quote(value);
    }
    return out + "}";
}

}  // namespace izshi::custody
