// Deterministic generator of FAKE Kazakh identities for test data.
//
// Every field is drawn from a seeded Rng: the same seed always yields the same people,
// in the same order. IINs, phone numbers and IBANs are well-formed (check digits right,
// real KZ mobile prefixes and bank codes) so detectors find them, but the combinations
// are random and belong to nobody.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <string>
#include <unordered_set>
#include <vector>

#include "pii/iin.h"
#include "synth/rng.h"

namespace izshi::synth {

struct Identity {
    int index = 0;  // position in the generator's sequence
    std::string last_name;
    std::string first_name;
    std::string patronymic;
    pii::Sex sex = pii::Sex::male;
    int birth_year = 0;
    int birth_month = 0;
    int birth_day = 0;
    std::string iin;    // 12 digits
    std::string phone;  // E.164, "+77011234567"
    std::string email;
    std::string iban;  // 20 characters, "KZ..."
    std::string bank;  // "Kaspi Bank", "Halyk Bank", "ForteBank"
    std::string city;

    std::string full_name() const;   // "Фамилия Имя Отчество" (ФИО)
    // A payment card number of the person, derived from the IIN (no random draw, so adding it
    // changed no other value): 16 digits in the Visa range 4400..., Luhn-valid. Issued by nobody.
    std::string card() const;
    std::string birth_date() const;  // "YYYY-MM-DD"
    bool born_2000s() const { return birth_year >= 2000; }
};

// Ways people write the same number; files mix them so phone detectors are exercised.
enum class PhoneStyle { e164, spaced, dashed, eight_prefix, compact, parenthesised };
std::string format_phone(const std::string& e164, PhoneStyle style);

class IdentityGenerator {
public:
    explicit IdentityGenerator(std::uint64_t seed);

    Identity next();
    std::vector<Identity> generate(std::size_t count);

private:
    void draw_name(Identity& id);
    void draw_birth(Identity& id);
    std::string draw_unique_iin(const Identity& id);
    std::string draw_unique_phone();
    void draw_account(Identity& id);
    std::string draw_email(const Identity& id);

    Rng rng_;
    int next_index_ = 0;
    // Uniqueness is enforced per generator so a test can count distinct citizens exactly.
    std::unordered_set<std::string> used_iins_;
    std::unordered_set<std::string> used_phones_;
    std::unordered_set<std::string> used_ibans_;
};

// IIN with a correct check digit for the given birth date, sex and 4-digit serial; nullopt
// when that serial gives r = 10 twice (such numbers are never issued).
std::optional<std::string> make_iin(int year, int month, int day, pii::Sex sex, int serial);

// A KZ IBAN for bank code "722", "601" or "965" (or any 3 digits) and a 13-character
// account part, with the mod-97 check digits filled in.
std::string make_kz_iban(std::string_view bank_code, std::string_view account13);

}  // namespace izshi::synth
