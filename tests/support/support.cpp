#include "support/support.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <iterator>
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

int spawn_izshi(const std::vector<std::string>& arguments) {
    std::vector<std::string> argv_strings{IZSHI_BIN, "--quiet"};
    argv_strings.insert(argv_strings.end(), arguments.begin(), arguments.end());
    pid_t child = fork();
    if (child != 0) return child;
    int null = ::open("/dev/null", O_WRONLY);
    dup2(null, STDOUT_FILENO);
    dup2(null, STDERR_FILENO);
    std::vector<char*> argv;
    for (auto& argument : argv_strings) argv.push_back(argument.data());
    argv.push_back(nullptr);
    execv(IZSHI_BIN, argv.data());
    _exit(127);
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

namespace {

std::string modification_stamp(const std::vector<fs::path>& inputs) {
    std::string stamp;
    for (const auto& input : inputs) {
        std::error_code error;
        auto time = fs::last_write_time(input, error).time_since_epoch().count();
        stamp += input.string() + " " + std::to_string(time) + "\n";
    }
    return stamp;
}

// Builds 'destination' once for every test process (ctest runs each test in its own process, in
// parallel with -j): under an flock, and only when the stamp of what it is built from changed.
fs::path build_once(const fs::path& destination, const std::string& stamp, const std::string& command,
                    const std::string& what) {
    fs::create_directories(destination.parent_path());
    auto lock_path = destination.string() + ".lock";
    int lock = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (lock < 0 || ::flock(lock, LOCK_EX) != 0) throw std::runtime_error("cannot lock " + lock_path);
    auto stamp_path = destination.string() + ".stamp";
    std::ifstream old_stamp(stamp_path);
    std::string built_from((std::istreambuf_iterator<char>(old_stamp)), std::istreambuf_iterator<char>());
    if (built_from != stamp || !fs::exists(destination)) {
        fs::remove(stamp_path);
        auto result = run_command(command);
        if (result.exit_code != 0) {
            ::close(lock);
            throw std::runtime_error(what + " failed: " + result.err);
        }
        std::ofstream(stamp_path) << stamp;
    }
    ::close(lock);  // releases the flock
    return destination;
}

}  // namespace

fs::path unpacked_corpus() {
    static std::once_flag once;
    static fs::path destination = fs::path(IZSHI_BINARY_DIR) / "corpus";
    std::call_once(once, [] {
        auto script = corpus_dir() / "unpack.sh";
        build_once(destination, modification_stamp({script}),
                   "sh " + shell_quote(script) + " " + shell_quote(destination), "unpack.sh");
    });
    return destination;
}

fs::path sample_dir() {
    static std::once_flag once;
    static fs::path destination = fs::path(IZSHI_BINARY_DIR) / "sample";
    std::call_once(once, [] {
        auto script = fs::path(IZSHI_SOURCE_DIR) / "samples" / "make-sample.sh";
        build_once(destination, modification_stamp({script, IZSHI_SYNTH_BIN}),
                   "IZSHI_SYNTH=" + shell_quote(IZSHI_SYNTH_BIN) + " " + shell_quote(script) + " " +
                       shell_quote(destination) + " --seed 42",
                   "make-sample.sh");
    });
    return destination;
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
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
