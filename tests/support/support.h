#pragma once
// Shared helpers for tests: running the real izshi binary, temporary folders, corpus locations.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace izshi::test {

struct CommandResult {
    int exit_code = -1;
    std::string out, err;
};

// Runs a command through /bin/sh; arguments are quoted by shell_quote.
CommandResult run_command(const std::string& command_line);
// Runs the izshi binary under test with the given arguments.
CommandResult run_izshi(const std::vector<std::string>& arguments);
std::string shell_quote(const std::string& text);
// Starts the izshi binary under test in the background (output discarded), for tests that kill it.
int spawn_izshi(const std::vector<std::string>& arguments);

// A fresh folder under the build tree, removed when the object dies.
class TempDir {
public:
    explicit TempDir(const std::string& name);
    ~TempDir();
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

std::filesystem::path shared_dir();
std::filesystem::path corpus_dir();
// The compressed corpus images expanded once into the build tree (../shared/corpus/unpack.sh).
std::filesystem::path unpacked_corpus();
// The synthetic seized laptop (samples/make-sample.sh --seed 42), built once into the build tree.
std::filesystem::path sample_dir();
std::string sha256_of_file(const std::filesystem::path& path);
// The whole content of a file ("" when it cannot be read).
std::string read_file(const std::filesystem::path& path);
// Writes 'bytes' to 'path', creating the folders on the way.
void write_file(const std::filesystem::path& path, const std::string& bytes);
nlohmann::json json_report(const std::filesystem::path& case_file);

// A line of ../shared/pii-test-vectors.txt: TYPE <TAB> VALUE <TAB> valid|invalid <TAB> note.
struct PiiVector {
    std::string type, value;
    bool valid = false;
    std::string note;
};
std::vector<PiiVector> pii_vectors(const std::string& type);

}  // namespace izshi::test
