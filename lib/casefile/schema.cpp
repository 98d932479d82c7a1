#include "casefile/schema.h"

namespace izshi::casefile {

namespace {

// Version 1: the foundation. Later capabilities (findings, software, numbers, signatures, merged
// cases) add tables in later migrations; every row they add hangs off evidence(id) and is sealed
// by a custody event the same way ingest seals files (see docs/case-file.md).
constexpr std::string_view schema_v1 = R"SQL(
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Append-only, hash-chained. 'chain' is the uid of the case that wrote the event, so that a merged
-- case keeps each team's chain intact and verifiable on its own.
CREATE TABLE custody_events (
    seq            INTEGER PRIMARY KEY,
    chain          TEXT NOT NULL,
    chain_seq      INTEGER NOT NULL,
    time_utc       TEXT NOT NULL,
    time_zone      TEXT NOT NULL,
    examiner       TEXT NOT NULL,
    host           TEXT NOT NULL,
    action         TEXT NOT NULL,
    arguments      TEXT NOT NULL,
    tool_version   TEXT NOT NULL,
    authorization  TEXT NOT NULL,
    inputs         TEXT NOT NULL,
    details        TEXT NOT NULL,
    covers         TEXT NOT NULL,
    content_digest TEXT NOT NULL,
    prev_hash      TEXT NOT NULL,
    hash           TEXT NOT NULL,
    UNIQUE (chain, chain_seq)
);
CREATE TRIGGER custody_events_no_update BEFORE UPDATE ON custody_events
BEGIN SELECT RAISE(ABORT, 'the custody log is append-only'); END;
CREATE TRIGGER custody_events_no_delete BEFORE DELETE ON custody_events
BEGIN SELECT RAISE(ABORT, 'the custody log is append-only'); END;

CREATE TABLE evidence (
    id             INTEGER PRIMARY KEY,
    source_key     TEXT NOT NULL UNIQUE,
    label          TEXT NOT NULL,
    exhibit        TEXT,
    kind           TEXT NOT NULL CHECK (kind IN ('image', 'logical')),
    format         TEXT NOT NULL,
    sources        TEXT NOT NULL,
    size           INTEGER,
    md5            TEXT,
    sha1           TEXT,
    sha256         TEXT,
    stored_md5     TEXT,
    stored_sha1    TEXT,
    acquisition    TEXT NOT NULL DEFAULT '{}',
    verification   TEXT NOT NULL DEFAULT 'none' CHECK (verification IN ('none', 'match', 'mismatch')),
    seized_from    TEXT,
    seized_at      TEXT,
    seized_by      TEXT,
    authorization  TEXT,
    notes          TEXT,
    state          TEXT NOT NULL CHECK (state IN ('walking', 'complete', 'failed')),
    registered_at  TEXT NOT NULL
);

CREATE TABLE volumes (
    id             INTEGER PRIMARY KEY,
    evidence_id    INTEGER NOT NULL REFERENCES evidence(id),
    idx            INTEGER NOT NULL,
    start_sector   INTEGER NOT NULL,
    length_sectors INTEGER NOT NULL,
    sector_size    INTEGER NOT NULL,
    description    TEXT NOT NULL,
    fs_type        TEXT,
    block_size     INTEGER,
    encryption     TEXT,
    note           TEXT,
    UNIQUE (evidence_id, idx)
);

CREATE TABLE files (
    id                 INTEGER PRIMARY KEY,
    evidence_id        INTEGER NOT NULL REFERENCES evidence(id),
    volume_id          INTEGER REFERENCES volumes(id),
    container_id       INTEGER REFERENCES files(id),
    walk_key           TEXT NOT NULL,
    path               TEXT NOT NULL,
    name               TEXT NOT NULL,
    kind               TEXT NOT NULL,
    allocated          INTEGER NOT NULL,
    meta_address       TEXT,
    size               INTEGER,
    mtime              TEXT,
    atime              TEXT,
    ctime              TEXT,
    crtime             TEXT,
    mime               TEXT,
    description        TEXT,
    extension_mismatch INTEGER NOT NULL DEFAULT 0,
    md5                TEXT,
    sha1               TEXT,
    sha256             TEXT,
    known              TEXT,
    UNIQUE (evidence_id, walk_key)
);
CREATE INDEX files_sha256 ON files(sha256);
CREATE INDEX files_md5 ON files(md5);

-- Byte ranges the scanners read besides files: unallocated space of a file system, space outside
-- any partition, and volumes with no recognised file system.
CREATE TABLE regions (
    id          INTEGER PRIMARY KEY,
    evidence_id INTEGER NOT NULL REFERENCES evidence(id),
    volume_id   INTEGER REFERENCES volumes(id),
    kind        TEXT NOT NULL CHECK (kind IN ('unallocated', 'unpartitioned', 'raw', 'slack')),
    offset      INTEGER NOT NULL,
    length      INTEGER NOT NULL,
    UNIQUE (evidence_id, kind, offset)
);

CREATE TABLE errors (
    id          INTEGER PRIMARY KEY,
    evidence_id INTEGER REFERENCES evidence(id),
    time_utc    TEXT NOT NULL,
    command     TEXT NOT NULL,
    path        TEXT NOT NULL,
    message     TEXT NOT NULL
);
)SQL";

// Version 2: `hash --verify` results, one row per evidence item per run, so that a report can show
// computed, stored and re-verified hashes side by side. Sealed per item ("verification:N").
constexpr std::string_view schema_v2 = R"SQL(
CREATE TABLE verifications (
    id          INTEGER PRIMARY KEY,
    evidence_id INTEGER NOT NULL REFERENCES evidence(id),
    verified_at TEXT NOT NULL,
    md5         TEXT,
    sha1        TEXT,
    sha256      TEXT,
    result      TEXT NOT NULL CHECK (result IN ('match', 'mismatch', 'unreadable', 'unverified')),
    detail      TEXT NOT NULL
);
CREATE INDEX verifications_evidence ON verifications(evidence_id);
CREATE INDEX files_sha1 ON files(sha1);
)SQL";

// Version 3: personal data found by `find-pii`. A finding lies in a file's content (file_id) or in a
// region (region_id); 'offset' counts from the start of that content or region. 'location' is ""
// for bytes of the content itself, or names a structured place inside the file: a SQLite cell
// "table/column#rowid" (offset then counts within the cell's text), a worksheet cell, a CSV column
// and line. One row per type and location. Sealed per item ("findings:N") by the pii.scan event that ends the item's scan;
// pii_scans says which items are done, so that a rerun skips them (or, with --rescan, replaces them).
constexpr std::string_view schema_v3 = R"SQL(
CREATE TABLE findings (
    id          INTEGER PRIMARY KEY,
    evidence_id INTEGER NOT NULL REFERENCES evidence(id),
    file_id     INTEGER REFERENCES files(id),
    region_id   INTEGER REFERENCES regions(id),
    offset      INTEGER NOT NULL,
    location    TEXT NOT NULL,
    type        TEXT NOT NULL,
    value       TEXT NOT NULL,
    encoding    TEXT NOT NULL,
    score       INTEGER NOT NULL,
    note        TEXT NOT NULL,
    context     TEXT NOT NULL
);
CREATE UNIQUE INDEX findings_location
    ON findings(evidence_id, coalesce(file_id, 0), coalesce(region_id, 0), location, offset, type);
CREATE INDEX findings_value ON findings(type, value);

CREATE TABLE pii_scans (
    evidence_id INTEGER PRIMARY KEY REFERENCES evidence(id),
    types       TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    files       INTEGER NOT NULL,
    regions     INTEGER NOT NULL,
    findings    INTEGER NOT NULL
);
)SQL";

// Version 4: phone numbers (SPEC §7). call_records are the numbers find-pii reads as records from
// call logs, contacts, SMS, softphones, vCards and CRM call lists, with names, times and directions;
// they are sealed per item ("records:N"), and pii_scans.records says how many an item gave (NULL:
// scanned before version 4 or without phone numbers, so not read). A `match-numbers` run stores its
// watchlists (by file hash), every match, and the links between evidence items that share numbers;
// each run is sealed on its own ("numbers:R"). Times are ISO 8601 UTC.
constexpr std::string_view schema_v4 = R"SQL(
CREATE TABLE call_records (
    id          INTEGER PRIMARY KEY,
    evidence_id INTEGER NOT NULL REFERENCES evidence(id),
    file_id     INTEGER NOT NULL REFERENCES files(id),
    location    TEXT NOT NULL,
    source      TEXT NOT NULL CHECK (source IN ('call_log', 'contacts', 'sms', 'softphone', 'vcard', 'call_list')),
    number      TEXT NOT NULL,
    written     TEXT NOT NULL,
    name        TEXT NOT NULL,
    time_utc    TEXT,
    direction   TEXT NOT NULL,
    duration    INTEGER
);
CREATE INDEX call_records_evidence ON call_records(evidence_id);
CREATE INDEX call_records_number ON call_records(number, file_id);
ALTER TABLE pii_scans ADD COLUMN records INTEGER;
-- With the item in the index, match-numbers reads every distinct number and where it is from the
-- index alone, in order.
DROP INDEX findings_value;
CREATE INDEX findings_value ON findings(type, value, evidence_id);

CREATE TABLE number_runs (
    id                 INTEGER PRIMARY KEY,
    run_at             TEXT NOT NULL,
    mode               TEXT NOT NULL CHECK (mode IN ('plain', 'hmac')),
    key_id             TEXT,
    region             TEXT NOT NULL,
    utc_offset_minutes INTEGER NOT NULL,
    window_seconds     INTEGER NOT NULL,
    evidence_numbers   INTEGER NOT NULL
);
CREATE TABLE watchlists (
    id       INTEGER PRIMARY KEY,
    run_id   INTEGER NOT NULL REFERENCES number_runs(id),
    label    TEXT NOT NULL,
    path     TEXT NOT NULL,
    sha256   TEXT NOT NULL,
    hashed   INTEGER NOT NULL,
    entries  INTEGER NOT NULL,
    matched  INTEGER NOT NULL,
    problems TEXT NOT NULL
);
CREATE TABLE number_matches (
    id              INTEGER PRIMARY KEY,
    run_id          INTEGER NOT NULL REFERENCES number_runs(id),
    watchlist_id    INTEGER NOT NULL REFERENCES watchlists(id),
    entry_line      INTEGER NOT NULL,
    entry_role      TEXT NOT NULL,
    entry_label     TEXT NOT NULL,
    entry_time      TEXT,
    entry_direction TEXT NOT NULL,
    case_ref        TEXT NOT NULL,
    number          TEXT NOT NULL,
    evidence_id     INTEGER NOT NULL REFERENCES evidence(id),
    file_id         INTEGER REFERENCES files(id),
    region_id       INTEGER REFERENCES regions(id),
    location        TEXT NOT NULL,
    offset          INTEGER,
    source          TEXT NOT NULL,
    name            TEXT NOT NULL,
    time_utc        TEXT,
    direction       TEXT NOT NULL,
    delta_seconds   INTEGER
);
CREATE INDEX number_matches_run ON number_matches(run_id);
CREATE TABLE number_links (
    run_id      INTEGER NOT NULL REFERENCES number_runs(id),
    evidence_a  INTEGER NOT NULL REFERENCES evidence(id),
    evidence_b  INTEGER NOT NULL REFERENCES evidence(id),
    shared      INTEGER NOT NULL,
    watchlisted INTEGER NOT NULL,
    numbers     TEXT NOT NULL,
    PRIMARY KEY (run_id, evidence_a, evidence_b)
);
)SQL";

// Version 5: software found by `find-software` (SPEC §6). One finding per tool per evidence item,
// with the strongest strength of its indicators; every indicator (a rule that matched a file, a
// registry key or an Android package) under it. software_scans says which items are done and with
// which rules (SHA-256 over the rule files), so a rerun with other rules scans again. Sealed per
// item ("software:N").
constexpr std::string_view schema_v5 = R"SQL(
CREATE TABLE software_scans (
    evidence_id  INTEGER PRIMARY KEY REFERENCES evidence(id),
    rules_sha256 TEXT NOT NULL,
    rules        INTEGER NOT NULL,
    finished_at  TEXT NOT NULL,
    files        INTEGER NOT NULL,
    read         INTEGER NOT NULL,
    artifacts    INTEGER NOT NULL,
    findings     INTEGER NOT NULL
);
CREATE TABLE software_findings (
    id          INTEGER PRIMARY KEY,
    evidence_id INTEGER NOT NULL REFERENCES evidence(id),
    tool        TEXT NOT NULL,
    category    TEXT NOT NULL,
    strength    TEXT NOT NULL CHECK (strength IN ('installer', 'installed', 'configured', 'used')),
    first_time  TEXT,
    last_time   TEXT,
    UNIQUE (evidence_id, tool)
);
CREATE TABLE software_indicators (
    id         INTEGER PRIMARY KEY,
    finding_id INTEGER NOT NULL REFERENCES software_findings(id),
    kind       TEXT NOT NULL CHECK (kind IN ('path', 'content', 'pe', 'registry', 'package')),
    file_id    INTEGER REFERENCES files(id),
    path       TEXT NOT NULL,
    rule       TEXT NOT NULL,
    strength   TEXT NOT NULL,
    detail     TEXT NOT NULL,
    time_utc   TEXT
);
CREATE INDEX software_indicators_finding ON software_indicators(finding_id);
)SQL";

// Version 6: findings by file, with the type and value, so that the reports' per-file questions
// (which files are personal-data databases, which files hold most findings) read an index instead
// of every finding's row; in a case of 5 million findings the HTML report takes half the time.
constexpr std::string_view schema_v6 = R"SQL(
CREATE INDEX findings_file ON findings(file_id, type, value);
)SQL";

}  // namespace

const std::vector<Migration>& migrations() {
    static const std::vector<Migration> list = {{1, schema_v1}, {2, schema_v2}, {3, schema_v3}, {4, schema_v4}, {5, schema_v5}, {6, schema_v6}};
    return list;
}

int latest_schema_version() { return migrations().back().version; }

}  // namespace izshi::casefile
