// IBAN check digits (ISO 13616 / ISO 7064 mod 97-10) and the Kazakh IBAN layout.
//
// KZ IBAN: "KZ" kk bbb ccccccccccccc, 20 characters; bbb is the bank code
// (722 Kaspi, 601 Halyk, 965 Forte, 856 BCC, 998 Jusan; SPEC §5).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace izshi::pii {

inline constexpr std::size_t kKzIbanLength = 20;

// Upper-case letters and digits only, without spaces; false for anything else.
bool iban_mod97_ok(std::string_view iban);

// The two check digits that make `country` + kk + `bban` pass mod 97, or nullopt when
// the country is not two letters or the BBAN holds something other than A-Z/0-9.
std::optional<std::string> iban_check_digits(std::string_view country, std::string_view bban);

// 20 characters, starts with KZ, check digits right, bank code numeric.
bool is_valid_kz_iban(std::string_view iban);

// Strips spaces and upper-cases, so "kz86 125K ZT50 0410 0100" can be checked.
std::string normalize_iban(std::string_view written);

}  // namespace izshi::pii
