// Watchlists (SPEC §7): numbers in every written form normalised to E.164 with libphonenumber, the
// three list forms told apart, bad rows reported by line with the rest loaded; written times.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <algorithm>

#include "core/clock.h"
#include "core/text.h"
#include "numbers/number_key.h"
#include "numbers/watchlist.h"
#include "support/support.h"

namespace fs = std::filesystem;
using namespace izshi::numbers;

namespace {

Watchlist load_text(const izshi::test::TempDir& dir, const std::string& name, const std::string& text,
                    WatchlistOptions options = {}) {
    izshi::test::write_file(dir / name, text);
    auto list = load_watchlist(dir / name, "", options);
    REQUIRE(list);
    return *list;
}

// "... +77012345678 KZ mobile" -> "+77012345678": the expected E.164 is the note's first word.
std::string expected_e164(const std::string& note) { return note.substr(0, note.find(' ')); }

// The region a vector's note names ("(region UA)"), KZ when it names none.
std::string region_of(const std::string& note) {
    auto at = note.find("(region ");
    return at == std::string::npos ? "KZ" : note.substr(at + 8, 2);
}

}  // namespace

TEST_CASE("every phone vector of pii-test-vectors.txt normalises as the vector says", "[numbers][watchlist]") {
    izshi::test::TempDir dir("watchlist-vectors");
    auto vectors = izshi::test::pii_vectors("PHONE");
    REQUIRE(vectors.size() >= 10);
    for (const auto& vector : vectors) {
        INFO(vector.value << " (" << vector.note << ")");
        auto list = load_text(dir, "one.txt", vector.value + "\n", {.region = region_of(vector.note)});
        if (vector.valid) {
            REQUIRE(list.entries.size() == 1);
            CHECK(list.entries[0].key == expected_e164(vector.note));
            CHECK(list.problems.empty());
        } else {
            CHECK(list.entries.empty());
            REQUIRE(list.problems.size() == 1);
            CHECK(list.problems[0].line == 1);
        }
    }
}

TEST_CASE("numbers of Russia, Ukraine, Belarus and Armenia in their own national forms", "[numbers][watchlist]") {
    izshi::test::TempDir dir("watchlist-regions");
    struct Case {
        const char* region;
        const char* written;
        const char* e164;
    };
    for (auto c : {Case{"RU", "8 (916) 123-45-67", "+79161234567"}, Case{"UA", "050 123 45 67", "+380501234567"},
                   Case{"BY", "8 029 123-45-67", "+375291234567"}, Case{"AM", "077 123456", "+37477123456"},
                   Case{"KZ", "+380 50 123 45 67", "+380501234567"}, Case{"KZ", "00 375 29 123 45 67", "+375291234567"}}) {
        INFO(c.region << " " << c.written);
        auto list = load_text(dir, "one.txt", std::string(c.written) + "\n", {.region = c.region});
        REQUIRE(list.entries.size() == 1);
        CHECK(list.entries[0].key == c.e164);
    }
}

TEST_CASE("a CSV intercept list: every number column an entry, times read in the given zone, bad rows by line",
          "[numbers][watchlist]") {
    izshi::test::TempDir dir("watchlist-csv");
    auto list = load_text(dir, "calls.csv",
                          "Дата и время;Вызывающий;Вызываемый;Направление;КУСП\r\n"
                          "04.03.2024 15:00:00;+7 495 540-22-18;8 701 234 56 78;входящий;К-1\r\n"
                          "04.03.2024 16:00;+7 495 540-22-18;нет данных;входящий;К-2\r\n"
                          "\r\n"
                          "вчера;+7 495 540-22-18;87771234567;входящий;К-3\r\n",
                          {.region = "KZ", .offset_minutes = 300});
    REQUIRE(list.entries.size() == 5);
    CHECK_FALSE(list.hashed);
    const auto& callee = list.entries[1];
    CHECK(callee.key == "+77012345678");
    CHECK(callee.role == "вызываемый");
    CHECK(callee.line == 2);
    CHECK(callee.time_utc == "2024-03-04T10:00:00Z");
    CHECK(callee.direction == "входящий");
    CHECK(callee.case_ref == "К-1");
    CHECK(list.entries[0].key == "+74955402218");
    CHECK(list.entries[0].role == "вызывающий");
    REQUIRE(list.problems.size() == 2);
    CHECK(list.problems[0].line == 3);
    CHECK(list.problems[0].dropped);
    CHECK(list.problems[0].message.find("нет данных") != std::string::npos);
    CHECK(list.problems[1].line == 5);
    CHECK_FALSE(list.problems[1].dropped);  // a time not understood: the entry is loaded without it
    CHECK(list.entries[4].key == "+77771234567");
    CHECK_FALSE(list.entries[4].time);
}

TEST_CASE("a date and a time of day in two columns are one time; a date alone is no time; headers read by meaning",
          "[numbers][watchlist]") {
    izshi::test::TempDir dir("watchlist-columns");
    auto list = load_text(dir, "c.csv",
                          "Номер дела;Дата;Время;Caller name;Номер телефона\n"
                          "12-345;15.03.2024;15:00;Иванов;8 701 234 56 78\n"
                          "12-346;15.03.2024;;Петров;8 777 123 45 67\n",
                          {.region = "KZ", .offset_minutes = 300});
    REQUIRE(list.entries.size() == 2);  // only "Номер телефона" is a number column
    CHECK(list.entries[0].case_ref == "12-345");
    CHECK(list.entries[0].label == "Иванов");
    CHECK(list.entries[0].time_utc == "2024-03-15T10:00:00Z");
    CHECK_FALSE(list.entries[1].time);
    REQUIRE(list.problems.size() == 1);
    CHECK(list.problems[0].line == 3);
    CHECK_FALSE(list.problems[0].dropped);
}

TEST_CASE("one number per line, a label after a tab, comments skipped; CP1251 text read", "[numbers][watchlist]") {
    izshi::test::TempDir dir("watchlist-lines");
    auto list = load_text(dir, "v.txt", "# complaints\n8 701 234 56 78\tзаявление 1\n\n+7 777 123 45 67\n87032345678\n");
    REQUIRE(list.entries.size() == 2);
    CHECK(list.entries[0].key == "+77012345678");
    CHECK(list.entries[0].label == "заявление 1");
    CHECK(list.entries[0].line == 2);
    CHECK(list.entries[1].line == 4);
    REQUIRE(list.problems.size() == 1);
    CHECK(list.problems[0].line == 5);

    auto cp1251 = load_text(dir, "w.csv", izshi::to_cp1251("Телефон;ФИО\n87012345678;Иванов\n"));
    REQUIRE(cp1251.entries.size() == 1);
    CHECK(cp1251.entries[0].label == "Иванов");
}

TEST_CASE("a hashed watchlist is recognised and carries its key id, with no number in it", "[numbers][watchlist][hmac]") {
    izshi::test::TempDir dir("watchlist-hashed");
    auto plain = load_text(dir, "v.txt", "8 701 234 56 78\n+7 777 123 45 67\n");
    auto key = NumberKey::from_bytes("0123456789abcdef0123456789abcdef");
    REQUIRE(key);
    std::ostringstream out;
    export_hashed_watchlist({plain}, *key, out);
    auto text = out.str();
    for (const char* digits : {"7012345678", "7771234567"}) CHECK(text.find(digits) == std::string::npos);
    auto hashed = load_text(dir, "hashed.csv", text);
    CHECK(hashed.hashed);
    CHECK(hashed.key_id == key->key_id());
    REQUIRE(hashed.entries.size() == 2);
    CHECK(hashed.entries[0].key == key->digest("+77012345678"));
    CHECK(hashed.entries[0].line == 3);  // lines of the hashed file itself, after its two header lines
    CHECK(hashed.problems.empty());
    // Another key gives other digests and another id.
    auto other = NumberKey::from_bytes("fedcba9876543210fedcba9876543210");
    REQUIRE(other);
    CHECK(other->key_id() != key->key_id());
    CHECK(other->digest("+77012345678") != key->digest("+77012345678"));
    CHECK_FALSE(NumberKey::from_bytes("short"));
}

TEST_CASE("HMAC-SHA256 of a number equals OpenSSL's command line", "[numbers][hmac]") {
    izshi::test::TempDir dir("hmac");
    auto key = NumberKey::from_bytes("0123456789abcdef0123456789abcdef");
    REQUIRE(key);
    auto result = izshi::test::run_command(
        "printf '%s' +77012345678 | openssl dgst -sha256 -hmac 0123456789abcdef0123456789abcdef -r");
    REQUIRE(result.exit_code == 0);
    CHECK(result.out.substr(0, 64) == key->digest("+77012345678"));
}

TEST_CASE("FILE:LABEL arguments", "[numbers][watchlist]") {
    CHECK(split_watchlist_argument("calls.csv:intercepts") == std::pair<std::string, std::string>{"calls.csv", "intercepts"});
    CHECK(split_watchlist_argument("/data/lists/calls.csv") ==
          std::pair<std::string, std::string>{"/data/lists/calls.csv", "calls.csv"});
    CHECK(split_watchlist_argument("/data/a:b/calls.csv") ==
          std::pair<std::string, std::string>{"/data/a:b/calls.csv", "calls.csv"});
}

TEST_CASE("written times to seconds since the epoch", "[numbers][time]") {
    using izshi::unix_from_text;
    CHECK(unix_from_text("2024-03-15T10:00:00Z") == 1710496800);
    CHECK(unix_from_text("2024-03-15 15:00:00+05:00") == 1710496800);
    CHECK(unix_from_text("2024-03-15 15:00", 300) == 1710496800);
    CHECK(unix_from_text("15.03.2024 15:00:00", 300) == 1710496800);
    CHECK(unix_from_text("1710496800") == 1710496800);
    CHECK(unix_from_text("1710496800123") == 1710496800);
    CHECK(unix_from_text("2024-02-29 00:00:00") == 1709164800);
    CHECK_FALSE(unix_from_text("yesterday"));
    CHECK_FALSE(unix_from_text("2024-13-01"));
    CHECK_FALSE(unix_from_text("2024-03-15 25:00"));
}
