#include "pii/iin.h"

#include <algorithm>
#include <array>
#include <chrono>

namespace izshi::pii {
namespace {

constexpr std::size_t kIdLength = 12;

bool all_digits(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int digit_at(std::string_view s, std::size_t i) {
    return s[i] - '0';
}

int two_digits_at(std::string_view s, std::size_t i) {
    return digit_at(s, i) * 10 + digit_at(s, i + 1);
}

std::expected<void, IdFormatError> check_format(std::string_view s) {
    if (s.size() != kIdLength) return std::unexpected(IdFormatError::wrong_length);
    if (!all_digits(s)) return std::unexpected(IdFormatError::not_digits);
    return {};
}

int weighted_sum_mod11(std::string_view first11, const std::array<int, 11>& weights) {
    int sum = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) sum += digit_at(first11, i) * weights[i];
    return sum % 11;
}

// The 7th digit of an IIN: 1/2 = 1800s, 3/4 = 1900s, 5/6 = 2000s; odd = male.
std::optional<int> century_of(int code) {
    if (code < 1 || code > 6) return std::nullopt;
    return 1800 + 100 * ((code - 1) / 2);
}

bool is_real_date(int year, int month, int day) {
    using namespace std::chrono;
    return year_month_day{std::chrono::year{year}, std::chrono::month{unsigned(month)}, std::chrono::day{unsigned(day)}}
        .ok();
}

std::optional<BinType> bin_type_of(int digit) {
    switch (digit) {
    case 4: return BinType::resident;
    case 5: return BinType::non_resident;
    case 6: return BinType::joint_entrepreneur;
    default: return std::nullopt;
    }
}

}  // namespace

std::optional<int> iin_check_digit(std::string_view first11) {
    if (first11.size() != 11 || !all_digits(first11)) return std::nullopt;
    static constexpr std::array<int, 11> kFirstWeights{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
    static constexpr std::array<int, 11> kSecondWeights{3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2};
    int r = weighted_sum_mod11(first11, kFirstWeights);
    if (r == 10) r = weighted_sum_mod11(first11, kSecondWeights);
    if (r == 10) return std::nullopt;  // never issued
    return r;
}

bool iin_checksum_ok(std::string_view twelve) {
    if (!check_format(twelve)) return false;
    const auto expected = iin_check_digit(twelve.substr(0, 11));
    return expected && *expected == digit_at(twelve, 11);
}

std::optional<IdKind> classify_id(std::string_view twelve) {
    if (!check_format(twelve)) return std::nullopt;
    const int fifth = digit_at(twelve, 4);
    if (fifth <= 3) return IdKind::individual;
    if (fifth <= 6) return IdKind::business;
    return std::nullopt;
}

std::expected<IinInfo, IdFormatError> parse_iin(std::string_view twelve) {
    if (auto ok = check_format(twelve); !ok) return std::unexpected(ok.error());
    IinInfo info;
    info.digits = std::string(twelve);
    info.checksum_ok = iin_checksum_ok(twelve);
    const int code = digit_at(twelve, 6);
    info.century = century_of(code);
    info.century_ok = info.century.has_value();
    info.birth_year = two_digits_at(twelve, 0) + info.century.value_or(0);
    info.birth_month = two_digits_at(twelve, 2);
    info.birth_day = two_digits_at(twelve, 4);
    if (info.century_ok) {
        info.sex = (code % 2 == 1) ? Sex::male : Sex::female;
        info.date_plausible = is_real_date(info.birth_year, info.birth_month, info.birth_day);
    }
    info.valid = info.checksum_ok && info.century_ok;
    return info;
}

std::expected<BinInfo, IdFormatError> parse_bin(std::string_view twelve) {
    if (auto ok = check_format(twelve); !ok) return std::unexpected(ok.error());
    BinInfo info;
    info.digits = std::string(twelve);
    info.checksum_ok = iin_checksum_ok(twelve);
    info.registration_yy = two_digits_at(twelve, 0);
    info.registration_month = two_digits_at(twelve, 2);
    info.month_ok = info.registration_month >= 1 && info.registration_month <= 12;
    info.type = bin_type_of(digit_at(twelve, 4));
    info.type_ok = info.type.has_value();
    info.attribute = digit_at(twelve, 5);
    info.attribute_ok = info.attribute <= 3;
    info.valid = info.checksum_ok && info.month_ok && info.type_ok && info.attribute_ok;
    return info;
}

bool is_valid_iin(std::string_view twelve) {
    const auto info = parse_iin(twelve);
    return info && info->valid;
}

bool is_valid_bin(std::string_view twelve) {
    const auto info = parse_bin(twelve);
    return info && info->valid;
}

std::optional<std::string> iin_from_number(std::string_view decimal_digits) {
    const auto n = decimal_digits.size();
    constexpr std::size_t kShortestStoredIin = 9;  // born Jan-Sep 2000: "000MDD..." -> 9 digits
    if (n < kShortestStoredIin || n > kIdLength || !all_digits(decimal_digits)) return std::nullopt;
    std::string padded(kIdLength - n, '0');
    padded += decimal_digits;
    if (!is_valid_iin(padded)) return std::nullopt;
    return padded;
}

std::optional<std::string> iin_from_number(std::int64_t value) {
    if (value <= 0) return std::nullopt;
    return iin_from_number(std::to_string(value));
}

}  // namespace izshi::pii
