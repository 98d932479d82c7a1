#include "evidence/ingest.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>
#include <sys/stat.h>

#include <condition_variable>
#include <future>
#include <mutex>
#include <thread>

#include "core/clock.h"
#include "core/text.h"
#include "custody/seal.h"
#include "evidence/case_writer.h"
#include "evidence/ewf_metadata.h"
#include "evidence/image_source.h"
#include "evidence/tsk_walker.h"

namespace izshi::evidence {

namespace fs = std::filesystem;

namespace {

struct SourceDescription {
    SourceClass kind;
    std::vector<std::string> segments;
    uint64_t size = 0;
    EwfMetadata ewf;
};

std::string json_object(const std::map<std::string, std::string>& fields) {
    std::string out = "{";
    for (const auto& [key, value] : fields) out += (out.size() > 1 ? "," : "") + json_quote(key) + ":" + json_quote(value);
    return out + "}";
}

Expected<SourceDescription> describe_source(const fs::path& path) {
    auto kind = classify_source(path);
    if (!kind) return std::unexpected(kind.error());
    SourceDescription description{*kind, {path.string()}, 0, {}};
    if (kind->kind == SourceKind::image) {
        auto image = open_image(path);
        if (!image) return std::unexpected(image.error());
        description.segments = image_segments(**image);
        description.size = static_cast<uint64_t>((*image)->size);
        if (looks_like_ewf(path)) {
            auto ewf = read_ewf_metadata(path);
            if (!ewf) return std::unexpected(ewf.error());
            description.ewf = *ewf;
        }
    } else if (kind->format == "file") {
        description.size = fs::file_size(path);
    }
    return description;
}

// Several sources under one --label/--exhibit get numbered so every item stays distinguishable.
SeizureDetails details_for(const SeizureDetails& given, const fs::path& source, size_t position, size_t count) {
    SeizureDetails details = given;
    auto name = source.filename().empty() ? source.parent_path().filename().string() : source.filename().string();
    if (details.label.empty())
        details.label = name;
    else if (count > 1)
        details.label = fmt::format("{} / {}", given.label, name);
    if (!details.exhibit.empty() && count > 1) details.exhibit = fmt::format("{}.{}", given.exhibit, position + 1);
    return details;
}

struct ExistingItem {
    int64_t id;
    std::string state;
};

std::optional<ExistingItem> find_item(SQLite::Database& db, const std::string& source_key) {
    SQLite::Statement query(db, "SELECT id, state FROM evidence WHERE source_key = ?");
    query.bind(1, source_key);
    if (!query.executeStep()) return std::nullopt;
    return ExistingItem{query.getColumn(0).getInt64(), query.getColumn(1).getString()};
}

void bind_or_null(SQLite::Statement& statement, int index, const std::string& value) {
    if (value.empty())
        statement.bind(index);
    else
        statement.bind(index, value);
}

int64_t register_item(casefile::CaseFile& file, const custody::Actor& actor, const std::string& source_key,
                      const SourceDescription& source, const SeizureDetails& seizure) {
    auto& db = file.db();
    SQLite::Transaction transaction(db);
    SQLite::Statement insert(db,
                             "INSERT INTO evidence(source_key, label, exhibit, kind, format, sources, size, stored_md5, "
                             "stored_sha1, acquisition, seized_from, seized_at, seized_by, authorization, notes, state, "
                             "registered_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,'walking',?)");
    insert.bind(1, source_key);
    insert.bind(2, seizure.label);
    bind_or_null(insert, 3, seizure.exhibit);
    insert.bind(4, source.kind.kind == SourceKind::image ? "image" : "logical");
    insert.bind(5, source.kind.format);
    insert.bind(6, json_string_array(source.segments));
    if (source.kind.format == "folder")
        insert.bind(7);
    else
        insert.bind(7, static_cast<int64_t>(source.size));
    bind_or_null(insert, 8, source.ewf.stored_md5.value_or(""));
    bind_or_null(insert, 9, source.ewf.stored_sha1.value_or(""));
    insert.bind(10, json_object(source.ewf.headers));
    bind_or_null(insert, 11, seizure.seized_from);
    bind_or_null(insert, 12, seizure.seized_at);
    bind_or_null(insert, 13, seizure.seized_by);
    bind_or_null(insert, 14, actor.authorization);
    bind_or_null(insert, 15, seizure.notes);
    insert.bind(16, utc_now_iso());
    insert.exec();
    int64_t id = db.getLastInsertRowid();
    custody::EventDraft draft;
    draft.action = "evidence.register";
    draft.details = fmt::format(
        "{{\"evidence_id\":{},\"label\":{},\"exhibit\":{},\"format\":{},\"sources\":{},\"seized_from\":{},"
        "\"seized_at\":{},\"seized_by\":{},\"notes\":{}}}",
        id, json_quote(seizure.label), json_quote(seizure.exhibit), json_quote(source.kind.format),
        json_string_array(source.segments), json_quote(seizure.seized_from), json_quote(seizure.seized_at),
        json_quote(seizure.seized_by), json_quote(seizure.notes));
    custody::append_event(file, actor, draft);
    transaction.commit();
    return id;
}

// Hashes of the whole item. An image's media stream is read on its own thread beside the walk.
// A single file is the item: the walk has already hashed it, so its row gives the hashes without a
// second read. A folder has no single stream; its files are hashed one by one and sealed together.
Expected<std::optional<hashing::Digests>> hash_media_of_image(const fs::path& path, const SourceDescription& source,
                                                              std::atomic<uint64_t>& bytes_done) {
    if (source.kind.kind != SourceKind::image) return std::optional<hashing::Digests>{};
    auto digests = hash_media(path, bytes_done);
    if (!digests) return std::unexpected(digests.error());
    return std::optional(*digests);
}

Expected<std::optional<hashing::Digests>> digests_of_single_file(SQLite::Database& db, int64_t evidence_id,
                                                                 const fs::path& path) {
    SQLite::Statement query(db, "SELECT md5, sha1, sha256 FROM files WHERE evidence_id = ? AND container_id IS NULL "
                                "ORDER BY id LIMIT 1");
    query.bind(1, evidence_id);
    if (!query.executeStep() || query.getColumn(0).isNull())
        return fail(ErrorKind::input, path.string() + ": the file could not be read to the end");
    return std::optional(hashing::Digests{query.getColumn(0).getString(), query.getColumn(1).getString(),
                                          query.getColumn(2).getString()});
}

void walk_item(const fs::path& path, const SourceDescription& source, CaseWriter& writer, WalkCounters& counters,
               const IngestOptions& options, ContentObserver* observer) {
    if (source.kind.kind == SourceKind::logical) {
        LogicalWalker walker(writer, counters, options.archive_limits);
        walker.set_content_observer(observer);
        walker.walk(path);
        return;
    }
    auto image = open_image(path);
    if (!image) {
        writer.warning(path.string(), image.error().message);
        return;
    }
    TskWalker walker(**image, writer, counters, options.threads ? options.threads : default_thread_count());
    walker.set_content_observer(observer);
    walker.walk();
}

// Calls the progress handler a few times a second while the walk runs.
class ProgressTicker {
public:
    ProgressTicker(const IngestOptions& options, IngestProgress base, WalkCounters& counters,
                   std::atomic<uint64_t>& media_bytes)
        : options_(options), base_(std::move(base)), counters_(counters), media_bytes_(media_bytes) {
        if (options_.on_progress) thread_ = std::thread([this] { run(); });
    }
    ~ProgressTicker() {
        {
            std::lock_guard lock(mutex_);
            done_ = true;
        }
        wake_.notify_all();
        if (thread_.joinable()) thread_.join();
        if (options_.on_progress) options_.on_progress(snapshot());
    }

private:
    IngestProgress snapshot() const {
        IngestProgress progress = base_;
        progress.files = counters_.files;
        progress.file_bytes = counters_.bytes;
        progress.media_bytes = media_bytes_;
        return progress;
    }
    void run() {
        std::unique_lock lock(mutex_);
        while (!wake_.wait_for(lock, std::chrono::milliseconds(250), [this] { return done_; }))
            options_.on_progress(snapshot());
    }

    const IngestOptions& options_;
    IngestProgress base_;
    WalkCounters& counters_;
    std::atomic<uint64_t>& media_bytes_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool done_ = false;
    std::thread thread_;
};

// Every hash the acquisition stored (MD5, SHA-1) must equal the one computed now.
std::string verification_of(const EwfMetadata& stored, const ItemOutcome& computed) {
    bool compared = false, equal = true;
    auto compare = [&](const std::optional<std::string>& expected, const std::optional<std::string>& actual) {
        if (!expected || !actual) return;
        compared = true;
        equal = equal && *expected == *actual;
    };
    compare(stored.stored_md5, computed.md5);
    compare(stored.stored_sha1, computed.sha1);
    return !compared ? "none" : equal ? "match" : "mismatch";
}

void seal_item(casefile::CaseFile& file, const custody::Actor& actor, ItemOutcome& outcome,
               const SourceDescription& source, const std::optional<hashing::Digests>& digests) {
    auto& db = file.db();
    SQLite::Transaction transaction(db);
    SQLite::Statement update(db, "UPDATE evidence SET md5 = ?, sha1 = ?, sha256 = ?, size = COALESCE(?, size), "
                                 "verification = ?, state = 'complete' WHERE id = ?");
    if (digests) {
        update.bind(1, digests->md5);
        update.bind(2, digests->sha1);
        update.bind(3, digests->sha256);
        outcome.md5 = digests->md5;
        outcome.sha1 = digests->sha1;
        outcome.sha256 = digests->sha256;
    }
    outcome.verification = verification_of(source.ewf, outcome);
    update.bind(4);
    update.bind(5, outcome.verification);
    update.bind(6, *outcome.evidence_id);
    update.exec();

    auto scope = fmt::format("evidence:{}", *outcome.evidence_id);
    auto sealed = custody::digest_scope(db, scope);
    custody::EventDraft draft;
    draft.action = "ingest.complete";
    draft.covers = scope;
    draft.content_digest = sealed->digest;
    // What was read, with its hashes (SPEC §8): the source segments as one item.
    draft.inputs = fmt::format("[{{\"sources\":{},\"md5\":{},\"sha1\":{},\"sha256\":{}}}]",
                               json_string_array(source.segments), json_quote(outcome.md5.value_or("")),
                               json_quote(outcome.sha1.value_or("")), json_quote(outcome.sha256.value_or("")));
    draft.details = fmt::format(
        "{{\"evidence_id\":{},\"files\":{},\"deleted\":{},\"volumes\":{},\"regions\":{},\"warnings\":{},"
        "\"md5\":{},\"sha1\":{},\"sha256\":{},\"stored_md5\":{},\"verification\":{},\"parts\":{}}}",
        *outcome.evidence_id, outcome.files, outcome.deleted, outcome.volumes, outcome.regions, outcome.warnings,
        json_quote(outcome.md5.value_or("")), json_quote(outcome.sha1.value_or("")),
        json_quote(outcome.sha256.value_or("")), json_quote(source.ewf.stored_md5.value_or("")),
        json_quote(outcome.verification), custody::parts_json(*sealed));
    custody::append_event(file, actor, draft);
    transaction.commit();
}

// A finished item reports what was stored at its ingest, so a rerun gives the same verdicts.
void load_stored_item(SQLite::Database& db, ItemOutcome& outcome) {
    SQLite::Statement query(db, "SELECT label, md5, sha1, sha256, verification FROM evidence WHERE id = ?");
    query.bind(1, *outcome.evidence_id);
    if (!query.executeStep()) return;
    outcome.label = query.getColumn(0).getString();
    auto optional = [&](int column) {
        return query.getColumn(column).isNull() ? std::nullopt : std::optional(query.getColumn(column).getString());
    };
    outcome.md5 = optional(1);
    outcome.sha1 = optional(2);
    outcome.sha256 = optional(3);
    outcome.verification = query.getColumn(4).getString();
}

void count_stored_rows(SQLite::Database& db, ItemOutcome& outcome) {
    auto count = [&](const char* sql) {
        SQLite::Statement query(db, sql);
        query.bind(1, *outcome.evidence_id);
        query.executeStep();
        return static_cast<uint64_t>(query.getColumn(0).getInt64());
    };
    outcome.files = count("SELECT COUNT(*) FROM files WHERE evidence_id = ?");
    outcome.deleted = count("SELECT COUNT(*) FROM files WHERE evidence_id = ? AND allocated = 0");
    outcome.volumes = count("SELECT COUNT(*) FROM volumes WHERE evidence_id = ?");
    outcome.regions = count("SELECT COUNT(*) FROM regions WHERE evidence_id = ?");
    outcome.warnings = count("SELECT COUNT(*) FROM errors WHERE evidence_id = ?");
}

ItemOutcome ingest_one(casefile::CaseFile& file, const custody::Actor& actor, const fs::path& given_path,
                       const SeizureDetails& seizure, const IngestOptions& options) {
    // Absolute, so that the recorded sources still say where the evidence was when read elsewhere.
    const fs::path path = fs::absolute(given_path);
    ItemOutcome outcome;
    outcome.source = path.string();
    outcome.label = seizure.label;
    auto source = describe_source(path);
    if (!source) {
        outcome.status = "failed";
        outcome.error = source.error().message;
        file.record_error(std::nullopt, "ingest", path.string(), outcome.error);
        return outcome;
    }
    outcome.format = source->kind.format;
    auto source_key = fs::weakly_canonical(path).string();
    auto existing = find_item(file.db(), source_key);
    if (existing && existing->state == "complete") {
        outcome.evidence_id = existing->id;
        outcome.status = "skipped";
        load_stored_item(file.db(), outcome);
        count_stored_rows(file.db(), outcome);
        return outcome;
    }
    outcome.status = existing ? "resumed" : "ingested";
    outcome.evidence_id = existing ? existing->id : register_item(file, actor, source_key, *source, seizure);

    WalkCounters counters;
    std::atomic<uint64_t> media_bytes{0};
    auto media = std::async(std::launch::async, [&] { return hash_media_of_image(path, *source, media_bytes); });
    {
        uint64_t media_size = source->kind.kind == SourceKind::image ? source->size : 0;
        ProgressTicker ticker(options, {seizure.label, 0, 0, 0, media_size}, counters, media_bytes);
        CaseWriter writer(file, *outcome.evidence_id, options.on_warning);
        // Only a first walk reads every file; a resumed one skips those already recorded.
        ContentObserver* observer = outcome.status == "ingested" ? options.observer : nullptr;
        if (observer) options.observer->item_begins(*outcome.evidence_id, source->kind.kind == SourceKind::logical);
        walk_item(path, *source, writer, counters, options, observer);
        writer.flush();
        media.wait();
    }
    auto digests = source->kind.format == "file" ? digests_of_single_file(file.db(), *outcome.evidence_id, path)
                                                 : media.get();
    if (!digests) {  // the inventory stands, but the item as a whole could not be read: an input error
        outcome.error = digests.error().message;
        file.record_error(outcome.evidence_id, "ingest", path.string(), outcome.error);
    }
    count_stored_rows(file.db(), outcome);
    seal_item(file, actor, outcome, *source, digests ? *digests : std::nullopt);
    if (options.observer && outcome.status == "ingested") options.observer->item_sealed(file, actor, *outcome.evidence_id);
    return outcome;
}

}  // namespace

bool IngestResult::any_input_error() const {
    return std::any_of(items.begin(), items.end(), [](const auto& item) { return !item.error.empty(); });
}

bool IngestResult::any_hash_mismatch() const {
    return std::any_of(items.begin(), items.end(), [](const auto& item) { return item.verification == "mismatch"; });
}

void ensure_case_created(casefile::CaseFile& file, const custody::Actor& actor) {
    SQLite::Statement query(file.db(), "SELECT COUNT(*) FROM custody_events WHERE chain = ?");
    query.bind(1, file.info().uid);
    query.executeStep();
    if (query.getColumn(0).getInt64() > 0) return;
    custody::EventDraft draft;
    draft.action = "case.create";
    draft.details = fmt::format("{{\"case_uid\":{},\"title\":{},\"schema_version\":{}}}", json_quote(file.info().uid),
                                json_quote(file.info().title), file.info().schema_version);
    custody::append_event(file, actor, draft);
}

IngestResult ingest(casefile::CaseFile& file, const custody::Actor& actor, const std::vector<fs::path>& sources,
                    const IngestOptions& options) {
    ensure_case_created(file, actor);
    IngestResult result;
    for (size_t i = 0; i < sources.size(); ++i)
        result.items.push_back(
            ingest_one(file, actor, sources[i], details_for(options.seizure, sources[i], i, sources.size()), options));
    return result;
}

}  // namespace izshi::evidence
