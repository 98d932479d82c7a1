#include "pii/card.h"

#include <vector>

namespace izshi::pii {

bool luhn_ok(std::string_view digits) {
    if (digits.empty()) return false;
    int sum = 0;
    bool twice = false;
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
        if (*it < '0' || *it > '9') return false;
        int d = *it - '0';
        if (twice && (d *= 2) > 9) d -= 9;
        sum += d;
        twice = !twice;
    }
    return sum % 10 == 0;
}

namespace {

bool starts_in(std::string_view digits, int length, int low, int high) {
    int prefix = 0;
    for (int i = 0; i < length; ++i) prefix = prefix * 10 + (digits[static_cast<size_t>(i)] - '0');
    return prefix >= low && prefix <= high;
}

// The scheme by issuer range (IIN ranges published by the schemes; Mir 2200-2204).
std::string scheme_of(std::string_view d) {
    if (starts_in(d, 4, 2200, 2204)) return "mir";
    if (starts_in(d, 2, 51, 55) || starts_in(d, 4, 2221, 2720)) return "mastercard";
    if (d[0] == '4') return "visa";
    if (starts_in(d, 2, 34, 34) || starts_in(d, 2, 37, 37)) return "amex";
    if (starts_in(d, 2, 62, 62)) return "unionpay";
    if (starts_in(d, 4, 3528, 3589)) return "jcb";
    if (starts_in(d, 2, 50, 50) || starts_in(d, 2, 56, 69)) return "maestro";
    return "";
}

// Digit groups of the written form, or empty when it mixes separators or holds anything else.
std::vector<size_t> group_lengths(std::string_view written, std::string& digits) {
    std::vector<size_t> groups{0};
    char separator = 0;
    for (char c : written) {
        if (c >= '0' && c <= '9') {
            digits.push_back(c);
            ++groups.back();
        } else if ((c == ' ' || c == '-') && (separator == 0 || separator == c) && groups.back() > 0) {
            separator = c;
            groups.push_back(0);
        } else {
            return {};
        }
    }
    return groups;
}

bool grouping_ok(const std::vector<size_t>& groups) {
    if (groups.size() == 1) return true;
    if (groups == std::vector<size_t>{4, 6, 5} || groups == std::vector<size_t>{4, 6, 4}) return true;  // Amex, Diners
    for (size_t i = 0; i + 1 < groups.size(); ++i)
        if (groups[i] != 4) return false;
    return groups.back() >= 1 && groups.back() <= 4;
}

}  // namespace

std::optional<CardNumber> parse_card(std::string_view written) {
    CardNumber card;
    auto groups = group_lengths(written, card.digits);
    if (groups.empty() || !grouping_ok(groups)) return std::nullopt;
    if (card.digits.size() < 13 || card.digits.size() > 19 || !luhn_ok(card.digits)) return std::nullopt;
    // Payment cards are issued in the ranges 2-6 (ISO/IEC 7812 major industry identifiers). SIM card
    // ICCIDs (89...) and the 17-digit timestamps of browsers (13...) also pass Luhn one time in ten.
    if (card.digits[0] < '2' || card.digits[0] > '6') return std::nullopt;
    card.scheme = scheme_of(card.digits);
    return card;
}

}  // namespace izshi::pii
