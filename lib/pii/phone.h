// Phone numbers (SPEC §5). libphonenumber is the authority on which numbers exist: this unit only
// brings the written forms found on seized media ("+7 (701) 234-56-78", "8 701 2345678",
// "00 7 701 ...", "8 10 7 ...") to something it parses, and returns E.164.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace izshi::pii {

struct PhoneNumber {
    std::string e164;    // "+77012345678"
    std::string region;  // "KZ", "RU", "UA", "BY", "AM", ...
    bool mobile = false;
};

// nullopt when libphonenumber does not parse the text or says the number is not valid.
// 'default_region' applies to numbers written without a country code (KZ unless told otherwise).
std::optional<PhoneNumber> normalize_phone(std::string_view written, std::string_view default_region = "KZ");

// True for a region code libphonenumber has metadata for ("KZ", "RU", ...).
bool is_phone_region(std::string_view region);

// The same judgement, giving only the E.164 form (cheaper: no region or type lookup).
std::optional<std::string> e164_of(std::string_view written, std::string_view default_region = "KZ");

}  // namespace izshi::pii
