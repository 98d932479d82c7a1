// `izshi find-software` on real evidence: the sample laptop (folder and images) and phone, the
// corpus's real NTUSER.DAT before and after Uninstall entries, a driver service and an audio filter
// were written into a copy with hivexsh; look-alikes and untouched evidence give nothing; the
// findings are sealed, rescans follow the rules, and the evidence is not changed.
#include <catch2/catch.hpp>

#include <SQLiteCpp/Database.h>

#include <fstream>
#include <iterator>
#include <map>
#include <set>

#include "software/artifacts.h"
#include "software/support_pe.h"
#include "support/support.h"

namespace fs = std::filesystem;
using izshi::test::run_izshi;

namespace {

// tool -> strength of one item's findings in the JSON report.
std::map<std::string, std::string> tools_of(const nlohmann::json& report, int64_t evidence_id) {
    std::map<std::string, std::string> out;
    for (const auto& f : report["software"])
        if (f["evidence_id"] == evidence_id) out[f["tool"].get<std::string>()] = f["strength"].get<std::string>();
    return out;
}

// A copy of the corpus hive with what installing Voicemod and Voxal leaves in the registry, written
// by hivexsh (libhivex-bin), an implementation independent of libregf.
fs::path hive_with_tools(const fs::path& dir) {
    auto hive = dir / "NTUSER.DAT";
    fs::create_directories(dir);
    fs::copy_file(izshi::test::corpus_dir() / "registry" / "NTUSER.DAT", hive);
    fs::permissions(hive, fs::perms::owner_write, fs::perm_options::add);
    auto script = dir.parent_path() / "hivexsh.script";
    izshi::test::write_file(script,
                            "cd \\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\n"
                            "add Voicemod\ncd Voicemod\nsetval 3\nDisplayName\nstring:Voicemod\n"
                            "Publisher\nstring:Voicemod Sociedad Limitada\nInstallDate\nstring:20240302\n"
                            "cd \\\nadd ControlSet001\ncd ControlSet001\nadd Services\ncd Services\n"
                            "add vmdrv\ncd vmdrv\nsetval 2\nImagePath\nexpandstring:\\SystemRoot\\System32\\drivers\\vmdrv.sys\n"
                            "Type\ndword:1\n"
                            "cd \\ControlSet001\nadd Control\ncd Control\nadd Class\ncd Class\n"
                            "add {4d36e96c-e325-11ce-bfc1-08002be10318}\ncd {4d36e96c-e325-11ce-bfc1-08002be10318}\n"
                            "setval 1\nUpperFilters\nstring:voxaldriver\ncommit\n");
    auto written = izshi::test::run_command("hivexsh -w -f " + izshi::test::shell_quote(script.string()) + " " +
                                            izshi::test::shell_quote(hive.string()));
    REQUIRE(written.exit_code == 0);
    return hive;
}

}  // namespace

TEST_CASE("the registry of the corpus hive is read through libregf; tools written into a copy are found",
          "[software][registry]") {
    auto untouched = izshi::test::read_file(izshi::test::corpus_dir() / "registry" / "NTUSER.DAT");
    std::string problem;
    auto artifacts = izshi::software::registry_artifacts(
        std::span(reinterpret_cast<const unsigned char*>(untouched.data()), untouched.size()), problem);
    CHECK(problem.empty());
    // The real hive's Uninstall key lists Spotify: read with its values and the key's write time.
    auto spotify = std::find_if(artifacts.begin(), artifacts.end(), [](const auto& a) { return a.artifact.name == "Spotify"; });
    REQUIRE(spotify != artifacts.end());
    CHECK(spotify->content.find("DisplayName=Spotify") != std::string::npos);
    CHECK_FALSE(spotify->time_utc.empty());

    izshi::test::TempDir work("find-software-registry");
    auto clean = work / "clean";
    fs::create_directories(clean);
    fs::copy_file(izshi::test::corpus_dir() / "registry" / "NTUSER.DAT", clean / "NTUSER.DAT");
    hive_with_tools(work / "installed");
    // A hive under another name is known by libmagic's description and read too.
    fs::rename(work / "installed" / "NTUSER.DAT", work / "installed" / "user-backup.reg0");
    auto case_file = (work / "c.izshi").string();
    REQUIRE(run_izshi({"ingest", "--case", case_file, clean.string(), (work / "installed").string()}).exit_code == 0);
    REQUIRE(run_izshi({"find-software", "--case", case_file}).exit_code == 0);
    auto report = izshi::test::json_report(case_file);
    CHECK(tools_of(report, 1).empty());
    auto found = tools_of(report, 2);
    CHECK(found == std::map<std::string, std::string>{{"Voicemod", "installed"}, {"Voxal Voice Changer", "installed"}});
    std::set<std::string> kinds, rules;
    for (const auto& f : report["software"])
        for (const auto& i : f["indicators"]) {
            kinds.insert(i["kind"].get<std::string>());
            rules.insert(i["rule"].get<std::string>());
            CHECK(i["path"].get<std::string>().starts_with("user-backup.reg0:"));
        }
    CHECK(kinds == std::set<std::string>{"registry"});
    CHECK(rules.count("rules/voicemod.yar:voicemod_uninstall_entry"));
    CHECK(rules.count("rules/voicemod.yar:voicemod_driver"));
    CHECK(rules.count("rules/voxal.yar:voxal_driver"));
}

TEST_CASE("find-software on the sample laptop and phone: the tools planted, how strongly, and nothing else",
          "[software][sample]") {
    izshi::test::TempDir work("find-software-sample");
    auto sample = izshi::test::sample_dir();
    auto case_file = (work / "c.izshi").string();
    auto plain = work / "plain";
    izshi::test::write_file(plain / "letter.txt", "Nothing to see here.\n");
    std::map<std::string, std::string> before;
    for (const auto& image : {"laptop-ext4.img", "laptop.E01"}) before[image] = izshi::test::sha256_of_file(sample / image);
    REQUIRE(run_izshi({"ingest", "--case", case_file, (sample / "tree").string(), (sample / "laptop-ext4.img").string(),
                       (sample / "laptop.E01").string(), (sample / "phone").string(), plain.string()})
                .exit_code == 0);
    auto run = run_izshi({"--json", "find-software", "--case", case_file});
    REQUIRE(run.exit_code == 0);
    auto summary = nlohmann::json::parse(run.out);
    CHECK(summary["rule_problems"].empty());

    auto report = izshi::test::json_report(case_file);
    const std::map<std::string, std::string> laptop = {
        {"DeepFaceLive", "used"}, {"MicroSIP", "used"}, {"MorphVOX", "installed"}, {"RVC WebUI", "used"}, {"Voicemod", "installed"}};
    CHECK(tools_of(report, 1) == laptop);  // the folder, look-alikes included
    CHECK(tools_of(report, 2) == laptop);  // ext4
    CHECK(tools_of(report, 3) == laptop);  // E01
    CHECK(tools_of(report, 4) == std::map<std::string, std::string>{{"Android voice changer", "installed"}, {"Linphone", "used"}});
    CHECK(tools_of(report, 5).empty());
    // The trained voice is seen in the model's content, not only its name.
    std::set<std::string> rvc_kinds;
    for (const auto& f : report["software"])
        if (f["evidence_id"] == 1 && f["tool"] == "RVC WebUI")
            for (const auto& i : f["indicators"]) rvc_kinds.insert(i["kind"].get<std::string>() + ":" + i["strength"].get<std::string>());
    CHECK(rvc_kinds == std::set<std::string>{"path:installed", "content:used"});
    for (const auto& f : report["software"])
        for (const auto& i : f["indicators"]) {
            auto path = i["path"].get<std::string>();
            CHECK(path.find("Courses") == std::string::npos);
            CHECK(path.find("Music/voice") == std::string::npos);
            CHECK(path.find("Firefox") == std::string::npos);
        }

    // Sealed; a rerun with the same rules skips, --rescan scans again, an edit breaks the seal.
    CHECK(run_izshi({"custody", "verify", "--case", case_file}).exit_code == 0);
    auto again = nlohmann::json::parse(run_izshi({"--json", "find-software", "--case", case_file}).out);
    for (const auto& item : again["items"]) CHECK(item["status"] == "skipped");
    auto rescan = nlohmann::json::parse(run_izshi({"--json", "find-software", "--case", case_file, "--rescan", "--evidence", "4"}).out);
    REQUIRE(rescan["items"].size() == 1);
    CHECK(rescan["items"][0]["status"] == "scanned");
    CHECK(tools_of(izshi::test::json_report(case_file), 4).size() == 2);
    {
        SQLite::Database db(case_file, SQLite::OPEN_READWRITE);
        db.exec("UPDATE software_findings SET strength = 'installer' WHERE tool = 'RVC WebUI' AND evidence_id = 1");
    }
    auto broken = run_izshi({"custody", "verify", "--case", case_file});
    CHECK(broken.exit_code == 1);
    CHECK((broken.out + broken.err).find("software_findings") != std::string::npos);
    for (const auto& [image, hash] : before) CHECK(izshi::test::sha256_of_file(sample / image) == hash);
}

TEST_CASE("find-software with a user rule folder: the rule reports, a broken file is named with its line", "[software][cli]") {
    izshi::test::TempDir work("find-software-user-rules");
    izshi::test::write_file(work / "evidence/Program Files/CallCRM/callcrm.exe", "MZ not a real program");
    izshi::test::write_file(work / "rules/crm.yar",
                            "rule callcrm { meta: tool = \"CallCRM\" category = \"call-center CRM\" strength = \"installed\" "
                            "reference = \"seized manual\" condition: filename == \"callcrm.exe\" }\n");
    izshi::test::write_file(work / "rules/typo.yar", "rule typo {\n  condition: filename = \"x\"\n}\n");
    // Settings files are read for content, a leading-dot name too.
    izshi::test::write_file(work / "evidence/bot/.env", "ELEVENLABS_API_KEY=sk_test_0000\n");
    auto case_file = (work / "c.izshi").string();
    REQUIRE(run_izshi({"ingest", "--case", case_file, (work / "evidence").string()}).exit_code == 0);
    auto run = run_izshi({"find-software", "--case", case_file, "--rules", (work / "rules").string()});
    CHECK(run.exit_code == 3);
    CHECK(run.err.find("typo.yar:2:") != std::string::npos);
    CHECK(run.out.find("CallCRM (call-center CRM): installed") != std::string::npos);
    CHECK(run.out.find("ElevenLabs (voice cloning): configured") != std::string::npos);
    SQLite::Database db(case_file, SQLite::OPEN_READONLY);
    CHECK(db.execAndGet("SELECT count(*) FROM errors WHERE command = 'find-software' AND path LIKE '%typo.yar'").getInt() == 1);
}

TEST_CASE("a Windows program is known by its version information wherever it lies; evidence without such software "
          "gives an empty list",
          "[software][pe]") {
    izshi::test::TempDir work("find-software-pe");
    auto program = izshi::test::windows_program({{"CompanyName", "Voicemod Sociedad Limitada"},
                                                 {"ProductName", "Voicemod Desktop"},
                                                 {"OriginalFilename", "VoicemodDesktop.exe"}});
    auto renamed = work / "evidence/Users/op/Downloads/update_helper.exe";
    fs::create_directories(renamed.parent_path());
    fs::copy_file(program, renamed);
    auto firefox = izshi::test::windows_program({{"CompanyName", "Mozilla Corporation"}, {"ProductName", "Firefox"}});
    fs::create_directories(work / "clean/Program Files/Mozilla Firefox");
    fs::copy_file(firefox, work / "clean/Program Files/Mozilla Firefox/firefox.exe");

    auto clean_case = (work / "clean.izshi").string();
    REQUIRE(run_izshi({"ingest", "--case", clean_case, (work / "clean").string()}).exit_code == 0);
    REQUIRE(run_izshi({"find-software", "--case", clean_case}).exit_code == 0);
    auto clean_report = izshi::test::json_report(clean_case);
    CHECK(clean_report["software"].is_array());
    CHECK(clean_report["software"].empty());

    auto case_file = (work / "c.izshi").string();
    REQUIRE(run_izshi({"ingest", "--case", case_file, (work / "evidence").string()}).exit_code == 0);
    REQUIRE(run_izshi({"find-software", "--case", case_file}).exit_code == 0);
    auto report = izshi::test::json_report(case_file);
    REQUIRE(report["software"].size() == 1);
    CHECK(report["software"][0]["tool"] == "Voicemod");
    CHECK(report["software"][0]["indicators"][0]["kind"] == "pe");
    CHECK(report["software"][0]["indicators"][0]["path"] == "Users/op/Downloads/update_helper.exe");
}
