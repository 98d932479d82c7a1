// `izshi hash --case`: re-verifying evidence against its ingest and acquisition hashes, and marking
// a case's files from known hash sets (an NSRL RDSv3-shaped database built here), all recorded in
// the custody chain. The evidence itself is never changed by any of it.
#include <catch2/catch.hpp>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <fmt/format.h>

#include <fstream>
#include <random>

#include "support/support.h"

namespace fs = std::filesystem;
using izshi::test::json_report;
using izshi::test::run_command;
using izshi::test::run_izshi;
using izshi::test::shell_quote;
using izshi::test::write_file;
using izshi::test::sha256_of_file;

namespace {

void flip_byte(const fs::path& path, std::streamoff offset) {
    std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
    file.seekg(offset);
    char c = 0;
    file.get(c);
    file.seekp(offset);
    file.put(static_cast<char>(c ^ 0x01));
}

std::string upper(std::string text) {
    for (auto& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return text;
}

// A FAT image made the way an examiner's test media are: mkfs.fat and mtools, no mounting.
fs::path fat_image_with(const izshi::test::TempDir& work, const std::map<std::string, std::string>& files) {
    auto image = work / "stick.dd";
    REQUIRE(run_command("mkfs.fat -C " + shell_quote(image.string()) + " 4096 >/dev/null").exit_code == 0);
    for (const auto& [name, content] : files) {
        auto local = work / ("src-" + name);
        write_file(local, content);
        REQUIRE(run_command("mcopy -i " + shell_quote(image.string()) + " " + shell_quote(local.string()) + " ::" + name)
                    .exit_code == 0);
    }
    return image;
}

struct RdsRow {
    std::string sha256, sha1, md5, name;
    int64_t size = 0;
};

RdsRow rds_row_for(const fs::path& file, const std::string& name) {
    auto digest = [&](const char* tool, size_t length) {
        return run_command(std::string(tool) + " " + shell_quote(file.string())).out.substr(0, length);
    };
    return {digest("sha256sum", 64), digest("sha1sum", 40), digest("md5sum", 32), name,
            static_cast<int64_t>(fs::file_size(file))};
}

// NSRL RDSv3's FILE table (primary key led by sha256, upper-case hex), filled with unrelated rows
// plus the given files' hashes.
void write_rds(const fs::path& path, const std::vector<RdsRow>& known, size_t filler_rows,
               bool with_primary_key = true) {
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec(std::string("CREATE TABLE FILE (sha256 VARCHAR NOT NULL, sha1 VARCHAR NOT NULL, md5 VARCHAR NOT NULL, "
                        "file_name VARCHAR NOT NULL, file_size INTEGER NOT NULL, package_id INTEGER NOT NULL") +
            (with_primary_key ? ", CONSTRAINT PK_FILE__FILE PRIMARY KEY (sha256, sha1, md5, file_name, file_size, package_id))"
                              : ")"));
    db.exec("CREATE VIEW DISTINCT_HASH AS SELECT DISTINCT sha256, sha1, md5 FROM FILE");
    SQLite::Statement insert(db, "INSERT INTO FILE VALUES (?, ?, ?, ?, ?, ?)");
    auto add = [&](const std::string& sha256, const std::string& sha1, const std::string& md5, const std::string& name,
                   int64_t size) {
        insert.reset();
        insert.bind(1, upper(sha256));
        insert.bind(2, upper(sha1));
        insert.bind(3, upper(md5));
        insert.bind(4, name);
        insert.bind(5, size);
        insert.bind(6, 190000 + static_cast<int>(size % 1000));
        insert.exec();
    };
    std::mt19937_64 random(7);
    auto hex = [&](size_t digits) {
        std::string out;
        while (out.size() < digits) out += fmt::format("{:016x}", random());
        return out.substr(0, digits);
    };
    db.exec("BEGIN");
    for (size_t i = 0; i < filler_rows; ++i) add(hex(64), hex(40), hex(32), "lib" + std::to_string(i) + ".dll", i * 13);
    for (const auto& row : known) add(row.sha256, row.sha1, row.md5, row.name, row.size);
    db.exec("COMMIT");
}

std::map<std::string, nlohmann::json> files_by_name(const nlohmann::json& report) {
    std::map<std::string, nlohmann::json> out;
    for (const auto& file : report["files"]) out[file["name"].get<std::string>()] = file;
    return out;
}

}  // namespace

TEST_CASE("hash --verify passes after ingest and fails naming the item after one byte changes",
          "[hash][verify][case]") {
    izshi::test::TempDir work("hash-verify");
    auto image = work / "fat32.dmg";
    fs::copy_file(izshi::test::corpus_dir() / "images" / "raw" / "1mb_fat32.dmg", image);
    auto split = izshi::test::corpus_dir() / "images" / "raw" / "ext2.splitraw.000";
    auto e01 = izshi::test::corpus_dir() / "images" / "ewf" / "ext2.E01";
    auto case_file = (work / "c.izshi").string();
    REQUIRE(run_izshi({"ingest", "--case", case_file, image.string(), split.string(), e01.string()}).exit_code == 0);
    auto image_hash = sha256_of_file(image);

    auto passed = run_izshi({"--json", "hash", "--case", case_file, "--verify"});
    REQUIRE(passed.exit_code == 0);
    auto items = nlohmann::json::parse(passed.out)["items"];
    REQUIRE(items.size() == 3);
    for (const auto& item : items) CHECK(item["result"] == "match");
    CHECK(sha256_of_file(image) == image_hash);  // verification only reads

    flip_byte(image, 600000);
    auto failed = run_izshi({"hash", "--case", case_file, "--verify"});
    CHECK(failed.exit_code == 1);
    CHECK(failed.out.find("MISMATCH   #1 fat32.dmg") != std::string::npos);
    CHECK(failed.out.find("MD5 differs: recorded") != std::string::npos);
    CHECK(failed.out.find("OK         #3 ext2.E01") != std::string::npos);

    auto report = json_report(case_file);
    CHECK(report["evidence"][0]["reverification"] == "mismatch");
    CHECK(report["evidence"][2]["reverification"] == "match");
    CHECK(run_izshi({"custody", "verify", "--case", case_file}).exit_code == 0);

    // The stored results are sealed: rewriting one is detected.
    {
        SQLite::Database db(case_file, SQLite::OPEN_READWRITE);
        db.exec("UPDATE verifications SET result = 'match' WHERE result = 'mismatch'");
    }
    auto tampered = run_izshi({"custody", "verify", "--case", case_file});
    CHECK(tampered.exit_code == 1);
    CHECK(tampered.out.find("verification:1") != std::string::npos);
}

TEST_CASE("hash --verify of a logical folder names changed, added and missing files", "[hash][verify][case]") {
    izshi::test::TempDir work("hash-verify-folder");
    auto folder = work / "phone-export";
    write_file(folder / "contacts.vcf", "BEGIN:VCARD\nEND:VCARD\n");
    write_file(folder / "DCIM" / "photo.jpg", std::string(5000, 'j'));
    write_file(folder / "notes.txt", "call list");
    auto case_file = (work / "c.izshi").string();
    REQUIRE(run_izshi({"ingest", "--case", case_file, folder.string()}).exit_code == 0);
    CHECK(run_izshi({"hash", "--case", case_file, "--verify"}).exit_code == 0);

    write_file(folder / "notes.txt", "call list!");
    fs::remove(folder / "contacts.vcf");
    write_file(folder / "DCIM" / "planted.jpg", "x");
    auto result = run_izshi({"hash", "--case", case_file, "--verify"});
    CHECK(result.exit_code == 1);
    CHECK(result.out.find("notes.txt: SHA-256 differs") != std::string::npos);
    CHECK(result.out.find("contacts.vcf: recorded at ingest, now missing") != std::string::npos);
    CHECK(result.out.find("DCIM/planted.jpg: not in the case (added since ingest)") != std::string::npos);
}

TEST_CASE("an NSRL RDSv3 set marks known files in a case, recorded in custody", "[hash][known][nsrl][case]") {
    izshi::test::TempDir work("hash-nsrl");
    const std::map<std::string, std::string> contents = {
        {"KERNEL32.DLL", std::string(40000, 'k')}, {"NOTEPAD.EXE", std::string(9000, 'n')},
        {"CALLS.XLS", "victims to call"}, {"VOICEMOD.EXE", std::string(3000, 'v')}};
    auto image = fat_image_with(work, contents);
    auto case_file = (work / "c.izshi").string();
    REQUIRE(run_izshi({"ingest", "--case", case_file, image.string()}).exit_code == 0);
    auto image_hash = sha256_of_file(image);

    std::vector<RdsRow> known;
    for (const char* name : {"KERNEL32.DLL", "NOTEPAD.EXE"}) known.push_back(rds_row_for(work / ("src-" + std::string(name)), name));
    auto rds = work / "RDS_2026.09.1_modern_minimal.db";
    write_rds(rds, known, 3000);

    auto marked = run_izshi({"--json", "hash", "--case", case_file, "--known", rds.string(), "--mark", "known-good"});
    INFO(marked.err);
    REQUIRE(marked.exit_code == 0);
    CHECK(nlohmann::json::parse(marked.out)["items"][0]["marked"] == 2);
    auto files = files_by_name(json_report(case_file));
    CHECK(files["KERNEL32.DLL"]["known"] == "known-good");
    CHECK(files["NOTEPAD.EXE"]["known"] == "known-good");
    CHECK(files["CALLS.XLS"]["known"].is_null());
    CHECK(files["VOICEMOD.EXE"]["known"].is_null());

    // A known-bad list wins over known-good, and a later good set does not hide it again.
    auto bad = work / "bad.sha256";
    std::ofstream(bad) << run_command("sha256sum " + shell_quote((work / "src-VOICEMOD.EXE").string()) + " " +
                                      shell_quote((work / "src-NOTEPAD.EXE").string())).out;
    REQUIRE(run_izshi({"hash", "--case", case_file, "--known", bad.string(), "--mark", "known-bad"}).exit_code == 0);
    REQUIRE(run_izshi({"hash", "--case", case_file, "--known", rds.string(), "--mark", "known-good"}).exit_code == 0);
    files = files_by_name(json_report(case_file));
    CHECK(files["VOICEMOD.EXE"]["known"] == "known-bad");
    CHECK(files["NOTEPAD.EXE"]["known"] == "known-bad");
    CHECK(files["KERNEL32.DLL"]["known"] == "known-good");

    auto report = json_report(case_file);
    int mark_events = 0;
    for (const auto& event : report["custody"]) mark_events += event["action"] == "hash.mark";
    CHECK(mark_events == 3);
    CHECK(run_izshi({"custody", "verify", "--case", case_file}).exit_code == 0);
    CHECK(sha256_of_file(image) == image_hash);
    {
        SQLite::Database db(case_file, SQLite::OPEN_READWRITE);
        db.exec("UPDATE files SET known = 'known-good' WHERE name = 'VOICEMOD.EXE'");
    }
    CHECK(run_izshi({"custody", "verify", "--case", case_file}).exit_code == 1);
}

TEST_CASE("an NSRL set matches files on disk, and one without an index is refused clearly", "[hash][known][nsrl]") {
    izshi::test::TempDir work("hash-nsrl-paths");
    write_file(work / "files" / "system.dll", "system");
    write_file(work / "files" / "dump.csv", "iin;phone");
    auto rds = work / "rds.db";
    write_rds(rds, {rds_row_for(work / "files" / "system.dll", "system.dll")}, 2000);
    auto rds_hash = sha256_of_file(rds);
    auto matched = run_izshi({"hash", "--known", rds.string(), "-m", "-l", "-r", (work / "files").string()});
    CHECK(matched.exit_code == 0);
    CHECK(matched.out == (work / "files" / "system.dll").string() + "\n");
    CHECK(sha256_of_file(rds) == rds_hash);  // opened immutable: not even a journal is written
    CHECK_FALSE(fs::exists(rds.string() + "-journal"));
    CHECK(run_izshi({"hash", "--known", rds.string(), "--audit", "-r", (work / "files").string()}).exit_code == 2);

    auto unindexed = work / "unindexed.db";
    write_rds(unindexed, {}, 10, false);
    auto refused = run_izshi({"hash", "--known", unindexed.string(), "-m", "-r", (work / "files").string()});
    CHECK(refused.exit_code == 3);
    CHECK(refused.err.find("unindexed.db: RDSv3 table FILE has no index") != std::string::npos);
}
