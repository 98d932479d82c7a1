#pragma once
// Seals tie rows outside the custody log to the chain: an event that "covers" a scope records the
// digest of that scope's rows; verification recomputes it. One registry of scope kinds, so later
// capabilities (findings, software, numbers) add a kind instead of a new mechanism.
#include <optional>
#include <string>
#include <vector>

#include <SQLiteCpp/Database.h>

namespace izshi::custody {

struct ScopeDigest {
    std::string digest;                                       // over all parts, in order
    std::vector<std::pair<std::string, std::string>> parts;   // (name, digest) e.g. ("files", ...)
};

// Digest of a scope such as "evidence:3"; nullopt for an unknown scope kind or a missing item.
std::optional<ScopeDigest> digest_scope(SQLite::Database& db, const std::string& scope);

// JSON object {"part": "digest", ...} for an event's details, so verification can say which part changed.
std::string parts_json(const ScopeDigest& digest);

}  // namespace izshi::custody
