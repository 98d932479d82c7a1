// Byte ranges besides files: unallocated space equals what TSK's blkls calls free, partition-table
// gaps are unpartitioned, and volumes that are encrypted are named as such and kept as raw regions.
#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <sstream>

#include "support/support.h"

namespace fs = std::filesystem;
using izshi::test::run_izshi;

namespace {

uint64_t blkls_free_units(const fs::path& image) {
    auto listing = izshi::test::run_command("blkls -l " + izshi::test::shell_quote(image.string()));
    REQUIRE(listing.exit_code == 0);
    std::istringstream lines(listing.out);
    uint64_t free_units = 0;
    for (std::string line; std::getline(lines, line);) free_units += line.ends_with("|f") ? 1 : 0;
    return free_units;
}

nlohmann::json ingest_and_report(const izshi::test::TempDir& work, const fs::path& image) {
    auto case_file = work / (image.filename().string() + ".izshi");
    auto result = run_izshi({"ingest", "--case", case_file.string(), image.string()});
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    return izshi::test::json_report(case_file);
}

}  // namespace

TEST_CASE("unallocated regions cover exactly the blocks blkls reports free", "[ingest][regions]") {
    izshi::test::TempDir work("regions");
    auto image = izshi::test::corpus_dir() / "images" / "raw" / "tsk_image.dd";
    auto report = ingest_and_report(work, image);
    uint64_t block_size = report["volumes"][0]["block_size"];
    uint64_t unallocated = 0;
    for (const auto& region : report["regions"])
        if (region["kind"] == "unallocated") unallocated += region["length"].get<uint64_t>();
    CHECK(unallocated == blkls_free_units(image) * block_size);
}

TEST_CASE("file slack regions hold exactly what icat -s shows past each file's end", "[ingest][regions]") {
    izshi::test::TempDir work("slack");
    auto image = izshi::test::corpus_dir() / "images" / "raw" / "tsk_image.dd";
    auto report = ingest_and_report(work, image);
    std::ifstream in(image, std::ios::binary);
    std::string media((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::multiset<std::string> slack_regions;
    for (const auto& region : report["regions"])
        if (region["kind"] == "slack")
            slack_regions.insert(media.substr(region["offset"].get<size_t>(), region["length"].get<size_t>()));
    int files_with_slack = 0;
    for (const auto& file : report["files"]) {
        if (file["kind"] != "file" || !file["allocated"].get<bool>() || file["size"] == 0) continue;
        auto meta = file["meta_address"].get<std::string>();
        auto with_slack = izshi::test::run_command("icat -s " + izshi::test::shell_quote(image.string()) + " " + meta);
        REQUIRE(with_slack.exit_code == 0);
        auto slack = with_slack.out.substr(file["size"].get<size_t>());
        CAPTURE(file["path"]);
        CHECK(slack_regions.contains(slack));
        ++files_with_slack;
    }
    CHECK(files_with_slack == 3);
    CHECK(slack_regions.size() == 3);
}

TEST_CASE("space outside partitions is recorded as unpartitioned", "[ingest][regions]") {
    izshi::test::TempDir work("unpartitioned");
    auto report = ingest_and_report(work, izshi::test::unpacked_corpus() / "raw" / "mbr.raw");
    int unpartitioned = 0;
    for (const auto& region : report["regions"]) unpartitioned += region["kind"] == "unpartitioned";
    CHECK(unpartitioned > 0);
}

TEST_CASE("LUKS and BitLocker volumes are named and kept as raw regions", "[ingest][regions][encryption]") {
    izshi::test::TempDir work("encrypted");
    struct Case {
        const char* file;
        std::string header;
        size_t at;
        const char* name;
    };
    for (const auto& c : {Case{"luks.img", std::string("LUKS\xba\xbe\x00\x02", 8), 0, "LUKS"},
                          Case{"bitlocker.img", "-FVE-FS-", 3, "BitLocker"}}) {
        CAPTURE(c.name);
        auto image = work / c.file;
        {
            std::ofstream out(image, std::ios::binary);
            std::string bytes(1 << 20, '\x5a');
            bytes.replace(c.at, c.header.size(), c.header);
            out << bytes;
        }
        auto report = ingest_and_report(work, image);
        REQUIRE(report["volumes"].size() == 1);
        CHECK(report["volumes"][0]["encryption"] == c.name);
        CHECK(report["volumes"][0]["fs_type"].is_null());
        REQUIRE(report["regions"].size() == 1);
        CHECK(report["regions"][0]["kind"] == "raw");
        CHECK(report["regions"][0]["length"] == (1 << 20));
    }
}
