#include "numbers/match.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <algorithm>
#include <functional>
#include <fmt/format.h>
#include <map>
#include <set>
#include <unordered_map>

#include "core/clock.h"
#include "core/text.h"
#include "custody/seal.h"

namespace izshi::numbers {

namespace {

// One place a number appears in the evidence: a phone finding or a call record.
struct Sighting {
    int64_t evidence_id = 0;
    std::optional<int64_t> file_id, region_id, offset;
    std::string location, source, number, name, time_utc, direction;
};

struct Match {
    size_t list = 0;
    const WatchEntry* entry = nullptr;
    Sighting where;
    std::optional<int64_t> delta_seconds;
};

// Where one number appears: its phone findings, less those in a file that also gave the number as
// a record (the record says more), then its records. Both through indexes on the number.
constexpr const char* sightings_query =
    "SELECT x.evidence_id, x.file_id, x.region_id, x.offset, x.location, 'finding', x.value, '', NULL, '' "
    "FROM findings x WHERE x.type = 'phone' AND x.value = ?1 AND NOT EXISTS "
    "(SELECT 1 FROM call_records c WHERE c.number = x.value AND c.file_id = x.file_id) "
    "UNION ALL "
    "SELECT evidence_id, file_id, NULL, NULL, location, source, number, name, time_utc, direction "
    "FROM call_records WHERE number = ?1";

// Rows of (number, evidence id) in number order, read one at a time.
class SortedRows {
public:
    SortedRows(SQLite::Database& db, const char* sql) : query_(db, sql) { advance(); }
    bool done() const { return done_; }
    const std::string& number() const { return number_; }
    int64_t evidence_id() const { return evidence_id_; }
    void advance() {
        done_ = !query_.executeStep();
        if (done_) return;
        auto column = query_.getColumn(0);
        number_.assign(column.getText(), static_cast<size_t>(column.getBytes()));
        evidence_id_ = query_.getColumn(1).getInt64();
    }

private:
    SQLite::Statement query_;
    std::string number_;
    int64_t evidence_id_ = 0;
    bool done_ = false;
};

// Visits every distinct number in the evidence once, in order, with the items that hold it: the
// phone findings straight from the index findings_value(type, value, evidence_id), the call records
// merged in. No map of all numbers is built, however many the case holds.
void for_each_number(SQLite::Database& db, const std::function<void(const std::string&, const std::vector<int64_t>&)>& visit) {
    SortedRows findings(db, "SELECT value, evidence_id FROM findings WHERE type = 'phone' ORDER BY value");
    SortedRows records(db, "SELECT number, evidence_id FROM call_records WHERE number != '' ORDER BY number");
    std::string number;
    std::vector<int64_t> items;
    while (!findings.done() || !records.done()) {
        auto& next = records.done() || (!findings.done() && findings.number() <= records.number()) ? findings : records;
        if (next.number() != number) {
            if (!items.empty()) visit(number, items);
            number = next.number();
            items.clear();
        }
        if (std::find(items.begin(), items.end(), next.evidence_id()) == items.end()) items.push_back(next.evidence_id());
        next.advance();
    }
    if (!items.empty()) visit(number, items);
}

std::optional<int64_t> optional_int(const SQLite::Column& column) {
    if (column.isNull()) return std::nullopt;
    return column.getInt64();
}

Sighting read_sighting(SQLite::Statement& query) {
    Sighting s;
    s.evidence_id = query.getColumn(0).getInt64();
    s.file_id = optional_int(query.getColumn(1));
    s.region_id = optional_int(query.getColumn(2));
    s.offset = optional_int(query.getColumn(3));
    s.location = query.getColumn(4).getString();
    s.source = query.getColumn(5).getString();
    s.number = query.getColumn(6).getString();
    s.name = query.getColumn(7).getString();
    s.time_utc = query.getColumn(8).getString();
    s.direction = query.getColumn(9).getString();
    return s;
}

// Loads every list; a list that cannot be used is named in its outcome and recorded in the case.
std::vector<Watchlist> load_lists(casefile::CaseFile& file, const MatchOptions& options, const NumberKey* key,
                                  std::vector<WatchlistOutcome>& outcomes) {
    std::vector<Watchlist> lists;
    for (const auto& source : options.watchlists) {
        WatchlistOutcome outcome{source.label, source.path.string()};
        auto list = load_watchlist(source.path, source.label, options.reading);
        if (!list) outcome.error = list.error().message;
        else if (list->hashed && !key)
            outcome.error = source.path.string() + ": a hashed watchlist: give the key it was made with (--key)";
        else if (list->hashed && !list->key_id.empty() && list->key_id != key->key_id())
            outcome.error = fmt::format("{}: hashed with another key (key id {}, ours {})", source.path.string(),
                                        list->key_id, key->key_id());
        if (!outcome.error.empty()) {
            file.record_error(std::nullopt, "match-numbers", source.path.string(), outcome.error);
            outcomes.push_back(std::move(outcome));
            continue;
        }
        if (list->hashed && list->key_id.empty())
            list->problems.insert(list->problems.begin(),
                                  {1, "no izshi header line names the key it was hashed with: the key cannot be checked", false});
        outcome.label = list->label;
        outcome.entries = list->entries.size();
        outcome.problems = list->problems;
        outcomes.push_back(std::move(outcome));
        lists.push_back(std::move(*list));
    }
    return lists;
}

class Matcher {
public:
    Matcher(const std::vector<Watchlist>& lists, const NumberKey* key, int64_t window) : key_(key), window_(window) {
        for (size_t l = 0; l < lists.size(); ++l)
            for (const auto& entry : lists[l].entries)
                index_[key_ && !lists[l].hashed ? key_->digest(entry.key) : entry.key].emplace_back(l, &entry);
    }

    // One distinct number of the evidence and the items holding it: is it on a list (by its digest
    // in HMAC mode), and which pairs of items does it link.
    void visit(const std::string& number, const std::vector<int64_t>& items) {
        ++distinct_;
        bool listed = index_.count(key_ ? key_->digest(number) : number) > 0;
        if (listed) listed_.push_back(number);
        if (items.size() < 2) return;
        auto sorted = items;
        std::sort(sorted.begin(), sorted.end());
        for (size_t a = 0; a < sorted.size(); ++a)
            for (size_t b = a + 1; b < sorted.size(); ++b) {
                auto& link = links_[{sorted[a], sorted[b]}];
                link.numbers.push_back(number);
                link.watchlisted += listed;
            }
    }

    // Every place of every listed number, against every entry that lists it.
    void collect_matches(SQLite::Database& db) {
        SQLite::Statement query(db, sightings_query);
        for (const auto& number : listed_) {
            query.reset();
            query.bind(1, number);
            const auto& entries = index_.find(key_ ? key_->digest(number) : number)->second;
            while (query.executeStep()) {
                auto sighting = read_sighting(query);
                auto seen_at = unix_from_text(sighting.time_utc);
                for (const auto& [list, entry] : entries) {
                    Match match{list, entry, sighting, std::nullopt};
                    if (seen_at && entry->time) match.delta_seconds = *seen_at - *entry->time;
                    matches_.push_back(std::move(match));
                }
            }
        }
    }

    const std::vector<Match>& matches() const { return matches_; }
    size_t distinct_numbers() const { return distinct_; }
    bool near(const Match& match) const { return match.delta_seconds && std::llabs(*match.delta_seconds) <= window_; }

    struct Link {
        size_t watchlisted = 0;
        std::vector<std::string> numbers;  // in order: the numbers are visited sorted
    };
    const std::map<std::pair<int64_t, int64_t>, Link>& links() const { return links_; }

private:
    const NumberKey* key_;
    int64_t window_;
    std::unordered_map<std::string, std::vector<std::pair<size_t, const WatchEntry*>>> index_;
    size_t distinct_ = 0;
    std::vector<std::string> listed_;
    std::map<std::pair<int64_t, int64_t>, Link> links_;
    std::vector<Match> matches_;
};

void bind_optional(SQLite::Statement& statement, int index, const std::optional<int64_t>& value) {
    if (value) statement.bind(index, *value);
    else statement.bind(index);
}

void bind_text_or_null(SQLite::Statement& statement, int index, const std::string& text) {
    if (text.empty()) statement.bind(index);
    else statement.bind(index, text);
}

int64_t store_run(SQLite::Database& db, const MatchOptions& options, const NumberKey* key, size_t evidence_numbers) {
    SQLite::Statement insert(db, "INSERT INTO number_runs(run_at, mode, key_id, region, utc_offset_minutes, "
                                 "window_seconds, evidence_numbers) VALUES (?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, utc_now_iso());
    insert.bind(2, key ? "hmac" : "plain");
    bind_text_or_null(insert, 3, key ? key->key_id() : "");
    insert.bind(4, options.reading.region);
    insert.bind(5, options.reading.offset_minutes);
    insert.bind(6, options.window_seconds);
    insert.bind(7, static_cast<int64_t>(evidence_numbers));
    insert.exec();
    return db.getLastInsertRowid();
}

std::vector<int64_t> store_lists(SQLite::Database& db, int64_t run_id, const std::vector<Watchlist>& lists,
                                 const std::vector<size_t>& matched) {
    std::vector<int64_t> ids;
    SQLite::Statement insert(db, "INSERT INTO watchlists(run_id, label, path, sha256, hashed, entries, matched, problems) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    for (size_t l = 0; l < lists.size(); ++l) {
        insert.reset();
        insert.bind(1, run_id);
        insert.bind(2, lists[l].label);
        insert.bind(3, lists[l].path);
        insert.bind(4, lists[l].sha256);
        insert.bind(5, lists[l].hashed ? 1 : 0);
        insert.bind(6, static_cast<int64_t>(lists[l].entries.size()));
        insert.bind(7, static_cast<int64_t>(matched[l]));
        insert.bind(8, problems_json(lists[l].problems));
        insert.exec();
        ids.push_back(db.getLastInsertRowid());
    }
    return ids;
}

void store_matches(SQLite::Database& db, int64_t run_id, const std::vector<int64_t>& list_ids,
                   const std::vector<Match>& matches) {
    SQLite::Statement insert(
        db, "INSERT INTO number_matches(run_id, watchlist_id, entry_line, entry_role, entry_label, entry_time, "
            "entry_direction, case_ref, number, evidence_id, file_id, region_id, location, offset, source, name, "
            "time_utc, direction, delta_seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (const auto& m : matches) {
        insert.reset();
        insert.bind(1, run_id);
        insert.bind(2, list_ids[m.list]);
        insert.bind(3, m.entry->line);
        insert.bind(4, m.entry->role);
        insert.bind(5, m.entry->label);
        bind_text_or_null(insert, 6, m.entry->time_utc);
        insert.bind(7, m.entry->direction);
        insert.bind(8, m.entry->case_ref);
        insert.bind(9, m.where.number);
        insert.bind(10, m.where.evidence_id);
        bind_optional(insert, 11, m.where.file_id);
        bind_optional(insert, 12, m.where.region_id);
        insert.bind(13, m.where.location);
        bind_optional(insert, 14, m.where.offset);
        insert.bind(15, m.where.source);
        insert.bind(16, m.where.name);
        bind_text_or_null(insert, 17, m.where.time_utc);
        insert.bind(18, m.where.direction);
        bind_optional(insert, 19, m.delta_seconds);
        insert.exec();
    }
}

size_t store_links(SQLite::Database& db, int64_t run_id, const Matcher& matcher) {
    SQLite::Statement insert(db, "INSERT INTO number_links(run_id, evidence_a, evidence_b, shared, watchlisted, numbers) "
                                 "VALUES (?, ?, ?, ?, ?, ?)");
    const auto& links = matcher.links();
    for (const auto& [pair, link] : links) {
        insert.reset();
        insert.bind(1, run_id);
        insert.bind(2, pair.first);
        insert.bind(3, pair.second);
        insert.bind(4, static_cast<int64_t>(link.numbers.size()));
        insert.bind(5, static_cast<int64_t>(link.watchlisted));
        insert.bind(6, json_string_array(link.numbers));
        insert.exec();
    }
    return links.size();
}

std::vector<std::string> unscanned_items(SQLite::Database& db) {
    std::vector<std::string> out;
    SQLite::Statement query(db, "SELECT e.id, e.label FROM evidence e LEFT JOIN pii_scans p ON p.evidence_id = e.id "
                                "WHERE e.state = 'complete' AND (p.evidence_id IS NULL OR p.records IS NULL OR "
                                "(',' || p.types || ',') NOT LIKE '%,phone,%') ORDER BY e.id");
    while (query.executeStep())
        out.push_back(fmt::format("#{} {}", query.getColumn(0).getInt64(), query.getColumn(1).getString()));
    return out;
}

std::vector<EvidenceCount> count_per_evidence(SQLite::Database& db, const std::vector<Match>& matches) {
    std::map<int64_t, std::pair<size_t, std::set<std::string>>> counts;
    for (const auto& m : matches) {
        auto& [total, numbers] = counts[m.where.evidence_id];
        ++total;
        numbers.insert(m.where.number);
    }
    std::vector<EvidenceCount> out;
    SQLite::Statement label(db, "SELECT label FROM evidence WHERE id = ?");
    for (const auto& [id, count] : counts) {
        label.reset();
        label.bind(1, id);
        out.push_back({id, label.executeStep() ? label.getColumn(0).getString() : "", count.first, count.second.size()});
    }
    return out;
}

void seal_run(casefile::CaseFile& file, const custody::Actor& actor, const MatchRun& run,
              const std::vector<Watchlist>& lists) {
    std::string inputs = "[", watchlists = "[";
    for (const auto& list : lists)
        inputs += fmt::format("{}{{\"watchlist\":{},\"label\":{},\"sha256\":{}}}", inputs.size() > 1 ? "," : "",
                              json_quote(list.path), json_quote(list.label), json_quote(list.sha256));
    for (const auto& w : run.watchlists)
        if (w.error.empty())
            watchlists += fmt::format("{}{{\"label\":{},\"entries\":{},\"matched\":{},\"problems\":{}}}",
                                      watchlists.size() > 1 ? "," : "", json_quote(w.label), w.entries, w.matched,
                                      w.problems.size());
    custody::EventDraft draft;
    draft.action = "numbers.match";
    draft.inputs = inputs + "]";
    auto scope = fmt::format("numbers:{}", run.run_id);
    auto sealed = custody::digest_scope(file.db(), scope);
    draft.details = fmt::format("{{\"run_id\":{},\"mode\":{},\"watchlists\":{}],\"matches\":{},\"near\":{},\"links\":{},"
                                "\"parts\":{}}}",
                                run.run_id, json_quote(run.mode), watchlists, run.matches, run.near, run.links,
                                sealed ? custody::parts_json(*sealed) : "{}");
    custody::append_sealing_event(file, actor, draft, scope);
}

}  // namespace

Expected<MatchRun> match_numbers(casefile::CaseFile& file, const custody::Actor& actor, const MatchOptions& options) {
    std::optional<NumberKey> key;
    if (options.key) {
        auto loaded = NumberKey::load(*options.key);
        if (!loaded) return std::unexpected(loaded.error());
        key = std::move(*loaded);
    }
    const NumberKey* key_ptr = key ? &*key : nullptr;
    MatchRun run;
    run.mode = key ? "hmac" : "plain";
    auto lists = load_lists(file, options, key_ptr, run.watchlists);
    if (lists.empty()) {
        std::string reasons;
        for (const auto& w : run.watchlists) reasons += (reasons.empty() ? "" : "; ") + w.error;
        return fail(ErrorKind::input, "no watchlist could be used: " + reasons);
    }

    auto& db = file.db();
    Matcher matcher(lists, key_ptr, options.window_seconds);
    for_each_number(db, [&](const std::string& number, const std::vector<int64_t>& items) { matcher.visit(number, items); });
    matcher.collect_matches(db);

    std::vector<size_t> matched(lists.size());
    for (size_t l = 0; l < lists.size(); ++l) {
        std::set<const WatchEntry*> entries;
        for (const auto& m : matcher.matches())
            if (m.list == l) entries.insert(m.entry);
        matched[l] = entries.size();
    }
    for (size_t l = 0, o = 0; o < run.watchlists.size(); ++o)
        if (run.watchlists[o].error.empty()) run.watchlists[o].matched = matched[l++];

    SQLite::Transaction transaction(db);
    run.run_id = store_run(db, options, key_ptr, matcher.distinct_numbers());
    store_matches(db, run.run_id, store_lists(db, run.run_id, lists, matched), matcher.matches());
    run.links = store_links(db, run.run_id, matcher);
    run.evidence_numbers = matcher.distinct_numbers();
    run.matches = matcher.matches().size();
    run.near = static_cast<size_t>(std::count_if(matcher.matches().begin(), matcher.matches().end(),
                                                 [&](const Match& m) { return matcher.near(m); }));
    run.per_evidence = count_per_evidence(db, matcher.matches());
    run.unscanned = unscanned_items(db);
    seal_run(file, actor, run, lists);
    transaction.commit();
    return run;
}

}  // namespace izshi::numbers
