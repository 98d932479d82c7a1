// kill -9 in the middle of find-pii leaves a valid case without the interrupted item's findings;
// the rerun scans what was left and ends with exactly what an uninterrupted scan finds.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <random>
#include <thread>

#include "support/support.h"

namespace fs = std::filesystem;
using izshi::test::run_command;
using izshi::test::run_izshi;
using izshi::test::shell_quote;

namespace {

std::string sqlite(const fs::path& db, const std::string& sql) {
    auto result = run_command("sqlite3 " + shell_quote(db.string()) + " " + shell_quote(sql));
    while (!result.out.empty() && result.out.back() == '\n') result.out.pop_back();
    return result.out;
}

// 256 MiB of pseudo-random bytes with a generated record every 64 KiB: long enough to kill mid-scan.
fs::path raw_stream(const izshi::test::TempDir& work) {
    auto path = work / "stream.dd";
    std::ofstream out(path, std::ios::binary);
    std::mt19937_64 random(11);
    std::string block(65536, '\0');
    for (int i = 0; i < 4096; ++i) {
        for (size_t k = 0; k < block.size(); k += 8) {
            auto value = random();
            std::memcpy(block.data() + k, &value, 8);
        }
        out << block << "; Иванова; 871008401427; +7 701 234 56 78; KZ45722S000054326792\n";
    }
    return path;
}

}  // namespace

TEST_CASE("kill -9 during find-pii, then rerun: no duplicates, the same findings as a clean scan",
          "[find-pii][resume]") {
    izshi::test::TempDir work("pii-resume");
    auto stream = raw_stream(work);
    auto tree = izshi::test::sample_dir() / "tree";
    auto case_file = work / "killed.izshi", clean_case = work / "clean.izshi";
    for (const auto& c : {case_file, clean_case})
        REQUIRE(run_izshi({"ingest", "--case", c.string(), tree.string(), stream.string()}).exit_code == 0);

    pid_t child = izshi::test::spawn_izshi({"--threads", "1", "find-pii", "--case", case_file.string()});
    REQUIRE(child > 0);
    // Wait until the first item is sealed (the second, the stream, is then being scanned) and kill.
    bool first_done = false;
    for (int i = 0; i < 400 && !first_done; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        first_done = sqlite(case_file, "SELECT count(*) FROM pii_scans") == "1";
    }
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    REQUIRE(first_done);
    REQUIRE(WIFSIGNALED(status));

    CHECK(sqlite(case_file, "PRAGMA integrity_check") == "ok");
    CHECK(sqlite(case_file, "SELECT count(*) FROM findings WHERE evidence_id = 2") == "0");  // all or nothing
    CHECK(run_izshi({"custody", "verify", "--case", case_file.string()}).exit_code == 0);

    auto rerun = run_izshi({"--json", "find-pii", "--case", case_file.string()});
    REQUIRE(rerun.exit_code == 0);
    auto items = nlohmann::json::parse(rerun.out)["items"];
    CHECK(items[0]["status"] == "skipped");
    CHECK(items[1]["status"] == "scanned");
    REQUIRE(run_izshi({"find-pii", "--case", clean_case.string()}).exit_code == 0);
    const std::string rows = "SELECT evidence_id, coalesce(file_id, 0), coalesce(region_id, 0), offset, location, type, "
                             "value FROM findings ORDER BY 1, 2, 3, 4, 5, 6";
    CHECK(sqlite(case_file, rows) == sqlite(clean_case, rows));
    CHECK(sqlite(case_file, "SELECT count(*) FROM findings WHERE evidence_id = 2") != "0");
    CHECK(run_izshi({"custody", "verify", "--case", case_file.string()}).exit_code == 0);
}

// Regression: a rescan without phone numbers removed the item's call records but left their seal,
// so `custody verify` reported the records as changed.
TEST_CASE("regression: a rescan without phone numbers reseals the call records it removed", "[find-pii][regression]") {
    izshi::test::TempDir work("rescan-records");
    izshi::test::write_file(work / "evidence/contacts.vcf", "BEGIN:VCARD\r\nFN:T\r\nTEL:+7 701 234 56 78\r\nEND:VCARD\r\n");
    auto case_file = (work / "c.izshi").string();
    REQUIRE(izshi::test::run_izshi({"ingest", "--case", case_file, (work / "evidence").string()}).exit_code == 0);
    REQUIRE(izshi::test::run_izshi({"find-pii", "--case", case_file}).exit_code == 0);
    REQUIRE(izshi::test::run_izshi({"find-pii", "--case", case_file, "--types", "iin"}).exit_code == 0);
    auto verify = izshi::test::run_izshi({"custody", "verify", "--case", case_file});
    INFO(verify.out << verify.err);
    CHECK(verify.exit_code == 0);
    auto report = izshi::test::json_report(case_file);
    CHECK(report["pii"]["scanned"][0]["records"].is_null());
}
