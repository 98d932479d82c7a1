// izshi report: render the case in one format.
#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "command.h"
#include "core/text.h"
#include "report/report.h"

namespace izshi::cli {

namespace {

struct ReportArgs {
    std::string case_path, format = "json", output, language = "ru";
    int64_t top = 200;
    bool reveal = false;
};

// Revealing personal data is itself a custody event: who saw the full values, when, and why.
int record_reveal(const ReportArgs& args, const GlobalOptions& global) {
    auto file = open_case(args.case_path, casefile::Access::write);
    if (!file) return report_error(file.error());
    custody::EventDraft draft;
    draft.action = "report.reveal";
    draft.details = fmt::format("{{\"format\":{},\"output\":{}}}", json_quote(args.format), json_quote(args.output));
    custody::append_event(**file, global.actor(), draft);
    return 0;
}

Runner setup(CLI::App& app, const GlobalOptions& global) {
    auto args = std::make_shared<ReportArgs>();
    app.description("Render the case: 'json' is the documented, versioned contract for scripts "
                    "(docs/report-json.md); 'html' is the report a prosecutor reads: one self-contained page (no script, "
                    "no network), printable, with charts, in Russian, English or Kazakh; 'md' a Markdown summary; 'csv' a "
                    "file per table; 'dfxml' the file inventory with hashes as fiwalk writes it; 'case' CASE/UCO 1.4 JSON-LD; "
                    "'features' bulk_extractor feature files of the personal data found (docs/reports.md). Personal data is "
                    "masked unless --reveal is given.\n"
                    "Exit codes: 0 written; 2 usage; 3 writing failed; 4 case-file error.");
    add_case_option(app, args->case_path);
    app.add_option("--format", args->format,
                   "json (default), html, md (a Markdown summary), csv (one file per table into the folder given with -o), dfxml (file "
                   "inventory with hashes, as fiwalk writes it), case (CASE/UCO 1.4 JSON-LD), or features "
                   "(bulk_extractor feature files, one per personal-data type, into the folder given with -o)")
        ->check(CLI::IsMember({"json", "html", "md", "csv", "dfxml", "case", "features"}));
    app.add_option("-o,--output", args->output, "Write to this file instead of stdout; for csv and features, the folder to "
                                                "write into (required)");
    app.add_option("--lang", args->language, "Language of the HTML and Markdown reports: ru (default), en, kk (Kazakh; labels not "
                                             "translated yet are in Russian)")
        ->check(CLI::IsMember({"ru", "en", "kk"}));
    app.add_option("--top", args->top, "Rows shown per table of the HTML and Markdown reports (default 200); the HTML "
                                       "tables give their totals, and the JSON and CSV reports have every row")
        ->check(CLI::PositiveNumber);
    app.add_flag("--reveal", args->reveal, "Show personal data in full instead of masked (8710******27); recorded in "
                                           "the custody log with the examiner and --authorization");
    return [args, &global] {
        bool folder = args->format == "features" || args->format == "csv";
        if (args->reveal && (args->format == "md" || args->format == "dfxml" || args->format == "case"))
            return report_error({ErrorKind::usage, "--format " + args->format + " holds no personal data: --reveal applies to "
                                                                              "json, html, csv and features"});
        if (folder && args->output.empty())
            return report_error({ErrorKind::usage, "--format " + args->format + " writes a folder: give it with -o DIR"});
        if (args->reveal)
            if (int code = record_reveal(*args, global); code != 0) return code;
        auto file = open_case(args->case_path, casefile::Access::read);
        if (!file) return report_error(file.error());
        if (folder) {
            auto written = args->format == "csv" ? report::write_csv_tables(**file, args->output, {.reveal = args->reveal})
                                                 : report::write_feature_files(**file, args->output, {.reveal = args->reveal});
            return written ? 0 : report_error(written.error());
        }
        std::ofstream output_file;
        if (!args->output.empty()) {
            output_file.open(args->output, std::ios::binary | std::ios::trunc);
            if (!output_file) return report_error({ErrorKind::usage, args->output + ": cannot write"});
        }
        std::ostream& out = args->output.empty() ? std::cout : output_file;
        if (args->format == "html")
            report::write_html_report(**file, out, {.language = args->language, .reveal = args->reveal, .top = args->top});
        else if (args->format == "md")
            report::write_markdown_report(**file, out, {.language = args->language, .reveal = args->reveal, .top = args->top});
        else if (args->format == "dfxml")
            report::write_dfxml_report(**file, out);
        else if (args->format == "case")
            report::write_case_report(**file, out);
        else
            report::write_json_report(**file, out, {.reveal = args->reveal});
        out.flush();
        if (!out) return report_error({ErrorKind::input, "cannot write the report"});
        return 0;
    };
}

}  // namespace

Command report_command() {
    return {"report", "Render the case: JSON, HTML, Markdown, CSV, DFXML, CASE/UCO JSON-LD, feature files", setup};
}

}  // namespace izshi::cli
