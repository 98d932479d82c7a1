// `report --format md`: the case's summary in Markdown, for case notes, tickets and e-mail.
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include "custody/custody_log.h"
#include "report/labels.h"
#include "report/pii_databases.h"
#include "report/report.h"
#include "report/row_writer.h"

namespace izshi::report {

namespace {

// A table cell: no pipe or line break may break the row.
std::string md(std::string text) {
    for (auto& c : text)
        if (c == '|' || c == '\n' || c == '\r') c = ' ';
    return text;
}

}  // namespace

void write_markdown_report(casefile::CaseFile& file, std::ostream& out, const HtmlOptions& options) {
    auto& db = file.db();
    auto t = [&](std::string_view key) { return std::string(label(options.language, key)); };
    out << "# " << t("title") << ": " << t("case") << " " << md(file.info().title) << "\n\n"
        << t("case_id") << " `" << file.info().uid << "`, izshi " << IZSHI_VERSION << ".\n\n"
        << "> " << t(options.reveal ? "revealed_note" : "masked_note") << "\n\n## " << t("summary") << "\n\n";
    std::vector<PiiDatabase> databases;
    for_each_pii_database(db, [&](const PiiDatabase& d) { databases.push_back(d); });
    for (const auto& f : headline_figures(db, static_cast<int64_t>(databases.size())))
        out << "- **" << (f.value ? std::to_string(*f.value) : "—") << "** " << t(f.key) << (f.value ? "" : " (" + t("not_run") + ")") << "\n";

    out << "\n## " << t("evidence") << "\n\n| # | " << t("label") << " | " << t("exhibit") << " | " << t("format") << " | SHA-256 | "
        << t("integrity") << " |\n|---|---|---|---|---|---|\n";
    SQLite::Statement items(db, "SELECT id, label, exhibit, format, sha256, verification FROM evidence ORDER BY id");
    while (items.executeStep()) {
        auto verification = items.getColumn(5).getString();
        auto sha256 = text_of(items.getColumn(4));
        out << fmt::format("| {} | {} | {} | {} | {} | {} |\n", items.getColumn(0).getInt64(), md(text_of(items.getColumn(1))),
                           md(text_of(items.getColumn(2))), md(text_of(items.getColumn(3))),
                           sha256.empty() ? "—" : "`" + sha256 + "`",
                           t(verification == "match" ? "stored_match" : verification == "mismatch" ? "stored_mismatch" : "no_stored"));
    }

    if (has_rows(db, "software_scans")) {
        out << "\n## " << t("software") << "\n\n| " << t("evidence_id") << " | " << t("tool") << " | " << t("category") << " | "
            << t("strength") << " | " << t("indicators") << " |\n|---|---|---|---|--:|\n";
        SQLite::Statement tools(db, "SELECT f.evidence_id, f.tool, f.category, f.strength, count(i.id) FROM software_findings f "
                                    "JOIN software_indicators i ON i.finding_id = f.id GROUP BY f.id ORDER BY f.evidence_id, f.tool");
        while (tools.executeStep())
            out << fmt::format("| #{} | {} | {} | {} | {} |\n", tools.getColumn(0).getInt64(), md(tools.getColumn(1).getString()),
                               md(tools.getColumn(2).getString()), tools.getColumn(3).getString(), tools.getColumn(4).getInt64());
    }

    if (has_rows(db, "pii_scans")) {
        out << "\n## " << t("pii_databases") << "\n\n| " << t("evidence_id") << " | " << t("path") << " | " << t("people")
            << " |\n|---|---|--:|\n";
        for (size_t i = 0; i < databases.size() && static_cast<int64_t>(i) < options.top; ++i)
            out << fmt::format("| #{} | `{}` | {} |\n", databases[i].evidence_id, md(databases[i].path), databases[i].distinct_iins);
    }

    if (has_rows(db, "number_runs")) {
        out << "\n## " << t("links") << "\n\n| " << t("evidence_id") << " | " << t("shared") << " |\n|---|--:|\n";
        SQLite::Statement links(db, "SELECT evidence_a, evidence_b, shared FROM number_links WHERE run_id = (SELECT max(id) FROM "
                                    "number_runs) ORDER BY shared DESC");
        while (links.executeStep())
            out << fmt::format("| #{} — #{} | {} |\n", links.getColumn(0).getInt64(), links.getColumn(1).getInt64(),
                               links.getColumn(2).getInt64());
    }

    auto verdict = custody::verify(db);
    out << "\n## " << t("custody_log") << "\n\n" << (verdict.intact() ? t("chain_intact") : t("chain_broken"))
        << fmt::format(" ({} {}).\n", verdict.events, t("events"));
    for (const auto& problem : verdict.problems) out << "- " << md(problem) << "\n";
}

}  // namespace izshi::report
