// The formats partner tools read, checked with tools other than izshi: DFXML is well-formed XML with
// one fileobject per file and its hashes; CASE/UCO JSON-LD expands (pyld, python3-pyld) and holds
// every file and custody action; CSV tables have every row. And across every masked output, no IIN
// or phone number of the sample appears; revealed, they do.
#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>

#include "support/support.h"

namespace fs = std::filesystem;
using izshi::test::run_izshi;
using izshi::test::shell_quote;

namespace {

// Every output of a folder (or one file) as one text, to grep.
std::string read_outputs(const fs::path& path) {
    if (!fs::is_directory(path)) return izshi::test::read_file(path);
    std::string all;
    for (const auto& entry : fs::recursive_directory_iterator(path))
        if (entry.is_regular_file()) all += izshi::test::read_file(entry.path());
    return all;
}

izshi::test::CommandResult python(const std::string& program, const std::vector<std::string>& arguments) {
    std::string command = "/usr/bin/python3 -c " + shell_quote(program);
    for (const auto& a : arguments) command += " " + shell_quote(a);
    return izshi::test::run_command(command);
}

struct ScannedSample {
    izshi::test::TempDir work{"report-formats"};
    fs::path sample = izshi::test::sample_dir();
    std::string case_file = (work / "c.izshi").string();
    ScannedSample() {
        REQUIRE(run_izshi({"ingest", "--find-pii", "--case", case_file, "--exhibit", "EX-7", (sample / "laptop-ext4.img").string(),
                           (sample / "tree").string(), (sample / "phone").string()})
                    .exit_code == 0);
        REQUIRE(run_izshi({"find-software", "--case", case_file}).exit_code == 0);
        REQUIRE(run_izshi({"match-numbers", "--case", case_file, "--utc-offset", "+05:00", "--watchlist",
                           (sample / "watchlists/intercepted_calls.csv").string()})
                    .exit_code == 0);
    }
    fs::path render(const std::string& format, const std::string& name, bool reveal = false) {
        auto path = work / name;
        std::vector<std::string> args = {"report", "--case", case_file, "--format", format, "-o", path.string()};
        if (reveal) args.push_back("--reveal");
        REQUIRE(run_izshi(args).exit_code == 0);
        return path;
    }
};

}  // namespace

TEST_CASE("DFXML: well-formed, one fileobject per file row, with the hashes ingest computed", "[report][dfxml]") {
    ScannedSample s;
    auto dfxml = s.render("dfxml", "inventory.dfxml");
    auto report = izshi::test::json_report(s.case_file);
    REQUIRE(run_izshi({"report", "--case", s.case_file, "-o", (s.work / "report.json").string()}).exit_code == 0);
    auto check = python(R"PY(
import json, sys, xml.etree.ElementTree as ET
ns = {"d": "http://www.forensicswiki.org/wiki/Category:Digital_Forensics_XML"}
objects = ET.parse(sys.argv[1]).getroot().findall(".//d:fileobject", ns)
files = {f["id"]: f for f in json.load(open(sys.argv[2]))["files"]}
assert len(objects) == len(files), (len(objects), len(files))
for o in objects:
    f = files[int(o.find("d:id", ns).text)]
    assert o.find("d:filename", ns).text == f["path"]
    digests = {h.get("type"): h.text for h in o.findall("d:hashdigest", ns)}
    for kind in ("md5", "sha1", "sha256"):
        assert digests.get(kind) == f[kind], (f["path"], kind)
print(len(objects))
)PY",
                   {dfxml.string(), (s.work / "report.json").string()});
    INFO(check.out << check.err);
    CHECK(check.exit_code == 0);
    CHECK(std::stoul(check.out) == report["files"].size());
}

TEST_CASE("CASE/UCO JSON-LD expands, with every file, every custody action and the exhibits", "[report][case]") {
    ScannedSample s;
    auto jsonld = s.render("case", "case.jsonld");
    REQUIRE(run_izshi({"report", "--case", s.case_file, "-o", (s.work / "report.json").string()}).exit_code == 0);
    auto check = python(R"PY(
import json, sys
from pyld import jsonld
expanded = jsonld.expand(json.load(open(sys.argv[1])))
report = json.load(open(sys.argv[2]))
def of(kind):
    return [n for n in expanded if kind in n.get("@type", [])]
files = of("https://ontology.unifiedcyberontology.org/uco/observable/File")
actions = of("https://ontology.caseontology.org/case/investigation/InvestigativeAction")
records = of("https://ontology.caseontology.org/case/investigation/ProvenanceRecord")
assert len(files) == len(report["files"]), (len(files), len(report["files"]))
assert len(actions) == len(report["custody"]), (len(actions), len(report["custody"]))
names = sorted(a["https://ontology.unifiedcyberontology.org/uco/core/name"][0]["@value"] for a in actions)
assert names == sorted(e["action"] for e in report["custody"])
exhibits = sorted(r["https://ontology.caseontology.org/case/investigation/exhibitNumber"][0]["@value"] for r in records)
assert exhibits == sorted(e["exhibit"] for e in report["evidence"]), exhibits
hashed = [f for f in files if any("ContentDataFacet" in t for facet in f["https://ontology.unifiedcyberontology.org/uco/core/hasFacet"] for t in facet.get("@type", []))]
assert len(hashed) == len(files)
assert len(of("https://ontology.caseontology.org/case/investigation/Investigation")) == 1
print("ok")
)PY",
                        {jsonld.string(), (s.work / "report.json").string()});
    INFO(check.out << check.err);
    CHECK(check.exit_code == 0);
}

TEST_CASE("no IIN or phone number of the sample in any masked output; all of them revealed", "[report][masking]") {
    ScannedSample s;
    std::ifstream manifest_in(s.sample / "manifest.json");
    auto manifest = nlohmann::json::parse(manifest_in);
    std::string masked;
    for (const auto& [format, name] : std::vector<std::pair<std::string, std::string>>{
             {"json", "r.json"}, {"html", "r.html"}, {"md", "r.md"}, {"csv", "csv"}, {"features", "features"}})
        masked += read_outputs(s.render(format, name));
    REQUIRE(masked.size() > 100000);
    size_t iins = 0, phones = 0;
    for (const auto& person : manifest["identities"]) {
        auto iin = person["iin"].get<std::string>(), phone = person["phone"].get<std::string>();
        CHECK(masked.find(iin) == std::string::npos);
        CHECK(masked.find(phone) == std::string::npos);
        ++iins, ++phones;
    }
    CHECK(iins == 295);
    auto revealed = read_outputs(s.render("json", "revealed.json", true)) + read_outputs(s.render("csv", "revealed-csv", true));
    for (const auto& person : manifest["identities"]) {
        CHECK(revealed.find(person["iin"].get<std::string>()) != std::string::npos);
        CHECK(revealed.find(person["phone"].get<std::string>()) != std::string::npos);
    }
    // CSV tables: every row of the JSON report's tables.
    auto report = izshi::test::json_report(s.case_file);
    auto lines = [&](const char* file) {
        auto text = izshi::test::read_file(s.work / "csv" / file);
        return static_cast<size_t>(std::count(text.begin(), text.end(), '\n')) - 1;
    };
    CHECK(lines("evidence.csv") == report["evidence"].size());
    CHECK(lines("findings.csv") == report["pii"]["findings"].size());
    CHECK(lines("custody.csv") == report["custody"].size() - 2);  // the two reveals came after it
}
