// izshi ingest: options -> validation -> evidence::ingest -> summary and exit code.
#include <fmt/format.h>

#include <chrono>
#include <iostream>
#include <optional>

#include "command.h"
#include "core/text.h"
#include "evidence/ingest.h"

namespace izshi::cli {

namespace {

struct IngestArgs {
    std::string case_path;
    std::vector<std::string> sources;
    evidence::SeizureDetails seizure;
    bool find_pii = false;
};

// One line, redrawn: files and bytes so far, and for images the media hash's rate and time left
// (the media hash reads every byte, so it is the best clock for the whole item).
void print_progress(const evidence::IngestProgress& p) {
    using clock = std::chrono::steady_clock;
    static std::string label;
    static clock::time_point started;
    if (p.label != label) label = p.label, started = clock::now();
    double seconds = std::chrono::duration<double>(clock::now() - started).count();
    double mib = static_cast<double>(p.file_bytes) / (1 << 20);
    std::string media;
    if (p.media_size && seconds > 0.5) {
        double rate = static_cast<double>(p.media_bytes) / seconds;
        double left = rate > 0 ? static_cast<double>(p.media_size - std::min(p.media_bytes, p.media_size)) / rate : 0;
        media = fmt::format(", media {:3.0f}% at {:.0f} MiB/s, ~{:.0f} s left", 100.0 * p.media_bytes / p.media_size,
                            rate / (1 << 20), left);
    }
    std::cerr << fmt::format("\r{}: {} files, {:.1f} MiB read{}   ", p.label, p.files, mib, media) << std::flush;
}

std::string outcome_json(const evidence::ItemOutcome& item) {
    auto optional = [](const std::optional<std::string>& value) { return value ? json_quote(*value) : "null"; };
    return fmt::format(
        "{{\"source\":{},\"evidence_id\":{},\"label\":{},\"status\":{},\"error\":{},\"format\":{},\"files\":{},"
        "\"deleted\":{},\"volumes\":{},\"regions\":{},\"warnings\":{},\"md5\":{},\"sha1\":{},\"sha256\":{},"
        "\"verification\":{}}}",
        json_quote(item.source), item.evidence_id ? std::to_string(*item.evidence_id) : "null", json_quote(item.label),
        json_quote(item.status), item.error.empty() ? "null" : json_quote(item.error), json_quote(item.format),
        item.files, item.deleted, item.volumes, item.regions, item.warnings, optional(item.md5), optional(item.sha1),
        optional(item.sha256), json_quote(item.verification));
}

// With --json and --find-pii, the scan's summary (find-pii --json) is the value of "pii".
void print_summary(const evidence::IngestResult& result, bool json, const std::string& pii_json) {
    if (json) {
        std::cout << "{\"items\":[";
        for (size_t i = 0; i < result.items.size(); ++i) std::cout << (i ? "," : "") << outcome_json(result.items[i]);
        std::cout << "]" << (pii_json.empty() ? "" : ",\"pii\":" + pii_json) << "}\n";
        return;
    }
    for (const auto& item : result.items) {
        if (item.status == "failed") {
            std::cout << fmt::format("FAILED   {}: {}\n", item.source, item.error);
            continue;
        }
        std::cout << fmt::format("{:<8} #{} {} ({}): {} files ({} deleted), {} volumes, {} regions, {} warnings\n",
                                 item.status, *item.evidence_id, item.label, item.format, item.files, item.deleted,
                                 item.volumes, item.regions, item.warnings);
        if (item.md5) std::cout << fmt::format("         MD5 {}  SHA-256 {}\n", *item.md5, item.sha256.value_or(""));
        if (item.verification != "none")
            std::cout << fmt::format("         stored hash: {}\n", item.verification == "match" ? "matches" : "DIFFERS");
    }
}

Runner setup(CLI::App& app, const GlobalOptions& global) {
    auto args = std::make_shared<IngestArgs>();
    app.description(
        "Register evidence in a case (created if missing) and inventory it: every volume and file system, "
        "allocated, deleted and orphan files, unallocated space; every file typed and hashed (MD5, SHA-1, SHA-256); "
        "the media hashed and compared with an E01's stored hash. Disk images (raw, split raw, E01, AFF, VMDK, VHD) "
        "and logical evidence (a folder or a file; zip/tar/gzip/7z inside are opened in place). "
        "Rerunning resumes an interrupted item and skips finished ones.\n"
        "Exit codes: 0 done; 1 an E01's stored hash differs from the computed one; 2 usage; 3 a source could not be "
        "opened or read to the end (the others were ingested); 4 case-file error.");
    add_case_option(app, args->case_path);
    app.add_option("evidence", args->sources, "Disk images, folders or files; a split or E01 set is named by its "
                                              "first segment")->required()->check(CLI::ExistingPath);
    app.add_option("--label", args->seizure.label, "Short name of the item (default: its file name)");
    app.add_option("--exhibit", args->seizure.exhibit, "Exhibit or evidence number (numbered .1, .2 for several)");
    app.add_option("--seized-from", args->seizure.seized_from, "Where or from whom it was seized");
    app.add_option("--seized-at", args->seizure.seized_at, "When it was seized (ISO 8601, e.g. 2026-03-14T09:30+05:00)");
    app.add_option("--seized-by", args->seizure.seized_by, "Who seized it");
    app.add_option("--notes", args->seizure.notes, "Free-text notes recorded with the item");
    app.add_flag("--find-pii", args->find_pii, "Also scan the items for personal data, as find-pii does, in the same "
                                               "read of every file (the regions are read after the walk)");
    return [args, &global] {
        auto file = open_case(args->case_path, casefile::Access::write, true);
        if (!file) return report_error(file.error());
        evidence::IngestOptions options;
        options.seizure = args->seizure;
        options.threads = global.threads;
        options.on_warning = [&global](const std::string& path, const std::string& message) {
            if (global.show_progress()) std::cerr << '\n';
            std::cerr << "izshi: warning: " << path << ": " << message << '\n';
        };
        if (global.show_progress()) options.on_progress = print_progress;
        // --find-pii: files are scanned as the walk reads them; the regions when each item is sealed.
        std::optional<findpii::ScanDuringIngest> scan_during;
        if (args->find_pii) {
            scan_during.emplace(cli_pii_options(global));
            options.observer = &*scan_during;
        }
        std::vector<std::filesystem::path> sources(args->sources.begin(), args->sources.end());
        auto result = evidence::ingest(**file, global.actor(), sources, options);
        if (global.show_progress()) std::cerr << '\n';
        for (const auto& item : result.items)
            if (!item.error.empty()) std::cerr << "izshi: " << item.error << '\n';
        int pii_code = 0;
        std::string pii_json;
        if (args->find_pii) {
            if (!global.json) print_summary(result, false, "");
            // Items the walk did not read whole (resumed, or skipped as complete) are scanned on
            // their own, as find-pii would (skipped again if they were scanned before).
            auto rest = cli_pii_options(global);
            for (const auto& item : result.items)
                if (item.evidence_id && (item.status == "resumed" || item.status == "skipped"))
                    rest.evidence_ids.push_back(*item.evidence_id);
            auto scans = scan_during->scans();
            if (!rest.evidence_ids.empty()) {
                auto more = findpii::find_pii(**file, global.actor(), rest);
                if (!more) return report_error(more.error());
                scans.insert(scans.end(), more->begin(), more->end());
            }
            if (!scans.empty()) pii_code = print_pii_scans(**file, global, scans, global.json ? &pii_json : nullptr);
            if (global.json) print_summary(result, true, pii_json);
        } else {
            print_summary(result, global.json, "");
        }
        if (result.any_input_error() || pii_code == 3) return 3;
        if (pii_code != 0) return pii_code;
        return result.any_hash_mismatch() ? 1 : 0;
    };
}

}  // namespace

Command ingest_command() { return {"ingest", "Register evidence items and inventory every file", setup}; }

}  // namespace izshi::cli
