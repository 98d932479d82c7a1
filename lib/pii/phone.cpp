#include "pii/phone.h"

#include <phonenumbers/phonenumberutil.h>

namespace izshi::pii {

namespace {

using i18n::phonenumbers::PhoneNumberUtil;

// "00" is the international prefix nearly everywhere but in KZ/RU ("8~10"), whose metadata
// libphonenumber applies for the default region; a number written "00 7 ..." means "+7 ...".
std::string with_international_prefix(std::string_view written) {
    size_t first = written.find_first_not_of(" \t");
    if (first != std::string_view::npos && written.substr(first).starts_with("00"))
        return "+" + std::string(written.substr(first + 2));
    return std::string(written);
}

// Parsed and judged valid by libphonenumber, or nullopt.
std::optional<i18n::phonenumbers::PhoneNumber> parse_valid(std::string_view written, std::string_view default_region) {
    const auto* util = PhoneNumberUtil::GetInstance();
    i18n::phonenumbers::PhoneNumber number;
    if (util->Parse(with_international_prefix(written), std::string(default_region), &number) !=
        PhoneNumberUtil::NO_PARSING_ERROR)
        return std::nullopt;
    if (!util->IsValidNumber(number)) return std::nullopt;
    return number;
}

}  // namespace

bool is_phone_region(std::string_view region) {
    return PhoneNumberUtil::GetInstance()->GetCountryCodeForRegion(std::string(region)) != 0;
}

std::optional<std::string> e164_of(std::string_view written, std::string_view default_region) {
    auto number = parse_valid(written, default_region);
    if (!number) return std::nullopt;
    std::string out;
    PhoneNumberUtil::GetInstance()->Format(*number, PhoneNumberUtil::E164, &out);
    return out;
}

std::optional<PhoneNumber> normalize_phone(std::string_view written, std::string_view default_region) {
    const auto* util = PhoneNumberUtil::GetInstance();
    auto number = parse_valid(written, default_region);
    if (!number) return std::nullopt;
    PhoneNumber out;
    util->Format(*number, PhoneNumberUtil::E164, &out.e164);
    util->GetRegionCodeForNumber(*number, &out.region);
    auto type = util->GetNumberType(*number);
    out.mobile = type == PhoneNumberUtil::MOBILE || type == PhoneNumberUtil::FIXED_LINE_OR_MOBILE;
    return out;
}

}  // namespace izshi::pii
