#pragma once
// Small text helpers shared by the case file, the custody chain and the renderers.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace izshi {

std::string to_hex(std::span<const unsigned char> bytes);

// JSON string literal (with quotes). Invalid UTF-8 bytes become U+FFFD so output always parses;
// the raw bytes of a name are kept in the case file itself.
std::string json_quote(std::string_view text);

// A JSON array of strings: ["a","b"].
std::string json_string_array(const std::vector<std::string>& items);

// True when every byte belongs to a valid UTF-8 sequence (file names on Linux need not).
bool is_valid_utf8(std::string_view text);
// Windows-1251, the code page of Russian text on Windows, both ways: А..я, Ё and ё; what it has
// no code for (Kazakh Ә, Қ, ..., invalid UTF-8) becomes '?', bytes 0x80..0xBF other than Ё/ё too.
std::string to_cp1251(std::string_view utf8);
std::string cp1251_to_utf8(std::string_view cp1251);
// Text of unknown encoding from a seized machine as UTF-8: a UTF-8 byte-order mark dropped, and read
// as CP1251 (Russian Windows) when it is not valid UTF-8.
std::string text_as_utf8(std::string_view text);
// 'text' without a UTF-8 sequence cut at either end (a window taken out of longer text).
std::string_view trim_cut_utf8(std::string_view text);
// Text for XML 1.0 content and attributes: markup escaped, invalid UTF-8 and the control characters
// XML cannot hold (even as references) replaced by U+FFFD; tab, new line and CR kept as references.
std::string xml_escape(std::string_view text);
// HTML-escaped text for element content and attribute values.
std::string html_escape(std::string_view text);

// Lower-case extension without the dot ("" when none): "Report.PDF" -> "pdf".
std::string lower_extension(std::string_view file_name);

std::string to_lower_ascii(std::string_view text);
// ASCII and Cyrillic capitals (Russian, Ukrainian, Kazakh) to lower case; other characters as they are.
std::string to_lower_utf8(std::string_view text);
std::string to_upper_ascii(std::string_view text);

}  // namespace izshi
