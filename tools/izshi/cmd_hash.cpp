// izshi hash: hash files, folders and images like hashdeep; match and audit against known sets;
// verify a case's evidence and mark its known files. Options -> validation -> one lib/ call per mode.
#include <fmt/format.h>

#include <filesystem>
#include <iostream>

#include "command.h"
#include "progress.h"
#include "core/clock.h"
#include "core/text.h"
#include "evidence/image_source.h"
#include "hashing/audit.h"
#include "hashing/hash_formats.h"
#include "integrity/known_marks.h"
#include "integrity/verify.h"

namespace izshi::cli {

namespace {

namespace fs = std::filesystem;
using hashing::Algorithm;

struct HashArgs {
    std::vector<std::string> paths;
    bool recursive = false, relative = false, media = false;
    std::string algorithms;  // empty: the default, or what the known sets hold
    std::string format = "hashdeep";
    std::vector<std::string> known;
    bool match = false, negative = false, audit = false;
    std::string case_path, mark;
    bool verify = false;
    std::vector<int64_t> evidence_ids;
};

Expected<std::vector<Algorithm>> parse_algorithm_list(const std::string& list) {
    std::vector<Algorithm> out;
    for (size_t start = 0; start <= list.size();) {
        size_t comma = std::min(list.find(',', start), list.size());
        auto algorithm = hashing::parse_algorithm(list.substr(start, comma - start));
        if (!algorithm) return std::unexpected(algorithm.error());
        if (std::find(out.begin(), out.end(), *algorithm) == out.end()) out.push_back(*algorithm);
        start = comma + 1;
    }
    return out;
}

// -a as given; else what the known sets can be compared by; else MD5 and SHA-256 (sum: SHA-256).
Expected<std::vector<Algorithm>> choose_algorithms(const HashArgs& args,
                                                   const std::vector<std::unique_ptr<hashing::KnownSet>>& sets) {
    if (!args.algorithms.empty()) {
        auto chosen = parse_algorithm_list(args.algorithms);
        if (!chosen) return chosen;
        for (const auto& set : sets)
            if (!hashing::shares_algorithm(*set, *chosen))
                return fail(ErrorKind::usage, set->path() + ": this known set holds none of the algorithms given with -a");
        return chosen;
    }
    std::vector<Algorithm> wanted;
    for (auto algorithm : {Algorithm::md5, Algorithm::sha1, Algorithm::sha256, Algorithm::sha512})
        for (const auto& set : sets)
            if (hashing::shares_algorithm(*set, {algorithm}) &&
                std::find(wanted.begin(), wanted.end(), algorithm) == wanted.end())
                wanted.push_back(algorithm);
    if (!wanted.empty()) return wanted;
    if (args.format == "sum") return std::vector{Algorithm::sha256};
    return std::vector{Algorithm::md5, Algorithm::sha256};
}

Expected<std::vector<std::unique_ptr<hashing::KnownSet>>> load_sets(const std::vector<std::string>& paths) {
    std::vector<std::unique_ptr<hashing::KnownSet>> sets;
    for (const auto& path : paths) {
        auto set = hashing::load_known_set(path);
        if (!set) return std::unexpected(set.error());
        for (const auto& warning : (*set)->warnings()) std::cerr << "izshi: warning: " << warning << '\n';
        sets.push_back(std::move(*set));
    }
    return sets;
}

std::vector<const hashing::KnownSet*> views(const std::vector<std::unique_ptr<hashing::KnownSet>>& sets) {
    std::vector<const hashing::KnownSet*> out;
    for (const auto& set : sets) out.push_back(set.get());
    return out;
}

// Everything a path mode needs: the files in order, and the run's algorithms.
struct PathRun {
    hashing::TargetList targets;
    std::vector<Algorithm> algorithms;
    bool had_errors = false;

    void report(const Error& error) {
        had_errors = true;
        std::fflush(stdout);
        std::cerr << "izshi: " << error.message << '\n';
    }
};

// Hashes the targets (as files, or with --media as disk images) and hands each result over in order.
// Files that cannot be read go to stderr and, if given, to 'on_error' (the JSON writer lists them).
void run_hashes(const HashArgs& args, const GlobalOptions& global, PathRun& run,
                const std::function<void(const hashing::FileHash&)>& each,
                const std::function<void(const Error&)>& on_error = {}) {
    ProgressLine progress(global.show_progress(), "hashing");
    auto deliver = [&](const hashing::FileHash& hashed) {
        if (!hashed.error) return each(hashed);
        run.report(*hashed.error);
        if (on_error) on_error(*hashed.error);
    };
    if (!args.media) {
        hashing::hash_targets(run.targets.files, {run.algorithms, global.threads, &progress.bytes}, deliver);
        return;
    }
    for (const auto& target : run.targets.files) {
        auto digest = evidence::hash_media(target.path, run.algorithms,
                                           {.spread_algorithms = global.threads != 1, .progress = &progress.bytes});
        hashing::FileHash hashed{&target};
        if (digest) hashed.size = digest->size, hashed.hex = digest->hex;
        else hashed.error = digest.error();
        deliver(hashed);
    }
}

int exit_code(const PathRun& run, bool attention) { return run.had_errors ? 3 : attention ? 1 : 0; }

int hash_paths(const HashArgs& args, const GlobalOptions& global, PathRun& run) {
    auto format = hashing::parse_output_format(global.json ? "json" : args.format);
    if (!format) return report_error(format.error());
    if (*format == hashing::OutputFormat::sum && run.algorithms.size() != 1)
        return report_error({ErrorKind::usage, "--format sum holds one digest per line: choose one algorithm with -a"});
    hashing::RunDescription description{run.algorithms, fs::current_path().string(), "", utc_now_iso()};
    for (size_t i = 0; i < global.arguments.size(); ++i) description.command_line += (i ? " " : "") + global.arguments[i];
    auto writer = hashing::make_hash_writer(*format, std::cout, description);
    writer->begin();
    for (const auto& problem : run.targets.problems) writer->problem(problem);
    run_hashes(
        args, global, run, [&](const hashing::FileHash& hashed) { writer->file(hashed); },
        [&](const Error& error) { writer->problem(error); });
    writer->end();
    return exit_code(run, false);
}

std::string printable_name(const std::string& name) {
    auto line = hashing::escape_line_name(name, "\n\r");
    return (line.escaped ? "\\" : "") + line.text;
}

// -m prints the files found in the sets, -x those that are not (hashdeep's matching modes).
int match_paths(const HashArgs& args, const GlobalOptions& global, PathRun& run,
                const std::vector<const hashing::KnownSet*>& sets) {
    std::string json = "[";
    size_t printed = 0;
    run_hashes(args, global, run, [&](const hashing::FileHash& hashed) {
        auto found = hashing::find_known(sets, hashing::computed_digests(run.algorithms, hashed.hex, hashed.size));
        bool known = found && found->candidate.full;
        if (known != args.match) return;
        if (!global.json) {
            std::cout << printable_name(hashed.target->name) << '\n';
            return;
        }
        json += fmt::format("{}\n{{\"path\":{},\"known\":{},\"set\":{},\"known_name\":{}}}", printed++ ? "," : "",
                            json_quote(hashed.target->name), known ? "true" : "false",
                            found ? json_quote(found->set->path()) : "null",
                            found ? json_quote(found->candidate.known_name) : "null");
    });
    if (global.json) std::cout << "{\"files\":" << json << "\n]}\n";
    return exit_code(run, false);
}

std::string counters_json(const hashing::AuditCounters& c) {
    return fmt::format("{{\"examined\":{},\"expected\":{},\"matched\":{},\"partial\":{},\"moved\":{},\"new\":{},"
                       "\"not_found\":{}}}",
                       c.examined, c.expected, c.matched, c.partial, c.moved, c.new_files, c.not_found);
}

void print_audit_text(const hashing::AuditCounters& c) {
    std::cout << (c.passed() ? "izshi: Audit passed\n" : "izshi: Audit failed\n")
              << fmt::format("   Input files examined: {}\n  Known files expecting: {}\n          Files matched: {}\n"
                             "Files partially matched: {}\n            Files moved: {}\n        New files found: {}\n"
                             "  Known files not found: {}\n",
                             c.examined, c.expected, c.matched, c.partial, c.moved, c.new_files, c.not_found);
}

// --audit: hashdeep -a with its counters; every file that is not an exact match is named.
int audit_paths(const HashArgs& args, const GlobalOptions& global, PathRun& run,
                const std::vector<const hashing::KnownSet*>& sets) {
    for (const auto* set : sets)
        if (!set->enumerable())
            return report_error({ErrorKind::usage, set->path() + ": an NSRL set cannot be audited against (its "
                                                                  "millions of entries would all be 'not found'); "
                                                                  "use -m, -x or --mark"});
    hashing::Audit audit(sets);
    std::string json = "[";
    size_t listed = 0;
    run_hashes(args, global, run, [&](const hashing::FileHash& hashed) {
        auto verdict = audit.observe(hashed.target->name,
                                     hashing::computed_digests(run.algorithms, hashed.hex, hashed.size));
        if (verdict.status == hashing::AuditStatus::matched) return;
        if (global.json) {
            json += fmt::format("{}\n{{\"path\":{},\"status\":\"{}\",\"known_name\":{}}}", listed++ ? "," : "",
                                json_quote(hashed.target->name), hashing::audit_status_name(verdict.status),
                                json_quote(verdict.known_name));
        } else if (verdict.status == hashing::AuditStatus::moved) {
            std::cout << printable_name(hashed.target->name) << ": Moved from " << printable_name(verdict.known_name) << '\n';
        } else {
            std::cout << printable_name(hashed.target->name)
                      << (verdict.status == hashing::AuditStatus::partial ? ": Partial match" : ": No match") << '\n';
        }
    });
    auto missing = audit.not_found();
    auto counters = audit.counters();
    if (global.json) {
        std::cout << fmt::format("{{\"passed\":{},\"counters\":{},\"files\":{}\n],\"not_found\":{}}}\n",
                                 counters.passed() ? "true" : "false", counters_json(counters), json,
                                 json_string_array(missing));
    } else {
        for (const auto& name : missing) std::cout << printable_name(name) << ": Known file not found\n";
        print_audit_text(counters);
    }
    return exit_code(run, !counters.passed());
}

int run_path_modes(const HashArgs& args, const GlobalOptions& global) {
    auto sets = load_sets(args.known);
    if (!sets) return report_error(sets.error());
    PathRun run;
    auto algorithms = choose_algorithms(args, *sets);
    if (!algorithms) return report_error(algorithms.error());
    run.algorithms = *algorithms;
    std::vector<fs::path> paths(args.paths.begin(), args.paths.end());
    run.targets = hashing::collect_targets(paths, {.recursive = args.recursive, .relative_names = args.relative});
    for (const auto& problem : run.targets.problems) run.report(problem);
    if (args.audit) return audit_paths(args, global, run, views(*sets));
    if (args.match || args.negative) return match_paths(args, global, run, views(*sets));
    return hash_paths(args, global, run);
}

int verify_case(const HashArgs& args, const GlobalOptions& global) {
    auto file = open_case(args.case_path, casefile::Access::write);
    if (!file) return report_error(file.error());
    ProgressLine progress(global.show_progress(), "verifying");
    auto results = integrity::verify_evidence(**file, global.actor(), {args.evidence_ids, &progress.bytes});
    if (!results) return report_error(results.error());
    bool attention = false, unreadable = false;
    std::string json = "[";
    for (const auto& v : *results) {
        attention |= v.result == "mismatch" || v.result == "unverified";
        unreadable |= v.result == "unreadable";
        json += fmt::format("{}{{\"evidence_id\":{},\"label\":{},\"result\":{},\"md5\":{},\"sha1\":{},\"sha256\":{},"
                            "\"problems\":{}}}",
                            json.size() > 1 ? "," : "", v.evidence_id, json_quote(v.label), json_quote(v.result),
                            json_quote(v.computed.md5), json_quote(v.computed.sha1), json_quote(v.computed.sha256),
                            json_string_array(v.problems));
        if (global.json) continue;
        std::cout << fmt::format("{:<10} #{} {}\n", v.result == "match" ? "OK" : to_upper_ascii(v.result), v.evidence_id,
                                 v.label);
        for (const auto& problem : v.problems) std::cout << "           " << problem << '\n';
    }
    if (global.json) std::cout << "{\"items\":" << json << "]}\n";
    if (unreadable) return 3;
    return attention ? 1 : 0;
}

int mark_case(const HashArgs& args, const GlobalOptions& global) {
    auto sets = load_sets(args.known);
    if (!sets) return report_error(sets.error());
    auto file = open_case(args.case_path, casefile::Access::write);
    if (!file) return report_error(file.error());
    auto outcomes = integrity::mark_known_files(**file, global.actor(), views(*sets), args.mark, args.evidence_ids);
    if (!outcomes) return report_error(outcomes.error());
    std::string json = "[";
    for (const auto& o : *outcomes) {
        json += fmt::format("{}{{\"evidence_id\":{},\"label\":{},\"files_checked\":{},\"marked\":{},\"kept_bad\":{},"
                            "\"partial\":{}}}",
                            json.size() > 1 ? "," : "", o.evidence_id, json_quote(o.label), o.files_checked, o.marked,
                            o.kept_bad, o.partial);
        if (!global.json)
            std::cout << fmt::format("#{} {}: {} of {} files marked {}{}{}\n", o.evidence_id, o.label, o.marked,
                                     o.files_checked, args.mark,
                                     o.kept_bad ? fmt::format(" ({} stay known-bad)", o.kept_bad) : "",
                                     o.partial ? fmt::format(" ({} partial matches not marked)", o.partial) : "");
    }
    if (global.json) std::cout << "{\"status\":" << json_quote(args.mark) << ",\"items\":" << json << "]}\n";
    return 0;
}

// Which mode the options ask for, or why they make no sense together.
Expected<int> check_options(const HashArgs& args) {
    int modes = args.match + args.negative + args.audit;
    if (modes > 1) return fail(ErrorKind::usage, "choose one of -m, -x and --audit");
    if (modes && args.known.empty()) return fail(ErrorKind::usage, "-m, -x and --audit need --known SET");
    if (args.case_path.empty()) {
        if (args.verify || !args.mark.empty()) return fail(ErrorKind::usage, "--verify and --mark work on a case: add --case FILE");
        if (args.paths.empty()) return fail(ErrorKind::usage, "nothing to hash: give files, folders or images (or --case with --verify)");
        return 0;
    }
    if (!args.paths.empty() || modes) return fail(ErrorKind::usage, "with --case, hash takes --verify or --known SET --mark STATUS, not paths");
    if (args.verify == !args.mark.empty()) return fail(ErrorKind::usage, "with --case, choose --verify or --known SET --mark STATUS");
    if (!args.mark.empty() && args.known.empty()) return fail(ErrorKind::usage, "--mark needs --known SET");
    return 0;
}

Runner setup(CLI::App& app, const GlobalOptions& global) {
    auto args = std::make_shared<HashArgs>();
    app.description(
        "Hash files, folders and disk images like hashdeep (all algorithms in one read, files in parallel, output "
        "in a stable order); match or audit them against known hash sets (hashdeep files, md5sum/sha*sum lists, "
        "NSRL RDSv3 SQLite); or, with --case, re-verify every evidence item against its ingest and acquisition "
        "hashes (--verify) and mark the case's files found in a known set (--mark).\n"
        "Exit codes: 0 done; 1 audit failed or evidence does not verify; 2 usage; 3 a file could not be read; "
        "4 case-file error.");
    app.add_option("paths", args->paths, "Files, folders (with -r) or, with --media, disk images");
    app.add_flag("-r,--recursive", args->recursive, "Hash the files inside folders, recursively");
    app.add_option("-a,--algorithms", args->algorithms,
                   "Comma-separated: md5, sha1, sha256, sha512, sha3-256, blake2b512 (default md5,sha256; with "
                   "--known, the algorithms the sets hold)");
    app.add_flag("-l,--relative", args->relative, "Print paths as given instead of absolute");
    app.add_option("--format", args->format, "hashdeep (readable by hashdeep -k), sum (sha256sum -c), json, dfxml")
        ->check(CLI::IsMember({"hashdeep", "sum", "json", "dfxml"}));
    app.add_flag("--media", args->media, "Treat each path as a disk image and hash its media stream (E01 decompressed, "
                                         "split raw joined), as `ewfverify` or `img_cat | md5sum` would");
    app.add_option("--known", args->known, "Known hash set: hashdeep file, md5sum/sha1sum/sha256sum/sha512sum list "
                                           "or NSRL RDSv3 SQLite (repeatable)");
    app.add_flag("-m,--match", args->match, "Print only the files found in the known sets");
    app.add_flag("-x,--negative-match", args->negative, "Print only the files not found in the known sets");
    app.add_flag("--audit", args->audit, "Audit against the known sets as hashdeep -a: matched, moved, new, "
                                         "known files not found; exit 1 if the audit fails");
    add_case_option(app, args->case_path);
    app.add_flag("--verify", args->verify, "With --case: re-hash every evidence item, compare with the hashes "
                                           "recorded at ingest and stored in E01s, record the result in custody");
    app.add_option("--mark", args->mark, "With --case and --known: mark matching files known-good or known-bad")
        ->check(CLI::IsMember({"known-good", "known-bad"}));
    app.add_option("--evidence", args->evidence_ids, "With --case: only these evidence item ids (repeatable)");
    return [args, &global] {
        auto mode = check_options(*args);
        if (!mode) return report_error(mode.error());
        if (args->verify) return verify_case(*args, global);
        if (!args->mark.empty()) return mark_case(*args, global);
        return run_path_modes(*args, global);
    };
}

}  // namespace

Command hash_command() { return {"hash", "Hash files and images, match known sets, verify a case's evidence", setup}; }

}  // namespace izshi::cli
