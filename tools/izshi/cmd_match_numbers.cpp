// izshi match-numbers: options -> validation -> numbers::match_numbers (or export_hashed_watchlist)
// -> summary and exit code.
#include <fmt/format.h>

#include <fstream>
#include <iostream>

#include "command.h"
#include "core/text.h"
#include "numbers/match.h"
#include "pii/phone.h"

namespace izshi::cli {

namespace {

struct MatchArgs {
    std::string case_path;
    std::vector<std::string> watchlists;
    std::string region = "KZ";
    std::string utc_offset = "+00:00";
    int64_t window = 900;
    std::string key;
    bool export_hashed = false;
    std::string output;
    bool fail_on_match = false;
};

// "+05:00", "-03:30", "+5" -> minutes east of UTC.
Expected<int> parse_offset(const std::string& text) {
    int hours = 0, minutes = 0;
    char sign = 0;
    if (std::sscanf(text.c_str(), "%c%d:%d", &sign, &hours, &minutes) < 2 || (sign != '+' && sign != '-') ||
        hours > 14 || minutes > 59)
        return fail(ErrorKind::usage, "--utc-offset wants +HH:MM or -HH:MM, not '" + text + "'");
    return (sign == '-' ? -1 : 1) * (hours * 60 + minutes);
}

Expected<numbers::MatchOptions> options_of(const MatchArgs& args, const GlobalOptions& global) {
    numbers::MatchOptions options;
    auto offset = parse_offset(args.utc_offset);
    if (!offset) return std::unexpected(offset.error());
    auto region = to_upper_ascii(args.region);
    if (!pii::is_phone_region(region))
        return fail(ErrorKind::usage, "--region wants a country code libphonenumber knows (KZ, RU, UA, ...), not '" +
                                          args.region + "'");
    options.reading = {region, *offset, global.threads};
    options.window_seconds = args.window;
    if (!args.key.empty()) options.key = args.key;
    for (const auto& argument : args.watchlists) {
        auto [path, label] = numbers::split_watchlist_argument(argument);
        options.watchlists.push_back({path, label});
    }
    return options;
}

void warn_problems(const std::string& path, const std::vector<numbers::RowProblem>& problems) {
    for (const auto& p : problems) std::cerr << fmt::format("izshi: warning: {} line {}: {}\n", path, p.line, p.message);
}

// --export-hashed: no case involved; the lists are read, hashed with the key and written.
int export_hashed(const MatchArgs& args, const numbers::MatchOptions& options) {
    auto key = numbers::NumberKey::load(*options.key);
    if (!key) return report_error(key.error());
    std::vector<numbers::Watchlist> lists;
    for (const auto& source : options.watchlists) {
        auto list = numbers::load_watchlist(source.path, source.label, options.reading);
        if (!list) return report_error(list.error());
        if (list->hashed) return report_error({ErrorKind::usage, source.path.string() + ": is hashed already"});
        warn_problems(list->path, list->problems);
        lists.push_back(std::move(*list));
    }
    std::ofstream file;
    if (!args.output.empty()) {
        file.open(args.output, std::ios::binary | std::ios::trunc);
        if (!file) return report_error({ErrorKind::usage, args.output + ": cannot write"});
    }
    std::ostream& out = args.output.empty() ? std::cout : file;
    numbers::export_hashed_watchlist(lists, *key, out);
    out.flush();
    return out ? 0 : report_error({ErrorKind::input, "cannot write the hashed watchlist"});
}

std::string summary_json(const numbers::MatchRun& run) {
    std::string lists, items;
    for (const auto& w : run.watchlists) {
        lists += fmt::format("{}{{\"label\":{},\"path\":{},\"error\":{},\"entries\":{},\"matched\":{},\"problems\":{}}}",
                             lists.empty() ? "" : ",", json_quote(w.label), json_quote(w.path),
                             w.error.empty() ? "null" : json_quote(w.error), w.entries, w.matched,
                             numbers::problems_json(w.problems));
    }
    for (const auto& e : run.per_evidence)
        items += fmt::format("{}{{\"evidence_id\":{},\"label\":{},\"matches\":{},\"numbers\":{}}}", items.empty() ? "" : ",",
                             e.evidence_id, json_quote(e.label), e.matches, e.numbers);
    return fmt::format("{{\"run_id\":{},\"mode\":{},\"evidence_numbers\":{},\"matches\":{},\"near\":{},\"links\":{},"
                       "\"watchlists\":[{}],\"per_evidence\":[{}],\"unscanned\":{}}}",
                       run.run_id, json_quote(run.mode), run.evidence_numbers, run.matches, run.near, run.links, lists,
                       items, json_string_array(run.unscanned));
}

void print_summary_text(const numbers::MatchRun& run) {
    for (const auto& w : run.watchlists) {
        if (!w.error.empty()) std::cout << fmt::format("FAILED   {}: {}\n", w.label, w.error);
        else std::cout << fmt::format("list     {}: {} entries, {} found in the evidence, {} numbers not read (see warnings)\n", w.label,
                                      w.entries, w.matched,
                                      std::count_if(w.problems.begin(), w.problems.end(), [](auto& p) { return p.dropped; }));
    }
    for (const auto& e : run.per_evidence)
        std::cout << fmt::format("evidence #{} {}: {} matches of {} watchlist numbers\n", e.evidence_id, e.label,
                                 e.matches, e.numbers);
    std::cout << fmt::format("run {} ({}): {} distinct numbers in the evidence, {} matches ({} with times within the "
                             "window), {} pair(s) of items sharing numbers; details: izshi report\n",
                             run.run_id, run.mode, run.evidence_numbers, run.matches, run.near, run.links);
}

int finish(const numbers::MatchRun& run, const MatchArgs& args, const GlobalOptions& global) {
    for (const auto& w : run.watchlists) {
        if (!w.error.empty()) std::cerr << "izshi: " << w.error << '\n';
        warn_problems(w.path, w.problems);
    }
    for (const auto& item : run.unscanned)
        std::cerr << "izshi: warning: " << item << ": phone numbers not read by find-pii (run izshi find-pii, with --rescan if the item was scanned "
                     "before)\n";
    if (global.json) std::cout << summary_json(run) << '\n';
    else print_summary_text(run);
    if (args.fail_on_match && run.matches > 0) return 1;
    bool list_failed = std::any_of(run.watchlists.begin(), run.watchlists.end(), [](auto& w) { return !w.error.empty(); });
    return list_failed ? 3 : 0;
}

Runner setup(CLI::App& app, const GlobalOptions& global) {
    auto args = std::make_shared<MatchArgs>();
    app.description(
        "Match the phone numbers found in a case's evidence (find-pii's phone findings and the call logs, contacts, "
        "SMS, softphone histories, vCards and CRM call lists it read) against watchlists: intercepted calls, victims' "
        "complaints, a partner's hashed list. Shows which list entries appear on which item, where and when (times side "
        "by side, 'near' within --window), and which items share numbers. The run is stored in the case and sealed in "
        "the custody log; `izshi report` shows every match (numbers masked unless --reveal). Run find-pii (or "
        "ingest --find-pii) first: it reads the numbers.\n"
        "Watchlists: CSV/TSV with a header (number columns such as number, phone, caller, callee, номер, телефон; "
        "optional label, time, direction, case columns), one number per line, or a hashed list made by "
        "--export-hashed; any written form, normalised to E.164 (docs/numbers.md).\n"
        "Exit codes: 0 done; 1 something matched and --fail-on-match was given; 2 usage; 3 a watchlist or the key "
        "could not be used (the other lists were, if any could); 4 case-file error.");
    add_case_option(app, args->case_path);
    app.add_option("--watchlist", args->watchlists, "A watchlist FILE or FILE:LABEL (repeatable)")->required();
    app.add_option("--region", args->region, "Country for watchlist numbers written without a country code (default "
                                             "KZ; find-pii reads the evidence's as Kazakh unless a record names its country)");
    app.add_option("--utc-offset", args->utc_offset,
                   "Zone of watchlist times written without one, e.g. +05:00 for Kazakhstan (default +00:00, UTC)");
    app.add_option("--window", args->window, "Seconds within which a list time and an evidence time count as near "
                                             "(default 900)")
        ->check(CLI::NonNegativeNumber);
    app.add_option("--key", args->key, "Compare HMAC-SHA256 digests made with this shared secret key file instead of "
                                       "numbers (needed for a hashed watchlist)");
    app.add_flag("--export-hashed", args->export_hashed,
                 "Write the watchlists hashed with --key (to -o or stdout) for a partner team, and stop; no case needed");
    app.add_option("-o,--output", args->output, "With --export-hashed: the file to write");
    app.add_flag("--fail-on-match", args->fail_on_match, "Exit 1 when anything matched (for batch scripts)");
    return [args, &global] {
        auto options = options_of(*args, global);
        if (!options) return report_error(options.error());
        if (args->export_hashed) {
            if (!options->key) return report_error({ErrorKind::usage, "--export-hashed needs --key FILE"});
            return export_hashed(*args, *options);
        }
        if (!args->output.empty())
            return report_error({ErrorKind::usage, "-o applies to --export-hashed; the matches go into the case"});
        auto file = open_case(args->case_path, casefile::Access::write);
        if (!file) return report_error(file.error());
        auto run = numbers::match_numbers(**file, global.actor(), *options);
        if (!run) return report_error(run.error());
        return finish(*run, *args, global);
    };
}

}  // namespace

Command match_numbers_command() {
    return {"match-numbers", "Match phone numbers in the evidence against watchlists; link items sharing numbers", setup};
}

}  // namespace izshi::cli
