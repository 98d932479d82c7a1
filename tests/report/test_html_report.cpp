// The HTML report of the sample case, opened in headless Chromium (Debian `chromium`, no network):
// no console message, nothing it could fetch, and the headline figures in the DOM equal those of the
// JSON report. Personal data is masked unless revealed. A screenshot goes to the build folder.
#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <regex>
#include <set>

#include "support/support.h"

namespace fs = std::filesystem;
using izshi::test::run_izshi;
using izshi::test::shell_quote;

namespace {

struct Browser {
    izshi::test::CommandResult result;
    std::string console;  // the page's console messages, one per line
};

// Chromium in headless mode with networking cut off: every host resolves to nothing.
Browser open_in_chromium(const fs::path& page, const fs::path& profile, const std::string& action) {
    Browser browser;
    browser.result = izshi::test::run_command(
        "timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking "
        "--host-resolver-rules='MAP * ~NOTFOUND' --enable-logging=stderr --v=0 --user-data-dir=" +
        shell_quote(profile.string()) + " " + action + " " + shell_quote("file://" + page.string()));
    std::istringstream lines(browser.result.err);
    for (std::string line; std::getline(lines, line);)
        if (line.find("CONSOLE") != std::string::npos) browser.console += line + "\n";
    return browser;
}

std::map<std::string, std::string> dom_figures(const std::string& dom) {
    std::map<std::string, std::string> out;
    std::regex figure(R"re(id="(fig-[a-z]+)" data-value="([0-9]*)")re");
    for (std::sregex_iterator it(dom.begin(), dom.end(), figure), end; it != end; ++it) out[(*it)[1]] = (*it)[2];
    return out;
}

// A case of the sample with every capability run: laptop image and folder, phone.
struct SampleCase {
    izshi::test::TempDir work{"html-report"};
    fs::path sample = izshi::test::sample_dir();
    std::string case_file = (work / "c.izshi").string();
    SampleCase() {
        REQUIRE(run_izshi({"ingest", "--find-pii", "--case", case_file, "--seized-at", "2024-03-15T10:00+05:00",
                           (sample / "laptop.E01").string(), (sample / "tree").string(), (sample / "phone").string()})
                    .exit_code == 0);
        REQUIRE(run_izshi({"find-software", "--case", case_file}).exit_code == 0);
        REQUIRE(run_izshi({"match-numbers", "--case", case_file, "--utc-offset", "+05:00", "--window", "120", "--watchlist",
                           (sample / "watchlists/intercepted_calls.csv").string() + ":intercepts", "--watchlist",
                           (sample / "watchlists/victims_complaints.txt").string() + ":complaints"})
                    .exit_code == 0);
    }
    fs::path html(const std::string& name, std::vector<std::string> extra = {}) {
        auto path = work / name;
        std::vector<std::string> args = {"report", "--case", case_file, "--format", "html", "-o", path.string()};
        args.insert(args.end(), extra.begin(), extra.end());
        REQUIRE(run_izshi(args).exit_code == 0);
        return path;
    }
};

}  // namespace

TEST_CASE("the HTML report in headless Chromium: no console message, nothing fetched, figures equal the JSON report",
          "[report][html][chromium]") {
    SampleCase sample;
    auto page = sample.html("report.html");
    auto html = izshi::test::read_file(page);
    // Nothing the page could fetch: no script, stylesheet, image, frame or URL, and a policy that forbids them.
    for (const char* tag : {"<script", "<link", "<img", "<iframe", "<object", "src=", "url(", "http://", "https://"})
        CHECK(html.find(tag) == std::string::npos);
    CHECK(html.find("Content-Security-Policy\" content=\"default-src 'none'") != std::string::npos);

    auto browser = open_in_chromium(page, sample.work / "profile", "--dump-dom");
    REQUIRE(browser.result.exit_code == 0);
    CHECK(browser.console.empty());
    auto figures = dom_figures(browser.result.out);
    auto report = izshi::test::json_report(sample.case_file);
    std::set<std::string> tools;
    for (const auto& f : report["software"]) tools.insert(f["tool"].get<std::string>());
    CHECK(figures["fig-evidence"] == std::to_string(report["evidence"].size()));
    CHECK(figures["fig-files"] == std::to_string(report["files"].size()));
    CHECK(figures["fig-citizens"] == std::to_string(report["pii"]["distinct_iins"].get<int64_t>()));
    CHECK(figures["fig-databases"] == std::to_string(report["pii"]["databases"].size()));
    CHECK(figures["fig-software"] == std::to_string(tools.size()));
    CHECK(figures["fig-matches"] == std::to_string(report["numbers"]["matches"].size()));
    CHECK(report["pii"]["distinct_iins"].get<int64_t>() == 295);
    CHECK(browser.result.out.find("custody-intact") != std::string::npos);

    // For people: a screenshot of the whole page in the build folder.
    auto screenshot = fs::path(IZSHI_BINARY_DIR) / "report-sample.png";
    fs::remove(screenshot);
    auto shot = open_in_chromium(page, sample.work / "profile", "--window-size=1280,2400 --screenshot=" + shell_quote(screenshot.string()));
    CHECK(shot.result.exit_code == 0);
    CHECK(fs::file_size(screenshot) > 10000);
}

TEST_CASE("the console check sees a page that tries to fetch something", "[report][html][chromium]") {
    izshi::test::TempDir work("html-negative");
    auto page = work / "fetching.html";
    izshi::test::write_file(page, "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" "
                                  "content=\"default-src 'none'\"></head><body><img src=\"http://example.invalid/x.png\"></body></html>");
    auto browser = open_in_chromium(page, work / "profile", "--dump-dom");
    CHECK(browser.result.exit_code == 0);
    CHECK_FALSE(browser.console.empty());
}

TEST_CASE("the HTML report masks personal data unless revealed, in Russian and in English", "[report][html]") {
    SampleCase sample;
    auto masked = izshi::test::read_file(sample.html("masked.html", {"--lang", "en"}));
    CHECK(masked.find("Custody log") != std::string::npos);
    std::ifstream manifest_in(sample.sample / "manifest.json");
    auto manifest = nlohmann::json::parse(manifest_in);
    for (const auto& person : manifest["identities"]) {
        auto iin = person["iin"].get<std::string>(), phone = person["phone"].get<std::string>();
        CHECK(masked.find(iin) == std::string::npos);
        CHECK(masked.find(phone) == std::string::npos);
    }
    auto revealed = izshi::test::read_file(sample.html("revealed.html", {"--reveal", "--top", "100000"}));
    CHECK(revealed.find("Журнал хранения") != std::string::npos);
    auto report = izshi::test::json_report(sample.case_file);  // the last custody event is the reveal
    CHECK(report["custody"].back()["action"] == "report.reveal");
    auto full = nlohmann::json::parse(run_izshi({"report", "--case", sample.case_file, "--reveal"}).out);
    for (const auto& match : full["numbers"]["matches"]) CHECK(revealed.find(match["number"].get<std::string>()) != std::string::npos);
}
