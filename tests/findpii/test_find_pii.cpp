// `izshi find-pii` on the sample seized laptop: every seeded identifier in the files it can read
// today is found, nothing else is; reports mask it unless revealed; reruns never duplicate; the
// findings are sealed; the evidence is not changed.
#include <catch2/catch.hpp>

#include <SQLiteCpp/Database.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <map>
#include <random>
#include <set>

#include "findpii/stream_scanner.h"
#include "support/support.h"

namespace fs = std::filesystem;
using izshi::test::json_report;
using izshi::test::run_izshi;

namespace {

nlohmann::json manifest() {
    std::ifstream in(izshi::test::sample_dir() / "manifest.json");
    return nlohmann::json::parse(in);
}

// The IINs of the identities seeded in files of these kinds.
std::set<std::string> seeded_iins(const std::set<std::string>& kinds) {
    auto m = manifest();
    std::set<std::string> out;
    for (const auto& file : m["files"])
        if (kinds.count(file["kind"].get<std::string>()))
            for (int index : file["identities"]) out.insert(m["identities"][static_cast<size_t>(index)]["iin"].get<std::string>());
    return out;
}

std::set<std::string> all_seeded(const char* field) {
    std::set<std::string> out;
    auto m = manifest();  // kept alive: the loop walks a part of it
    for (const auto& identity : m["identities"]) out.insert(identity[field].get<std::string>());
    return out;
}

std::set<std::string> found_iins(const nlohmann::json& report, int64_t evidence_id) {
    std::set<std::string> out;
    for (const auto& f : report["pii"]["findings"])
        if (f["type"] == "iin" && f["evidence_id"] == evidence_id) out.insert(f["value"].get<std::string>());
    return out;
}

struct ScannedSample {
    izshi::test::TempDir work{"find-pii"};
    fs::path case_file = work / "c.izshi";
    fs::path image = izshi::test::sample_dir() / "laptop-fat32.img";
    fs::path tree = izshi::test::sample_dir() / "tree";
    std::string image_hash = izshi::test::sha256_of_file(image);

    ScannedSample() {
        REQUIRE(run_izshi({"ingest", "--case", case_file.string(), image.string(), tree.string()}).exit_code == 0);
        auto scan = run_izshi({"--json", "find-pii", "--case", case_file.string()});
        INFO(scan.err);
        REQUIRE(scan.exit_code == 0);
    }
};

}  // namespace

TEST_CASE("find-pii finds every seeded IIN in text, CSV, UTF-16, xlsx, SQLite and deleted files, and nothing else",
          "[find-pii][sample]") {
    ScannedSample sample;
    auto report = json_report(sample.case_file);  // kept alive: the loops below walk parts of it
    auto revealed = run_izshi({"report", "--reveal", "--case", sample.case_file.string()});
    REQUIRE(revealed.exit_code == 0);
    auto full = nlohmann::json::parse(revealed.out);

    // The folder holds every file, read whole: text, CSV, UTF-16, the xlsx (its worksheet inside the
    // zip, IINs stored as numbers without their leading zero restored) and the SQLite CRM (INTEGER
    // IINs read through SQLite). The FAT image holds the same files, the victims list deleted.
    auto tree_found = found_iins(full, 2);
    for (const auto& iin : seeded_iins({"csv", "utf16-text", "text", "xlsx", "sqlite", "cp1251-text", "zip"}))
        CHECK(tree_found.count(iin));
    auto image_found = found_iins(full, 1);
    // On the image, archives arrive as plain files: the xlsx and the zip are opened by find-pii.
    for (const auto& iin : seeded_iins({"csv", "utf16-text", "text", "sqlite", "cp1251-text", "xlsx", "zip"}))
        CHECK(image_found.count(iin));
    // Cards and e-mail addresses of the people in the CP1251 export and in the leaked zip's CSV.
    std::set<std::string> values;
    for (const auto& f : full["pii"]["findings"])
        if (f["evidence_id"] == 2) values.insert(f["type"].get<std::string>() + " " + f["value"].get<std::string>());
    auto m = manifest();
    size_t cards = 0;
    for (const auto& file : m["files"]) {
        if (file["kind"] != "cp1251-text" && file["kind"] != "zip") continue;
        for (int index : file["identities"]) {
            const auto& person = m["identities"][static_cast<size_t>(index)];
            INFO(file["path"] << " " << person["name"]);
            CHECK(values.count("card " + person["card"].get<std::string>()));
            CHECK(values.count("email " + person["email"].get<std::string>()));
            ++cards;
        }
    }
    CHECK(cards == 70);
    CHECK(full["pii"]["distinct_iins"] == manifest()["identities"].size());
    // Precision: every IIN, phone number and IBAN found belongs to a seeded identity.
    auto iins = all_seeded("iin"), phones = all_seeded("phone"), ibans = all_seeded("iban");
    for (const auto& f : full["pii"]["findings"]) {
        auto value = f["value"].get<std::string>();
        INFO(f.dump());
        if (f["type"] == "iin") CHECK(iins.count(value));
        if (f["type"] == "phone") CHECK(phones.count(value));
        if (f["type"] == "iban") CHECK(ibans.count(value));
    }
    // The decoys (wrong check or century digit, glued runs, unassigned prefixes, failed Luhn): none.
    for (const auto& f : full["pii"]["findings"]) CHECK(f["path"].get<std::string>().find("decoys") == std::string::npos);
    std::set<std::string> distinct;
    for (const auto& f : full["pii"]["findings"])
        if (f["type"] == "iin") distinct.insert(f["value"].get<std::string>());
    CHECK(full["pii"]["distinct_iins"] == distinct.size());
    CHECK(report["pii"]["distinct_iins"] == distinct.size());
    CHECK(izshi::test::sha256_of_file(sample.image) == sample.image_hash);
}

TEST_CASE("the files holding many people are reported as personal-data databases, with overlaps",
          "[find-pii][databases]") {
    ScannedSample sample;
    auto report = json_report(sample.case_file);
    auto m = manifest();
    std::map<std::string, size_t> expected;  // path in the tree -> identities seeded there
    for (const auto& file : m["files"]) {
        std::string kind = file["kind"];
        if (kind == "csv" || kind == "sqlite" || kind == "text" || kind == "cp1251-text")
            expected[file["path"]] = file["identities"].size();
        if (kind == "xlsx") expected[file["path"].get<std::string>() + "/xl/worksheets/sheet1.xml"] = file["identities"].size();
        if (kind == "zip") expected[file["path"].get<std::string>() + "/export/dump.csv"] = file["identities"].size();
    }
    std::map<std::string, nlohmann::json> tree_databases;
    for (const auto& database : report["pii"]["databases"])
        if (database["evidence_id"] == 2) tree_databases[database["path"]] = database;
    REQUIRE(tree_databases.size() == expected.size());
    for (const auto& [path, people] : expected) {
        INFO(path);
        REQUIRE(tree_databases.count(path));
        CHECK(tree_databases[path]["distinct_iins"] == people);
        // The same people on the seized laptop's image: the overlap names the other evidence item.
        bool on_image = false;
        for (const auto& overlap : tree_databases[path]["overlaps"]) on_image |= overlap["evidence_id"] == 1;
        CHECK(on_image);
    }
    CHECK(tree_databases["Users/operator/AppData/Roaming/crm/clients.db"]["columns"].contains("clients/iin"));
    auto csv_columns = tree_databases["Users/operator/Documents/clients_almaty.csv"]["columns"];
    CHECK(csv_columns["ИИН"] == nlohmann::json::array({"iin"}));
    CHECK(csv_columns["Телефон"] == nlohmann::json::array({"phone"}));
}

TEST_CASE("reports mask personal data unless revealed, and revealing is recorded", "[find-pii][masking]") {
    ScannedSample sample;
    auto masked = run_izshi({"report", "--case", sample.case_file.string()}).out;
    auto revealed = run_izshi({"--examiner", "Inspector A", "--authorization", "order 17", "report", "--reveal", "--case",
                               sample.case_file.string()}).out;
    size_t seen_revealed = 0;
    for (const char* field : {"iin", "phone", "iban", "email", "card"})
        for (const auto& value : all_seeded(field)) {
            INFO(field << " " << value);
            CHECK(masked.find(value) == std::string::npos);
            seen_revealed += revealed.find(value) != std::string::npos;
        }
    CHECK(seen_revealed > 500);
    CHECK(masked.find("\"masked\": true") != std::string::npos);
    auto report = json_report(sample.case_file);
    const auto& last = report["custody"].back();
    CHECK(last["action"] == "report.reveal");
    CHECK(last["examiner"] == "Inspector A");
    CHECK(last["authorization"] == "order 17");
}

TEST_CASE("ingest --find-pii scans in the walk's read and finds exactly what find-pii finds",
          "[find-pii][ingest]") {
    izshi::test::TempDir work("ingest-find-pii");
    auto one_read = (work / "one-read.izshi").string(), two_reads = (work / "two-reads.izshi").string();
    std::vector<std::string> sources = {(izshi::test::sample_dir() / "tree").string(),
                                        (izshi::test::sample_dir() / "laptop-fat32.img").string()};
    std::vector<std::string> with_pii = {"--json", "ingest", "--find-pii", "--case", one_read};
    with_pii.insert(with_pii.end(), sources.begin(), sources.end());
    auto result = run_izshi(with_pii);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    auto summary = nlohmann::json::parse(result.out);
    CHECK(summary["items"][0]["status"] == "ingested");
    CHECK(summary["pii"]["items"][0]["status"] == "scanned");
    CHECK(summary["pii"]["items"][1]["status"] == "scanned");
    CHECK(summary["pii"]["distinct_iins"] == manifest()["identities"].size());
    CHECK(run_izshi({"custody", "verify", "--case", one_read}).exit_code == 0);

    std::vector<std::string> plain = {"ingest", "--case", two_reads};
    plain.insert(plain.end(), sources.begin(), sources.end());
    REQUIRE(run_izshi(plain).exit_code == 0);
    REQUIRE(run_izshi({"find-pii", "--case", two_reads}).exit_code == 0);
    auto rows = [](const std::string& case_file) {
        SQLite::Database db(case_file);
        SQLite::Statement query(db, "SELECT x.evidence_id, coalesce(f.walk_key, ''), coalesce(r.kind || r.offset, ''), "
                                    "x.offset, x.location, x.type, x.value, x.encoding FROM findings x "
                                    "LEFT JOIN files f ON f.id = x.file_id LEFT JOIN regions r ON r.id = x.region_id");
        std::multiset<std::string> out;
        while (query.executeStep()) {
            std::string row;
            for (int c = 0; c < 8; ++c) row += query.getColumn(c).getString() + "|";
            out.insert(row);
        }
        return out;
    };
    auto a = rows(one_read), b = rows(two_reads);
    CHECK(a.size() > 1500);
    CHECK(a == b);
}

TEST_CASE("feature files have one escaped, tab-separated line per finding, masked unless revealed",
          "[find-pii][features]") {
    ScannedSample sample;
    auto report = json_report(sample.case_file);
    auto masked = sample.work / "features";
    auto revealed = sample.work / "features-revealed";
    REQUIRE(run_izshi({"report", "--case", sample.case_file.string(), "--format", "features", "-o", masked.string()}).exit_code == 0);
    REQUIRE(run_izshi({"report", "--case", sample.case_file.string(), "--format", "features", "--reveal", "-o",
                       revealed.string()}).exit_code == 0);
    CHECK(run_izshi({"report", "--case", sample.case_file.string(), "--format", "features"}).exit_code == 2);  // no -o
    auto iins = all_seeded("iin");
    for (const auto& [folder, reveal] : {std::pair{masked, false}, std::pair{revealed, true}}) {
        size_t lines = 0;
        for (const auto& entry : fs::directory_iterator(folder)) {
            std::ifstream in(entry.path());
            for (std::string line; std::getline(in, line);) {
                if (line.starts_with("#")) continue;
                ++lines;
                INFO(entry.path() << ": " << line);
                CHECK(std::count(line.begin(), line.end(), '\t') == 2);
                auto feature = line.substr(line.find('\t') + 1);
                feature = feature.substr(0, feature.find('\t'));
                if (entry.path().filename() == "iin.txt") CHECK(iins.count(feature) == (reveal ? 1u : 0u));
            }
        }
        CHECK(lines == report["pii"]["findings"].size());
    }
}

TEST_CASE("a rerun skips scanned items, --rescan replaces their findings, and the findings are sealed",
          "[find-pii][resume]") {
    ScannedSample sample;
    auto count = [&] {
        SQLite::Database db(sample.case_file.string());
        return db.execAndGet("SELECT count(*) FROM findings").getInt64();
    };
    auto before = count();
    REQUIRE(before > 1000);
    auto again = run_izshi({"--json", "find-pii", "--case", sample.case_file.string()});
    CHECK(again.exit_code == 0);
    CHECK(nlohmann::json::parse(again.out)["items"][0]["status"] == "skipped");
    CHECK(count() == before);
    auto rescan = run_izshi({"--json", "find-pii", "--case", sample.case_file.string(), "--rescan", "--evidence", "2"});
    CHECK(rescan.exit_code == 0);
    CHECK(nlohmann::json::parse(rescan.out)["items"][0]["status"] == "scanned");
    CHECK(count() == before);
    CHECK(run_izshi({"custody", "verify", "--case", sample.case_file.string()}).exit_code == 0);
    {
        SQLite::Database db(sample.case_file.string(), SQLite::OPEN_READWRITE);
        db.exec("UPDATE findings SET value = '000000000000' WHERE id = (SELECT max(id) FROM findings WHERE type = 'iin')");
    }
    auto tampered = run_izshi({"custody", "verify", "--case", sample.case_file.string()});
    CHECK(tampered.exit_code == 1);
    CHECK(tampered.out.find("findings:") != std::string::npos);
}

TEST_CASE("the stream scanner finds the same as one scan whatever the pieces and the threads", "[find-pii][boundary]") {
    auto text = izshi::test::read_file(izshi::test::sample_dir() / "tree" / "Users" / "operator" / "Documents" / "clients_almaty.csv");
    std::string stream;
    while (stream.size() < 3 * izshi::findpii::StreamScanner::kBlock) stream += text;  // several blocks
    izshi::pii::Scanner scanner;
    // Pieces of random sizes, and their blocks scanned on three worker threads.
    izshi::findpii::StreamScanner whole(scanner), pieces(scanner, 3);
    auto bytes = std::span(reinterpret_cast<const unsigned char*>(stream.data()), stream.size());
    whole.begin();
    whole.update(bytes);
    auto expected = whole.finish();
    std::mt19937 random(3);
    pieces.begin();
    for (size_t at = 0; at < bytes.size();) {
        size_t n = std::min<size_t>(bytes.size() - at, random() % 70000 + 1);
        pieces.update(bytes.subspan(at, n));
        at += n;
    }
    auto got = pieces.finish();
    auto key = [](const auto& f) { return std::to_string(f.offset) + std::string(izshi::pii::pii_type_name(f.type)) + f.value; };
    std::multiset<std::string> a, b;
    for (const auto& f : expected) a.insert(key(f));
    for (const auto& f : got) b.insert(key(f));
    CHECK(a.size() > 2000);
    CHECK(a == b);
}
