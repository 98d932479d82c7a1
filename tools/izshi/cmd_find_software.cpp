// izshi find-software: options -> validation -> software::find_software -> summary and exit code.
#include <fmt/format.h>

#include <iostream>

#include "command.h"
#include "core/text.h"
#include "software/find_software.h"

namespace izshi::cli {

namespace {

struct FindSoftwareArgs {
    std::string case_path;
    std::vector<int64_t> evidence_ids;
    std::vector<std::string> rule_dirs;
    bool rescan = false;
    bool list_rules = false;
};

std::string summary_json(const software::SoftwareRun& run) {
    std::string problems, items;
    for (const auto& p : run.rule_problems)
        problems += fmt::format("{}{{\"file\":{},\"line\":{},\"message\":{}}}", problems.empty() ? "" : ",",
                                json_quote(p.file), p.line, json_quote(p.message));
    for (const auto& item : run.items) {
        std::string tools;
        for (const auto& t : item.tools)
            tools += fmt::format("{}{{\"tool\":{},\"category\":{},\"strength\":{},\"indicators\":{}}}", tools.empty() ? "" : ",",
                                 json_quote(t.tool), json_quote(t.category), json_quote(t.strength), t.indicators);
        items += fmt::format("{}{{\"evidence_id\":{},\"label\":{},\"status\":{},\"error\":{},\"files\":{},\"read\":{},"
                             "\"artifacts\":{},\"tools\":[{}]}}",
                             items.empty() ? "" : ",", item.evidence_id, json_quote(item.label), json_quote(item.status),
                             item.error.empty() ? "null" : json_quote(item.error), item.files, item.read, item.artifacts, tools);
    }
    return fmt::format("{{\"rules\":{},\"rules_sha256\":{},\"rule_problems\":[{}],\"items\":[{}]}}", run.rules,
                       json_quote(run.rules_sha256), problems, items);
}

void print_summary_text(const software::SoftwareRun& run) {
    for (const auto& item : run.items) {
        if (item.status == "failed") {
            std::cout << fmt::format("FAILED   #{} {}: {}\n", item.evidence_id, item.label, item.error);
            continue;
        }
        if (item.status == "skipped") {
            std::cout << fmt::format("skipped  #{} {} (scanned before with these rules; --rescan to redo)\n",
                                     item.evidence_id, item.label);
            continue;
        }
        std::cout << fmt::format("scanned  #{} {}: {} files by path, {} read, {} registry keys and packages: {}\n",
                                 item.evidence_id, item.label, item.files, item.read, item.artifacts,
                                 item.tools.empty() ? "no tool found" : fmt::format("{} tool(s)", item.tools.size()));
        for (const auto& t : item.tools)
            std::cout << fmt::format("         {} ({}): {}, {} indicator(s)\n", t.tool, t.category, t.strength, t.indicators);
    }
    std::cout << fmt::format("{} rules (sha256 {}); details: izshi report\n", run.rules, run.rules_sha256.substr(0, 12));
}

// "izshi: FILE:LINE: MESSAGE (rule file left out)", without ":LINE" when the problem has none.
void print_rule_problems(const std::vector<software::RuleProblem>& problems) {
    for (const auto& p : problems)
        std::cerr << fmt::format("izshi: {}{}: {} (rule file left out)\n", p.file,
                                 p.line > 0 ? ":" + std::to_string(p.line) : "", p.message);
}

int list_rules(const FindSoftwareArgs& args, const GlobalOptions& global) {
    std::vector<software::RuleProblem> problems;
    std::vector<std::filesystem::path> dirs(args.rule_dirs.begin(), args.rule_dirs.end());
    auto rules = software::RuleSet::load(dirs, problems);
    if (!rules) return report_error(rules.error());
    print_rule_problems(problems);
    std::string json;
    for (const auto& r : (*rules)->rules()) {
        if (global.json)
            json += fmt::format("{}{{\"rule\":{},\"source\":{},\"tool\":{},\"category\":{},\"strength\":{},"
                                "\"indicator\":{},\"reference\":{}}}",
                                json.empty() ? "" : ",", json_quote(r.name), json_quote(r.source), json_quote(r.tool),
                                json_quote(r.category), json_quote(r.strength), json_quote(r.indicator), json_quote(r.reference));
        else
            std::cout << fmt::format("{:<32} {:<28} {:<22} {:<10} {}\n", r.name, r.tool, r.category, r.strength, r.source);
    }
    if (global.json) std::cout << "[" << json << "]\n";
    return problems.empty() ? 0 : 3;
}

Runner setup(CLI::App& app, const GlobalOptions& global) {
    auto args = std::make_shared<FindSoftwareArgs>();
    app.description(
        "Find voice-altering, deepfake (face swap, voice cloning), virtual camera/audio and softphone software in a "
        "case's evidence, from YARA rules (the shipped set plus --rules DIR): file paths and names of every file (no "
        "read), and the content of programs (PE version info), models, settings, Windows registry hives (Uninstall "
        "entries, services, audio filters) and Android package lists. One finding per tool per item, with how strongly "
        "it shows: installer, installed, configured, used; stored and sealed in the custody log. Rules: docs/software.md.\n"
        "Exit codes: 0 done; 2 usage; 3 a rule file did not compile or an item could not be read (the rest ran); 4 "
        "case-file error.");
    add_case_option(app, args->case_path);
    app.add_option("--evidence", args->evidence_ids, "Only these evidence item ids (repeatable; default all)");
    app.add_option("--rules", args->rule_dirs, "A folder of your own YARA rules (*.yar, *.yara), used besides the "
                                               "shipped ones (repeatable)");
    app.add_flag("--rescan", args->rescan, "Scan again items already scanned with the same rules");
    app.add_flag("--list-rules", args->list_rules, "List the rules (shipped and --rules) and stop; no case needed");
    return [args, &global] {
        if (args->list_rules) return list_rules(*args, global);
        auto file = open_case(args->case_path, casefile::Access::write);
        if (!file) return report_error(file.error());
        software::FindSoftwareOptions options;
        options.evidence_ids = args->evidence_ids;
        options.rule_dirs.assign(args->rule_dirs.begin(), args->rule_dirs.end());
        options.rescan = args->rescan;
        options.on_warning = [](const std::string& path, const std::string& message) {
            std::cerr << "izshi: warning: " << path << ": " << message << '\n';
        };
        auto run = software::find_software(**file, global.actor(), options);
        if (!run) return report_error(run.error());
        print_rule_problems(run->rule_problems);
        for (const auto& item : run->items)
            if (!item.error.empty()) std::cerr << "izshi: " << item.error << '\n';
        if (global.json) std::cout << summary_json(*run) << '\n';
        else print_summary_text(*run);
        bool failed = std::any_of(run->items.begin(), run->items.end(), [](const auto& i) { return i.status == "failed"; });
        return failed || !run->rule_problems.empty() ? 3 : 0;
    };
}

}  // namespace

Command find_software_command() {
    return {"find-software", "Find voice changers, deepfake and softphone software from YARA rules, registry and packages",
            setup};
}

}  // namespace izshi::cli
