#pragma once
// Renderers read the case and write one output format; docs/report-json.md is the JSON contract.
#include <filesystem>
#include <ostream>

#include "casefile/case_file.h"
#include "core/error.h"

namespace izshi::report {

inline constexpr int json_schema_version = 2;

struct ReportOptions {
    bool reveal = false;  // personal data in full instead of masked (the CLI records who asked)
};

void write_json_report(casefile::CaseFile& file, std::ostream& out, const ReportOptions& options = {});
void write_html_summary(casefile::CaseFile& file, std::ostream& out);

// bulk_extractor-style feature files, FOLDER/<type>.txt: "offset<TAB>feature<TAB>context" per
// finding, values masked unless revealed (then with their context). Returns the number of lines.
Expected<size_t> write_feature_files(casefile::CaseFile& file, const std::filesystem::path& folder,
                                     const ReportOptions& options);

}  // namespace izshi::report
