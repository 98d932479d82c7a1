// UTF-8 helpers the generator needs: Cyrillic to Latin for e-mail addresses, UTF-16LE
// for Windows-style text files, and escaping for the XML and JSON we write.
#pragma once

#include <string>
#include <string_view>

namespace izshi::synth {

// Lower-case Latin transliteration of Russian and Kazakh Cyrillic (ASCII letters pass
// through, everything else is dropped), e.g. "Нұрлан" -> "nurlan".
std::string transliterate_lower(std::string_view utf8);

// UTF-16LE bytes, starting with the byte order mark FF FE. Invalid UTF-8 becomes U+FFFD.
std::string to_utf16le_with_bom(std::string_view utf8);

std::string csv_field(std::string_view text);    // quoted only when it must be

}  // namespace izshi::synth
