// Payment card numbers (SPEC §5): 13-19 digits with a Luhn check digit, written plain or in
// groups separated by spaces or dashes.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace izshi::pii {

bool luhn_ok(std::string_view digits);

struct CardNumber {
    std::string digits;  // separators removed
    std::string scheme;  // "visa", "mastercard", "mir", "amex", "diners", "jcb", "discover", "unionpay", "maestro"
};

// Accepts "4539148803436467", "4539 1488 0343 6467", "4539-1488-0343-6467" (one kind of separator,
// groups of 4 but for the last, or Amex 4-6-5); nullopt for anything else, a failed Luhn check, or
// a number outside every scheme's issuer range and lengths.
std::optional<CardNumber> parse_card(std::string_view written);

}  // namespace izshi::pii
