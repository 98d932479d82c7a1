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

struct Scheme {
    std::string_view name;
    int prefix_digits, low, high;  // issuer range: the first prefix_digits digits in [low, high]
    size_t min_length, max_length;
};

// Issuer ranges and lengths published by the schemes (first match wins: Mir before Mastercard's
// 2-series, Discover and UnionPay before the Maestro catch-all of 56-69).
constexpr Scheme schemes[] = {
    {"mir", 4, 2200, 2204, 16, 19},        {"mastercard", 2, 51, 55, 16, 16},
    {"mastercard", 4, 2221, 2720, 16, 16}, {"visa", 1, 4, 4, 13, 19},
    {"amex", 2, 34, 34, 15, 15},           {"amex", 2, 37, 37, 15, 15},
    {"diners", 3, 300, 305, 14, 19},       {"diners", 2, 36, 36, 14, 19},
    {"diners", 2, 38, 39, 14, 19},         {"jcb", 4, 3528, 3589, 16, 19},
    {"discover", 4, 6011, 6011, 16, 19},   {"discover", 3, 644, 649, 16, 19},
    {"discover", 2, 65, 65, 16, 19},       {"unionpay", 2, 62, 62, 16, 19},
    {"maestro", 2, 50, 50, 12, 19},        {"maestro", 2, 56, 69, 12, 19},
};

const Scheme* scheme_of(std::string_view d) {
    for (const auto& scheme : schemes)
        if (starts_in(d, scheme.prefix_digits, scheme.low, scheme.high)) return &scheme;
    return nullptr;
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
    // A number passes Luhn one time in ten: only an issuer range with its lengths makes it a card.
    // SIM card ICCIDs (89...), browser timestamps (13...) and glued digit runs are not.
    const auto* scheme = scheme_of(card.digits);
    if (!scheme || card.digits.size() < scheme->min_length || card.digits.size() > scheme->max_length)
        return std::nullopt;
    card.scheme = scheme->name;
    return card;
}

}  // namespace izshi::pii
