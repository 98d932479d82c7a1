// izshi find-pii: options -> validation -> findpii::find_pii -> summary and exit code.
#include <fmt/format.h>

#include <iostream>

#include "command.h"
#include "progress.h"
#include "core/text.h"
#include "findpii/find_pii.h"
#include "report/report.h"

namespace izshi::cli {

namespace {

struct FindPiiArgs {
    std::string case_path;
    std::vector<int64_t> evidence_ids;
    std::string types;
    bool rescan = false;
};

Expected<std::vector<pii::PiiType>> parse_types(const std::string& list) {
    if (list.empty()) return pii::all_pii_types();
    std::vector<pii::PiiType> out;
    for (size_t start = 0; start <= list.size();) {
        size_t comma = std::min(list.find(',', start), list.size());
        auto name = list.substr(start, comma - start);
        auto all = pii::all_pii_types();
        auto it = std::find_if(all.begin(), all.end(), [&](auto type) { return pii::pii_type_name(type) == name; });
        if (it == all.end())
            return fail(ErrorKind::usage, "unknown personal-data type '" + name +
                                              "' (iin, bin, phone, iban, card, email, id_card, passport)");
        out.push_back(*it);
        start = comma + 1;
    }
    return out;
}

std::string summary_json(const std::vector<findpii::ItemScan>& items, const report::PiiTotals& totals) {
    std::string out = "{\"items\":[";
    for (size_t i = 0; i < items.size(); ++i) {
        const auto& s = items[i];
        out += fmt::format("{}{{\"evidence_id\":{},\"label\":{},\"status\":{},\"error\":{},\"files\":{},"
                           "\"regions\":{},\"findings\":{},\"records\":{}}}",
                           i ? "," : "", s.evidence_id, json_quote(s.label), json_quote(s.status),
                           s.error.empty() ? "null" : json_quote(s.error), s.files, s.regions, s.findings, s.records);
    }
    out += fmt::format("],\"distinct_iins\":{},\"counts\":{{", totals.distinct_iins);
    for (size_t i = 0; i < totals.counts.size(); ++i)
        out += fmt::format("{}{}:{}", i ? "," : "", json_quote(totals.counts[i].first), totals.counts[i].second);
    return out + "}}";
}

void print_summary_text(const std::vector<findpii::ItemScan>& items, const report::PiiTotals& totals) {
    for (const auto& s : items) {
        if (s.status == "failed") std::cout << fmt::format("FAILED   #{} {}: {}\n", s.evidence_id, s.label, s.error);
        else if (s.status == "skipped") std::cout << fmt::format("skipped  #{} {} (scanned before; --rescan to redo)\n", s.evidence_id, s.label);
        else std::cout << fmt::format("scanned  #{} {}: {} files, {} regions, {} findings, {} call records\n",
                                      s.evidence_id, s.label, s.files, s.regions, s.findings, s.records);
    }
    std::cout << fmt::format("case: {} distinct IINs;", totals.distinct_iins);
    for (const auto& [type, count] : totals.counts) std::cout << fmt::format(" {} {}", type, count);
    std::cout << '\n';
}

}  // namespace

int print_pii_scans(casefile::CaseFile& file, const GlobalOptions& global, const std::vector<findpii::ItemScan>& items,
                    std::string* json_out) {
    for (const auto& item : items)
        if (!item.error.empty()) std::cerr << "izshi: " << item.error << '\n';
    auto totals = report::read_pii_totals(file.db());
    if (json_out) *json_out = summary_json(items, totals);
    else if (global.json) std::cout << summary_json(items, totals) << '\n';
    else print_summary_text(items, totals);
    bool failed = std::any_of(items.begin(), items.end(), [](const auto& item) { return item.status == "failed"; });
    return failed ? 3 : 0;
}

findpii::FindPiiOptions cli_pii_options(const GlobalOptions& global) {
    findpii::FindPiiOptions options;
    options.threads = global.threads;
    options.on_warning = [](const std::string& path, const std::string& message) {
        std::cerr << "izshi: warning: " << path << ": " << message << '\n';
    };
    return options;
}

namespace {

Runner setup(CLI::App& app, const GlobalOptions& global) {
    auto args = std::make_shared<FindPiiArgs>();
    app.description(
        "Scan the evidence of a case for personal data of Kazakh citizens: IIN and BIN (check digit), phone numbers "
        "(libphonenumber, any country; without a country code read as Kazakh), KZ IBANs, payment cards (Luhn), ID-card and passport numbers next to a "
        "context word, e-mail addresses; in every file, archive member, unallocated space, slack and raw region; in "
        "UTF-8, CP1251 and UTF-16. Findings are stored in the case and sealed in the custody log; finished items are "
        "skipped on a rerun. Values are stored in full in the case; reports mask them.\n"
        "Exit codes: 0 done; 2 usage; 3 an item could not be read; 4 case-file error.");
    add_case_option(app, args->case_path);
    app.add_option("--evidence", args->evidence_ids, "Only these evidence item ids (repeatable; default all)");
    app.add_option("--types", args->types, "Comma-separated types to look for (default all): iin, bin, phone, iban, "
                                           "card, email, id_card, passport");
    app.add_flag("--rescan", args->rescan, "Scan items again that were scanned before, replacing their findings");
    return [args, &global] {
        auto types = parse_types(args->types);
        if (!types) return report_error(types.error());
        auto file = open_case(args->case_path, casefile::Access::write);
        if (!file) return report_error(file.error());
        auto options = cli_pii_options(global);
        options.evidence_ids = args->evidence_ids;
        options.types = *types;
        options.rescan = args->rescan;
        std::vector<findpii::ItemScan> items;
        {
            ProgressLine progress(global.show_progress(), "scanning");
            options.progress = &progress.bytes;
            auto scanned = findpii::find_pii(**file, global.actor(), options);
            if (!scanned) return report_error(scanned.error());
            items = std::move(*scanned);
        }
        return print_pii_scans(**file, global, items, nullptr);
    };
}

}  // namespace

Command find_pii_command() { return {"find-pii", "Find personal data (IIN, phones, IBAN, cards, ...) in a case's evidence", setup}; }

}  // namespace izshi::cli
