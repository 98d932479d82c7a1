#pragma once
// Output formats of `izshi hash`: hashdeep-1.0 (readable by `hashdeep -k`), sha256sum-style lines
// (accepted by `sha256sum -c`), JSON and DFXML. Writers are sinks: begin, one call per file, end.
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "hashing/hash_run.h"

namespace izshi::hashing {

enum class OutputFormat { hashdeep, sum, json, dfxml };
Expected<OutputFormat> parse_output_format(std::string_view name);

struct RunDescription {
    std::vector<Algorithm> algorithms;
    std::string invoked_from;  // working folder
    std::string command_line;
    std::string started_utc;
};

class HashWriter {
public:
    virtual ~HashWriter() = default;
    virtual void begin() {}
    virtual void file(const FileHash& hashed) = 0;  // a file that was hashed
    virtual void problem(const Error&) {}           // a file or folder that could not be (also on stderr)
    virtual void end() {}
};

std::unique_ptr<HashWriter> make_hash_writer(OutputFormat format, std::ostream& out, const RunDescription& run);

// One name per line, the coreutils way: when a name holds a character that would break the line
// ('must_escape'), the line starts with '\' and the name has \\, \n and \r escapes.
struct LineName {
    std::string text;
    bool escaped = false;
};
LineName escape_line_name(std::string_view name, std::string_view must_escape);
// Undoes escape_line_name for a name read from a line that started with '\'; nullopt if malformed.
std::optional<std::string> unescape_line_name(std::string_view text);

// hashdeep's column name for an algorithm ("md5", "sha256", ...).
std::string hashdeep_column(Algorithm algorithm);

}  // namespace izshi::hashing
