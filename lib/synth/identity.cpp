#include "synth/identity.h"

#include <array>
#include <chrono>
#include <fmt/format.h>

#include "pii/iban.h"
#include "synth/names.h"
#include "synth/text.h"

namespace izshi::synth {
namespace {

using namespace std::string_view_literals;

// Kazakhstan mobile prefixes from SPEC §5 (libphonenumber metadata): 70x, 747, 77x.
constexpr std::array kMobilePrefixes{
    "700"sv, "701"sv, "702"sv, "705"sv, "706"sv, "707"sv, "708"sv, "747"sv, "771"sv, "775"sv, "776"sv, "777"sv, "778"sv,
};

struct Bank {
    std::string_view code;
    std::string_view name;
};
constexpr std::array kBanks{
    Bank{"722", "Kaspi Bank"},
    Bank{"601", "Halyk Bank"},
    Bank{"965", "ForteBank"},
};

// Years 1955-2009 cover adults and, on purpose, the 2000s births whose IINs start with 0.
constexpr int kFirstBirthYear = 1955;
constexpr int kLastBirthYear = 2009;

int days_in_month(int year, int month) {
    using namespace std::chrono;
    return static_cast<int>(
        unsigned(year_month_day_last{std::chrono::year{year} / std::chrono::month{unsigned(month)} / last}.day()));
}

// 7th IIN digit: 3/4 for the 1900s, 5/6 for the 2000s; odd is male.
int century_digit(int year, pii::Sex sex) {
    const int base = year >= 2000 ? 5 : year >= 1900 ? 3 : 1;
    return base + (sex == pii::Sex::female ? 1 : 0);
}

std::string random_digits(Rng& rng, int count) {
    std::string out;
    for (int i = 0; i < count; ++i) out += rng.digit();
    return out;
}

// The account part of the BBAN, shaped like the published examples of each bank
// (Kaspi "S" + 12 digits, Forte "0nF" + 10 digits, Halyk 13 digits).
std::string account_for_bank(Rng& rng, std::string_view code) {
    if (code == "722") return "S" + random_digits(rng, 12);
    if (code == "965") return "0" + random_digits(rng, 1) + "F" + random_digits(rng, 10);
    return random_digits(rng, 13);
}

}  // namespace

std::string Identity::card() const {
    std::string digits = "4400" + iin.substr(0, 11);
    int sum = 0;
    for (std::size_t i = 0; i < digits.size(); ++i) {  // Luhn over 15 digits: double every other from the right
        int d = digits[digits.size() - 1 - i] - '0';
        if (i % 2 == 0 && (d *= 2) > 9) d -= 9;
        sum += d;
    }
    return digits + static_cast<char>('0' + (10 - sum % 10) % 10);
}

std::string Identity::full_name() const {
    return fmt::format("{} {} {}", last_name, first_name, patronymic);
}

std::string Identity::birth_date() const {
    return fmt::format("{:04}-{:02}-{:02}", birth_year, birth_month, birth_day);
}

std::string format_phone(const std::string& e164, PhoneStyle style) {
    // e164 is "+7" followed by 10 digits: ABC DEF GH IJ
    const std::string n = e164.substr(2);
    const auto abc = n.substr(0, 3), def = n.substr(3, 3), gh = n.substr(6, 2), ij = n.substr(8, 2);
    switch (style) {
    case PhoneStyle::e164: return e164;
    case PhoneStyle::spaced: return fmt::format("+7 {} {} {} {}", abc, def, gh, ij);
    case PhoneStyle::dashed: return fmt::format("8-{}-{}-{}-{}", abc, def, gh, ij);
    case PhoneStyle::eight_prefix: return fmt::format("8 {} {}{}{}", abc, def, gh, ij);
    case PhoneStyle::compact: return "8" + n;
    case PhoneStyle::parenthesised: return fmt::format("+7 ({}) {}-{}-{}", abc, def, gh, ij);
    }
    return e164;
}

std::optional<std::string> make_iin(int year, int month, int day, pii::Sex sex, int serial) {
    const std::string first11 =
        fmt::format("{:02}{:02}{:02}{}{:04}", year % 100, month, day, century_digit(year, sex), serial % 10000);
    const auto check = pii::iin_check_digit(first11);
    if (!check) return std::nullopt;
    return first11 + static_cast<char>('0' + *check);
}

std::string make_kz_iban(std::string_view bank_code, std::string_view account13) {
    const std::string bban = std::string(bank_code) + std::string(account13);
    return "KZ" + pii::iban_check_digits("KZ", bban).value_or("00") + bban;
}

IdentityGenerator::IdentityGenerator(std::uint64_t seed) : rng_(seed) {}

Identity IdentityGenerator::next() {
    Identity id;
    id.index = next_index_++;
    draw_name(id);
    draw_birth(id);
    id.iin = draw_unique_iin(id);
    id.phone = draw_unique_phone();
    draw_account(id);
    id.email = draw_email(id);
    id.city = std::string(rng_.pick(kazakh_cities()));
    return id;
}

std::vector<Identity> IdentityGenerator::generate(std::size_t count) {
    std::vector<Identity> out;
    out.reserve(count);
    for (std::size_t i = 0; i < count; ++i) out.push_back(next());
    return out;
}

void IdentityGenerator::draw_name(Identity& id) {
    id.sex = rng_.chance(50) ? pii::Sex::male : pii::Sex::female;
    const bool male = id.sex == pii::Sex::male;
    const bool kazakh = rng_.chance(70);  // roughly the share of Kazakh names in the country
    const auto first_names = kazakh ? (male ? kazakh_male_first_names() : kazakh_female_first_names())
                                    : (male ? russian_male_first_names() : russian_female_first_names());
    const auto& surname = rng_.pick(kazakh ? kazakh_surnames() : russian_surnames());
    const auto& father = rng_.pick(kazakh ? kazakh_father_names() : russian_father_names());
    const bool kazakh_patronymic = kazakh && rng_.chance(25);
    id.first_name = std::string(rng_.pick(first_names));
    id.last_name = std::string(male ? surname.male : surname.female);
    if (kazakh_patronymic)
        id.patronymic = std::string(male ? father.kazakh_son : father.kazakh_daughter);
    else
        id.patronymic = std::string(male ? father.son_of : father.daughter_of);
}

void IdentityGenerator::draw_birth(Identity& id) {
    id.birth_year = rng_.between(kFirstBirthYear, kLastBirthYear);
    id.birth_month = rng_.between(1, 12);
    id.birth_day = rng_.between(1, days_in_month(id.birth_year, id.birth_month));
}

std::string IdentityGenerator::draw_unique_iin(const Identity& id) {
    // About one serial in eleven has no check digit and is never issued; those and the
    // rare duplicate are simply drawn again.
    for (;;) {
        const int serial = static_cast<int>(rng_.below(10000));
        auto iin = make_iin(id.birth_year, id.birth_month, id.birth_day, id.sex, serial);
        if (iin && used_iins_.insert(*iin).second) return *iin;
    }
}

std::string IdentityGenerator::draw_unique_phone() {
    for (;;) {
        std::string phone =
            "+7" + std::string(rng_.pick(std::span<const std::string_view>(kMobilePrefixes))) + random_digits(rng_, 7);
        if (used_phones_.insert(phone).second) return phone;
    }
}

void IdentityGenerator::draw_account(Identity& id) {
    const auto& bank = rng_.pick(std::span<const Bank>(kBanks));
    id.bank = std::string(bank.name);
    for (;;) {
        id.iban = make_kz_iban(bank.code, account_for_bank(rng_, bank.code));
        if (used_ibans_.insert(id.iban).second) return;
    }
}

std::string IdentityGenerator::draw_email(const Identity& id) {
    const auto& domain = rng_.pick(email_domains());
    std::string local = transliterate_lower(id.first_name) + "." + transliterate_lower(id.last_name);
    if (rng_.chance(60)) local += fmt::format("{:02}", id.birth_year % 100);
    if (rng_.chance(30)) local = transliterate_lower(id.last_name) + random_digits(rng_, 3);
    return fmt::format("{}@{}", local, domain);
}

}  // namespace izshi::synth
