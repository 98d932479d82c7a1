// Kazakh individual (IIN, ИИН/ЖСН) and business (BIN, БИН) identification numbers.
//
// Both are 12 digits and share one check-digit rule (SPEC §5, government decree
// of 22 May 2007 No. 406):
//   IIN  YYMMDD C NNNN K   C = century and sex (1..6)
//   BIN  YYMM T A NNNNN K  T = 4 resident, 5 non-resident, 6 joint entrepreneur; A = 0..3
// The 5th digit tells them apart: an IIN has the tens digit of the day there (0..3),
// a BIN has the type digit (4..6).
#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>

namespace izshi::pii {

// Why a string could not even be read as a 12-digit identifier.
enum class IdFormatError { wrong_length, not_digits };

enum class IdKind { individual, business };  // IIN or BIN
enum class Sex { male, female };
enum class BinType { resident, non_resident, joint_entrepreneur };

struct IinInfo {
    std::string digits;           // the 12 digits as given
    bool checksum_ok = false;     // K matches the two-pass rule
    bool century_ok = false;      // 7th digit in 1..6
    bool date_plausible = false;  // YYMMDD (with the century) is a real calendar date
    // An IIN is valid when the check digit and the century digit are right. An impossible
    // date does not reject (SPEC §5: it only lowers the score).
    bool valid = false;
    std::optional<int> century;  // 1800, 1900 or 2000
    std::optional<Sex> sex;
    int birth_year = 0;  // full year when the century is known, else YY
    int birth_month = 0;
    int birth_day = 0;
};

struct BinInfo {
    std::string digits;
    bool checksum_ok = false;
    bool month_ok = false;      // MM in 01..12
    bool type_ok = false;       // 5th digit in 4..6
    bool attribute_ok = false;  // 6th digit in 0..3
    bool valid = false;         // all of the above
    int registration_yy = 0;
    int registration_month = 0;
    std::optional<BinType> type;
    int attribute = 0;
};

// The check digit for the first 11 digits, or nullopt when the input is not 11 digits
// or both weight passes give 10 (such a number is never issued).
std::optional<int> iin_check_digit(std::string_view first11);

// True when `twelve` is 12 digits whose last digit is the check digit of the first 11.
// The rule is the same for IIN and BIN.
bool iin_checksum_ok(std::string_view twelve);

// IIN or BIN by the 5th digit; nullopt for 7..9 or a malformed string.
std::optional<IdKind> classify_id(std::string_view twelve);

std::expected<IinInfo, IdFormatError> parse_iin(std::string_view twelve);
std::expected<BinInfo, IdFormatError> parse_bin(std::string_view twelve);

bool is_valid_iin(std::string_view twelve);
bool is_valid_bin(std::string_view twelve);

// Spreadsheets and databases that keep IINs as numbers drop the leading zeros of people
// born in 2000-2009 (SPEC §5). Given the decimal digits of such a number, returns the
// zero-padded 12-digit IIN when that is a valid IIN.
// SPEC §5 names 10- and 11-digit numbers; we also take 9 digits, because an IIN of
// someone born January-September 2000 starts "000" (YY=00, MM=0x) and loses three zeros.
// Callers gate this on context (a column of IINs), as the SPEC says.
std::optional<std::string> iin_from_number(std::string_view decimal_digits);
std::optional<std::string> iin_from_number(std::int64_t value);

}  // namespace izshi::pii
