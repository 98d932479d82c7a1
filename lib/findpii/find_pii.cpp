#include "findpii/find_pii.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>

#include <set>
#include <thread>
#include <unordered_map>

#include "core/clock.h"
#include "core/text.h"
#include "custody/seal.h"
#include "evidence/image_source.h"
#include "evidence/logical_walker.h"
#include "evidence/rewalk.h"
#include "evidence/tsk_walker.h"
#include "findpii/delimited_columns.h"
#include "findpii/sqlite_cells.h"
#include "findpii/stream_scanner.h"
#include "findpii/xlsx_cells.h"
#include "numbers/call_records.h"

namespace izshi::findpii {

namespace {

struct Item : evidence::IngestedItem {
    bool scanned = false;  // scanned before for the same types
};

Expected<std::vector<Item>> items_to_scan(SQLite::Database& db, const std::vector<int64_t>& only, const std::string& types) {
    auto complete = evidence::complete_items(db, only);
    if (!complete) return std::unexpected(complete.error());
    // An item counts as scanned only for the same types: asking for other types scans it again.
    SQLite::Statement scanned(db, "SELECT EXISTS (SELECT 1 FROM pii_scans WHERE evidence_id = ? AND types = ?)");
    std::vector<Item> items;
    for (auto& item : *complete) {
        scanned.reset();
        scanned.bind(1, item.id);
        scanned.bind(2, types);
        scanned.executeStep();
        items.push_back({std::move(item), scanned.getColumn(0).getInt() != 0});
    }
    return items;
}

unsigned scan_threads(const FindPiiOptions& options) {
    return options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
}

// What one file gave: personal data, and the phone numbers read as records (call logs, contacts, ...).
struct FileResults {
    std::vector<pii::Finding> findings;
    std::vector<numbers::CallRecord> records;
};

// Stores the findings and records of one item as they come; the caller's transaction makes them all or none.
class FindingWriter {
public:
    FindingWriter(SQLite::Database& db, int64_t evidence_id)
        : insert_(db, "INSERT OR IGNORE INTO findings(evidence_id, file_id, region_id, offset, type, value, encoding, "
                      "score, note, context, location) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
          insert_record_(db, "INSERT INTO call_records(evidence_id, file_id, location, source, number, written, name, "
                             "time_utc, direction, duration) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
          evidence_id_(evidence_id) {}

    void store(std::optional<int64_t> file_id, std::optional<int64_t> region_id, const std::vector<pii::Finding>& found) {
        for (const auto& f : found) {
            insert_.reset();
            insert_.bind(1, evidence_id_);
            if (file_id) insert_.bind(2, *file_id);
            else insert_.bind(2);
            if (region_id) insert_.bind(3, *region_id);
            else insert_.bind(3);
            insert_.bind(4, static_cast<int64_t>(f.offset));
            insert_.bind(5, std::string(pii::pii_type_name(f.type)));
            insert_.bind(6, f.value);
            insert_.bind(7, std::string(pii::encoding_name(f.encoding)));
            insert_.bind(8, f.score);
            insert_.bind(9, f.note);
            insert_.bind(10, f.context);
            insert_.bind(11, f.location);
            stored_ += static_cast<uint64_t>(insert_.exec());
        }
    }
    uint64_t stored() const { return stored_; }

    void store_records(int64_t file_id, const std::vector<numbers::CallRecord>& records) {
        for (const auto& r : records) {
            insert_record_.reset();
            insert_record_.bind(1, evidence_id_);
            insert_record_.bind(2, file_id);
            insert_record_.bind(3, r.location);
            insert_record_.bind(4, std::string(numbers::source_name(r.source)));
            insert_record_.bind(5, r.number);
            insert_record_.bind(6, r.written);
            insert_record_.bind(7, r.name);
            if (r.time_utc.empty()) insert_record_.bind(8);
            else insert_record_.bind(8, r.time_utc);
            insert_record_.bind(9, r.direction);
            if (r.duration_s < 0) insert_record_.bind(10);
            else insert_record_.bind(10, r.duration_s);
            records_ += static_cast<uint64_t>(insert_record_.exec());
        }
    }
    uint64_t records() const { return records_; }

    // Both kinds of results of one file.
    void store_file(int64_t file_id, const FileResults& results) {
        store(file_id, std::nullopt, results.findings);
        store_records(file_id, results.records);
    }

private:
    SQLite::Statement insert_;
    SQLite::Statement insert_record_;
    int64_t evidence_id_;
    uint64_t stored_ = 0;
    uint64_t records_ = 0;
};

// The walkers want a sink; while scanning, the inventory is already in the case (or, for archives
// opened inside an image, has no rows): only the walker's warnings are kept.
class WarningSink : public evidence::WalkSink {
public:
    using Warn = std::function<void(const std::string& path, const std::string& message)>;
    explicit WarningSink(Warn warn) : warn_(std::move(warn)) {}
    void volume(const evidence::VolumeRecord&) override {}
    void file(const evidence::FileRecord&) override {}
    void region(const evidence::RegionRecord&) override {}
    void warning(const std::string& path, const std::string& message) override { warn_(path, message); }
    bool already_recorded(const std::string&) override { return false; }

private:
    Warn warn_;
};

// Sees every file's bytes during the re-walk and scans them; findings go to the file's row. A file
// that is a SQLite database, a worksheet of an xlsx, or a CSV/TSV export is also kept in memory (up
// to kMaxDatabase) and read for its structure: SQLite cells, spreadsheet and CSV columns. When phone
// numbers are wanted, files that may hold call records (databases, softphone .ini, vCards, CSV call
// lists) are kept too and read as records (numbers/call_records.h).
class ScanningObserver : public evidence::ContentObserver {
public:
    // 'found' receives each file's results (by walk key) when its content has been read whole.
    using FileFindings = std::function<void(const std::string& walk_key, FileResults found)>;
    using Warn = WarningSink::Warn;
    // 'open_archives': archives arrive as plain files (a disk image's walk) and are opened here;
    // their members' findings go to the archive's file with the member's path as location.
    ScanningObserver(const pii::Scanner& scanner, const FindPiiOptions& options, FileFindings found, Warn warn,
                     bool open_archives = false)
        : scanner_(scanner), stream_(scanner, scan_threads(options)), options_(options), found_(std::move(found)),
          warn_(std::move(warn)), open_archives_(open_archives), records_wanted_(wanted(pii::PiiType::phone)) {}

    static constexpr size_t kMaxDatabase = 256u << 20;

    void begin(const std::string& walk_key) override {
        stream_.begin();
        walk_key_ = walk_key;
        seen_ = 0;
        database_.clear();
        keep_database_ = false;
        archive_ = false;
        sqlite_ = false;
        worksheet_ = is_xlsx_worksheet(walk_key);
        delimited_ = is_delimited_text(walk_key);
    }
    void update(std::span<const unsigned char> bytes) override {
        if (seen_ == 0) {
            archive_ = open_archives_ && looks_like_archive(bytes);
            sqlite_ = looks_like_sqlite(bytes);
            keep_database_ = worksheet_ || delimited_ || archive_ || sqlite_ ||
                             (records_wanted_ && numbers::may_hold_records(file_name(), bytes));
        }
        seen_ += bytes.size();
        stream_.update(bytes);
        if (keep_database_ && database_.size() + bytes.size() <= kMaxDatabase)
            database_.insert(database_.end(), bytes.begin(), bytes.end());
        else
            keep_database_ = false;
        if (options_.progress) *options_.progress += bytes.size();
    }
    void end() override {
        FileResults results{stream_.finish(), {}};
        auto& found = results.findings;
        // database_ holds the SQLite file, the worksheet or the CSV: its structure is read too.
        if (keep_database_ && delimited_) {
            std::string_view text(reinterpret_cast<const char*>(database_.data()), database_.size());
            label_columns(text, found);
            for (auto& document : scan_document_columns(text, scanner_))
                if (wanted(document.type)) found.push_back(std::move(document));
        }
        if (keep_database_ && archive_) {
            add_members(results);
        } else if (keep_database_ && sqlite_) {
            MemoryDatabase database(database_);  // opened once for its cells and its records
            add_cells(found, &database);
            std::string said_by_cells;  // a damaged database is warned about once, by add_cells
            if (records_wanted_) results.records = numbers::read_database_records(database, said_by_cells);
        } else if (keep_database_) {
            if (worksheet_) add_cells(found, nullptr);
            if (records_wanted_) add_records(results.records);
        }
        found_(walk_key_, std::move(results));
        ++files_;
    }
    uint64_t files() const { return files_; }

private:
    // The zip, gzip, bzip2, xz, 7z or tar signature at the start of a file.
    static bool looks_like_archive(std::span<const unsigned char> head) {
        auto starts = [&](std::string_view magic) {
            return head.size() >= magic.size() && std::equal(magic.begin(), magic.end(), head.begin(),
                                                             [](char m, unsigned char b) { return static_cast<unsigned char>(m) == b; });
        };
        bool tar = head.size() >= 262 && std::string_view(reinterpret_cast<const char*>(head.data()) + 257, 5) == "ustar";
        return tar || starts("PK\x03\x04") || starts("\x1F\x8B") || starts("BZh") ||
               starts(std::string_view("\xFD" "7zXZ\0", 6)) || starts("7z\xBC\xAF\x27\x1C");
    }

    // Opens the archive kept in database_ with the logical walker (its limits against bombs
    // included) and scans every member, nested archives too, with a second observer.
    void add_members(FileResults& found) {
        evidence::FileRecord container;
        container.path = walk_key_.substr(walk_key_.rfind('|') + 1);
        container.name = container.path.substr(container.path.rfind('/') + 1);
        auto prefix = container.path + "/";
        ScanningObserver members(
            scanner_, options_,
            [&](const std::string& member_key, FileResults member_found) {
                auto at = member_key.find(prefix);
                auto member = at == std::string::npos ? member_key : member_key.substr(at + prefix.size());
                for (auto& f : member_found.findings) {
                    f.location = member + (f.location.empty() ? "" : "|" + f.location);
                    found.findings.push_back(std::move(f));
                }
                for (auto& r : member_found.records) {
                    r.location = member + "|" + r.location;
                    found.records.push_back(std::move(r));
                }
            },
            warn_);
        WarningSink sink(warn_);
        evidence::WalkCounters counters;
        evidence::LogicalWalker walker(sink, counters);
        walker.set_content_observer(&members, false);
        walker.walk_archive(database_, container);
    }

    // Cell findings the byte scan did not already make (a value stored as text is found by both).
    // 'database': the SQLite file opened, or null for a worksheet.
    void add_cells(std::vector<pii::Finding>& found, const MemoryDatabase* database) {
        std::string problem;
        auto cells = database ? scan_sqlite_cells(*database, scanner_, problem)
                              : scan_worksheet_numbers(std::string_view(reinterpret_cast<const char*>(database_.data()),
                                                                        database_.size()),
                                                       worksheet_name());
        if (!problem.empty()) warn_(walk_key_, problem);
        std::set<std::pair<pii::PiiType, std::string>> raw;
        for (const auto& f : found) raw.emplace(f.type, f.value);
        for (auto& cell : cells)
            if (wanted(cell.type) && !raw.count({cell.type, cell.value})) found.push_back(std::move(cell));
    }

    void add_records(std::vector<numbers::CallRecord>& records) {
        std::string problem;
        records = numbers::read_call_records(file_name(), database_, problem);
        if (!problem.empty()) warn_(walk_key_, problem);
    }

    // The file's own name: walk keys end with its path ("0|1234|Users/a/MicroSIP.ini").
    std::string file_name() const {
        auto cut = walk_key_.find_last_of("/|");
        return cut == std::string::npos ? walk_key_ : walk_key_.substr(cut + 1);
    }

    bool wanted(pii::PiiType type) const {
        return std::find(options_.types.begin(), options_.types.end(), type) != options_.types.end();
    }

    std::string worksheet_name() const {
        auto slash = walk_key_.rfind('/');
        auto name = walk_key_.substr(slash + 1);
        return name.substr(0, name.size() - 4);  // "sheet1"
    }

    const pii::Scanner& scanner_;
    StreamScanner stream_;
    const FindPiiOptions& options_;
    FileFindings found_;
    Warn warn_;
    std::string walk_key_;
    uint64_t seen_ = 0;
    std::vector<unsigned char> database_;
    bool keep_database_ = false;
    bool worksheet_ = false;
    bool delimited_ = false;
    bool open_archives_ = false;
    bool archive_ = false;
    bool sqlite_ = false;
    bool records_wanted_ = false;
    uint64_t files_ = 0;
};

std::unordered_map<std::string, int64_t> file_ids_of(SQLite::Database& db, int64_t evidence_id) {
    std::unordered_map<std::string, int64_t> ids;
    SQLite::Statement query(db, "SELECT walk_key, id FROM files WHERE evidence_id = ?");
    query.bind(1, evidence_id);
    while (query.executeStep()) ids.emplace(query.getColumn(0).getString(), query.getColumn(1).getInt64());
    return ids;
}

// Unallocated space, slack, unpartitioned space and raw volumes, read from the media.
Expected<uint64_t> scan_regions(SQLite::Database& db, TSK_IMG_INFO& image, const Item& item,
                                const pii::Scanner& scanner, FindingWriter& writer, const FindPiiOptions& options) {
    SQLite::Statement query(db, "SELECT id, offset, length FROM regions WHERE evidence_id = ? ORDER BY id");
    query.bind(1, item.id);
    StreamScanner stream(scanner, scan_threads(options));
    std::vector<unsigned char> block(StreamScanner::kBlock);
    uint64_t regions = 0;
    while (query.executeStep()) {
        int64_t region_id = query.getColumn(0).getInt64();
        auto offset = static_cast<TSK_OFF_T>(query.getColumn(1).getInt64());
        auto length = static_cast<TSK_OFF_T>(query.getColumn(2).getInt64());
        stream.begin();
        for (TSK_OFF_T done = 0; done < length;) {
            auto want = static_cast<size_t>(std::min<TSK_OFF_T>(static_cast<TSK_OFF_T>(block.size()), length - done));
            ssize_t got = tsk_img_read(&image, offset + done, reinterpret_cast<char*>(block.data()), want);
            if (got <= 0)
                return fail(ErrorKind::input, fmt::format("{}: read error at byte {} of the media: {}", item.sources.front(),
                                                          offset + done, evidence::tsk_error_text()));
            stream.update(std::span(block.data(), static_cast<size_t>(got)));
            if (options.progress) *options.progress += static_cast<uint64_t>(got);
            done += got;
        }
        writer.store(std::nullopt, region_id, stream.finish());
        ++regions;
    }
    return regions;
}

std::string types_text(const std::vector<pii::PiiType>& types) {
    std::string out;
    for (auto type : types) out += (out.empty() ? "" : ",") + std::string(pii::pii_type_name(type));
    return out;
}

bool reads_records(const FindPiiOptions& options) {
    return std::find(options.types.begin(), options.types.end(), pii::PiiType::phone) != options.types.end();
}

// Seals the findings ("findings:N") and the call records read with them ("records:N"). The records
// are sealed after every scan, even one without phone numbers that read none: the scan replaced
// the item's earlier records, and their seal must follow. pii_scans.records is NULL when not read.
void seal_scan(casefile::CaseFile& file, const custody::Actor& actor, const Item& item, const ItemScan& scan,
               const FindPiiOptions& options) {
    SQLite::Statement done(file.db(), "INSERT OR REPLACE INTO pii_scans(evidence_id, types, finished_at, files, "
                                      "regions, findings, records) VALUES (?, ?, ?, ?, ?, ?, ?)");
    done.bind(1, item.id);
    done.bind(2, types_text(options.types));
    done.bind(3, utc_now_iso());
    done.bind(4, static_cast<int64_t>(scan.files));
    done.bind(5, static_cast<int64_t>(scan.regions));
    done.bind(6, static_cast<int64_t>(scan.findings));
    if (reads_records(options)) done.bind(7, static_cast<int64_t>(scan.records));
    else done.bind(7);
    done.exec();
    custody::EventDraft draft;
    draft.action = "pii.scan";
    draft.inputs = fmt::format("[{{\"sources\":{}}}]", json_string_array(item.sources));
    draft.details = fmt::format("{{\"evidence_id\":{},\"types\":{},\"files\":{},\"regions\":{},\"findings\":{},"
                                "\"rescan\":{}}}",
                                item.id, json_quote(types_text(options.types)), scan.files, scan.regions, scan.findings,
                                options.rescan ? "true" : "false");
    custody::append_sealing_event(file, actor, draft, fmt::format("findings:{}", item.id));
    draft.action = "pii.records";
    draft.details = fmt::format("{{\"evidence_id\":{},\"records\":{},\"read\":{}}}", item.id, scan.records,
                                reads_records(options) ? "true" : "false");
    custody::append_sealing_event(file, actor, draft, fmt::format("records:{}", item.id));
}

// Re-walks the item with the walker that ingested it, scanning every file's bytes as they pass.
Expected<void> scan_item(casefile::CaseFile& file, const Item& item, const pii::Scanner& scanner, FindingWriter& writer,
                         ItemScan& scan, const FindPiiOptions& options) {
    // Warnings are recorded in the case like ingest's (within the item's transaction).
    WarningSink sink([&](const std::string& path, const std::string& message) {
        file.record_error(item.id, "find-pii", path, message);
        if (options.on_warning) options.on_warning(path, message);
    });
    auto file_ids = file_ids_of(file.db(), item.id);
    ScanningObserver observer(
        scanner, options,
        [&](const std::string& walk_key, FileResults found) {
            // A file ingest did not record cannot come up: the walker is the one that ingested it.
            if (auto id = file_ids.find(walk_key); id != file_ids.end()) writer.store_file(id->second, found);
        },
        [&sink](const std::string& path, const std::string& message) { sink.warning(path, message); },
        item.kind == "image");
    evidence::TskImage image;
    if (auto walked = evidence::walk_again(item.kind, item.sources.front(), sink, observer, &image); !walked) return walked;
    scan.files = observer.files();
    if (image) {
        auto regions = scan_regions(file.db(), *image, item, scanner, writer, options);
        if (!regions) return std::unexpected(regions.error());
        scan.regions = *regions;
    }
    scan.findings = writer.stored();
    scan.records = writer.records();
    return {};
}

// All of an item or nothing: the old findings go, the new ones and the sealing event come, in one
// transaction, which rolls back if the scan fails or the process dies.
Expected<void> scan_in_transaction(casefile::CaseFile& file, const custody::Actor& actor, const Item& item,
                                   const pii::Scanner& scanner, ItemScan& scan, const FindPiiOptions& options) {
    SQLite::Transaction transaction(file.db());
    for (const char* table : {"findings", "call_records"}) {
        SQLite::Statement clear(file.db(), fmt::format("DELETE FROM {} WHERE evidence_id = ?", table));
        clear.bind(1, item.id);
        clear.exec();
    }
    FindingWriter writer(file.db(), item.id);
    if (auto scanned = scan_item(file, item, scanner, writer, scan, options); !scanned) return scanned;
    seal_scan(file, actor, item, scan, options);
    transaction.commit();
    return {};
}

}  // namespace

// What ingest --find-pii keeps of an item between its walk and its seal: the findings by walk key
// (the file rows get their ids only as the case writer stores them) and the warnings.
struct ScanDuringIngest::State {
    explicit State(FindPiiOptions o) : options(std::move(o)), scanner({.types = options.types}) {}
    FindPiiOptions options;
    pii::Scanner scanner;
    std::vector<std::pair<std::string, FileResults>> found;
    std::vector<std::pair<std::string, std::string>> warnings;
    std::unique_ptr<ScanningObserver> observer;
    std::vector<ItemScan> scans;
};

ScanDuringIngest::ScanDuringIngest(FindPiiOptions options) : state_(std::make_unique<State>(std::move(options))) {}
ScanDuringIngest::~ScanDuringIngest() = default;

void ScanDuringIngest::item_begins(int64_t, bool walk_opens_archives) {
    state_->found.clear();
    state_->warnings.clear();
    state_->observer = std::make_unique<ScanningObserver>(
        state_->scanner, state_->options,
        [this](const std::string& walk_key, FileResults found) {
            if (!found.findings.empty() || !found.records.empty()) state_->found.emplace_back(walk_key, std::move(found));
        },
        [this](const std::string& path, const std::string& message) {
            state_->warnings.emplace_back(path, message);
            if (state_->options.on_warning) state_->options.on_warning(path, message);
        },
        !walk_opens_archives);
}

void ScanDuringIngest::begin(const std::string& walk_key) { state_->observer->begin(walk_key); }
void ScanDuringIngest::update(std::span<const unsigned char> bytes) { state_->observer->update(bytes); }
void ScanDuringIngest::end() { state_->observer->end(); }

// The files were read with the walk; the regions (unallocated space, slack, ...) are read now.
void ScanDuringIngest::item_sealed(casefile::CaseFile& file, const custody::Actor& actor, int64_t evidence_id) {
    auto items = items_to_scan(file.db(), {evidence_id}, types_text(state_->options.types));
    if (!items || items->empty()) return;
    const auto& item = items->front();
    ItemScan scan{item.id, item.label};
    auto stored = [&]() -> Expected<void> {
        SQLite::Transaction transaction(file.db());
        FindingWriter writer(file.db(), item.id);
        auto file_ids = file_ids_of(file.db(), item.id);
        for (const auto& [walk_key, found] : state_->found)
            if (auto id = file_ids.find(walk_key); id != file_ids.end()) writer.store_file(id->second, found);
        for (const auto& [path, message] : state_->warnings) file.record_error(item.id, "find-pii", path, message);
        scan.files = state_->observer->files();
        if (item.kind == "image") {
            auto image = evidence::open_image(item.sources.front());
            if (!image) return std::unexpected(image.error());
            auto regions = scan_regions(file.db(), **image, item, state_->scanner, writer, state_->options);
            if (!regions) return std::unexpected(regions.error());
            scan.regions = *regions;
        }
        scan.findings = writer.stored();
        scan.records = writer.records();
        seal_scan(file, actor, item, scan, state_->options);
        transaction.commit();
        return {};
    }();
    scan.status = stored ? "scanned" : "failed";
    if (!stored) {
        scan.error = stored.error().message;
        file.record_error(item.id, "find-pii", item.sources.front(), scan.error);
    }
    state_->scans.push_back(scan);
    state_->found.clear();
    state_->observer.reset();
}

const std::vector<ItemScan>& ScanDuringIngest::scans() const { return state_->scans; }

Expected<std::vector<ItemScan>> find_pii(casefile::CaseFile& file, const custody::Actor& actor,
                                         const FindPiiOptions& options) {
    auto items = items_to_scan(file.db(), options.evidence_ids, types_text(options.types));
    if (!items) return std::unexpected(items.error());
    pii::Scanner scanner({.types = options.types});
    std::vector<ItemScan> results;
    for (const auto& item : *items) {
        ItemScan scan{item.id, item.label};
        if (item.scanned && !options.rescan) {
            scan.status = "skipped";
            results.push_back(scan);
            continue;
        }
        if (auto scanned = scan_in_transaction(file, actor, item, scanner, scan, options); !scanned) {
            scan.status = "failed";
            scan.error = scanned.error().message;
            file.record_error(item.id, "find-pii", item.sources.front(), scan.error);
        } else {
            scan.status = "scanned";
        }
        results.push_back(scan);
    }
    return results;
}

}  // namespace izshi::findpii
