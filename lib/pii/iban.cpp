#include "pii/iban.h"

#include <algorithm>
#include <cctype>

namespace izshi::pii {
namespace {

bool is_upper_alnum(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// Letters count as two digits (A = 10 ... Z = 35); the number is reduced digit by
// digit so it never overflows, whatever the length.
int mod97_of_rearranged(std::string_view rearranged) {
    int remainder = 0;
    for (char c : rearranged) {
        if (is_digit(c)) {
            remainder = (remainder * 10 + (c - '0')) % 97;
        } else {
            const int value = c - 'A' + 10;
            remainder = (remainder * 100 + value) % 97;
        }
    }
    return remainder;
}

}  // namespace

bool iban_mod97_ok(std::string_view iban) {
    if (iban.size() < 5 || !std::all_of(iban.begin(), iban.end(), is_upper_alnum)) return false;
    // ISO 13616: move the first four characters to the end, then the number mod 97 is 1.
    std::string rearranged(iban.substr(4));
    rearranged += iban.substr(0, 4);
    return mod97_of_rearranged(rearranged) == 1;
}

std::optional<std::string> iban_check_digits(std::string_view country, std::string_view bban) {
    const bool country_ok =
        country.size() == 2 && std::all_of(country.begin(), country.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
    if (!country_ok || bban.empty() || !std::all_of(bban.begin(), bban.end(), is_upper_alnum)) return std::nullopt;
    std::string rearranged(bban);
    rearranged += country;
    rearranged += "00";
    const int check = 98 - mod97_of_rearranged(rearranged);
    return std::string{char('0' + check / 10), char('0' + check % 10)};
}

bool is_valid_kz_iban(std::string_view iban) {
    if (iban.size() != kKzIbanLength || !iban.starts_with("KZ")) return false;
    const auto bank_code = iban.substr(4, 3);
    if (!std::all_of(bank_code.begin(), bank_code.end(), is_digit)) return false;
    return iban_mod97_ok(iban);
}

std::string normalize_iban(std::string_view written) {
    std::string out;
    for (char c : written) {
        if (c == ' ') continue;
        out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return out;
}

}  // namespace izshi::pii
