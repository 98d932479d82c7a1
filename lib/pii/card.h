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
    std::string scheme;  // "visa", "mastercard", "mir", "amex", "unionpay", "maestro", "jcb", or ""
};

// Accepts "4539148803436467", "4539 1488 0343 6467", "4539-1488-0343-6467" (one kind of separator,
// groups of 4 but for the last, or Amex 4-6-5); nullopt for anything else, a failed Luhn check, or
// a first digit outside the payment ranges 2-6.
std::optional<CardNumber> parse_card(std::string_view written);

}  // namespace izshi::pii
