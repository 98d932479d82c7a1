// The command surface: help for newcomers, usage errors, and refusing files that are not cases.
#include <catch2/catch.hpp>

#include "support/support.h"

using izshi::test::run_izshi;

TEST_CASE("every subcommand explains itself and usage errors exit 2", "[cli]") {
    for (std::string command : {"ingest", "custody", "report"}) {
        CAPTURE(command);
        auto help = run_izshi({command, "--help"});
        CHECK(help.exit_code == 0);
        CHECK(help.out.find("--case") != std::string::npos);
    }
    CHECK(run_izshi({"--version"}).out.find("izshi") != std::string::npos);
    CHECK(run_izshi({}).exit_code == 2);
    CHECK(run_izshi({"frobnicate"}).exit_code == 2);
    CHECK(run_izshi({"report", "--case", "x.izshi", "--format", "pdf"}).exit_code == 2);
    auto no_case = run_izshi({"custody", "log"});
    CHECK(no_case.exit_code == 2);
    CHECK(no_case.err.find("IZSHI_CASE") != std::string::npos);
}

TEST_CASE("a database of another program is refused, not turned into a case", "[cli][casefile]") {
    izshi::test::TempDir work("foreign");
    auto foreign = work / "History";
    std::filesystem::copy_file(izshi::test::corpus_dir() / "mobile" / "plaso_chrome_History", foreign);
    auto before = izshi::test::sha256_of_file(foreign);
    auto result = run_izshi({"ingest", "--case", foreign.string(),
                             (izshi::test::corpus_dir() / "images" / "raw" / "tsk_image.dd").string()});
    CHECK(result.exit_code == 4);
    CHECK(result.err.find("not an izshi case file") != std::string::npos);
    CHECK(izshi::test::sha256_of_file(foreign) == before);
}
