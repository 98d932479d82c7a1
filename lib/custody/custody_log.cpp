#include "custody/custody_log.h"

#include <SQLiteCpp/Savepoint.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <map>

#include "core/clock.h"
#include "core/text.h"
#include "custody/seal.h"
#include "hashing/multi_hasher.h"

namespace izshi::custody {

namespace {

std::string head_of(const Event& event) { return fmt::format("{}:{}", event.chain_seq, event.hash); }

Event event_from_row(SQLite::Statement& row) {
    Event e;
    int c = 0;
    e.seq = row.getColumn(c++).getInt64();
    e.chain = row.getColumn(c++).getString();
    e.chain_seq = row.getColumn(c++).getInt64();
    for (std::string* field : {&e.time_utc, &e.time_zone, &e.examiner, &e.host, &e.action, &e.arguments,
                               &e.tool_version, &e.authorization, &e.inputs, &e.details, &e.covers,
                               &e.content_digest, &e.prev_hash, &e.hash})
        *field = row.getColumn(c++).getString();
    return e;
}

// Chain links: every event's prev_hash is its predecessor's hash and its own hash recomputes.
void verify_links(const std::vector<Event>& events, const std::string& own_chain, const std::string& recorded_head,
                  VerifyResult& result) {
    std::map<std::string, const Event*> last_of_chain;
    for (const auto& event : events) {
        const Event* previous = last_of_chain.contains(event.chain) ? last_of_chain[event.chain] : nullptr;
        int64_t expected_seq = previous ? previous->chain_seq + 1 : 1;
        std::string expected_prev = previous ? previous->hash : genesis_hash();
        if (event.chain_seq != expected_seq)
            result.problems.push_back(fmt::format(
                "custody event #{} ({}): expected position {} in its chain but found {}: an event was deleted, "
                "inserted or reordered",
                event.seq, event.action, expected_seq, event.chain_seq));
        else if (event.prev_hash != expected_prev)
            result.problems.push_back(fmt::format(
                "custody event #{} ({}): does not link to the event before it: an event was deleted or reordered",
                event.seq, event.action));
        if (chain_hash(event.prev_hash, event) != event.hash)
            result.problems.push_back(fmt::format(
                "custody event #{} ({}, {}): its content does not match its hash: the event was edited", event.seq,
                event.action, event.time_utc));
        last_of_chain[event.chain] = &event;
    }
    auto own_last = last_of_chain.find(own_chain);
    std::string actual_head = own_last == last_of_chain.end() ? "" : head_of(*own_last->second);
    if (actual_head != recorded_head)
        result.problems.push_back(fmt::format(
            "custody log ends at '{}' but the case recorded its head as '{}': events were removed from the end",
            actual_head.substr(0, 20), recorded_head.substr(0, 20)));
}

std::string changed_parts(const Event& event, const ScopeDigest& now) {
    std::vector<std::string> changed;
    try {
        auto recorded = nlohmann::json::parse(event.details).value("parts", nlohmann::json::object());
        for (const auto& [name, digest] : now.parts)
            if (recorded.value(name, "") != digest) changed.push_back(name);
    } catch (const nlohmann::json::exception&) {
    }
    if (changed.empty()) return "";
    std::string out;
    for (const auto& name : changed) out += (out.empty() ? "" : ", ") + name;
    return out;
}

// Seals: the latest event covering a scope must still match that scope's rows.
void verify_seals(SQLite::Database& db, const std::vector<Event>& events, VerifyResult& result) {
    std::map<std::string, const Event*> latest;
    for (const auto& event : events)
        if (!event.covers.empty()) latest[event.covers] = &event;
    for (const auto& [scope, event] : latest) {
        auto now = digest_scope(db, scope);
        if (!now) {
            result.problems.push_back(
                fmt::format("{} sealed by custody event #{} is missing from the case", scope, event->seq));
        } else if (now->digest != event->content_digest) {
            auto parts = changed_parts(*event, *now);
            result.problems.push_back(fmt::format("{}: rows changed since custody event #{} ({}) sealed them{}", scope,
                                                  event->seq, event->action,
                                                  parts.empty() ? "" : " (changed: " + parts + ")"));
        }
    }
    SQLite::Statement items(db, "SELECT id, label, state FROM evidence ORDER BY id");
    while (items.executeStep()) {
        auto scope = fmt::format("evidence:{}", items.getColumn(0).getInt64());
        std::string label = items.getColumn(1).getString(), state = items.getColumn(2).getString();
        if (latest.contains(scope)) continue;
        if (state == "complete")
            result.problems.push_back(fmt::format(
                "{} ('{}') is marked complete but no custody event seals it: its sealing event was removed", scope,
                label));
        else
            result.warnings.push_back(fmt::format(
                "{} ('{}') is not sealed yet: its ingest did not finish (rerun ingest to complete it)", scope, label));
    }
}

}  // namespace

std::string genesis_hash() { return std::string(64, '0'); }

std::string canonical_event(const Event& e) {
    // Keys in lexicographic order, no spaces: the form is documented in docs/case-file.md so that a
    // partner team can re-implement verification without izshi.
    return fmt::format(
        "{{\"action\":{},\"arguments\":{},\"authorization\":{},\"chain\":{},\"chain_seq\":{},\"content_digest\":{},"
        "\"covers\":{},\"details\":{},\"examiner\":{},\"host\":{},\"inputs\":{},\"prev_hash\":{},\"seq\":{},"
        "\"time_utc\":{},\"time_zone\":{},\"tool_version\":{}}}",
        json_quote(e.action), json_quote(e.arguments), json_quote(e.authorization), json_quote(e.chain), e.chain_seq,
        json_quote(e.content_digest), json_quote(e.covers), json_quote(e.details), json_quote(e.examiner),
        json_quote(e.host), json_quote(e.inputs), json_quote(e.prev_hash), e.seq, json_quote(e.time_utc),
        json_quote(e.time_zone), json_quote(e.tool_version));
}

std::string chain_hash(const std::string& prev_hash, const Event& event) {
    return hashing::sha256_hex(prev_hash + canonical_event(event));
}

Event append_event(casefile::CaseFile& file, const Actor& actor, const EventDraft& draft) {
    auto& db = file.db();
    SQLite::Savepoint savepoint(db, "custody_append");
    Event e;
    e.chain = file.info().uid;
    SQLite::Statement last(db, "SELECT chain_seq, hash FROM custody_events WHERE chain = ? "
                               "ORDER BY chain_seq DESC LIMIT 1");
    last.bind(1, e.chain);
    e.chain_seq = 1;
    e.prev_hash = genesis_hash();
    if (last.executeStep()) {
        e.chain_seq = last.getColumn(0).getInt64() + 1;
        e.prev_hash = last.getColumn(1).getString();
    }
    SQLite::Statement next_seq(db, "SELECT COALESCE(MAX(seq), 0) + 1 FROM custody_events");
    next_seq.executeStep();
    e.seq = next_seq.getColumn(0).getInt64();
    e.time_utc = utc_now_iso();
    e.time_zone = local_zone_description();
    e.examiner = actor.examiner;
    e.host = host_name();
    e.action = draft.action;
    e.arguments = json_string_array(actor.arguments);
    e.tool_version = std::string("izshi ") + IZSHI_VERSION;
    e.authorization = actor.authorization;
    e.inputs = draft.inputs;
    e.details = draft.details;
    e.covers = draft.covers;
    e.content_digest = draft.content_digest;
    e.hash = chain_hash(e.prev_hash, e);

    SQLite::Statement insert(db, "INSERT INTO custody_events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    int c = 1;
    insert.bind(c++, e.seq);
    insert.bind(c++, e.chain);
    insert.bind(c++, e.chain_seq);
    for (const std::string* field : {&e.time_utc, &e.time_zone, &e.examiner, &e.host, &e.action, &e.arguments,
                                     &e.tool_version, &e.authorization, &e.inputs, &e.details, &e.covers,
                                     &e.content_digest, &e.prev_hash, &e.hash})
        insert.bind(c++, *field);
    insert.exec();
    casefile::write_meta(db, "custody_head", head_of(e));
    savepoint.release();
    return e;
}

std::vector<Event> read_events(SQLite::Database& db) {
    std::vector<Event> events;
    SQLite::Statement rows(db, "SELECT seq, chain, chain_seq, time_utc, time_zone, examiner, host, action, arguments, "
                               "tool_version, authorization, inputs, details, covers, content_digest, prev_hash, hash "
                               "FROM custody_events ORDER BY seq");
    while (rows.executeStep()) events.push_back(event_from_row(rows));
    return events;
}

VerifyResult verify(SQLite::Database& db) {
    VerifyResult result;
    auto events = read_events(db);
    result.events = static_cast<int64_t>(events.size());
    auto own_chain = casefile::read_meta(db, "case_uid").value_or("");
    auto head = casefile::read_meta(db, "custody_head").value_or("");
    verify_links(events, own_chain, head, result);
    verify_seals(db, events, result);
    return result;
}

}  // namespace izshi::custody
