// `izshi match-numbers` on the sample: the laptop (folder) and the operator's phone, against the
// generated intercepted-calls list and victims' complaints. Every true match is found and no false
// one; softphone and call-log times sit next to the intercepted times; laptop and phone are linked
// by exactly the numbers they share; HMAC mode gives the same matches without numbers; the run is
// sealed, masked in reports unless revealed, and the evidence is not changed.
#include <catch2/catch.hpp>

#include <SQLiteCpp/Database.h>

#include <fstream>
#include <iterator>
#include <map>
#include <set>

#include "support/support.h"

namespace fs = std::filesystem;
using izshi::test::run_izshi;

namespace {

nlohmann::json numbers_truth() {
    std::ifstream in(izshi::test::sample_dir() / "numbers-truth.json");
    return nlohmann::json::parse(in);
}

// Hashes of every file of a folder, to prove commands leave evidence as it was.
std::map<std::string, std::string> folder_hashes(const fs::path& folder) {
    std::map<std::string, std::string> out;
    for (const auto& entry : fs::recursive_directory_iterator(folder))
        if (entry.is_regular_file()) out[entry.path().string()] = izshi::test::sha256_of_file(entry.path());
    return out;
}

// The laptop's folder and the phone, ingested with find-pii into a fresh case.
struct ScannedDevices {
    izshi::test::TempDir work{"match-numbers"};
    fs::path sample = izshi::test::sample_dir();
    fs::path case_file = work / "c.izshi";
    fs::path intercepts = sample / "watchlists" / "intercepted_calls.csv";
    fs::path complaints = sample / "watchlists" / "victims_complaints.txt";
    std::map<std::string, std::string> evidence_before = hashes();

    ScannedDevices() {
        auto ingest = run_izshi({"ingest", "--find-pii", "--case", case_file.string(), (sample / "tree").string(),
                                 (sample / "phone").string()});
        REQUIRE(ingest.exit_code == 0);
    }
    std::map<std::string, std::string> hashes() const {
        auto out = folder_hashes(sample / "tree");
        for (auto& kv : folder_hashes(sample / "phone")) out.insert(kv);
        return out;
    }
    izshi::test::CommandResult match(std::vector<std::string> extra = {}) const {
        std::vector<std::string> arguments = {"--json", "match-numbers", "--case", case_file.string(), "--utc-offset",
                                              "+05:00", "--window", "120", "--watchlist",
                                              intercepts.string() + ":intercepts", "--watchlist", complaints.string() + ":complaints"};
        arguments.insert(arguments.end(), extra.begin(), extra.end());
        return run_izshi(arguments);
    }
};

using EntryKey = std::tuple<std::string, int, std::string>;  // (list label, line, role)

std::string label_of(const std::string& file) { return file == "intercepted_calls.csv" ? "intercepts" : "complaints"; }

std::set<EntryKey> expected_matched_entries(const nlohmann::json& truth) {
    std::set<EntryKey> out;
    for (const auto& e : truth["watchlists"]["entries"])
        if (e["in_evidence"].get<bool>())
            out.insert({label_of(e["list"].get<std::string>()), e["line"].get<int>(), e["role"].get<std::string>()});
    return out;
}

std::set<EntryKey> matched_entries(const nlohmann::json& numbers) {
    std::set<EntryKey> out;
    for (const auto& m : numbers["matches"])
        out.insert({m["watchlist"].get<std::string>(), m["entry_line"].get<int>(), m["entry_role"].get<std::string>()});
    return out;
}

}  // namespace

TEST_CASE("match-numbers finds every watchlist number on the devices, no other, with call times side by side",
          "[numbers][match][sample]") {
    ScannedDevices devices;
    auto truth = numbers_truth();
    auto run = devices.match();
    REQUIRE(run.exit_code == 0);
    auto summary = nlohmann::json::parse(run.out);
    CHECK(summary["unscanned"].empty());

    auto report = izshi::test::json_report(devices.case_file);
    const auto& numbers = report["numbers"];
    CHECK(matched_entries(numbers) == expected_matched_entries(truth));

    // Bad rows are reported by line, and stored with the list.
    std::set<std::pair<std::string, int>> bad, reported;
    for (const auto& b : truth["watchlists"]["bad_lines"]) bad.insert({label_of(b["list"]), b["line"].get<int>()});
    for (const auto& list : numbers["watchlists"])
        for (const auto& p : list["problems"])
            if (p["dropped"].get<bool>()) reported.insert({list["label"].get<std::string>(), p["line"].get<int>()});
    CHECK(reported == bad);
    CHECK(run.err.find("intercepted_calls.csv line") != std::string::npos);

    // Every intercepted call that is in a call log on a device has that record beside it, within a minute.
    for (const auto& e : truth["watchlists"]["entries"]) {
        if (!e["in_evidence"].get<bool>() || e["call_time"].get<int64_t>() == 0) continue;
        INFO("intercepts line " << e["line"]);
        bool beside = false;
        for (const auto& m : numbers["matches"])
            if (m["watchlist"] == "intercepts" && m["entry_line"] == e["line"] && !m["delta_seconds"].is_null() &&
                (m["source"] == "softphone" || m["source"] == "call_log")) {
                auto expected_delta = e["call_time"].get<int64_t>() - e["list_time"].get<int64_t>();
                beside = m["delta_seconds"].get<int64_t>() == expected_delta && m["near"].get<bool>();
                if (beside) break;
            }
        CHECK(beside);
    }

    // The complainants on the CRM's call list are found in it, with their names, as records.
    size_t from_call_list = 0;
    for (const auto& m : numbers["matches"])
        if (m["watchlist"] == "complaints" && m["source"] == "call_list") {
            ++from_call_list;
            CHECK_FALSE(m["name"].get<std::string>().empty());
        }
    CHECK(from_call_list == 4);

    // The laptop (item 1) and the phone (item 2) are linked by exactly the numbers they share.
    REQUIRE(numbers["links"].size() == 1);
    const auto& link = numbers["links"][0];
    CHECK(link["evidence_a"] == 1);
    CHECK(link["evidence_b"] == 2);
    CHECK(link["shared"].get<size_t>() == truth["phone"]["shared_with_laptop"].size());

    // Masked unless revealed: no full number of a watchlist entry in the report.
    auto masked_text = report["numbers"].dump();
    for (const auto& e : truth["watchlists"]["entries"])
        CHECK(masked_text.find(e["e164"].get<std::string>()) == std::string::npos);
    CHECK(masked_text.find("8 703 123 45 67") == std::string::npos);  // a mistyped number quoted by a problem
    auto revealed = run_izshi({"report", "--case", devices.case_file.string(), "--format", "json", "--reveal"});
    REQUIRE(revealed.exit_code == 0);
    auto revealed_numbers = nlohmann::json::parse(revealed.out)["numbers"];
    std::set<std::string> shared;
    for (const auto& n : revealed_numbers["links"][0]["numbers"]) shared.insert(n.get<std::string>());
    CHECK(shared == truth["phone"]["shared_with_laptop"].get<std::set<std::string>>());

    // --fail-on-match for batch scripts; the case's custody chain covers every run; evidence unchanged.
    CHECK(devices.match({"--fail-on-match"}).exit_code == 1);
    auto verify = run_izshi({"custody", "verify", "--case", devices.case_file.string()});
    CHECK(verify.exit_code == 0);
    CHECK(report["custody"].back()["action"] == "numbers.match");
    CHECK(devices.hashes() == devices.evidence_before);

    // An edited match breaks the chain, and verification names the part.
    auto copy = devices.work / "edited.izshi";
    fs::copy_file(devices.case_file, copy);
    {
        SQLite::Database db(copy.string(), SQLite::OPEN_READWRITE);
        db.exec("UPDATE number_matches SET delta_seconds = 0 WHERE id = 1");
    }
    auto broken = run_izshi({"custody", "verify", "--case", copy.string()});
    CHECK(broken.exit_code == 1);
    CHECK((broken.out + broken.err).find("number_matches") != std::string::npos);
}

TEST_CASE("HMAC mode: a hashed watchlist gives the same matches as the plain one and holds no number",
          "[numbers][match][hmac][sample]") {
    ScannedDevices devices;
    auto key = devices.work / "shared.key";
    izshi::test::write_file(key, "3f6c1e0a9b2d4c8e7f1a0b3c5d7e9f21\n");
    auto hashed = devices.work / "intercepts-hashed.csv";
    auto exported = run_izshi({"match-numbers", "--export-hashed", "--key", key.string(), "--utc-offset", "+05:00",
                               "--watchlist", devices.intercepts.string() + ":intercepts", "-o", hashed.string()});
    REQUIRE(exported.exit_code == 0);

    // Not one number of the list in any written form: neither E.164 nor its national digits.
    auto text = izshi::test::read_file(hashed);
    for (const auto& e : numbers_truth()["watchlists"]["entries"]) {
        auto e164 = e["e164"].get<std::string>();
        CHECK(text.find(e164.substr(e164.size() - 10)) == std::string::npos);
    }

    REQUIRE(run_izshi({"match-numbers", "--case", devices.case_file.string(), "--utc-offset", "+05:00", "--window", "120",
                       "--watchlist", devices.intercepts.string() + ":intercepts"})
                .exit_code == 0);
    auto plain = izshi::test::json_report(devices.case_file)["numbers"];
    auto with_key = run_izshi({"match-numbers", "--case", devices.case_file.string(), "--key", key.string(), "--window",
                               "120", "--watchlist", hashed.string() + ":intercepts"});
    REQUIRE(with_key.exit_code == 0);
    auto keyed = izshi::test::json_report(devices.case_file)["numbers"];
    CHECK(keyed["run"]["mode"] == "hmac");
    CHECK(keyed["watchlists"][0]["hashed"] == true);
    CHECK_FALSE(plain["matches"].empty());
    // Lines differ (the hashed file has two header lines); the places, numbers and times do not.
    std::multiset<std::string> plain_places, keyed_places;
    for (const auto* n : {&plain, &keyed})
        for (const auto& m : (*n)["matches"])
            (n == &plain ? plain_places : keyed_places)
                .insert(m["number"].get<std::string>() + "|" + m["path"].get<std::string>() + "|" +
                        m["location"].get<std::string>() + "|" + m["entry_time"].dump() + "|" + m["delta_seconds"].dump());
    CHECK(plain_places == keyed_places);
    CHECK(keyed["links"] == plain["links"]);

    // A hashed list made elsewhere, without izshi's header line: used, with a note that the key is unchecked.
    auto text_lines = izshi::test::read_file(hashed);
    auto headerless = devices.work / "headerless.csv";
    izshi::test::write_file(headerless, text_lines.substr(text_lines.find('\n') + 1));
    auto unchecked = run_izshi({"--json", "match-numbers", "--case", devices.case_file.string(), "--key", key.string(),
                                "--watchlist", headerless.string()});
    CHECK(unchecked.exit_code == 0);
    CHECK(nlohmann::json::parse(unchecked.out)["matches"] == keyed["matches"].size());
    CHECK(unchecked.err.find("the key cannot be checked") != std::string::npos);

    // A hashed list needs the key it was made with.
    auto no_key = run_izshi({"match-numbers", "--case", devices.case_file.string(), "--watchlist", hashed.string()});
    CHECK(no_key.exit_code == 3);
    CHECK(no_key.err.find("give the key it was made with") != std::string::npos);
    auto other_key = devices.work / "other.key";
    izshi::test::write_file(other_key, "00000000000000000000000000000000");
    auto wrong = run_izshi({"match-numbers", "--case", devices.case_file.string(), "--key", other_key.string(),
                            "--watchlist", hashed.string()});
    CHECK(wrong.exit_code == 3);
    CHECK(wrong.err.find("hashed with another key") != std::string::npos);
}

TEST_CASE("a watchlist that cannot be read is named and recorded; the others are used", "[numbers][match]") {
    izshi::test::TempDir work("match-bad-list");
    auto evidence = work / "evidence";
    izshi::test::write_file(evidence / "contacts.vcf", "BEGIN:VCARD\r\nFN:Тест\r\nTEL:+7 701 234 56 78\r\nEND:VCARD\r\n");
    auto case_file = (work / "c.izshi").string();
    REQUIRE(run_izshi({"ingest", "--case", case_file, evidence.string()}).exit_code == 0);

    // Before find-pii has read the item's numbers, the run says so.
    izshi::test::write_file(work / "list.txt", "87012345678\n");
    auto early = run_izshi({"match-numbers", "--case", case_file, "--watchlist", (work / "list.txt").string()});
    CHECK(early.exit_code == 0);
    CHECK(early.err.find("phone numbers not read by find-pii") != std::string::npos);

    REQUIRE(run_izshi({"find-pii", "--case", case_file}).exit_code == 0);
    auto run = run_izshi({"--json", "match-numbers", "--case", case_file, "--watchlist", (work / "missing.csv").string(),
                          "--watchlist", (work / "list.txt").string() + ":victims"});
    CHECK(run.exit_code == 3);
    CHECK(run.err.find("missing.csv: cannot read the watchlist") != std::string::npos);
    auto summary = nlohmann::json::parse(run.out);
    CHECK(summary["matches"] == 1);
    SQLite::Database db(case_file, SQLite::OPEN_READONLY);
    CHECK(db.execAndGet("SELECT count(*) FROM errors WHERE command = 'match-numbers' AND path LIKE '%missing.csv'").getInt() == 1);

    // A usage error: --export-hashed without a key.
    CHECK(run_izshi({"match-numbers", "--export-hashed", "--watchlist", (work / "list.txt").string()}).exit_code == 2);
}
