#pragma once
// Delimited text (CSV, TSV, semicolon lists), as leaked databases, CRM call lists and watchlists come.
#include <string_view>
#include <vector>

namespace izshi {

// The lines of a text, without their LF or CRLF; a last line without a new line counts.
std::vector<std::string_view> split_lines(std::string_view text);

// The one of ; , TAB | that the header line holds most of (',' when none).
char guess_delimiter(std::string_view first_line);

// Fields of one line; quotes ("a;b") keep a delimiter inside a field. Surrounding quotes, spaces
// and a trailing CR are dropped.
std::vector<std::string_view> split_fields(std::string_view line, char delimiter);

}  // namespace izshi
