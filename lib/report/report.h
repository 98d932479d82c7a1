#pragma once
// Renderers read the case and write one output format; docs/report-json.md is the JSON contract.
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "casefile/case_file.h"
#include "core/error.h"

namespace izshi::report {

inline constexpr int json_schema_version = 4;

// The case's headline personal-data figures (SPEC §5): distinct IINs over all evidence, and the
// number of findings by type (alphabetical; types without findings left out).
struct PiiTotals {
    int64_t distinct_iins = 0;
    std::vector<std::pair<std::string, int64_t>> counts;
};
PiiTotals read_pii_totals(SQLite::Database& db);

struct ReportOptions {
    bool reveal = false;  // personal data in full instead of masked (the CLI records who asked)
};

void write_json_report(casefile::CaseFile& file, std::ostream& out, const ReportOptions& options = {});
// The figures at the head of the HTML and Markdown reports: evidence items, files, citizens whose
// data was found, databases, impersonation tools, watchlist matches, deleted files, problems. A
// capability that never ran on the case has no value.
struct HeadlineFigure {
    std::string id;   // "fig-citizens" (the HTML element's id)
    std::string key;  // its label (report/labels.h)
    std::optional<int64_t> value;
};
// 'databases': how many personal-data databases the case holds (the caller has listed them).
std::vector<HeadlineFigure> headline_figures(SQLite::Database& db, int64_t databases);

struct HtmlOptions {
    std::string language = "ru";  // ru, en, kk (report/labels.h)
    bool reveal = false;           // phone numbers in full (the CLI records who asked)
    int64_t top = 200;             // rows per table; every table says how many there are in all
};
// The self-contained HTML report (SPEC §9).
void write_html_report(casefile::CaseFile& file, std::ostream& out, const HtmlOptions& options);

// `--format csv`: one CSV file per table into 'folder' (evidence, files, findings, custody, ...);
// personal data masked unless revealed. Returns the number of rows written.
Expected<size_t> write_csv_tables(casefile::CaseFile& file, const std::filesystem::path& folder, const ReportOptions& options);

// `--format dfxml`: the file inventory with hashes, DFXML 1.2 as fiwalk writes it.
void write_dfxml_report(casefile::CaseFile& file, std::ostream& out);

// `--format md`: a Markdown summary (figures, evidence, software, databases, links, custody) for
// case notes and tickets; the same language and masking as the HTML report.
void write_markdown_report(casefile::CaseFile& file, std::ostream& out, const HtmlOptions& options);

// `--format case`: CASE/UCO 1.4 JSON-LD: the investigation, an InvestigativeAction per custody event,
// a ProvenanceRecord per exhibit, a File per file row with its hashes.
void write_case_report(casefile::CaseFile& file, std::ostream& out);

// bulk_extractor-style feature files, FOLDER/<type>.txt: "offset<TAB>feature<TAB>context" per
// finding, values masked unless revealed (then with their context). Returns the number of lines.
Expected<size_t> write_feature_files(casefile::CaseFile& file, const std::filesystem::path& folder,
                                     const ReportOptions& options);

}  // namespace izshi::report
