// The synthetic seized laptop, as FAT32, ext4, NTFS and E01, ingested with custody details: every
// file the generator wrote is found with its SHA-256, the deleted file included, and the evidence
// files are byte-identical afterwards.
#include <catch2/catch.hpp>

#include <fstream>
#include <map>

#include "support/support.h"

namespace fs = std::filesystem;
using izshi::test::run_izshi;
using nlohmann::json;

namespace {

const char* const images[] = {"laptop-fat32.img", "laptop-ext4.img", "laptop-ntfs.img", "laptop.E01"};

json expected_images() {
    std::ifstream in(izshi::test::sample_dir() / "expected.json");
    return json::parse(in)["images"];
}

std::map<std::string, std::string> hashes_of_images() {
    std::map<std::string, std::string> hashes;
    for (const char* image : images) hashes[image] = izshi::test::sha256_of_file(izshi::test::sample_dir() / image);
    return hashes;
}

}  // namespace

TEST_CASE("the sample images ingest with every expected file, the deleted one included", "[sample][ingest]") {
    auto sample = izshi::test::sample_dir();
    auto before = hashes_of_images();
    izshi::test::TempDir work("sample");
    auto case_file = work / "laptop.izshi";
    std::vector<std::string> arguments = {"ingest", "--case", case_file.string(), "--exhibit", "KZ-2026-001",
                                          "--seized-from", "office 12, Almaty", "--seized-at", "2024-03-15T10:00+05:00",
                                          "--seized-by", "Anti Call-Center", "--authorization", "warrant 17/2024"};
    for (const char* image : images) arguments.push_back((sample / image).string());
    auto result = run_izshi(arguments);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);

    auto report = izshi::test::json_report(case_file);
    auto expected = expected_images();
    REQUIRE(report["evidence"].size() == 4);
    for (const auto& item : report["evidence"]) {
        std::string name = fs::path(item["sources"][0].get<std::string>()).filename().string();
        CAPTURE(name);
        const auto& wanted = expected[name];
        CHECK(item["exhibit"].get<std::string>().starts_with("KZ-2026-001."));
        CHECK(item["seized_from"] == "office 12, Almaty");
        CHECK(item["authorization"] == "warrant 17/2024");
        CHECK(item["state"] == "complete");
        CHECK(item["sha256"] == (wanted.contains("media_sha256") ? wanted["media_sha256"] : wanted["sha256"]));
        if (name == "laptop.E01") {
            CHECK(item["verification"] == "match");
            CHECK(item["acquisition"]["examiner_name"] == "examiner");
        }
        std::multimap<std::string, json> files;
        for (const auto& f : report["files"])
            if (f["evidence_id"] == item["id"]) files.emplace("/" + f["path"].get<std::string>(), f);
        auto find = [&](const std::string& path, const std::string& sha256, bool allocated) {
            auto [first, last] = files.equal_range(path);
            for (auto it = first; it != last; ++it)
                if (it->second["sha256"] == sha256 && it->second["allocated"] == allocated) return true;
            return false;
        };
        for (const auto& [path, sha256] : wanted["files"].items()) {
            CAPTURE(path);
            CHECK(find(path, sha256, true));
        }
        for (const auto& [path, sha256] : wanted["deleted"].items()) {
            CAPTURE(path);
            CHECK(find(path, sha256, false));
        }
    }
    CHECK(hashes_of_images() == before);  // evidence is read-only
    CHECK(run_izshi({"custody", "verify", "--case", case_file.string()}).exit_code == 0);

    SECTION("rerunning ingest skips finished items and duplicates nothing") {
        auto files_before = report["files"].size();
        auto again = run_izshi(arguments);
        CHECK(again.exit_code == 0);
        auto report_again = izshi::test::json_report(case_file);
        CHECK(report_again["files"].size() == files_before);
        CHECK(report_again["evidence"].size() == 4);
        CHECK(hashes_of_images() == before);
    }
    SECTION("report and custody commands leave the evidence untouched too") {
        CHECK(run_izshi({"report", "--case", case_file.string(), "--format", "html", "--lang", "en", "-o",
                         (work / "r.html").string()})
                  .exit_code == 0);
        CHECK(run_izshi({"custody", "log", "--case", case_file.string()}).exit_code == 0);
        CHECK(hashes_of_images() == before);
        std::ifstream html_file(work / "r.html");
        std::string html((std::istreambuf_iterator<char>(html_file)), std::istreambuf_iterator<char>());
        for (const char* image : images) CHECK(html.find(image) != std::string::npos);
        CHECK(html.find("Hash chain intact") != std::string::npos);
        CHECK(html.find("matches the acquisition hash") != std::string::npos);  // the E01
        CHECK(html.find("<script") == std::string::npos);               // self-contained, nothing to fetch
        CHECK(html.find("http://") == std::string::npos);
        CHECK(html.find("https://") == std::string::npos);
        CHECK(html.find(">" + std::to_string(report["files"].size()) + "</b>files") != std::string::npos);
    }
}

TEST_CASE("a folder of logical evidence is walked with its archives opened in place", "[sample][ingest][logical]") {
    izshi::test::TempDir work("logical");
    auto tree = work / "export";
    fs::copy(izshi::test::sample_dir() / "tree", tree, fs::copy_options::recursive);
    // Archives inside the folder: a zip holding a tar.gz holding the CSV leak, and a lone gzip.
    auto csv = tree / "Users" / "operator" / "Documents" / "clients_almaty.csv";
    auto quoted = [](const fs::path& p) { return izshi::test::shell_quote(p.string()); };
    auto build = izshi::test::run_command(
        "cd " + quoted(work.path()) + " && mkdir inner && cp " + quoted(csv) + " inner/leak.csv && tar czf inner.tar.gz inner && "
        "zip -q " + quoted(tree / "backup.zip") + " inner.tar.gz && gzip -c " + quoted(csv) + " > " +
        quoted(tree / "clients.csv.gz"));
    REQUIRE(build.exit_code == 0);
    auto before = izshi::test::sha256_of_file(tree / "backup.zip");
    auto case_file = work / "logical.izshi";
    auto result = run_izshi({"ingest", "--case", case_file.string(), tree.string()});
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    auto report = izshi::test::json_report(case_file);
    auto csv_sha256 = izshi::test::sha256_of_file(csv);
    std::map<std::string, json> by_path;
    for (const auto& f : report["files"]) by_path[f["path"]] = f;
    REQUIRE(by_path.contains("backup.zip/inner.tar.gz/inner/leak.csv"));
    CHECK(by_path["backup.zip/inner.tar.gz/inner/leak.csv"]["sha256"] == csv_sha256);
    CHECK(by_path["backup.zip/inner.tar.gz/inner/leak.csv"]["container_id"] == by_path["backup.zip/inner.tar.gz"]["id"]);
    CHECK(by_path["backup.zip/inner.tar.gz"]["container_id"] == by_path["backup.zip"]["id"]);
    REQUIRE(by_path.contains("clients.csv.gz/clients_almaty.csv"));
    CHECK(by_path["clients.csv.gz/clients_almaty.csv"]["sha256"] == csv_sha256);
    CHECK(by_path["Users/operator/Documents/clients_almaty.csv"]["sha256"] == csv_sha256);
    CHECK(by_path["Users/operator/Documents/base_2024.xlsx/xl/worksheets/sheet1.xml"]["mime"] != nullptr);
    CHECK(izshi::test::sha256_of_file(tree / "backup.zip") == before);
}

TEST_CASE("a single file is an item whose hashes are its own", "[sample][ingest][logical]") {
    izshi::test::TempDir work("single");
    auto csv = izshi::test::sample_dir() / "tree" / "Users" / "operator" / "Documents" / "clients_almaty.csv";
    auto case_file = work / "single.izshi";
    REQUIRE(run_izshi({"ingest", "--case", case_file.string(), csv.string()}).exit_code == 0);
    auto report = izshi::test::json_report(case_file);
    REQUIRE(report["evidence"].size() == 1);
    CHECK(report["evidence"][0]["format"] == "file");
    CHECK(report["evidence"][0]["sha256"] == izshi::test::sha256_of_file(csv));
    CHECK(report["evidence"][0]["size"] == std::filesystem::file_size(csv));
    REQUIRE(report["files"].size() == 1);
    CHECK(report["files"][0]["sha256"] == report["evidence"][0]["sha256"]);
    CHECK(report["files"][0]["mime"] == "text/csv");
}

TEST_CASE("an archive bomb stops at the ratio limit with a recorded warning", "[ingest][logical][errors]") {
    izshi::test::TempDir work("bomb");
    auto folder = work / "evidence";
    fs::create_directories(folder);
    auto zeros = izshi::test::run_command("cd " + izshi::test::shell_quote(folder.string()) +
                                          " && head -c 300000000 /dev/zero | gzip -9 > zeros.gz");
    REQUIRE(zeros.exit_code == 0);
    auto case_file = work / "bomb.izshi";
    auto result = run_izshi({"ingest", "--case", case_file.string(), folder.string()});
    INFO(result.out << result.err);
    CHECK(result.exit_code == 0);
    CHECK(result.err.find("compression ratio") != std::string::npos);
    auto report = izshi::test::json_report(case_file);
    bool recorded = false;
    for (const auto& error : report["errors"])
        recorded = recorded || error["message"].get<std::string>().find("archive bomb") != std::string::npos;
    CHECK(recorded);
}
