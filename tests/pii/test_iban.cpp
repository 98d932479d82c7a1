// IBAN mod-97 check and the KZ layout (SPEC §5), against the shared test vectors.
#include <catch2/catch.hpp>

#include <string>

#include "pii/iban.h"
#include "support/support.h"

using namespace izshi::pii;

TEST_CASE("pii: every IBAN test vector gets its expected verdict", "[pii][iban]") {
    auto vectors = izshi::test::pii_vectors("IBAN");
    CHECK(vectors.size() >= 8);
    for (const auto& v : vectors) {
        INFO(v.value);
        CHECK(is_valid_kz_iban(v.value) == v.valid);
    }
}

TEST_CASE("pii: IBAN check digits are computed so that mod 97 is 1", "[pii][iban]") {
    CHECK(iban_check_digits("KZ", "722S000054326792") == "45");
    CHECK(iban_check_digits("KZ", "6010131000179714") == "47");
    CHECK_FALSE(iban_check_digits("K", "6010131000179714").has_value());
    CHECK_FALSE(iban_check_digits("KZ", "601-0131").has_value());
}

TEST_CASE("pii: written IBANs are normalised before checking", "[pii][iban]") {
    const auto iban = normalize_iban("kz86 125K ZT50 0410 0100");
    CHECK(iban == "KZ86125KZT5004100100");
    CHECK(is_valid_kz_iban(iban));
    CHECK_FALSE(iban_mod97_ok("KZ86 125KZT5004100100"));
}
