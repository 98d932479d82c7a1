#pragma once
// Seals tie rows outside the custody log to the chain: an event that "covers" a scope records the
// digest of that scope's rows; verification recomputes it. One registry of scope kinds, so later
// capabilities (findings, software, numbers) add a kind instead of a new mechanism.
#include <optional>
#include <string>
#include <vector>

#include <SQLiteCpp/Database.h>

#include "custody/custody_log.h"

namespace izshi::custody {

struct ScopeDigest {
    std::string digest;                                       // over all parts, in order
    std::vector<std::pair<std::string, std::string>> parts;   // (name, digest) e.g. ("files", ...)
};

// Digest of a scope such as "evidence:3"; nullopt for an unknown scope kind or a missing item.
std::optional<ScopeDigest> digest_scope(SQLite::Database& db, const std::string& scope);

// Appends 'draft' as the event that seals 'scope': its covers and content_digest are filled in from
// the scope's rows as they are now (within the caller's transaction, if any).
Event append_sealing_event(casefile::CaseFile& file, const Actor& actor, EventDraft draft, const std::string& scope);

// JSON object {"part": "digest", ...} for an event's details, so verification can say which part changed.
std::string parts_json(const ScopeDigest& digest);

}  // namespace izshi::custody
