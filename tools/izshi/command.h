#pragma once
// The contract between main.cpp and each cmd_<name>.cpp (STYLE.md: git's command table).
#include <CLI/CLI.hpp>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "casefile/case_file.h"
#include "core/error.h"
#include "custody/custody_log.h"
#include "findpii/find_pii.h"

namespace izshi::cli {

// Options every subcommand understands, filled by main.cpp before the command runs.
struct GlobalOptions {
    bool json = false;
    bool quiet = false;
    std::string examiner;
    std::string authorization;
    unsigned threads = 0;  // 0: all cores
    std::vector<std::string> arguments;  // the whole command line, for the custody log

    custody::Actor actor() const { return {examiner, authorization, arguments}; }
    bool show_progress() const;
};

using Runner = std::function<int()>;

struct Command {
    const char* name;
    const char* summary;
    // Declares the subcommand's options on 'app' and returns what to run once they are parsed.
    std::function<Runner(CLI::App& app, const GlobalOptions& global)> setup;
};

Command ingest_command();
Command custody_command();
Command report_command();
Command hash_command();
Command find_pii_command();
Command match_numbers_command();
Command find_software_command();

// Shared chores, done the same way by every command.
Expected<std::unique_ptr<casefile::CaseFile>> open_case(const std::string& path, casefile::Access access,
                                                        bool create_if_missing = false);
int report_error(const Error& error);  // prints "izshi: message" to stderr, returns the exit code
// The summary of personal-data scans (find-pii, ingest --find-pii) with the case's totals: printed,
// or with json_out returned as JSON. Returns the exit code (3 if an item failed).
int print_pii_scans(casefile::CaseFile& file, const GlobalOptions& global, const std::vector<findpii::ItemScan>& items,
                    std::string* json_out);
findpii::FindPiiOptions cli_pii_options(const GlobalOptions& global);
void add_case_option(CLI::App& app, std::string& case_path);

}  // namespace izshi::cli
