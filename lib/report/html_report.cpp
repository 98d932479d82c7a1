// The report a prosecutor reads (SPEC §9): one self-contained HTML page, no script and no external
// file (a Content-Security-Policy forbids both), inline SVG charts, printable, in Russian, English or
// Kazakh. Large cases: every table shows its first rows and the total; the JSON report has all.
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <map>
#include <set>

#include "core/clock.h"
#include "core/text.h"
#include "custody/custody_log.h"
#include "report/labels.h"
#include "report/masking.h"
#include "report/pii_databases.h"
#include "report/report.h"
#include "report/row_writer.h"
#include "report/svg_charts.h"

namespace izshi::report {

namespace {

constexpr const char* style = R"CSS(
body{font-family:"DejaVu Sans",Arial,sans-serif;margin:2em;color:#222;max-width:82em}
h1{font-size:1.6em;margin-bottom:0}h2{border-bottom:2px solid #345;padding-bottom:.2em;margin-top:2em}
h3{font-size:1.05em;margin:1.2em 0 .4em}
table{border-collapse:collapse;width:100%;font-size:.85em;margin:.5em 0}
th,td{border:1px solid #bbb;padding:.3em .5em;text-align:left;vertical-align:top}
th{background:#e8edf2}td.hash,.mono{font-family:"DejaVu Sans Mono",monospace;font-size:.85em;word-break:break-all}
.figures{display:flex;gap:1em;flex-wrap:wrap}.figure{border:1px solid #bbb;padding:.6em 1em;min-width:9em;max-width:14em}
.figure b{display:block;font-size:1.6em}.ok{color:#176117;font-weight:bold}.bad{color:#b00020;font-weight:bold}
.muted{color:#666}.note{background:#f4f6f8;border-left:4px solid #345;padding:.4em .8em}
.strength-used{color:#b00020;font-weight:bold}.strength-configured{color:#9c4a00;font-weight:bold}
svg.chart{max-width:100%;height:auto;display:block;margin:.5em 0}
@media print{body{margin:0}h2{page-break-after:avoid}tr,svg{page-break-inside:avoid}}
)CSS";

struct Page {
    SQLite::Database& db;
    std::ostream& out;
    const HtmlOptions& options;
    std::vector<PiiDatabase> databases;  // listed once: the figures count them, a section shows them
    std::string_view t(std::string_view key) const { return label(options.language, key); }
    std::string e(std::string_view text) const { return html_escape(text); }
    std::string more(int64_t shown, int64_t total) const {
        if (total <= shown) return "";
        return "<p class=\"muted\">" + e(fmt::format(fmt::runtime(std::string(t("first_of"))), shown, total)) + "</p>\n";
    }
};

int64_t scalar(SQLite::Database& db, const std::string& sql) {
    SQLite::Statement query(db, sql);
    return query.executeStep() && !query.getColumn(0).isNull() ? query.getColumn(0).getInt64() : 0;
}


// ---- Summary ---------------------------------------------------------------------------------

// The headline figures, each with an id and its value in data-value (the browser test reads them);
// a capability that never ran shows a dash, data-value "".
void write_figures(Page& page) {
    page.out << "<h2>" << page.t("summary") << "</h2><div class=\"figures\">";
    for (const auto& f : headline_figures(page.db, static_cast<int64_t>(page.databases.size())))
        page.out << fmt::format("<div class=\"figure\" id=\"{}\" data-value=\"{}\"><b>{}</b>{}{}</div>", f.id,
                                f.value ? std::to_string(*f.value) : "", f.value ? std::to_string(*f.value) : "—",
                                page.t(f.key), f.value ? "" : fmt::format(" <span class=\"muted\">({})</span>", page.t("not_run")));
    page.out << "</div>\n";
}

// ---- Evidence ----------------------------------------------------------------------------------

std::string reverification(Page& page, int64_t evidence_id) {
    if (!page.db.tableExists("verifications")) return "";
    SQLite::Statement query(page.db, "SELECT verified_at, result FROM verifications WHERE evidence_id = ? ORDER BY id DESC LIMIT 1");
    query.bind(1, evidence_id);
    if (!query.executeStep()) return "";
    auto result = query.getColumn(1).getString();
    return fmt::format("<br>{} {}: <span class=\"{}\">{}</span>", page.t("reverified"), page.e(query.getColumn(0).getString()),
                       result == "match" ? "ok" : "bad", page.e(result));
}

void write_evidence(Page& page) {
    page.out << "<h2>" << page.t("evidence") << "</h2><table><tr><th>#</th><th>" << page.t("label") << "</th><th>"
             << page.t("exhibit") << "</th><th>" << page.t("format") << "</th><th>" << page.t("size") << "</th><th>"
             << page.t("seizure") << "</th><th>" << page.t("hashes") << "</th><th>" << page.t("integrity") << "</th></tr>\n";
    SQLite::Statement rows(page.db, "SELECT id, label, exhibit, format, size, seized_from, seized_at, seized_by, md5, sha1, "
                                    "sha256, stored_md5, stored_sha1, verification, state FROM evidence ORDER BY id");
    while (rows.executeStep()) {
        auto id = rows.getColumn(0).getInt64();
        auto verification = rows.getColumn(13).getString();
        std::string integrity = verification == "match"      ? fmt::format("<span class=\"ok\">{}</span>", page.t("stored_match"))
                                : verification == "mismatch" ? fmt::format("<span class=\"bad\">{}</span>", page.t("stored_mismatch"))
                                                             : fmt::format("<span class=\"muted\">{}</span>", page.t("no_stored"));
        // Computed media hashes, then those stored at acquisition (E01); a folder has none of either.
        std::string hashes;
        const std::pair<const char*, int> hash_columns[] = {{"MD5", 8}, {"SHA-1", 9}, {"SHA-256", 10}, {"E01 MD5", 11}, {"E01 SHA-1", 12}};
        for (const auto& [name, column] : hash_columns)
            if (!rows.getColumn(column).isNull() && !rows.getColumn(column).getString().empty())
                hashes += fmt::format("{}{} {}", hashes.empty() ? "" : "<br>", name, page.e(rows.getColumn(column).getString()));
        page.out << fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}<br>{}<br>{}</td>"
                                "<td class=\"hash\">{}</td><td>{}{}</td></tr>\n",
                                id, page.e(text_of(rows.getColumn(1))), page.e(text_of(rows.getColumn(2))),
                                page.e(text_of(rows.getColumn(3))), page.e(text_of(rows.getColumn(4))),
                                page.e(text_of(rows.getColumn(5))), page.e(text_of(rows.getColumn(6))),
                                page.e(text_of(rows.getColumn(7))), hashes.empty() ? "—" : hashes, integrity, reverification(page, id));
    }
    page.out << "</table>\n";
}

// ---- Charts ------------------------------------------------------------------------------------

std::vector<std::pair<std::string, int64_t>> bars(SQLite::Database& db, const std::string& sql) {
    std::vector<std::pair<std::string, int64_t>> out;
    SQLite::Statement query(db, sql);
    while (query.executeStep()) out.emplace_back(query.getColumn(0).getString(), query.getColumn(1).getInt64());
    return out;
}

// Days of file activity (MACB) within 30 days of the seizure (the earliest seized_at), or of the
// latest modification when no seizure time was recorded.
void write_timeline(Page& page) {
    auto day = [&](const std::string& sql) {
        SQLite::Statement query(page.db, sql);
        return query.executeStep() && !query.getColumn(0).isNull() ? query.getColumn(0).getString().substr(0, 10) : std::string();
    };
    auto seized = day("SELECT min(seized_at) FROM evidence WHERE seized_at IS NOT NULL");
    auto centre = seized.empty() ? day("SELECT max(mtime) FROM files") : seized;
    if (centre.empty()) return;
    std::map<std::string, std::array<int64_t, 4>> counts;
    const char* columns[] = {"mtime", "atime", "ctime", "crtime"};
    for (size_t c = 0; c < 4; ++c) {
        SQLite::Statement query(page.db, fmt::format("SELECT substr({0}, 1, 10) AS day, count(*) FROM files WHERE {0} IS NOT NULL "
                                                     "AND day BETWEEN date(?, '-30 days') AND date(?, '+30 days') GROUP BY day",
                                                     columns[c]));
        query.bind(1, centre);
        query.bind(2, centre);
        while (query.executeStep()) counts[query.getColumn(0).getString()][c] = query.getColumn(1).getInt64();
    }
    std::vector<std::pair<std::string, std::array<int64_t, 4>>> days(counts.begin(), counts.end());
    page.out << "<h3>" << page.t("macb_timeline") << "</h3>"
             << day_chart(days, {std::string(page.t("macb_m")), std::string(page.t("macb_a")), std::string(page.t("macb_c")),
                                 std::string(page.t("macb_b"))},
                          seized);
}

void write_charts(Page& page) {
    page.out << "<h2>" << page.t("charts") << "</h2>\n";
    if (page.db.tableExists("findings") && scalar(page.db, "SELECT EXISTS (SELECT 1 FROM findings)")) {
        auto per_item = bars(page.db, "SELECT '#' || e.id || ' ' || e.label, count(x.id) FROM evidence e LEFT JOIN findings x "
                                      "ON x.evidence_id = e.id GROUP BY e.id ORDER BY e.id");
        page.out << "<h3>" << page.t("findings_per_item") << "</h3>" << bar_chart(per_item);
        page.out << "<h3>" << page.t("pii_types") << "</h3>"
                 << bar_chart(bars(page.db, "SELECT type, count(*) FROM findings GROUP BY type ORDER BY count(*) DESC"));
    }
    write_timeline(page);
}

// ---- Personal data -----------------------------------------------------------------------------

void write_databases(Page& page) {
    if (!has_rows(page.db, "pii_scans")) return;
    page.out << "<h2>" << page.t("pii_databases") << "</h2><table><tr><th>" << page.t("evidence_id") << "</th><th>"
             << page.t("path") << "</th><th>" << page.t("people") << "</th><th>" << page.t("columns") << "</th><th>"
             << page.t("overlaps") << "</th></tr>\n";
    int64_t shown = 0, total = static_cast<int64_t>(page.databases.size());
    for (const auto& d : page.databases) {
        if (shown == page.options.top) break;
        ++shown;
        std::string columns, overlaps;
        for (const auto& c : d.columns) {
            std::string types;
            for (const auto& type : c.types) types += (types.empty() ? "" : ", ") + type;
            columns += fmt::format("{}{}: {}", columns.empty() ? "" : "<br>", page.e(c.column), page.e(types));
        }
        for (size_t i = 0; i < d.overlaps.size() && i < 3; ++i)
            overlaps += fmt::format("{}#{} {} ({})", i ? "<br>" : "", d.overlaps[i].evidence_id, page.e(d.overlaps[i].path),
                                    d.overlaps[i].shared_iins);
        page.out << fmt::format("<tr><td>#{}</td><td class=\"mono\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n", d.evidence_id,
                                page.e(d.path), d.distinct_iins, columns, overlaps);
    }
    page.out << "</table>\n" << page.more(shown, total);
}

// ---- Software ----------------------------------------------------------------------------------

void write_software(Page& page) {
    if (!has_rows(page.db, "software_scans")) return;
    page.out << "<h2>" << page.t("software") << "</h2>\n";
    auto total = scalar(page.db, "SELECT count(*) FROM software_findings");
    if (total == 0) {
        page.out << "<p>" << page.t("none") << "</p>\n";
        return;
    }
    page.out << "<table><tr><th>" << page.t("evidence_id") << "</th><th>" << page.t("tool") << "</th><th>" << page.t("category")
             << "</th><th>" << page.t("strength") << "</th><th>" << page.t("indicators") << "</th></tr>\n";
    SQLite::Statement findings(page.db, "SELECT id, evidence_id, tool, category, strength FROM software_findings "
                                        "ORDER BY evidence_id, tool LIMIT ?");
    findings.bind(1, page.options.top);
    SQLite::Statement indicators(page.db, "SELECT kind, path, detail, time_utc FROM software_indicators WHERE finding_id = ? "
                                          "ORDER BY id LIMIT 8");
    while (findings.executeStep()) {
        indicators.reset();
        indicators.bind(1, findings.getColumn(0).getInt64());
        std::string list;
        while (indicators.executeStep())
            list += fmt::format("{}<b>{}</b> <span class=\"mono\">{}</span> <span class=\"muted\">{} {}</span>", list.empty() ? "" : "<br>",
                                page.e(indicators.getColumn(0).getString()), page.e(indicators.getColumn(1).getString()),
                                page.e(trim_cut_utf8(std::string_view(indicators.getColumn(2).getString()).substr(0, 160))),
                                page.e(text_of(indicators.getColumn(3))));
        auto strength = findings.getColumn(4).getString();
        page.out << fmt::format("<tr><td>#{}</td><td>{}</td><td>{}</td><td class=\"strength-{}\">{}</td><td>{}</td></tr>\n",
                                findings.getColumn(1).getInt64(), page.e(findings.getColumn(2).getString()),
                                page.e(findings.getColumn(3).getString()), page.e(strength), page.e(strength), list);
    }
    page.out << "</table>\n" << page.more(std::min(total, page.options.top), total);
}

// ---- Numbers -----------------------------------------------------------------------------------

void write_links(Page& page, int64_t run_id) {
    std::vector<std::tuple<int64_t, int64_t, int64_t>> links;
    SQLite::Statement query(page.db, "SELECT evidence_a, evidence_b, shared, watchlisted FROM number_links WHERE run_id = ? "
                                     "ORDER BY shared DESC");
    query.bind(1, run_id);
    std::string rows;
    while (query.executeStep()) {
        links.emplace_back(query.getColumn(0).getInt64(), query.getColumn(1).getInt64(), query.getColumn(2).getInt64());
        rows += fmt::format("<tr><td>#{} — #{}</td><td>{}</td><td>{}</td></tr>\n", query.getColumn(0).getInt64(),
                            query.getColumn(1).getInt64(), query.getColumn(2).getInt64(), query.getColumn(3).getInt64());
    }
    if (links.empty()) return;
    std::vector<std::pair<int64_t, std::string>> items;
    SQLite::Statement labels(page.db, "SELECT id, label FROM evidence ORDER BY id");
    while (labels.executeStep()) items.emplace_back(labels.getColumn(0).getInt64(), labels.getColumn(1).getString());
    page.out << "<h3>" << page.t("links") << "</h3>" << link_graph(items, links) << "<table><tr><th>" << page.t("evidence_id")
             << "</th><th>" << page.t("shared") << "</th><th>" << page.t("on_watchlists") << "</th></tr>\n"
             << rows << "</table>\n";
}

void write_numbers(Page& page) {
    if (!has_rows(page.db, "number_runs")) return;
    auto run_id = scalar(page.db, "SELECT max(id) FROM number_runs");
    auto total = scalar(page.db, fmt::format("SELECT count(*) FROM number_matches WHERE run_id = {}", run_id));
    page.out << "<h2>" << page.t("numbers") << "</h2><table><tr><th>" << page.t("number") << "</th><th>" << page.t("watchlist")
             << "</th><th>" << page.t("place") << "</th><th>" << page.t("time_side_by_side") << "</th></tr>\n";
    SQLite::Statement matches(page.db,
                              "SELECT m.number, w.label, m.entry_line, m.evidence_id, coalesce(f.path, r.kind || '@' || r.offset), "
                              "m.location, m.source, m.entry_time, m.time_utc, m.delta_seconds FROM number_matches m "
                              "JOIN watchlists w ON w.id = m.watchlist_id LEFT JOIN files f ON f.id = m.file_id "
                              "LEFT JOIN regions r ON r.id = m.region_id WHERE m.run_id = ? "
                              "ORDER BY m.delta_seconds IS NULL, abs(m.delta_seconds), m.id LIMIT ?");
    matches.bind(1, run_id);
    matches.bind(2, page.options.top);
    while (matches.executeStep()) {
        auto number = matches.getColumn(0).getString();
        auto delta = matches.getColumn(9);
        page.out << fmt::format("<tr><td class=\"mono\">{}</td><td>{} ({})</td><td>#{} <span class=\"mono\">{}</span> {} <span "
                                "class=\"muted\">{}</span></td><td>{} / {}{}</td></tr>\n",
                                page.e(page.options.reveal ? number : mask_value("phone", number)),
                                page.e(matches.getColumn(1).getString()), matches.getColumn(2).getInt64(),
                                matches.getColumn(3).getInt64(), page.e(text_of(matches.getColumn(4))),
                                page.e(matches.getColumn(5).getString()), page.e(matches.getColumn(6).getString()),
                                page.e(text_of(matches.getColumn(7))), page.e(text_of(matches.getColumn(8))),
                                delta.isNull() ? "" : fmt::format(" (Δ {} {})", delta.getInt64(), page.t("seconds")));
    }
    page.out << "</table>\n" << page.more(std::min(total, page.options.top), total);
    write_links(page, run_id);
}

// ---- Custody, appendix, problems -----------------------------------------------------------------

void write_custody(casefile::CaseFile& file, Page& page) {
    auto verdict = custody::verify(file.db());
    page.out << "<h2>" << page.t("custody_log") << "</h2><p>"
             << (verdict.intact() ? fmt::format("<span class=\"ok\" id=\"custody-intact\">{}</span>", page.t("chain_intact"))
                                  : fmt::format("<span class=\"bad\" id=\"custody-broken\">{}</span>", page.t("chain_broken")))
             << fmt::format(" ({} {})</p>", verdict.events, page.t("events"));
    for (const auto& problem : verdict.problems) page.out << "<p class=\"bad\">" << page.e(problem) << "</p>";
    page.out << "<table><tr><th>#</th><th>" << page.t("time") << "</th><th>" << page.t("examiner") << "</th><th>"
             << page.t("action") << "</th><th>" << page.t("authorization") << "</th><th>" << page.t("hash") << "</th></tr>\n";
    for (const auto& event : custody::read_events(file.db()))
        page.out << fmt::format("<tr><td>{}</td><td>{}<br><span class=\"muted\">{}</span></td><td>{}<br><span class=\"muted\">{}</span>"
                                "</td><td>{} <span class=\"muted\">{}</span></td><td>{}</td><td class=\"hash\">{}…</td></tr>\n",
                                event.seq, page.e(event.time_utc), page.e(event.time_zone), page.e(event.examiner),
                                page.e(event.host), page.e(event.action), page.e(event.covers), page.e(event.authorization),
                                page.e(event.hash.substr(0, 16)));
    page.out << "</table>\n";
}

// The files with most findings first; the rows past --top are only counted (one pass over the findings).
void write_appendix(Page& page) {
    if (!page.db.tableExists("findings")) return;
    SQLite::Statement rows(page.db, "SELECT f.evidence_id, f.path, count(*) AS n, group_concat(DISTINCT x.type) FROM findings x "
                                    "JOIN files f ON f.id = x.file_id GROUP BY x.file_id ORDER BY n DESC, x.file_id");
    int64_t total = 0;
    while (rows.executeStep()) {
        if (total == 0)
            page.out << "<h2>" << page.t("appendix") << "</h2><table><tr><th>" << page.t("evidence_id") << "</th><th>"
                     << page.t("path") << "</th><th>" << page.t("findings") << "</th><th>" << page.t("types") << "</th></tr>\n";
        if (total++ >= page.options.top) continue;
        page.out << fmt::format("<tr><td>#{}</td><td class=\"mono\">{}</td><td>{}</td><td>{}</td></tr>\n", rows.getColumn(0).getInt64(),
                                page.e(rows.getColumn(1).getString()), rows.getColumn(2).getInt64(),
                                page.e(rows.getColumn(3).getString()));
    }
    if (total > 0) page.out << "</table>\n" << page.more(std::min(total, page.options.top), total);
}

void write_problems(Page& page) {
    auto total = scalar(page.db, "SELECT count(*) FROM errors");
    page.out << fmt::format("<h2>{} ({})</h2>", page.t("problems"), total);
    if (total == 0) {
        page.out << "<p class=\"muted\">" << page.t("none") << "</p>\n";
        return;
    }
    page.out << "<table><tr><th>" << page.t("evidence_id") << "</th><th>" << page.t("path") << "</th><th></th></tr>\n";
    SQLite::Statement rows(page.db, "SELECT evidence_id, path, message FROM errors ORDER BY id LIMIT ?");
    rows.bind(1, page.options.top);
    while (rows.executeStep())
        page.out << fmt::format("<tr><td>{}</td><td class=\"mono\">{}</td><td>{}</td></tr>\n", page.e(text_of(rows.getColumn(0))),
                                page.e(rows.getColumn(1).getString()), page.e(rows.getColumn(2).getString()));
    page.out << "</table>\n" << page.more(std::min(total, page.options.top), total);
}

}  // namespace

std::vector<HeadlineFigure> headline_figures(SQLite::Database& db, int64_t databases) {
    auto pii_run = has_rows(db, "pii_scans");
    auto software_run = has_rows(db, "software_scans");
    auto numbers_run = has_rows(db, "number_runs");
    auto when = [](bool ran, auto value) { return ran ? std::optional<int64_t>(value()) : std::nullopt; };
    return {
        {"fig-evidence", "evidence_items", scalar(db, "SELECT count(*) FROM evidence")},
        {"fig-files", "files", scalar(db, "SELECT count(*) FROM files")},
        {"fig-citizens", "citizens",
         when(pii_run, [&] { return scalar(db, "SELECT count(DISTINCT value) FROM findings WHERE type = 'iin'"); })},
        {"fig-databases", "databases", when(pii_run, [&] { return databases; })},
        {"fig-software", "software_tools", when(software_run, [&] { return scalar(db, "SELECT count(DISTINCT tool) FROM software_findings"); })},
        {"fig-matches", "watchlist_matches", when(numbers_run, [&] {
             return scalar(db, "SELECT count(*) FROM number_matches WHERE run_id = (SELECT max(id) FROM number_runs)");
         })},
        {"fig-deleted", "deleted_files", scalar(db, "SELECT count(*) FROM files WHERE allocated = 0")},
        {"fig-errors", "errors_recorded", scalar(db, "SELECT count(*) FROM errors")},
    };
}

void write_html_report(casefile::CaseFile& file, std::ostream& out, const HtmlOptions& options) {
    Page page{file.db(), out, options, {}};
    for_each_pii_database(page.db, [&](const PiiDatabase& d) { page.databases.push_back(d); });
    const auto& info = file.info();
    out << "<!DOCTYPE html>\n<html lang=\"" << options.language << "\"><head><meta charset=\"utf-8\">"
        << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        << "<title>" << page.t("title") << " — " << page.e(info.title) << "</title><style>" << style << "</style></head><body>\n";
    out << "<h1>" << page.t("title") << ": " << page.t("case") << " " << page.e(info.title) << "</h1><p class=\"muted\">"
        << page.t("case_id") << " " << page.e(info.uid) << " · " << page.t("created") << " " << page.e(info.created) << " · "
        << page.t("generated") << " " << utc_now_iso() << " · izshi " << IZSHI_VERSION << "</p>\n";
    out << "<p class=\"note\">" << page.t(options.reveal ? "revealed_note" : "masked_note") << "</p>\n";
    write_figures(page);
    write_evidence(page);
    write_charts(page);
    write_databases(page);
    write_software(page);
    write_numbers(page);
    write_custody(file, page);
    write_appendix(page);
    write_problems(page);
    out << "</body></html>\n";
}

}  // namespace izshi::report
