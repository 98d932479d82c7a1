// A damaged image is walked as far as it goes: the problem is reported with where it happened,
// recorded in the case, and the run goes on to the next item.
#include <catch2/catch.hpp>

#include <fstream>

#include "support/support.h"

namespace fs = std::filesystem;
using izshi::test::run_izshi;

TEST_CASE("a truncated image is ingested as far as it goes and the run continues", "[ingest][errors]") {
    izshi::test::TempDir work("damaged");
    auto truncated = work / "truncated.dd";
    {
        std::ifstream in(izshi::test::corpus_dir() / "images" / "raw" / "tsk_image.dd", std::ios::binary);
        std::string bytes(60000, '\0');
        in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        std::ofstream(truncated, std::ios::binary) << bytes;
    }
    auto healthy = izshi::test::corpus_dir() / "images" / "ewf" / "ext2.E01";
    auto case_file = work / "c.izshi";
    auto result = run_izshi({"ingest", "--case", case_file.string(), truncated.string(), healthy.string()});
    CHECK(result.exit_code == 0);
    CHECK(result.err.find("warning") != std::string::npos);
    auto report = izshi::test::json_report(case_file);
    REQUIRE(report["evidence"].size() == 2);
    CHECK(report["evidence"][1]["verification"] == "match");  // the next item was still ingested
    REQUIRE(!report["errors"].empty());
    CHECK(report["errors"][0]["evidence_id"] == 1);
    CHECK(report["errors"][0]["message"].get<std::string>().find("partial image") != std::string::npos);
    CHECK(run_izshi({"custody", "verify", "--case", case_file.string()}).exit_code == 0);
}
