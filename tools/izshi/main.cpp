// izshi: the command table and the chores every subcommand shares (STYLE.md, after git.c).
#include <unistd.h>

#include <SQLiteCpp/Exception.h>
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "command.h"

namespace izshi::cli {

// SPEC §2: progress only for a person at a terminal, never when output goes to a file or a pipe.
bool GlobalOptions::show_progress() const {
    return !quiet && !json && isatty(STDOUT_FILENO) && isatty(STDERR_FILENO);
}

int report_error(const Error& error) {
    std::fflush(stdout);
    std::cerr << "izshi: " << error.message << '\n';
    return exit_code_for(error.kind);
}

Expected<std::unique_ptr<casefile::CaseFile>> open_case(const std::string& path, casefile::Access access,
                                                        bool create_if_missing) {
    if (path.empty()) return fail(ErrorKind::usage, "no case file given: use --case FILE or set IZSHI_CASE");
    return casefile::CaseFile::open(path, access, create_if_missing);
}

void add_case_option(CLI::App& app, std::string& case_path) {
    app.add_option("--case", case_path, "Case file (SQLite); or set IZSHI_CASE")->envname("IZSHI_CASE");
}

namespace {

const std::vector<Command>& command_table() {
    static const std::vector<Command> table = {ingest_command(), hash_command(), find_pii_command(), find_software_command(), match_numbers_command(),
                                                custody_command(), report_command()};
    return table;
}

std::string default_examiner() {
    for (const char* variable : {"IZSHI_EXAMINER", "USER", "LOGNAME"})
        if (const char* value = std::getenv(variable); value && *value) return value;
    return "unknown";
}

int run(int argc, char** argv) {
    CLI::App app{"izshi — forensic toolkit for seized media: ingest disk images and folders into a case file with a "
                 "tamper-evident custody log, then report on them.\n"
                 "Exit codes: 0 success, 1 findings need attention (e.g. custody verify failed), 2 usage error, "
                 "3 input error, 4 case-file error (docs/exit-codes.md)."};
    app.set_version_flag("--version", std::string("izshi ") + IZSHI_VERSION);
    app.require_subcommand(1);
    GlobalOptions global;
    global.examiner = default_examiner();
    for (int i = 0; i < argc; ++i) global.arguments.emplace_back(argv[i]);
    app.add_flag("--json", global.json, "Machine-readable JSON on stdout")->group("Global");
    app.add_flag("-q,--quiet", global.quiet, "No progress output")->group("Global");
    app.add_option("--examiner", global.examiner, "Examiner recorded in the custody log (default: IZSHI_EXAMINER or $USER)")
        ->envname("IZSHI_EXAMINER")->group("Global");
    app.add_option("--authorization", global.authorization,
                   "Warrant, request or purpose recorded with every custody event of this run")->group("Global");
    app.add_option("--threads", global.threads, "Worker threads (default: all cores)")->group("Global");
    app.fallthrough();

    std::vector<std::pair<CLI::App*, Runner>> runners;
    for (const auto& command : command_table()) {
        CLI::App* sub = app.add_subcommand(command.name, command.summary);
        runners.emplace_back(sub, command.setup(*sub, global));
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return 2;
    }
    for (auto& [sub, runner] : runners)
        if (sub->parsed()) return runner();
    return 2;
}

}  // namespace

}  // namespace izshi::cli

int main(int argc, char** argv) {
    int code;
    try {
        code = izshi::cli::run(argc, argv);
    } catch (const SQLite::Exception& e) {
        code = izshi::cli::report_error({izshi::ErrorKind::case_file, std::string("case file error: ") + e.what()});
    } catch (const std::exception& e) {
        code = izshi::cli::report_error({izshi::ErrorKind::input, e.what()});
    }
    if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
        std::cerr << "izshi: cannot write to standard output\n";
        return code ? code : 3;
    }
    return code;
}
