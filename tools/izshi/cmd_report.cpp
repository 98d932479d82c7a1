// izshi report: render the case in one format.
#include <fstream>
#include <iostream>

#include "command.h"
#include "report/report.h"

namespace izshi::cli {

namespace {

struct ReportArgs {
    std::string case_path, format = "json", output;
};

Runner setup(CLI::App& app, const GlobalOptions&) {
    auto args = std::make_shared<ReportArgs>();
    app.description("Render the case: 'json' is the documented, versioned contract for scripts "
                    "(docs/report-json.md); 'html' is a self-contained summary page.");
    add_case_option(app, args->case_path);
    app.add_option("--format", args->format, "json or html")->check(CLI::IsMember({"json", "html"}));
    app.add_option("-o,--output", args->output, "Write to this file instead of stdout");
    return [args] {
        auto file = open_case(args->case_path, casefile::Access::read);
        if (!file) return report_error(file.error());
        std::ofstream output_file;
        if (!args->output.empty()) {
            output_file.open(args->output, std::ios::binary | std::ios::trunc);
            if (!output_file) return report_error({ErrorKind::usage, args->output + ": cannot write"});
        }
        std::ostream& out = args->output.empty() ? std::cout : output_file;
        if (args->format == "html")
            report::write_html_summary(**file, out);
        else
            report::write_json_report(**file, out);
        out.flush();
        if (!out) return report_error({ErrorKind::input, "cannot write the report"});
        return 0;
    };
}

}  // namespace

Command report_command() { return {"report", "Render the case as JSON or HTML", setup}; }

}  // namespace izshi::cli
