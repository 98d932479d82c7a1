#pragma once
// The custody log: an append-only, hash-chained record of everything done to the case.
// hash = SHA-256(prev_hash || canonical event); see docs/case-file.md for the canonical form.
#include <cstdint>
#include <string>
#include <vector>

#include "casefile/case_file.h"
#include "core/error.h"

namespace izshi::custody {

// Who acts, from where and with what authority: filled once per command by the CLI.
struct Actor {
    std::string examiner;
    std::string authorization;
    std::vector<std::string> arguments;  // the command line as given
};

// What one event says; the log adds time, zone, host, tool version, sequence and hashes.
struct EventDraft {
    std::string action;          // "case.create", "evidence.register", "ingest.complete", "note", ...
    std::string inputs = "[]";   // JSON array: what the command read, with hashes
    std::string details = "{}";  // JSON object: action-specific facts
    std::string covers;          // a sealed scope, e.g. "evidence:3" (see seal.h); empty if none
    std::string content_digest;  // digest of that scope's rows at the time of the event
};

struct Event {
    int64_t seq = 0;
    std::string chain;
    int64_t chain_seq = 0;
    std::string time_utc, time_zone, examiner, host, action, arguments, tool_version, authorization, inputs,
        details, covers, content_digest, prev_hash, hash;
};

// Appends within the caller's transaction, if any. Returns the stored event.
Event append_event(casefile::CaseFile& file, const Actor& actor, const EventDraft& draft);

std::vector<Event> read_events(SQLite::Database& db);

// The exact bytes hashed for an event (without its own hash).
std::string canonical_event(const Event& event);
std::string chain_hash(const std::string& prev_hash, const Event& event);

struct VerifyResult {
    int64_t events = 0;
    std::vector<std::string> problems;  // any entry means the case was altered
    std::vector<std::string> warnings;  // e.g. an ingest that has not finished yet
    bool intact() const { return problems.empty(); }
};

VerifyResult verify(SQLite::Database& db);

std::string genesis_hash();

}  // namespace izshi::custody
