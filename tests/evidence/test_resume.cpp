// kill -9 in the middle of an ingest leaves a valid case; the rerun completes it without duplicates.
// While the first run writes, a second writer is refused with a clear error.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <set>
#include <thread>

#include "support/support.h"

namespace fs = std::filesystem;
using izshi::test::run_izshi;
using izshi::test::shell_quote;

namespace {

// An ext4 image with many small files, so that an ingest runs long enough to be interrupted.
fs::path many_files_image(const izshi::test::TempDir& work) {
    auto tree = work / "tree", image = work / "many.img";
    auto build = izshi::test::run_command(
        "mkdir -p " + shell_quote(tree.string()) + " && cd " + shell_quote(tree.string()) +
        " && for d in $(seq 1 40); do mkdir d$d; for f in $(seq 1 400); do echo \"record $d $f\" > d$d/f$f.txt; "
        "done; done && truncate -s 160M " + shell_quote(image.string()) + " && /sbin/mke2fs -q -F -t ext4 -N 20000 -d " +
        shell_quote(tree.string()) + " " + shell_quote(image.string()));
    INFO(build.err);
    REQUIRE(build.exit_code == 0);
    return image;
}

std::string sqlite(const fs::path& case_file, const std::string& sql) {
    auto r = izshi::test::run_command("sqlite3 " + shell_quote(case_file.string()) + " " + shell_quote(sql));
    return r.out.substr(0, r.out.find_last_not_of('\n') + 1);
}

std::multiset<std::string> inventory(const fs::path& case_file) {
    std::multiset<std::string> rows;
    auto report = izshi::test::json_report(case_file);  // kept alive: the loop walks a part of it
    for (const auto& f : report["files"])
        rows.insert(f["path"].get<std::string>() + "|" + (f["sha256"].is_null() ? "" : f["sha256"].get<std::string>()));
    return rows;
}

}  // namespace

TEST_CASE("kill -9 during ingest, then rerun: the case verifies and has no duplicate rows", "[ingest][resume]") {
    izshi::test::TempDir work("resume");
    auto image = many_files_image(work);
    auto case_file = work / "killed.izshi";

    pid_t child = izshi::test::spawn_izshi({"ingest", "--case", case_file.string(), image.string()});
    REQUIRE(child > 0);
    // Wait until the first batch of files is committed, then check the writer lock and kill.
    bool interrupted = false;
    for (int i = 0; i < 600 && !interrupted; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        if (!fs::exists(case_file)) continue;
        auto count = sqlite(case_file, "SELECT COUNT(*) FROM files");
        interrupted = !count.empty() && count != "0";
    }
    REQUIRE(interrupted);
    auto second = run_izshi({"custody", "add", "--case", case_file.string(), "--text", "x"});
    CHECK(second.exit_code == 4);
    CHECK(second.err.find("another izshi process") != std::string::npos);
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    REQUIRE(WIFSIGNALED(status));

    CHECK(sqlite(case_file, "PRAGMA integrity_check") == "ok");
    CHECK(sqlite(case_file, "SELECT state FROM evidence") == "walking");
    auto partial = std::stoi(sqlite(case_file, "SELECT COUNT(*) FROM files"));
    auto interrupted_verify = run_izshi({"custody", "verify", "--case", case_file.string()});
    CHECK(interrupted_verify.exit_code == 0);  // nothing sealed was altered; the item is reported as unfinished
    CHECK(interrupted_verify.out.find("not sealed yet") != std::string::npos);

    auto rerun = run_izshi({"--json", "ingest", "--case", case_file.string(), image.string()});
    INFO(rerun.err);
    REQUIRE(rerun.exit_code == 0);
    CHECK(nlohmann::json::parse(rerun.out)["items"][0]["status"] == "resumed");
    CHECK(run_izshi({"custody", "verify", "--case", case_file.string()}).exit_code == 0);
    CHECK(sqlite(case_file, "SELECT COUNT(*) - COUNT(DISTINCT walk_key) FROM files") == "0");

    auto clean_case = work / "clean.izshi";
    REQUIRE(run_izshi({"ingest", "--case", clean_case.string(), image.string()}).exit_code == 0);
    auto resumed = inventory(case_file), clean = inventory(clean_case);
    CHECK(resumed.size() > static_cast<size_t>(partial));
    CHECK(resumed == clean);
    CHECK(sqlite(case_file, "SELECT md5 FROM evidence") == sqlite(clean_case, "SELECT md5 FROM evidence"));
}
