// The JSON report is the contract for scripts: it must validate against the schema shipped in docs/.
#include <catch2/catch.hpp>

#include "support/support.h"

namespace fs = std::filesystem;
using izshi::test::run_izshi;
using izshi::test::shell_quote;

TEST_CASE("the JSON report validates against docs/report-json.schema.json", "[report][json]") {
    izshi::test::TempDir work("schema");
    auto case_file = work / "c.izshi";
    auto sample = izshi::test::sample_dir();
    // Images, a folder with archives, an unsupported format (an error row) and a custody event.
    run_izshi({"ingest", "--case", case_file.string(), "--exhibit", "X-1", (sample / "laptop.E01").string(),
               (sample / "laptop-ntfs.img").string(), (sample / "tree").string(),
               (izshi::test::corpus_dir() / "images" / "other" / "image.qcow").string()});
    REQUIRE(run_izshi({"custody", "add", "--case", case_file.string(), "--text", "note"}).exit_code == 0);
    // Re-verification and known-file marks fill evidence[].reverification and files[].known.
    REQUIRE(run_izshi({"hash", "--case", case_file.string(), "--verify"}).exit_code == 0);
    auto known = work / "known.sha256";
    izshi::test::write_file(known, izshi::test::run_izshi({"hash", "--format", "sum", "-r", (sample / "tree").string()}).out);
    REQUIRE(run_izshi({"hash", "--case", case_file.string(), "--known", known.string(), "--mark", "known-bad"}).exit_code == 0);
    // Findings and personal-data databases fill the pii section.
    REQUIRE(run_izshi({"find-pii", "--case", case_file.string()}).exit_code == 0);
    // Call records and a match-numbers run fill the numbers section.
    REQUIRE(run_izshi({"match-numbers", "--case", case_file.string(), "--utc-offset", "+05:00", "--watchlist",
                       (sample / "watchlists" / "intercepted_calls.csv").string(), "--watchlist",
                       (sample / "watchlists" / "victims_complaints.txt").string()})
                .exit_code == 0);
    REQUIRE(run_izshi({"find-software", "--case", case_file.string()}).exit_code == 0);
    auto report = work / "report.json";
    REQUIRE(run_izshi({"report", "--case", case_file.string(), "-o", report.string()}).exit_code == 0);
    auto schema = fs::path(IZSHI_SOURCE_DIR) / "docs" / "report-json.schema.json";
    auto validate = izshi::test::run_command(
        "/usr/bin/python3 -c " +
        shell_quote("import json, sys, jsonschema\n"
                    "schema = json.load(open(sys.argv[1])); report = json.load(open(sys.argv[2]))\n"
                    "jsonschema.Draft202012Validator.check_schema(schema)\n"
                    "errors = list(jsonschema.Draft202012Validator(schema).iter_errors(report))\n"
                    "[print(list(e.absolute_path), e.message) for e in errors[:20]]\n"
                    "sys.exit(1 if errors else 0)") +
        " " + shell_quote(schema.string()) + " " + shell_quote(report.string()));
    INFO(validate.out << validate.err);
    CHECK(validate.exit_code == 0);
    auto parsed = izshi::test::json_report(case_file);
    CHECK(parsed["evidence"][0]["reverification"] == "match");
    size_t known_bad = 0;
    for (const auto& file : parsed["files"]) known_bad += file["known"] == "known-bad";
    CHECK(known_bad > 0);
    CHECK(parsed["pii"]["databases"].size() >= 3);
    CHECK(parsed["pii"]["distinct_iins"] > 250);
    CHECK_FALSE(parsed["numbers"]["matches"].empty());
    CHECK_FALSE(parsed["numbers"]["records"].empty());
    CHECK_FALSE(parsed["numbers"]["links"].empty());  // the same laptop as E01, NTFS image and folder
    CHECK(parsed["software"].size() >= 10);
}
