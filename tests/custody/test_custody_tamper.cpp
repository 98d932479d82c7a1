// A tamperer with the sqlite3 CLI drops the append-only triggers and edits, deletes or reorders
// custody rows, or edits a stored hash: `custody verify` must exit 1 and say what broke.
#include <catch2/catch.hpp>

#include "support/support.h"

namespace fs = std::filesystem;
using izshi::test::run_izshi;

namespace {

const char* const drop_triggers =
    "DROP TRIGGER custody_events_no_update; DROP TRIGGER custody_events_no_delete; ";

fs::path base_case(const izshi::test::TempDir& work) {
    auto case_file = work / "base.izshi";
    auto images = izshi::test::corpus_dir() / "images";
    auto result = run_izshi({"ingest", "--case", case_file.string(), (images / "raw" / "tsk_image.dd").string(),
                             (images / "ewf" / "ext2.E01").string()});
    REQUIRE(result.exit_code == 0);
    REQUIRE(run_izshi({"custody", "add", "--case", case_file.string(), "--type", "transfer", "--text",
                       "handed to the lab", "--to", "lab"}).exit_code == 0);
    return case_file;
}

izshi::test::CommandResult tamper_and_verify(const fs::path& base, const izshi::test::TempDir& work,
                                             const std::string& sql) {
    auto copy = work / "tampered.izshi";
    fs::copy_file(base, copy, fs::copy_options::overwrite_existing);
    auto edit = izshi::test::run_command("sqlite3 " + izshi::test::shell_quote(copy.string()) + " " +
                                         izshi::test::shell_quote(sql));
    INFO(edit.err);
    REQUIRE(edit.exit_code == 0);
    return run_izshi({"custody", "verify", "--case", copy.string()});
}

}  // namespace

TEST_CASE("custody verify passes an untouched case and names every kind of tampering", "[custody]") {
    izshi::test::TempDir work("tamper");
    auto base = base_case(work);
    auto intact = run_izshi({"custody", "verify", "--case", base.string()});
    CHECK(intact.exit_code == 0);
    CHECK(intact.out.find("intact") != std::string::npos);

    SECTION("the triggers refuse edits while they exist") {
        auto edit = izshi::test::run_command("sqlite3 " + izshi::test::shell_quote(base.string()) +
                                             " \"UPDATE custody_events SET examiner = 'x' WHERE seq = 2\"");
        CHECK(edit.exit_code != 0);
        CHECK(edit.err.find("append-only") != std::string::npos);
    }
    SECTION("an edited event") {
        auto r = tamper_and_verify(base, work, std::string(drop_triggers) +
                                                   "UPDATE custody_events SET examiner = 'someone else' WHERE seq = 2;");
        CHECK(r.exit_code == 1);
        CHECK(r.out.find("#2") != std::string::npos);
        CHECK(r.out.find("edited") != std::string::npos);
    }
    SECTION("a deleted event in the middle") {
        auto r = tamper_and_verify(base, work, std::string(drop_triggers) + "DELETE FROM custody_events WHERE seq = 3;");
        CHECK(r.exit_code == 1);
        CHECK(r.out.find("deleted") != std::string::npos);
    }
    SECTION("the last event deleted") {
        auto r = tamper_and_verify(base, work, std::string(drop_triggers) +
                                                   "DELETE FROM custody_events WHERE seq = (SELECT MAX(seq) FROM "
                                                   "custody_events);");
        CHECK(r.exit_code == 1);
        CHECK(r.out.find("removed") != std::string::npos);
    }
    SECTION("two events swapped") {
        auto r = tamper_and_verify(base, work, std::string(drop_triggers) +
                                                   "UPDATE custody_events SET seq = -1 WHERE seq = 2;"
                                                   "UPDATE custody_events SET seq = 2 WHERE seq = 3;"
                                                   "UPDATE custody_events SET seq = 3 WHERE seq = -1;");
        CHECK(r.exit_code == 1);
        CHECK(r.out.find("reordered") != std::string::npos);
    }
    SECTION("a stored file hash edited (no trigger needed)") {
        auto r = tamper_and_verify(base, work,
                                   "UPDATE files SET sha256 = '" + std::string(64, 'a') +
                                       "' WHERE id = (SELECT MIN(id) FROM files WHERE sha256 IS NOT NULL);");
        CHECK(r.exit_code == 1);
        CHECK(r.out.find("evidence:1") != std::string::npos);
        CHECK(r.out.find("files") != std::string::npos);
    }
    SECTION("an evidence media hash edited") {
        auto r = tamper_and_verify(base, work, "UPDATE evidence SET md5 = '" + std::string(32, '0') + "' WHERE id = 2;");
        CHECK(r.exit_code == 1);
        CHECK(r.out.find("evidence:2") != std::string::npos);
    }
    SECTION("a file row deleted") {
        auto r = tamper_and_verify(base, work, "DELETE FROM files WHERE id = (SELECT MAX(id) FROM files);");
        CHECK(r.exit_code == 1);
        CHECK(r.out.find("files") != std::string::npos);
    }
    SECTION("a whole evidence item removed with its seal") {
        auto r = tamper_and_verify(base, work, std::string(drop_triggers) +
                                                   "PRAGMA foreign_keys = OFF; DELETE FROM files WHERE evidence_id = 1;"
                                                   "DELETE FROM regions WHERE evidence_id = 1; DELETE FROM volumes WHERE "
                                                   "evidence_id = 1; DELETE FROM evidence WHERE id = 1;");
        CHECK(r.exit_code == 1);
        CHECK(r.out.find("missing") != std::string::npos);
    }
    SECTION("--json gives the same verdict for scripts") {
        auto r = tamper_and_verify(base, work, "UPDATE files SET md5 = 'x' WHERE id = 3;");
        auto copy = work / "tampered.izshi";
        auto json = run_izshi({"--json", "custody", "verify", "--case", copy.string()});
        CHECK(json.exit_code == 1);
        auto verdict = nlohmann::json::parse(json.out);
        CHECK(verdict["intact"] == false);
        CHECK(!verdict["problems"].empty());
    }
}

TEST_CASE("custody log and add record who did what", "[custody]") {
    izshi::test::TempDir work("custody-log");
    auto case_file = work / "c.izshi";
    REQUIRE(run_izshi({"ingest", "--case", case_file.string(),
                       (izshi::test::corpus_dir() / "images" / "raw" / "tsk_image.dd").string()}).exit_code == 0);
    REQUIRE(run_izshi({"--authorization", "court order 5", "custody", "add", "--case", case_file.string(), "--type",
                       "storage", "--text", "sealed bag 44", "--location", "safe 2"}).exit_code == 0);
    auto log = run_izshi({"--json", "custody", "log", "--case", case_file.string()});
    REQUIRE(log.exit_code == 0);
    auto events = nlohmann::json::parse(log.out);
    REQUIRE(events.size() == 4);
    CHECK(events[0]["action"] == "case.create");
    CHECK(events[1]["action"] == "evidence.register");
    CHECK(events[2]["action"] == "ingest.complete");
    CHECK(events[3]["action"] == "custody.storage");
    CHECK(events[3]["examiner"] == "test-examiner");
    CHECK(events[3]["authorization"] == "court order 5");
    CHECK(events[3]["details"]["location"] == "safe 2");
    CHECK(events[3]["time"].get<std::string>().ends_with("Z"));
    CHECK(run_izshi({"custody", "add", "--case", case_file.string(), "--type", "bogus", "--text", "x"}).exit_code == 2);
    CHECK(run_izshi({"custody", "verify", "--case", (work / "missing.izshi").string()}).exit_code == 4);
}
