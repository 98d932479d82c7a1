// Every corpus image that libtsk opens is ingested and compared with the peer-tool ground truth in
// ../shared/corpus/expected (TSK 4.11 fls/mmls/img_stat, ewfinfo).
#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <set>

#include "core/text.h"
#include "support/support.h"

namespace fs = std::filesystem;
using izshi::test::run_izshi;
using nlohmann::json;

namespace {

// SUMMARY.json's "source" -> the first segment to ingest (unpacked where the corpus ships it compressed).
fs::path image_path(const json& entry) {
    std::string id = entry["id"], source = entry["source"];
    auto corpus = izshi::test::corpus_dir();
    if (source.ends_with(".gz")) return izshi::test::unpacked_corpus() / "raw" / fs::path(source).stem();
    if (source.starts_with("images/dftt/")) {
        auto folder = izshi::test::unpacked_corpus() / "dftt" / fs::path(source).stem();
        auto wanted = id.substr(id.find('-') + 1);  // "dftt10-ntfs-disk.dd" -> "ntfs-disk.dd"
        for (const auto& file : fs::recursive_directory_iterator(folder))
            if (file.path().filename().string().ends_with(wanted)) return file.path();
        return {};
    }
    if (auto plus = source.find('+'); plus != std::string::npos) {  // "x.splitraw.000+001": first segment
        return corpus / source.substr(0, plus);
    }
    return corpus / source;
}

// TSK's short names (tsk_fs_type_toname) against fsstat's display names used by the ground truth.
std::string display_fs_name(const std::string& short_name) {
    static const std::map<std::string, std::string> names = {
        {"ntfs", "NTFS"},   {"fat12", "FAT12"}, {"fat16", "FAT16"},     {"fat32", "FAT32"}, {"exfat", "exFAT"},
        {"ext2", "Ext2"},   {"ext3", "Ext3"},   {"ext4", "Ext4"},       {"hfs", "HFS+"},    {"hfsp", "HFS+"},    {"iso9660", "ISO9660"},
        {"apfs", "APFS"}};
    auto it = names.find(short_name);
    return it == names.end() ? short_name : it->second;
}

struct BodyfileEntry {
    std::string path, md5;
};

// Regular-file lines of `fls -r -m / -h`: "md5|/path|inode|r/r...|..."; ($FILE_NAME) rows are not files.
std::vector<BodyfileEntry> regular_files_of_bodyfile(const fs::path& path) {
    std::vector<BodyfileEntry> entries;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        std::vector<std::string> fields;
        size_t start = 0;
        for (size_t bar; (bar = line.find('|', start)) != std::string::npos; start = bar + 1)
            fields.push_back(line.substr(start, bar - start));
        if (fields.size() < 4 || !fields[3].starts_with("r/")) continue;
        std::string name = fields[1].substr(1);
        if (name.ends_with(" ($FILE_NAME)")) continue;
        for (std::string suffix : {" (deleted-realloc)", " (deleted)"})
            if (name.ends_with(suffix)) name.resize(name.size() - suffix.size());
        entries.push_back({name, fields[0]});
    }
    return entries;
}

void check_file_system(const json& report, const json& expected_fs, const json& volume, const std::string& image_id) {
    int64_t volume_index = volume["index"];
    int64_t allocated = 0, deleted = 0;
    std::map<std::string, std::multiset<std::string>> md5_by_path;
    for (const auto& file : report["files"]) {
        if (file["volume_index"] != volume_index) continue;
        if (file["kind"] == "file") (file["allocated"].get<bool>() ? allocated : deleted)++;
        md5_by_path[file["path"]].insert(file["md5"].is_null() ? "" : file["md5"].get<std::string>());
    }
    CHECK(allocated == expected_fs["reg_alloc"].get<int64_t>());
    CHECK(deleted == expected_fs["reg_deleted"].get<int64_t>());
    int64_t offset = expected_fs["offset"];
    auto bodyfile = izshi::test::corpus_dir() / "expected" / image_id / ("bodyfile-md5.o" + std::to_string(offset) + ".txt");
    REQUIRE(fs::exists(bodyfile));
    int compared = 0;
    for (const auto& entry : regular_files_of_bodyfile(bodyfile)) {
        if (entry.md5 == std::string(32, '0')) continue;  // fls could not read it either
        CAPTURE(entry.path);
        REQUIRE(md5_by_path.contains(entry.path));
        CHECK(md5_by_path[entry.path].contains(entry.md5));
        ++compared;
    }
    CHECK(compared > 0);
}

}  // namespace

TEST_CASE("every corpus image that libtsk opens matches the TSK ground truth", "[corpus][ingest]") {
    std::ifstream summary_file(izshi::test::corpus_dir() / "expected" / "SUMMARY.json");
    auto summary = json::parse(summary_file);
    izshi::test::TempDir work("corpus");
    int images_checked = 0;
    for (const auto& entry : summary) {
        std::string id = entry["id"];
        if (id == "image.qcow" || id == "Base-Linear.aff4") continue;  // the error path, tested below
        CAPTURE(id);
        auto image = image_path(entry);
        REQUIRE(fs::exists(image));
        auto case_file = work / (id + ".izshi");
        auto ingest = run_izshi({"ingest", "--case", case_file.string(), image.string()});
        INFO(ingest.err);
        REQUIRE(ingest.exit_code == 0);
        auto report = izshi::test::json_report(case_file);
        REQUIRE(report["evidence"].size() == 1);
        const auto& item = report["evidence"][0];
        CHECK(item["md5"] == entry["media_md5"]);
        CHECK(item["size"] == entry["media_size"]);
        if (entry.contains("ewf_stored_md5")) CHECK(item["verification"] == "match");

        // Volumes: one per allocated partition, or one for the whole image without a volume system.
        std::vector<json> volumes(report["volumes"].begin(), report["volumes"].end());
        if (entry["vs"] == "none")
            CHECK(volumes.front()["description"] == "whole image (no volume system)");
        else
            CHECK(volumes.size() == entry["partitions"].size());

        for (const auto& expected_fs : entry["filesystems"]) {
            std::string fs_name = expected_fs["fs"];
            int64_t offset = expected_fs["offset"];
            CAPTURE(fs_name, offset);
            const json* volume = nullptr;
            for (const auto& v : volumes)
                if (v["start_sector"] == offset && !v["fs_type"].is_null() && v["fs_type"] != "APFS pool") volume = &v;
            if (fs_name.starts_with("none")) {  // tables only: recorded as a raw region
                bool raw_region = false;
                for (const auto& v : volumes)
                    if (v["start_sector"] == offset && v["fs_type"].is_null()) raw_region = true;
                CHECK(raw_region);
                continue;
            }
            REQUIRE(volume != nullptr);
            CHECK(display_fs_name((*volume)["fs_type"]) == fs_name);
            check_file_system(report, expected_fs, *volume, id);
        }
        ++images_checked;
    }
    CHECK(images_checked >= 30);
}

TEST_CASE("split raw and split E01 equal their single-file twins", "[corpus][ingest]") {
    izshi::test::TempDir work("twins");
    auto corpus = izshi::test::corpus_dir() / "images";
    auto files_of = [&](const fs::path& image, const std::string& name) {
        auto case_file = work / name;
        REQUIRE(run_izshi({"ingest", "--case", case_file.string(), image.string()}).exit_code == 0);
        auto report = izshi::test::json_report(case_file);
        std::set<std::pair<std::string, std::string>> files;
        for (const auto& f : report["files"])
            files.emplace(f["path"], f["sha256"].is_null() ? "" : f["sha256"].get<std::string>());
        return std::pair(files, report["evidence"][0]);
    };
    auto [single_files, single] = files_of(izshi::test::unpacked_corpus() / "raw" / "ext2.raw", "single.izshi");
    auto [split_files, split] = files_of(corpus / "raw" / "ext2.splitraw.000", "split.izshi");
    auto [ewf_files, ewf] = files_of(corpus / "ewf" / "ext2.split.E01", "ewf.izshi");
    CHECK(split["sources"].size() == 2);
    CHECK(ewf["sources"].size() == 2);
    CHECK(split_files == single_files);
    CHECK(ewf_files == single_files);
    CHECK(split["sha256"] == single["sha256"]);
    CHECK(ewf["sha256"] == single["sha256"]);
}

TEST_CASE("QCOW and AFF4 are refused with exit code 3 and nothing half-written", "[corpus][ingest][errors]") {
    izshi::test::TempDir work("unsupported");
    auto case_file = work / "case.izshi";
    for (std::string name : {"image.qcow", "Base-Linear.aff4"}) {
        CAPTURE(name);
        auto result = run_izshi({"ingest", "--case", case_file.string(),
                                 (izshi::test::corpus_dir() / "images" / "other" / name).string()});
        CHECK(result.exit_code == 3);
        CHECK(result.err.find(name) != std::string::npos);
        CHECK(result.err.find("not supported") != std::string::npos);
    }
    auto report = izshi::test::json_report(case_file);
    CHECK(report["evidence"].empty());
    CHECK(report["files"].empty());
    CHECK(report["errors"].size() == 2);  // the refusals are recorded in the case
    CHECK(run_izshi({"custody", "verify", "--case", case_file.string()}).exit_code == 0);
}
