#pragma once
// The HTML report's words in Russian, English and Kazakh (SPEC §9). Russian and English are complete;
// a Kazakh label that is not translated yet falls back to Russian, the language of the courts that
// read these reports alongside Kazakh.
#include <string>
#include <string_view>

namespace izshi::report {

// "ru", "en" or "kk"; false for any other code.
bool is_report_language(std::string_view code);

// The label for 'key' ("evidence_items", "custody_log", ...) in 'language'; the key itself when unknown.
std::string_view label(std::string_view language, std::string_view key);

}  // namespace izshi::report
