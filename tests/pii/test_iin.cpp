// IIN/BIN check digit and field rules (SPEC §5), against the shared test vectors.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "pii/iin.h"
#include "support/support.h"

namespace {

using namespace izshi::pii;

}  // namespace

TEST_CASE("pii: every IIN test vector gets its expected verdict", "[pii][iin]") {
    const auto vectors = izshi::test::pii_vectors("IIN");
    REQUIRE(vectors.size() >= 12);
    for (const auto& v : vectors) {
        INFO(v.value << " (" << v.note << ")");
        CHECK(is_valid_iin(v.value) == v.valid);
        CHECK(classify_id(v.value) == IdKind::individual);
    }
}

TEST_CASE("pii: every BIN test vector gets its expected verdict", "[pii][bin]") {
    const auto vectors = izshi::test::pii_vectors("BIN");
    REQUIRE(vectors.size() >= 12);
    for (const auto& v : vectors) {
        INFO(v.value << " (" << v.note << ")");
        CHECK(is_valid_bin(v.value) == v.valid);
        if (v.valid) CHECK(classify_id(v.value) == IdKind::business);
    }
}

TEST_CASE("pii: the second weight pass is used when the first gives 10", "[pii][iin]") {
    // 061211600012: first pass gives 10, second gives 2 (kz-iin-validator README).
    CHECK(iin_check_digit("06121160001") == 2);
    // 821214240092: both passes give 10, so no check digit exists.
    CHECK_FALSE(iin_check_digit("82121424009").has_value());
    CHECK_FALSE(iin_checksum_ok("821214240092"));
}

TEST_CASE("pii: check digit input must be 11 digits", "[pii][iin]") {
    CHECK_FALSE(iin_check_digit("8710084014").has_value());
    CHECK_FALSE(iin_check_digit("87100840142X").has_value());
    CHECK_FALSE(iin_check_digit("8710084O142").has_value());
    CHECK_FALSE(iin_checksum_ok("87100840142"));
}

TEST_CASE("pii: parse_iin reads birth date, century and sex", "[pii][iin]") {
    const auto woman_1987 = parse_iin("871008401427");
    REQUIRE(woman_1987);
    CHECK(woman_1987->valid);
    CHECK(woman_1987->century == 1900);
    CHECK(woman_1987->sex == Sex::female);  // 7th digit 4: 1900s, female
    CHECK(woman_1987->birth_year == 1987);
    CHECK(woman_1987->birth_month == 10);
    CHECK(woman_1987->birth_day == 8);
    CHECK(woman_1987->date_plausible);

    const auto born_2006 = parse_iin("061211600012");
    REQUIRE(born_2006);
    CHECK(born_2006->century == 2000);
    CHECK(born_2006->birth_year == 2006);
    CHECK(born_2006->sex == Sex::female);

    const auto born_1880 = parse_iin("800416100254");
    REQUIRE(born_1880);
    CHECK(born_1880->century == 1800);
    CHECK(born_1880->sex == Sex::male);
    CHECK(born_1880->valid);
}

TEST_CASE("pii: century digits 0 and 7-9 make an IIN invalid", "[pii][iin]") {
    for (char code : {'0', '7', '8', '9'}) {
        std::string first11 =
            "8710084014"
            "2";
        first11[6] = code;
        const auto check = iin_check_digit(first11);
        if (!check) continue;
        const std::string iin = first11 + char('0' + *check);
        INFO(iin);
        CHECK(iin_checksum_ok(iin));
        CHECK_FALSE(is_valid_iin(iin));
        CHECK_FALSE(parse_iin(iin)->sex.has_value());
    }
}

TEST_CASE("pii: an impossible date lowers plausibility but does not reject", "[pii][iin]") {
    // 31 February 1987, male, serial 0001: compute the check digit rather than hard-code it.
    std::string first11 = "87023130001";
    auto check = iin_check_digit(first11);
    if (!check) {
        first11 = "87023130002";
        check = iin_check_digit(first11);
    }
    REQUIRE(check);
    const auto info = parse_iin(first11 + char('0' + *check));
    REQUIRE(info);
    CHECK(info->valid);
    CHECK_FALSE(info->date_plausible);
}

TEST_CASE("pii: malformed strings are format errors, not verdicts", "[pii][iin]") {
    CHECK(parse_iin("87100840142").error() == IdFormatError::wrong_length);
    CHECK(parse_iin("8710084014270").error() == IdFormatError::wrong_length);
    CHECK(parse_iin("87100840142a").error() == IdFormatError::not_digits);
    CHECK(parse_bin("").error() == IdFormatError::wrong_length);
    CHECK_FALSE(classify_id("871008401427 "));
}

TEST_CASE("pii: the fifth digit separates IIN from BIN", "[pii][iin][bin]") {
    CHECK(classify_id("871008401427") == IdKind::individual);
    CHECK(classify_id("940140000385") == IdKind::business);
    CHECK(classify_id("940160000385") == IdKind::business);
    CHECK_FALSE(classify_id("940190000385").has_value());
}

TEST_CASE("pii: parse_bin reads type and attribute", "[pii][bin]") {
    const auto halyk = parse_bin("940140000385");
    REQUIRE(halyk);
    CHECK(halyk->valid);
    CHECK(halyk->registration_yy == 94);
    CHECK(halyk->registration_month == 1);
    CHECK(halyk->type == BinType::resident);
    CHECK(halyk->attribute == 0);
}

TEST_CASE("pii: IINs stored as numbers get their leading zero back", "[pii][iin]") {
    CHECK(iin_from_number("61211600012") == "061211600012");
    CHECK(iin_from_number(std::int64_t{61211600012}) == "061211600012");
    CHECK(iin_from_number(std::int64_t{871008401427}) == "871008401427");
    CHECK_FALSE(iin_from_number("61211600013").has_value());  // wrong check digit
    CHECK_FALSE(iin_from_number("12345678").has_value());     // 8 digits: too short
    CHECK_FALSE(iin_from_number(std::int64_t{0}).has_value());
}

TEST_CASE("pii: someone born January-September 2000 loses three zeros", "[pii][iin]") {
    // 2000-09-14, female (century digit 6): "000914 6 NNNN K" is stored as a 9-digit number.
    std::string first11;
    std::optional<int> check;
    for (int serial = 1; !check; ++serial) {
        first11 = "0009146" + std::string(4 - std::to_string(serial).size(), '0') + std::to_string(serial);
        check = iin_check_digit(first11);
    }
    const std::string iin = first11 + char('0' + *check);
    REQUIRE(is_valid_iin(iin));
    CHECK(iin_from_number(iin.substr(3)) == iin);
    CHECK(iin_from_number(std::int64_t{std::stoll(iin)}) == iin);
}
