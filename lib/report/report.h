#pragma once
// Renderers read the case and write one output format; docs/report-json.md is the JSON contract.
#include <ostream>

#include "casefile/case_file.h"

namespace izshi::report {

inline constexpr int json_schema_version = 2;

struct ReportOptions {
    bool reveal = false;  // personal data in full instead of masked (the CLI records who asked)
};

void write_json_report(casefile::CaseFile& file, std::ostream& out, const ReportOptions& options = {});
void write_html_summary(casefile::CaseFile& file, std::ostream& out);

}  // namespace izshi::report
