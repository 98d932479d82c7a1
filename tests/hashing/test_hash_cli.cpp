// `izshi hash` on folders, checked against the peer tools themselves: hashdeep reads our output
// back (-k, -a), sha256sum -c accepts our sum lines, and our audit agrees with hashdeep's counters.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <regex>

#include "hashing/hash_run.h"
#include "support/support.h"

namespace fs = std::filesystem;
using izshi::test::run_command;
using izshi::test::run_izshi;
using izshi::test::shell_quote;
using izshi::test::write_file;

namespace {

// A small tree with the names that break naive formats: commas, quotes, a new line, a backslash,
// bytes that are not UTF-8, an empty file. hashdeep itself cannot represent a name with a new line
// (its format has no escape), so comparisons with hashdeep's own counters leave that one out.
fs::path awkward_tree(const izshi::test::TempDir& work, bool with_new_line = true) {
    auto root = work / "tree";
    write_file(root / "a.txt", "alpha\n");
    write_file(root / "sub" / "b.bin", std::string(70000, 'b'));
    write_file(root / "sub" / "deeper" / "c.txt", "gamma");
    write_file(root / "co,mma \"quoted\".txt", "1");
    if (with_new_line) write_file(root / "new\nline.txt", "2");
    write_file(root / "back\\slash.txt", "3");
    write_file(root / "cp1251-\xcf\xf0\xe8\xe2\xe5\xf2.txt", "4");
    write_file(root / "empty", "");
    return root;
}

// hashdeep's audit counters, from its -vv output.
std::map<std::string, int> hashdeep_counters(const std::string& output) {
    std::map<std::string, int> counters;
    std::regex line(R"(\s*(Files matched|Files partially matched|Files moved|New files found|Known files not found): (\d+))");
    for (std::sregex_iterator it(output.begin(), output.end(), line), end; it != end; ++it)
        counters[(*it)[1]] = std::stoi((*it)[2]);
    return counters;
}

std::map<std::string, int> izshi_counters(const nlohmann::json& audit) {
    const auto& c = audit["counters"];
    return {{"Files matched", c["matched"]}, {"Files partially matched", c["partial"]}, {"Files moved", c["moved"]},
            {"New files found", c["new"]}, {"Known files not found", c["not_found"]}};
}

std::string data_lines(const std::string& hashdeep_output) {
    std::string out;
    std::istringstream in(hashdeep_output);
    for (std::string line; std::getline(in, line);)
        if (!line.starts_with("%%%%") && !line.starts_with("##")) out += line + "\n";
    return out;
}

}  // namespace

TEST_CASE("hashdeep reads izshi's output back and passes its audit", "[hash][hashdeep]") {
    izshi::test::TempDir work("hash-roundtrip");
    auto root = awkward_tree(work);
    auto listing = work / "known.hashdeep";
    auto hashed = run_izshi({"hash", "-r", root.string()});
    REQUIRE(hashed.exit_code == 0);
    std::ofstream(listing, std::ios::binary) << hashed.out;

    auto peer = run_command("hashdeep -k " + shell_quote(listing.string()) + " -a -r " + shell_quote(root.string()));
    INFO(peer.out << peer.err);
    CHECK(peer.exit_code == 0);
    CHECK(peer.out.find("Audit passed") != std::string::npos);

    auto ours = run_izshi({"hash", "--known", listing.string(), "--audit", "-r", root.string()});
    CHECK(ours.exit_code == 0);
    CHECK(ours.out.find("Audit passed") != std::string::npos);
    CHECK(ours.out.find("Files matched: 8") != std::string::npos);
}

TEST_CASE("after a change, a move and an addition izshi and hashdeep report the same counters",
          "[hash][hashdeep][audit]") {
    izshi::test::TempDir work("hash-audit");
    auto root = awkward_tree(work, false);
    auto listing = work / "known.hashdeep";
    std::ofstream(listing, std::ios::binary) << run_izshi({"hash", "-r", root.string()}).out;

    write_file(root / "a.txt", "alphA\n");                              // one byte changed
    fs::rename(root / "sub" / "deeper" / "c.txt", root / "c-moved.txt");  // moved
    write_file(root / "sub" / "added.txt", "new evidence");             // added

    auto peer = run_command("hashdeep -k " + shell_quote(listing.string()) + " -a -vv -r " + shell_quote(root.string()));
    CHECK(peer.exit_code == 1);
    auto ours = run_izshi({"--json", "hash", "--known", listing.string(), "--audit", "-r", root.string()});
    CHECK(ours.exit_code == 1);
    auto audit = nlohmann::json::parse(ours.out);
    CHECK_FALSE(audit["passed"].get<bool>());
    CHECK(izshi_counters(audit) == hashdeep_counters(peer.out));
    CHECK(izshi_counters(audit) == std::map<std::string, int>{{"Files matched", 5}, {"Files partially matched", 0},
                                                                {"Files moved", 1}, {"New files found", 2},
                                                                {"Known files not found", 1}});
    CHECK(audit["not_found"] == nlohmann::json::array({fs::canonical(root).string() + "/a.txt"}));
}

TEST_CASE("sum format lines are accepted by sha256sum -c, awkward names included", "[hash][coreutils]") {
    izshi::test::TempDir work("hash-sum");
    auto root = awkward_tree(work);
    auto sums = work / "tree.sha256";
    auto hashed = run_izshi({"hash", "--format", "sum", "-r", root.string()});
    REQUIRE(hashed.exit_code == 0);
    std::ofstream(sums, std::ios::binary) << hashed.out;
    auto check = run_command("sha256sum --strict -c " + shell_quote(sums.string()));
    INFO(check.out << check.err);
    CHECK(check.exit_code == 0);
    CHECK(std::count(check.out.begin(), check.out.end(), '\n') == 8);
    // and izshi reads the same list as a known set
    CHECK(run_izshi({"hash", "--known", sums.string(), "--audit", "-r", root.string()}).exit_code == 0);
    CHECK(run_izshi({"hash", "--format", "sum", "-a", "md5,sha1", "-r", root.string()}).exit_code == 2);
}

TEST_CASE("output order is stable whatever the number of threads", "[hash][parallel]") {
    izshi::test::TempDir work("hash-order");
    auto root = work / "many";
    for (int i = 0; i < 300; ++i) write_file(root / std::to_string(i % 7) / ("f" + std::to_string(i)), std::string(i * 37, 'x'));
    auto one = run_izshi({"--threads", "1", "hash", "-r", root.string()});
    auto four = run_izshi({"--threads", "4", "hash", "-r", root.string()});
    REQUIRE(one.exit_code == 0);
    REQUIRE(four.exit_code == 0);
    CHECK(data_lines(one.out) == data_lines(four.out));
    CHECK(std::count(one.out.begin(), one.out.end(), '\n') == 300 + 5);
}

TEST_CASE("match (-m) and negative match (-x) split the files by the known set", "[hash][known]") {
    izshi::test::TempDir work("hash-match");
    auto root = awkward_tree(work);
    auto known = work / "some.md5";
    auto listed = run_command("md5sum " + shell_quote((root / "a.txt").string()) + " " +
                              shell_quote((root / "sub" / "b.bin").string()));
    std::ofstream(known) << listed.out << "not a digest line\n";
    auto matched = run_izshi({"hash", "--known", known.string(), "-m", "-l", "-r", root.string()});
    CHECK(matched.exit_code == 0);
    CHECK(matched.out == (root / "a.txt").string() + "\n" + (root / "sub" / "b.bin").string() + "\n");
    CHECK(matched.err.find("some.md5:3: not a 'digest  name' line") != std::string::npos);  // reported, rest loaded
    auto others = run_izshi({"--json", "hash", "--known", known.string(), "-x", "-r", root.string()});
    CHECK(others.exit_code == 0);
    CHECK(nlohmann::json::parse(others.out)["files"].size() == 6);
}

TEST_CASE("JSON and DFXML outputs parse, keep every name and carry the right digests", "[hash][formats]") {
    izshi::test::TempDir work("hash-formats");
    auto root = awkward_tree(work);
    auto json = nlohmann::json::parse(run_izshi({"--json", "hash", "-a", "sha1", "-r", root.string()}).out);
    REQUIRE(json["files"].size() == 8);
    for (const auto& file : json["files"]) {
        std::string path = file.contains("path_bytes") ? "" : file["path"].get<std::string>();
        if (file.contains("path_bytes")) {  // the CP1251 name: exact bytes in hex
            auto hex = file["path_bytes"].get<std::string>();
            for (size_t i = 0; i < hex.size(); i += 2) path.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
        }
        REQUIRE(fs::exists(path));
        auto sha1 = run_command("sha1sum < " + shell_quote(path)).out.substr(0, 40);
        CHECK(file["sha1"] == sha1);
    }
    auto xml = work / "tree.xml";
    std::ofstream(xml) << run_izshi({"hash", "--format", "dfxml", "-r", root.string()}).out;
    auto parsed = run_command("python3 -c " + shell_quote("import sys, xml.etree.ElementTree as E; "
                                                          "r = E.parse(sys.argv[1]).getroot(); "
                                                          "ns = '{http://www.forensicswiki.org/wiki/Category:Digital_Forensics_XML}'; "
                                                          "print(len(r.findall(ns + 'fileobject')))") +
                              " " + shell_quote(xml.string()));
    CHECK(parsed.exit_code == 0);
    CHECK(parsed.out == "8\n");
}

TEST_CASE("missing, unreadable and odd inputs are named and the run goes on", "[hash][errors]") {
    izshi::test::TempDir work("hash-errors");
    write_file(work / "good.txt", "good");
    REQUIRE(::mkfifo((work / "pipe").c_str(), 0600) == 0);
    write_file(work / "secret.txt", "locked");
    ::chmod((work / "secret.txt").c_str(), 0);
    auto result = run_izshi({"hash", (work / "missing.dd").string(), (work / "pipe").string(),
                             (work / "secret.txt").string(), (work / "good.txt").string()});
    CHECK(result.exit_code == 3);
    CHECK(result.err.find("missing.dd: no such file or folder") != std::string::npos);
    CHECK(result.err.find("pipe: not a regular file or block device") != std::string::npos);
    if (::geteuid() != 0) CHECK(result.err.find("secret.txt: Permission denied") != std::string::npos);
    CHECK(result.out.find("good.txt") != std::string::npos);  // the rest was still hashed
}

TEST_CASE("a file that vanishes between listing and hashing is reported, the others are hashed",
          "[hash][errors]") {
    izshi::test::TempDir work("hash-vanish");
    for (const char* name : {"a", "b", "c"}) write_file(work / "d" / name, name);
    auto targets = izshi::hashing::collect_targets({work / "d"}, {.recursive = true});
    REQUIRE(targets.files.size() == 3);
    fs::remove(work / "d" / "b");
    std::vector<std::string> seen;
    izshi::hashing::hash_targets(targets.files, {.algorithms = {izshi::hashing::Algorithm::sha256}, .threads = 2},
                                 [&](const izshi::hashing::FileHash& hashed) {
                                     seen.push_back(hashed.error ? "error: " + hashed.error->message
                                                                 : fs::path(hashed.target->name).filename().string());
                                 });
    REQUIRE(seen.size() == 3);
    CHECK(seen[0] == "a");
    CHECK(seen[1].find("/d/b: No such file or directory") != std::string::npos);
    CHECK(seen[2] == "c");
}
