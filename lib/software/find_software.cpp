#include "software/find_software.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "core/clock.h"
#include "core/text.h"
#include "custody/seal.h"
#include "evidence/rewalk.h"
#include "software/artifacts.h"

namespace izshi::software {

namespace {

constexpr std::array<std::string_view, 4> kStrengthOrder = {"installer", "installed", "configured", "used"};
constexpr size_t kMaxContent = 64u << 20;     // bytes of one file the content rules see
constexpr size_t kMaxHive = 512u << 20;       // a SOFTWARE hive can pass 64 MiB; it is read whole
constexpr int64_t kMaxTextFile = 1 << 20;     // settings and scripts larger than this are not read

int strength_rank(std::string_view strength) {
    return static_cast<int>(std::find(kStrengthOrder.begin(), kStrengthOrder.end(), strength) - kStrengthOrder.begin());
}

using Item = evidence::IngestedItem;

// The rules (their SHA-256) an item was last scanned with; "" when never.
std::string scanned_with(SQLite::Database& db, int64_t evidence_id) {
    SQLite::Statement query(db, "SELECT rules_sha256 FROM software_scans WHERE evidence_id = ?");
    query.bind(1, evidence_id);
    return query.executeStep() ? query.getColumn(0).getString() : "";
}

struct FileRow {
    int64_t id = 0;
    std::string walk_key, path, name, mime, description, mtime;
    int64_t size = 0;
};

std::vector<FileRow> file_rows(SQLite::Database& db, int64_t evidence_id) {
    SQLite::Statement query(db, "SELECT id, walk_key, path, name, coalesce(mime, ''), coalesce(description, ''), "
                                "coalesce(mtime, ''), coalesce(size, 0) FROM files WHERE evidence_id = ? AND kind = 'file' "
                                "ORDER BY id");
    query.bind(1, evidence_id);
    std::vector<FileRow> rows;
    while (query.executeStep())
        rows.push_back({query.getColumn(0).getInt64(), query.getColumn(1).getString(), query.getColumn(2).getString(),
                        query.getColumn(3).getString(), query.getColumn(4).getString(), query.getColumn(5).getString(),
                        query.getColumn(6).getString(), query.getColumn(7).getInt64()});
    return rows;
}

Artifact file_artifact(const FileRow& row, const std::string& label) {
    return {"file", row.path, row.name, lower_extension(row.name), row.size, label};
}

// A registry hive by name, or by libmagic's description ("MS Windows registry file, NT/2000 or above").
bool is_hive(const FileRow& row) {
    static const std::set<std::string> names = {"software", "system", "sam", "security", "default", "ntuser.dat",
                                                "usrclass.dat", "amcache.hve"};
    return names.count(to_lower_ascii(row.name)) || lower_extension(row.name) == "hve" ||
           row.description.find("registry file") != std::string::npos;
}

// The files whose content the rules can judge: programs and drivers, models, settings and scripts
// (small ones), registry hives and Android package lists. Everything else is judged by path only.
bool wants_content(const FileRow& row) {
    static const std::set<std::string> binary = {"exe", "dll", "sys", "msi", "pth", "pt", "index", "onnx", "dfm"};
    static const std::set<std::string> text = {"ini", "json", "env", "py", "txt", "cfg", "bat", "xml", "list"};
    if (row.size <= 0) return false;
    auto extension = lower_extension(row.name);
    if (binary.count(extension) || row.mime.find("dosexec") != std::string::npos ||
        row.mime.find("portable-executable") != std::string::npos || is_hive(row) || is_android_package_list(row.name))
        return true;
    bool dot_env = row.name == ".env";  // a name that is all extension
    return (text.count(extension) || dot_env) && row.size <= kMaxTextFile;
}

size_t content_cap(const FileRow& row) { return is_hive(row) ? kMaxHive : kMaxContent; }

struct Indicator {
    const RuleInfo* rule = nullptr;
    std::string kind, path, detail, time;
    std::optional<int64_t> file_id;
};

// The indicators of one item, each (rule, place) once: a path rule matches again when the content
// is read, and is counted once.
class Collector {
public:
    void add(const RuleMatch& match, std::string default_kind, std::string path, std::string detail,
             std::optional<int64_t> file_id, std::string time) {
        if (!seen_.insert({match.rule, path}).second) return;
        if (!match.strings.empty()) {
            std::string strings;
            for (const auto& s : match.strings) strings += (strings.empty() ? "" : ", ") + s;
            detail += (detail.empty() ? "" : "; ") + std::string("strings ") + strings;
        }
        auto kind = match.rule->indicator.empty() ? std::move(default_kind) : match.rule->indicator;
        indicators_.push_back({match.rule, std::move(kind), std::move(path), std::move(detail), std::move(time), file_id});
    }
    const std::vector<Indicator>& indicators() const { return indicators_; }

private:
    std::set<std::pair<const RuleInfo*, std::string>> seen_;
    std::vector<Indicator> indicators_;
};

// Hands the walker's bytes of the wanted files to the rules, and opens hives and package lists.
class ContentJudge : public evidence::ContentObserver {
public:
    ContentJudge(RuleScanner& scanner, Collector& collector, const std::unordered_map<std::string, const FileRow*>& wanted,
                 const std::string& label, std::function<void(const std::string&, const std::string&)> warn)
        : scanner_(scanner), collector_(collector), wanted_(wanted), label_(label), warn_(std::move(warn)) {}

    void begin(const std::string& walk_key) override {
        auto it = wanted_.find(walk_key);
        row_ = it == wanted_.end() ? nullptr : it->second;
        bytes_.clear();
    }
    void update(std::span<const unsigned char> bytes) override {
        if (!row_ || bytes_.size() >= content_cap(*row_)) return;
        auto take = std::min(bytes.size(), content_cap(*row_) - bytes_.size());
        bytes_.insert(bytes_.end(), bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(take));
    }
    void end() override {
        if (!row_) return;
        ++read_;
        for (const auto& match : scanner_.scan(file_artifact(*row_, label_), bytes_))
            collector_.add(match, "content", row_->path, match.rule->reference, row_->id, row_->mtime);
        if (!scanner_.problem().empty()) warn_(row_->path, scanner_.problem());
        std::string problem;
        std::vector<DerivedArtifact> derived;
        if (looks_like_hive(bytes_)) derived = registry_artifacts(bytes_, problem);
        else if (is_android_package_list(row_->name)) derived = android_package_artifacts(row_->name, bytes_, problem);
        if (!problem.empty()) warn_(row_->path, problem);
        for (auto& d : derived) judge(d);
        row_ = nullptr;
    }
    uint64_t read() const { return read_; }
    uint64_t artifacts() const { return artifacts_; }

private:
    void judge(DerivedArtifact& derived) {
        ++artifacts_;
        derived.artifact.evidence_label = label_;
        std::span<const unsigned char> content(reinterpret_cast<const unsigned char*>(derived.content.data()), derived.content.size());
        auto where = row_->path + ":" + derived.artifact.path;
        std::string detail = derived.content;
        while (!detail.empty() && detail.back() == '\n') detail.pop_back();
        std::replace(detail.begin(), detail.end(), '\n', ';');
        for (const auto& match : scanner_.scan(derived.artifact, content))
            collector_.add(match, derived.artifact.kind, where, detail, row_->id, derived.time_utc);
    }

    RuleScanner& scanner_;
    Collector& collector_;
    const std::unordered_map<std::string, const FileRow*>& wanted_;
    const std::string& label_;
    std::function<void(const std::string&, const std::string&)> warn_;
    const FileRow* row_ = nullptr;
    std::vector<unsigned char> bytes_;
    uint64_t read_ = 0, artifacts_ = 0;
};

// The walker's sink: keeps warnings, and says "recorded already" of every file not wanted, so the
// walker does not read it.
class WantedSink : public evidence::WalkSink {
public:
    WantedSink(const std::unordered_map<std::string, const FileRow*>& wanted,
               std::function<void(const std::string&, const std::string&)> warn)
        : wanted_(wanted), warn_(std::move(warn)) {}
    void volume(const evidence::VolumeRecord&) override {}
    void file(const evidence::FileRecord&) override {}
    void region(const evidence::RegionRecord&) override {}
    void warning(const std::string& path, const std::string& message) override { warn_(path, message); }
    bool already_recorded(const std::string& walk_key) override { return !wanted_.count(walk_key); }

private:
    const std::unordered_map<std::string, const FileRow*>& wanted_;
    std::function<void(const std::string&, const std::string&)> warn_;
};

struct Finding {
    std::string category, strength;
    std::vector<const Indicator*> indicators;
};

std::map<std::string, Finding> by_tool(const std::vector<Indicator>& indicators) {
    std::map<std::string, Finding> tools;
    for (const auto& indicator : indicators) {
        auto& finding = tools[indicator.rule->tool];
        if (finding.category.empty()) finding.category = indicator.rule->category;
        if (finding.strength.empty() || strength_rank(indicator.rule->strength) > strength_rank(finding.strength))
            finding.strength = indicator.rule->strength;
        finding.indicators.push_back(&indicator);
    }
    return tools;
}

void clear_item(SQLite::Database& db, int64_t evidence_id) {
    for (const char* sql : {"DELETE FROM software_indicators WHERE finding_id IN (SELECT id FROM software_findings WHERE "
                            "evidence_id = ?)",
                            "DELETE FROM software_findings WHERE evidence_id = ?", "DELETE FROM software_scans WHERE evidence_id = ?"}) {
        SQLite::Statement statement(db, sql);
        statement.bind(1, evidence_id);
        statement.exec();
    }
}

void bind_text_or_null(SQLite::Statement& statement, int index, const std::string& text) {
    if (text.empty()) statement.bind(index);
    else statement.bind(index, text);
}

void store_findings(SQLite::Database& db, int64_t evidence_id, const std::map<std::string, Finding>& tools) {
    SQLite::Statement finding(db, "INSERT INTO software_findings(evidence_id, tool, category, strength, first_time, last_time) "
                                  "VALUES (?, ?, ?, ?, ?, ?)");
    SQLite::Statement indicator(db, "INSERT INTO software_indicators(finding_id, kind, file_id, path, rule, strength, detail, "
                                    "time_utc) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    for (const auto& [tool, found] : tools) {
        std::string first, last;
        for (const auto* i : found.indicators) {
            if (i->time.empty()) continue;
            if (first.empty() || i->time < first) first = i->time;
            if (last.empty() || i->time > last) last = i->time;
        }
        finding.reset();
        finding.bind(1, evidence_id);
        finding.bind(2, tool);
        finding.bind(3, found.category);
        finding.bind(4, found.strength);
        bind_text_or_null(finding, 5, first);
        bind_text_or_null(finding, 6, last);
        finding.exec();
        auto finding_id = db.getLastInsertRowid();
        for (const auto* i : found.indicators) {
            indicator.reset();
            indicator.bind(1, finding_id);
            indicator.bind(2, i->kind);
            if (i->file_id) indicator.bind(3, *i->file_id);
            else indicator.bind(3);
            indicator.bind(4, i->path);
            indicator.bind(5, i->rule->source + ":" + i->rule->name);
            indicator.bind(6, i->rule->strength);
            indicator.bind(7, i->detail);
            bind_text_or_null(indicator, 8, i->time);
            indicator.exec();
        }
    }
}

void seal_item(casefile::CaseFile& file, const custody::Actor& actor, const Item& item, const ItemSoftware& scan,
               const RuleSet& rules) {
    SQLite::Statement done(file.db(), "INSERT INTO software_scans(evidence_id, rules_sha256, rules, finished_at, files, read, "
                                      "artifacts, findings) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    done.bind(1, item.id);
    done.bind(2, rules.digest());
    done.bind(3, static_cast<int64_t>(rules.rules().size()));
    done.bind(4, utc_now_iso());
    done.bind(5, static_cast<int64_t>(scan.files));
    done.bind(6, static_cast<int64_t>(scan.read));
    done.bind(7, static_cast<int64_t>(scan.artifacts));
    done.bind(8, static_cast<int64_t>(scan.tools.size()));
    done.exec();
    std::vector<std::string> tools;
    for (const auto& t : scan.tools) tools.push_back(t.tool + " (" + t.strength + ")");
    auto scope = fmt::format("software:{}", item.id);
    auto sealed = custody::digest_scope(file.db(), scope);
    custody::EventDraft draft;
    draft.action = "software.scan";
    draft.inputs = fmt::format("[{{\"sources\":{},\"rules_sha256\":{}}}]", json_string_array(item.sources), json_quote(rules.digest()));
    draft.details = fmt::format("{{\"evidence_id\":{},\"rules\":{},\"files\":{},\"read\":{},\"artifacts\":{},\"tools\":{},"
                                "\"parts\":{}}}",
                                item.id, rules.rules().size(), scan.files, scan.read, scan.artifacts,
                                json_string_array(tools), sealed ? custody::parts_json(*sealed) : "{}");
    custody::append_sealing_event(file, actor, draft, scope);
}

// Path rules over every file row, then content rules over the wanted files through the walker.
Expected<void> scan_item(casefile::CaseFile& file, const Item& item, RuleScanner& scanner, Collector& collector,
                         ItemSoftware& scan, const FindSoftwareOptions& options) {
    auto warn = [&](const std::string& path, const std::string& message) {
        file.record_error(item.id, "find-software", path, message);
        if (options.on_warning) options.on_warning(path, message);
    };
    auto rows = file_rows(file.db(), item.id);
    std::unordered_map<std::string, const FileRow*> wanted;
    for (const auto& row : rows) {
        for (const auto& match : scanner.scan(file_artifact(row, item.label), {}))
            collector.add(match, "path", row.path, match.rule->reference, row.id, row.mtime);
        if (wants_content(row)) wanted.emplace(row.walk_key, &row);
    }
    scan.files = rows.size();
    ContentJudge judge(scanner, collector, wanted, item.label, warn);
    WantedSink sink(wanted, warn);
    if (!wanted.empty())
        if (auto walked = evidence::walk_again(item.kind, item.sources.front(), sink, judge); !walked) return walked;
    scan.read = judge.read();
    scan.artifacts = judge.artifacts();
    return {};
}

Expected<void> scan_in_transaction(casefile::CaseFile& file, const custody::Actor& actor, const Item& item,
                                   const std::shared_ptr<const RuleSet>& rules, ItemSoftware& scan,
                                   const FindSoftwareOptions& options) {
    SQLite::Transaction transaction(file.db());
    clear_item(file.db(), item.id);
    RuleScanner scanner(rules);
    Collector collector;
    if (auto scanned = scan_item(file, item, scanner, collector, scan, options); !scanned) return scanned;
    auto tools = by_tool(collector.indicators());
    store_findings(file.db(), item.id, tools);
    for (const auto& [tool, found] : tools) scan.tools.push_back({tool, found.category, found.strength, found.indicators.size()});
    seal_item(file, actor, item, scan, *rules);
    transaction.commit();
    return {};
}

}  // namespace

Expected<SoftwareRun> find_software(casefile::CaseFile& file, const custody::Actor& actor, const FindSoftwareOptions& options) {
    SoftwareRun run;
    auto rules = RuleSet::load(options.rule_dirs, run.rule_problems);
    if (!rules) return std::unexpected(rules.error());
    for (const auto& p : run.rule_problems)
        file.record_error(std::nullopt, "find-software", p.file,
                          p.line > 0 ? fmt::format("line {}: {}", p.line, p.message) : p.message);
    run.rules = (*rules)->rules().size();
    run.rules_sha256 = (*rules)->digest();
    auto items = evidence::complete_items(file.db(), options.evidence_ids);
    if (!items) return std::unexpected(items.error());
    for (const auto& item : *items) {
        ItemSoftware scan{item.id, item.label};
        if (scanned_with(file.db(), item.id) == run.rules_sha256 && !options.rescan) {
            scan.status = "skipped";
            run.items.push_back(std::move(scan));
            continue;
        }
        if (auto scanned = scan_in_transaction(file, actor, item, *rules, scan, options); !scanned) {
            scan.status = "failed";
            scan.error = scanned.error().message;
            scan.tools.clear();
            file.record_error(item.id, "find-software", item.sources.front(), scan.error);
        } else {
            scan.status = "scanned";
        }
        run.items.push_back(std::move(scan));
    }
    return run;
}

}  // namespace izshi::software
