// Numbers read as records (SPEC §7): Android call logs, contacts and SMS from ../shared/corpus/mobile
// (checked against the databases' own columns through the sqlite3 tool), and the sample's MicroSIP
// history, Linphone database, vCards and CRM call list against the generator's ground truth.
#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <map>
#include <sstream>

#include "numbers/call_records.h"
#include "support/support.h"

namespace fs = std::filesystem;
using namespace izshi::numbers;

namespace {

std::vector<unsigned char> bytes_of(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<CallRecord> records_of(const fs::path& path) {
    auto bytes = bytes_of(path);
    REQUIRE(!bytes.empty());
    std::string problem;
    auto records = read_call_records(path.filename().string(), bytes, problem);
    CHECK(problem.empty());
    return records;
}

// Rows of a query run by the sqlite3 tool on a read-only, immutable copy: "a|b|c" per line.
std::vector<std::vector<std::string>> sqlite_rows(const fs::path& database, const std::string& sql) {
    auto result = izshi::test::run_command("sqlite3 -readonly " + izshi::test::shell_quote("file:" + database.string() + "?immutable=1") +
                                           " " + izshi::test::shell_quote(sql));
    REQUIRE(result.exit_code == 0);
    std::vector<std::vector<std::string>> rows;
    std::istringstream lines(result.out);
    for (std::string line; std::getline(lines, line);) {
        std::vector<std::string> fields;
        std::istringstream parts(line);
        for (std::string field; std::getline(parts, field, '|');) fields.push_back(field);
        if (!line.empty() && line.back() == '|') fields.emplace_back();
        rows.push_back(fields);
    }
    return rows;
}

std::vector<CallRecord> of_source(const std::vector<CallRecord>& records, RecordSource source) {
    std::vector<CallRecord> out;
    for (const auto& r : records)
        if (r.source == source) out.push_back(r);
    return out;
}

nlohmann::json numbers_truth() {
    std::ifstream in(izshi::test::sample_dir() / "numbers-truth.json");
    return nlohmann::json::parse(in);
}

std::string iso(int64_t unix_time) {
    auto rows = sqlite_rows(":memory:", "SELECT strftime('%Y-%m-%dT%H:%M:%SZ', " + std::to_string(unix_time) + ", 'unixepoch')");
    return rows.at(0).at(0);
}

}  // namespace

TEST_CASE("an Android call log: every call with its time, direction and duration", "[numbers][records][corpus]") {
    auto database = izshi::test::corpus_dir() / "mobile" / "aosp_calllog_oldversion.db";
    auto records = records_of(database);
    auto rows = sqlite_rows(database, "SELECT _id, strftime('%Y-%m-%dT%H:%M:%SZ', date / 1000, 'unixepoch'), type, "
                                      "duration, number, normalized_number FROM calls ORDER BY _id");
    REQUIRE(rows.size() == 66);
    REQUIRE(records.size() == rows.size());
    const std::map<std::string, std::string> directions = {{"1", "incoming"}, {"2", "outgoing"}, {"3", "missed"},
                                                           {"4", "voicemail"}, {"5", "rejected"}, {"6", "blocked"}};
    size_t with_number = 0;
    for (size_t i = 0; i < rows.size(); ++i) {
        INFO("calls#" << rows[i][0]);
        CHECK(records[i].source == RecordSource::call_log);
        CHECK(records[i].location == "calls#" + rows[i][0]);
        CHECK(records[i].time_utc == rows[i][1]);
        CHECK(records[i].direction == directions.at(rows[i][2]));
        CHECK(records[i].duration_s == std::stoll(rows[i][3]));
        CHECK(records[i].written == rows[i][4]);
        // Android's own E.164 form, where it made one, is what libphonenumber gives too.
        if (!records[i].number.empty() && rows[i][5].starts_with("+")) CHECK(records[i].number == rows[i][5]);
        with_number += !records[i].number.empty();
    }
    CHECK(with_number >= 30);  // the rest are 7-digit test numbers (555-1212) no country has
}

TEST_CASE("Android contacts2.db: contacts with names, and an older calls table", "[numbers][records][corpus]") {
    auto aosp = records_of(izshi::test::corpus_dir() / "mobile" / "aosp_contacts2_oldversion.db");
    auto contacts = of_source(aosp, RecordSource::contacts);
    REQUIRE(contacts.size() == 2);
    CHECK(contacts[0].name == "Test Test");
    CHECK(contacts[0].written == "(631) 605-6461");
    CHECK(contacts[1].name == "Hhh Sss");

    auto plaso_path = izshi::test::corpus_dir() / "mobile" / "plaso_android_contacts2.db";
    auto calls = of_source(records_of(plaso_path), RecordSource::call_log);
    auto rows = sqlite_rows(plaso_path, "SELECT strftime('%Y-%m-%dT%H:%M:%SZ', date / 1000, 'unixepoch'), name, "
                                        "normalized_number FROM calls ORDER BY _id");
    REQUIRE(calls.size() == rows.size());
    REQUIRE(calls.size() == 3);
    for (size_t i = 0; i < calls.size(); ++i) {
        CHECK(calls[i].time_utc == rows[i][0]);
        CHECK(calls[i].name == rows[i][1]);
        CHECK(calls[i].number == rows[i][2]);  // read in the call's own country (countryiso US)
    }
}

TEST_CASE("Android mmssms.db: every SMS with its time and direction", "[numbers][records][corpus]") {
    auto database = izshi::test::corpus_dir() / "mobile" / "plaso_android_mmssms.db";
    auto sms = of_source(records_of(database), RecordSource::sms);
    auto rows = sqlite_rows(database, "SELECT strftime('%Y-%m-%dT%H:%M:%SZ', date / 1000, 'unixepoch'), type, address "
                                      "FROM sms ORDER BY _id");
    REQUIRE(rows.size() == 9);
    REQUIRE(sms.size() == rows.size());
    for (size_t i = 0; i < rows.size(); ++i) {
        CHECK(sms[i].time_utc == rows[i][0]);
        CHECK(sms[i].direction == (rows[i][1] == "1" ? "incoming" : "outgoing"));
        CHECK(sms[i].written == rows[i][2]);
    }
}

TEST_CASE("the sample's MicroSIP history: every call with its number and time", "[numbers][records][sample]") {
    auto sample = izshi::test::sample_dir();
    std::ifstream in(sample / "manifest.json");
    auto manifest = nlohmann::json::parse(in);
    auto records = records_of(sample / "tree/Users/operator/AppData/Roaming/MicroSIP/MicroSIP.ini");
    const auto& calls = manifest["calls"];
    REQUIRE(calls.size() == 24);
    REQUIRE(records.size() == calls.size());
    for (size_t i = 0; i < records.size(); ++i) {
        CHECK(records[i].source == RecordSource::softphone);
        CHECK(records[i].number == calls[i]["e164"].get<std::string>());
        CHECK(records[i].time_utc == iso(calls[i]["unix_time"].get<int64_t>()));
        int type = calls[i]["type"];
        CHECK(records[i].direction == (type == 0 ? "outgoing" : type == 1 ? "incoming" : "missed"));
    }
}

TEST_CASE("the sample phone: call log, contacts, SMS, Linphone and vCards as the generator wrote them",
          "[numbers][records][sample]") {
    auto phone = izshi::test::sample_dir() / "phone";
    auto truth = numbers_truth();
    std::map<std::string, std::vector<CallRecord>> by_path;
    for (const auto& record : truth["phone"]["records"]) {
        auto path = record["path"].get<std::string>();
        if (!by_path.count(path)) by_path[path] = records_of(phone / path);
    }
    REQUIRE(by_path.size() == 5);
    std::map<std::string, size_t> next;
    for (const auto& expected : truth["phone"]["records"]) {
        auto path = expected["path"].get<std::string>();
        auto& index = next[path];
        REQUIRE(index < by_path[path].size());
        const auto& got = by_path[path][index++];
        INFO(path << " " << got.location);
        CHECK(source_name(got.source) == expected["source"].get<std::string>());
        CHECK(got.number == expected["e164"].get<std::string>());
        auto when = expected["unix_time"].get<int64_t>();
        CHECK(got.time_utc == (when ? iso(when) : ""));
        CHECK(got.direction == expected["direction"].get<std::string>());
    }
    for (const auto& [path, records] : by_path) CHECK(next[path] == records.size());  // nothing extra
}

TEST_CASE("a CRM call list gives names with numbers; a CSV without a name column gives no records",
          "[numbers][records][sample]") {
    auto records = records_of(izshi::test::sample_dir() / "tree/Users/operator/Documents/crm/obzvon_march.csv");
    REQUIRE(records.size() == 20);
    for (const auto& r : records) {
        CHECK(r.source == RecordSource::call_list);
        CHECK_FALSE(r.number.empty());
        CHECK_FALSE(r.name.empty());
        CHECK(r.location.starts_with("Телефон#"));
    }
    std::string numbers_only = "Телефон;Сумма\n87012345678;100\n";
    std::string problem;
    CHECK(read_call_records("x.csv", std::span(reinterpret_cast<const unsigned char*>(numbers_only.data()), numbers_only.size()),
                            problem).empty());
}

TEST_CASE("Linphone's older call-history.db: the other party of each call, with direction and time",
          "[numbers][records]") {
    izshi::test::TempDir dir("linphone-history");
    auto database = dir / "call-history.db";
    // The table as Linphone 3.x creates it; start_time in seconds since the epoch.
    auto made = izshi::test::run_command(
        "sqlite3 " + izshi::test::shell_quote(database.string()) + " " +
        izshi::test::shell_quote("CREATE TABLE call_history (id INTEGER PRIMARY KEY AUTOINCREMENT, caller TEXT NOT NULL, "
                                 "callee TEXT NOT NULL, direction INTEGER, duration INTEGER, start_time TEXT NOT NULL, "
                                 "connected_time TEXT NOT NULL, status INTEGER, videoEnabled INTEGER, quality REAL, "
                                 "call_id TEXT, refkey TEXT);"
                                 "INSERT INTO call_history(caller, callee, direction, duration, start_time, connected_time, "
                                 "status) VALUES ('sip:op@pbx', 'sip:+77012345678@pbx', 0, 60, 1710496800, 1710496805, 0), "
                                 "('<sip:87771234567@pbx>', 'sip:op@pbx', 1, 0, 1710497000, 0, 2);"));
    REQUIRE(made.exit_code == 0);
    auto records = records_of(database);
    REQUIRE(records.size() == 2);
    CHECK(records[0].number == "+77012345678");
    CHECK(records[0].direction == "outgoing");
    CHECK(records[0].time_utc == "2024-03-15T10:00:00Z");
    CHECK(records[0].duration_s == 60);
    CHECK(records[0].location == "call_history#1");
    CHECK(records[1].number == "+77771234567");
    CHECK(records[1].direction == "missed");
    CHECK(records[1].time_utc == "2024-03-15T10:03:20Z");
}

TEST_CASE("a damaged database is a problem named, not a crash", "[numbers][records]") {
    auto bytes = bytes_of(izshi::test::corpus_dir() / "mobile" / "aosp_calllog_oldversion.db");
    bytes.resize(bytes.size() / 3);
    std::string problem;
    auto records = read_call_records("calllog.db", bytes, problem);
    CHECK_FALSE(problem.empty());
    CHECK(records.size() < 66);
}

TEST_CASE("SIP and tel addresses give their numbers", "[numbers][records]") {
    CHECK(number_of_address("sip:+77011234567@sip.example;transport=udp") == "+77011234567");
    CHECK(number_of_address("<sips:87011234567@pbx>") == "87011234567");
    CHECK(number_of_address("tel:+7-701-123-45-67") == "+7-701-123-45-67");
    CHECK(number_of_address("8 701 123 45 67") == "8 701 123 45 67");
}
