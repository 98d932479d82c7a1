// izshi custody log|add|verify: the custody log of a case.
#include <fmt/format.h>

#include <iostream>

#include "command.h"
#include "core/text.h"
#include "custody/custody_log.h"

namespace izshi::cli {

namespace {

struct CustodyArgs {
    std::string case_path;
    std::string type = "note", text, to, location;
};

int log(const CustodyArgs& args, const GlobalOptions& global) {
    auto file = open_case(args.case_path, casefile::Access::read);
    if (!file) return report_error(file.error());
    auto events = custody::read_events((*file)->db());
    if (global.json) {
        std::cout << "[";
        for (size_t i = 0; i < events.size(); ++i) {
            const auto& e = events[i];
            std::cout << (i ? ",\n" : "\n")
                      << fmt::format("{{\"seq\":{},\"time\":{},\"time_zone\":{},\"examiner\":{},\"host\":{},"
                                     "\"action\":{},\"authorization\":{},\"details\":{},\"hash\":{}}}",
                                     e.seq, json_quote(e.time_utc), json_quote(e.time_zone), json_quote(e.examiner),
                                     json_quote(e.host), json_quote(e.action), json_quote(e.authorization), e.details,
                                     json_quote(e.hash));
        }
        std::cout << "\n]\n";
        return 0;
    }
    for (const auto& e : events)
        std::cout << fmt::format("#{:<4} {} {:<18} {:<20} by {} on {}{}\n      {}\n", e.seq, e.time_utc, e.action,
                                 e.covers, e.examiner, e.host,
                                 e.authorization.empty() ? "" : " [" + e.authorization + "]", e.details);
    return 0;
}

int add(const CustodyArgs& args, const GlobalOptions& global) {
    auto file = open_case(args.case_path, casefile::Access::write);
    if (!file) return report_error(file.error());
    custody::EventDraft draft;
    draft.action = "custody." + args.type;
    draft.details = fmt::format("{{\"text\":{},\"to\":{},\"location\":{}}}", json_quote(args.text),
                                json_quote(args.to), json_quote(args.location));
    auto event = custody::append_event(**file, global.actor(), draft);
    if (global.json)
        std::cout << fmt::format("{{\"seq\":{},\"hash\":{}}}\n", event.seq, json_quote(event.hash));
    else
        std::cout << fmt::format("recorded custody event #{} ({})\n", event.seq, event.action);
    return 0;
}

int verify(const CustodyArgs& args, const GlobalOptions& global) {
    auto file = open_case(args.case_path, casefile::Access::read);
    if (!file) return report_error(file.error());
    auto result = custody::verify((*file)->db());
    if (global.json) {
        std::cout << fmt::format("{{\"intact\":{},\"events\":{},\"problems\":{},\"warnings\":{}}}\n",
                                 result.intact() ? "true" : "false", result.events, json_string_array(result.problems),
                                 json_string_array(result.warnings));
    } else {
        for (const auto& problem : result.problems) std::cout << "BROKEN: " << problem << '\n';
        for (const auto& warning : result.warnings) std::cout << "warning: " << warning << '\n';
        std::cout << (result.intact() ? fmt::format("custody log intact: {} events, every seal matches\n", result.events)
                                      : fmt::format("custody log NOT intact: {} problem(s)\n", result.problems.size()));
    }
    return result.intact() ? 0 : 1;
}

Runner setup(CLI::App& app, const GlobalOptions& global) {
    auto args = std::make_shared<CustodyArgs>();
    app.description("The custody log: every change to the case, hash-chained so that any edit, deletion or "
                    "reordering of events, or of the evidence and file rows they seal, is detected.\n"
                    "Exit codes: 0 done (verify: intact); 1 verify found the case altered; 2 usage; 4 case-file error.");
    app.require_subcommand(1);
    add_case_option(app, args->case_path);
    app.add_subcommand("log", "Print the custody log");
    auto* add_cmd = app.add_subcommand("add", "Record a transfer, storage or note event");
    add_cmd->add_option("--type", args->type, "transfer, storage or note")
        ->check(CLI::IsMember({"transfer", "storage", "note"}));
    add_cmd->add_option("--text", args->text, "What happened, in words")->required();
    add_cmd->add_option("--to", args->to, "Receiving person or unit (for a transfer)");
    add_cmd->add_option("--location", args->location, "Where the evidence is now (for storage)");
    app.add_subcommand("verify", "Check the hash chain and every seal; exit 1 naming what broke");
    return [args, &app, &global] {
        if (app.got_subcommand("log")) return log(*args, global);
        if (app.got_subcommand("add")) return add(*args, global);
        return verify(*args, global);
    };
}

}  // namespace

Command custody_command() { return {"custody", "Show, extend or verify the custody log", setup}; }

}  // namespace izshi::cli
