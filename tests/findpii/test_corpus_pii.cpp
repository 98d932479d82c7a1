// find-pii on real inputs from ../shared/corpus, against its ground truth (expected/
// pii_ground_truth.tsv) and against the Android databases read with SQLite directly.
#include <catch2/catch.hpp>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <set>

#include "pii/phone.h"
#include "support/support.h"

namespace fs = std::filesystem;
using izshi::test::run_izshi;

namespace {

// type -> distinct values found in the file at 'path' (of the revealed report).
std::map<std::string, std::set<std::string>> found_in(const nlohmann::json& report, const std::string& path) {
    std::map<std::string, std::set<std::string>> out;
    for (const auto& f : report["pii"]["findings"])
        if (f["path"] == path) out[f["type"].get<std::string>()].insert(f["value"].get<std::string>());
    return out;
}

}  // namespace

TEST_CASE("find-pii on the corpus: the card list, the vCard and the Android call log", "[find-pii][corpus]") {
    izshi::test::TempDir work("pii-corpus");
    auto corpus = izshi::test::corpus_dir();
    auto case_file = (work / "c.izshi").string();
    REQUIRE(run_izshi({"ingest", "--case", case_file, (corpus / "text").string(), (corpus / "docs").string(),
                       (corpus / "mobile").string()}).exit_code == 0);
    auto scan = run_izshi({"find-pii", "--case", case_file});
    INFO(scan.out << scan.err);
    REQUIRE(scan.exit_code == 0);
    CHECK(scan.err.find("warning") == std::string::npos);  // WAL databases are read too
    auto report = nlohmann::json::parse(run_izshi({"report", "--reveal", "--case", case_file}).out);

    // pii_ground_truth.tsv: 18 numbers, 17 pass Luhn (the 11-digit Dankort does not).
    auto cards = found_in(report, "be_ccns.txt");
    CHECK(cards["card"].size() == 17);
    CHECK(cards["card"].count("371449635398431"));
    CHECK_FALSE(cards["card"].count("76009244561"));
    // pii_ground_truth.tsv: 1 phone and 1 e-mail (the name and address are not personal data types).
    auto vcard = found_in(report, "be_john_jakes.vcf");
    CHECK(vcard["phone"].size() == 1);
    CHECK(vcard["email"].size() == 1);

    // Every number of the AOSP call log (an American test phone: numbers read in region US) that
    // libphonenumber accepts is found, through the byte scan or the SQLite reader; the call log
    // also keeps each number in E.164 (normalized_number), which find-pii reads without a region.
    SQLite::Database calllog((corpus / "mobile" / "aosp_calllog_oldversion.db").string(),
                             SQLite::OPEN_READONLY | SQLite::OPEN_URI);
    SQLite::Statement numbers(calllog, "SELECT DISTINCT number FROM calls WHERE number != ''");
    auto phones = found_in(report, "aosp_calllog_oldversion.db")["phone"];
    size_t valid = 0;
    while (numbers.executeStep()) {
        auto phone = izshi::pii::normalize_phone(numbers.getColumn(0).getString(), "US");
        if (!phone) continue;
        ++valid;
        INFO(numbers.getColumn(0).getString());
        CHECK(phones.count(phone->e164));
    }
    CHECK(valid >= 5);
    // No SIM card ICCID (89...) or browser timestamp is taken for a payment card.
    for (const auto& f : report["pii"]["findings"])
        if (f["type"] == "card") CHECK(std::string("23456").find(f["value"].get<std::string>()[0]) != std::string::npos);
}
