#pragma once
// Errors are values (STYLE.md, LLVM): lib/ returns std::expected, tools/ maps them to exit codes.
#include <expected>
#include <string>

namespace izshi {

// What kind of failure, chosen so that the CLI can map it to the exit codes of docs/exit-codes.md.
enum class ErrorKind {
    usage,      // the caller asked for something impossible (exit 2)
    input,      // evidence or another input could not be read or parsed (exit 3)
    case_file,  // the case file is missing, locked, damaged or of an unknown schema (exit 4)
    integrity,  // a check ran and failed: tampering, hash mismatch (exit 1)
};

struct Error {
    ErrorKind kind = ErrorKind::input;
    std::string message;
};

template <typename T>
using Expected = std::expected<T, Error>;

inline std::unexpected<Error> fail(ErrorKind kind, std::string message) {
    return std::unexpected(Error{kind, std::move(message)});
}

int exit_code_for(ErrorKind kind);

}  // namespace izshi
