#include "support/support.h"

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <random>
#include <sstream>
#include <stdexcept>

#include "hashing/multi_hasher.h"

namespace izshi::test {

namespace fs = std::filesystem;

std::string shell_quote(const std::string& text) {
    std::string out = "'";
    for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

static std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

CommandResult run_command(const std::string& command_line) {
    TempDir capture("capture");
    auto out = capture / "out", err = capture / "err";
    std::string full = "( " + command_line + " ) >" + shell_quote(out) + " 2>" + shell_quote(err) + " </dev/null";
    int status = std::system(full.c_str());
    CommandResult result;
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    result.out = slurp(out);
    result.err = slurp(err);
    return result;
}

CommandResult run_izshi(const std::vector<std::string>& arguments) {
    std::string line = shell_quote(IZSHI_BIN) + " --quiet";
    for (const auto& argument : arguments) line += " " + shell_quote(argument);
    return run_command("IZSHI_EXAMINER=test-examiner " + line);
}

TempDir::TempDir(const std::string& name) {
    static std::mt19937_64 random{std::random_device{}()};
    path_ = fs::path(IZSHI_BINARY_DIR) / "test-tmp" / (name + "-" + std::to_string(random()));
    fs::create_directories(path_);
}

TempDir::~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
}

fs::path shared_dir() { return IZSHI_SHARED_DIR; }
fs::path corpus_dir() { return shared_dir() / "corpus"; }

fs::path unpacked_corpus() {
    static std::once_flag once;
    static fs::path destination = fs::path(IZSHI_BINARY_DIR) / "corpus";
    std::call_once(once, [] {
        auto result = run_command("sh " + shell_quote(corpus_dir() / "unpack.sh") + " " + shell_quote(destination));
        if (result.exit_code != 0) throw std::runtime_error("unpack.sh failed: " + result.err);
    });
    return destination;
}

fs::path sample_dir() {
    static std::once_flag once;
    static fs::path destination = fs::path(IZSHI_BINARY_DIR) / "sample";
    std::call_once(once, [] {
        auto result = run_command("IZSHI_SYNTH=" + shell_quote(IZSHI_SYNTH_BIN) + " " +
                                  shell_quote(fs::path(IZSHI_SOURCE_DIR) / "samples" / "make-sample.sh") + " " +
                                  shell_quote(destination) + " --seed 42");
        if (result.exit_code != 0) throw std::runtime_error("make-sample.sh failed: " + result.err);
    });
    return destination;
}

void write_file(const fs::path& path, const std::string& bytes) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << bytes;
}

std::string sha256_of_file(const fs::path& path) {
    auto digest = hashing::sha256_of_file(path);
    if (!digest) throw std::runtime_error(digest.error().message);
    return *digest;
}

nlohmann::json json_report(const fs::path& case_file) {
    auto result = run_izshi({"report", "--case", case_file.string(), "--format", "json"});
    if (result.exit_code != 0) throw std::runtime_error("report failed: " + result.err);
    return nlohmann::json::parse(result.out);
}

std::vector<PiiVector> pii_vectors(const std::string& type) {
    std::ifstream in(shared_dir() / "pii-test-vectors.txt");
    if (!in) throw std::runtime_error("cannot read " + (shared_dir() / "pii-test-vectors.txt").string());
    std::vector<PiiVector> out;
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream fields(line);
        PiiVector v;
        std::string verdict;
        std::getline(fields, v.type, '\t');
        std::getline(fields, v.value, '\t');
        std::getline(fields, verdict, '\t');
        std::getline(fields, v.note);
        v.valid = verdict == "valid";
        if (v.type == type) out.push_back(v);
    }
    return out;
}

}  // namespace izshi::test
