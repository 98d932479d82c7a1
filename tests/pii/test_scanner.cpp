// The scanner core and its detectors: every shared test vector, every encoding, no decoys, and a
// match across any buffer boundary found exactly once.
#include <catch2/catch.hpp>

#include <map>
#include <regex>
#include <set>

#include "pii/card.h"
#include "pii/email.h"
#include "pii/phone.h"
#include "pii/scanner.h"
#include "support/support.h"

using namespace izshi::pii;

namespace {

std::vector<Finding> scan_all(const std::string& bytes, ScanOptions options = {}) {
    Scanner scanner(std::move(options));
    std::vector<Finding> out;
    auto span = std::span(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    scanner.scan(span, 0, span.size(), 0, out);
    return out;
}

// The stream scanned in blocks of 'block' bytes, each with 'margin' bytes before and after.
std::vector<Finding> scan_in_blocks(const std::string& bytes, size_t block, size_t margin) {
    Scanner scanner;
    std::vector<Finding> out;
    for (size_t start = 0; start < bytes.size(); start += block) {
        size_t from = start > margin ? start - margin : 0;
        size_t owned_end = std::min(bytes.size(), start + block);
        size_t to = std::min(bytes.size(), owned_end + margin);
        auto span = std::span(reinterpret_cast<const unsigned char*>(bytes.data()) + from, to - from);
        // At the end of the stream the last block owns everything up to the end.
        scanner.scan(span, start - from, owned_end == bytes.size() ? span.size() : owned_end - from, from, out);
    }
    return out;
}

std::multiset<std::string> keys(const std::vector<Finding>& findings) {
    std::multiset<std::string> out;
    for (const auto& f : findings)
        out.insert(std::string(pii_type_name(f.type)) + " " + f.value + " @" + std::to_string(f.offset) + " " +
                   std::string(encoding_name(f.encoding)));
    return out;
}

std::multiset<std::string> values(const std::vector<Finding>& findings) {
    std::multiset<std::string> out;
    for (const auto& f : findings) out.insert(std::string(pii_type_name(f.type)) + " " + f.value);
    return out;
}

// UTF-8 (of the Basic Multilingual Plane) to UTF-16.
std::string utf16(const std::string& utf8, bool little_endian) {
    std::string out;
    for (size_t i = 0; i < utf8.size(); ++i) {
        auto c = static_cast<unsigned char>(utf8[i]);
        auto next = [&] { return static_cast<unsigned char>(utf8[++i]) & 0x3Fu; };
        unsigned code = c;
        if (c >= 0xE0) code = (c & 0x0Fu) << 12, code |= next() << 6, code |= next();
        else if (c >= 0xC0) code = (c & 0x1Fu) << 6, code |= next();
        char low = static_cast<char>(code & 0xFF), high = static_cast<char>(code >> 8);
        out += little_endian ? std::string{low, high} : std::string{high, low};
    }
    return out;
}

// The text of the sample record in CP1251 (only Cyrillic А..я are converted).
std::string cp1251(const std::string& utf8) {
    std::string out;
    for (size_t i = 0; i < utf8.size(); ++i) {
        auto c = static_cast<unsigned char>(utf8[i]);
        if (c < 0x80) {
            out.push_back(static_cast<char>(c));
            continue;
        }
        unsigned code = ((c & 0x1F) << 6) | (static_cast<unsigned char>(utf8[++i]) & 0x3F);
        out.push_back(static_cast<char>(code - 0x410 + 0xC0));
    }
    return out;
}

const std::string record =
    "Клиент: Иванова А.; ИИН 871008401427; тел. +7 (701) 234-56-78; карта 4539 1488 0343 6467; "
    "счёт KZ45722S000054326792; e-mail aigerim.s@mail.kz; удостоверение № 043118226; паспорт N11223344.";

const std::multiset<std::string> record_values = {
    "iin 871008401427",  "phone +77012345678",   "card 4539148803436467", "iban KZ45722S000054326792",
    "email aigerim.s@mail.kz", "id_card 043118226", "passport N11223344"};

}  // namespace

TEST_CASE("pii: every phone vector normalises to its E.164 form in its region", "[pii][phone]") {
    auto vectors = izshi::test::pii_vectors("PHONE");
    REQUIRE(vectors.size() >= 12);
    std::regex region_note(R"(\(region ([A-Z]{2})\))"), e164_note(R"((\+\d+))");
    for (const auto& v : vectors) {
        INFO(v.value << " (" << v.note << ")");
        std::smatch m;
        std::string region = std::regex_search(v.note, m, region_note) ? m[1].str() : "KZ";
        auto phone = normalize_phone(v.value, region);
        CHECK(phone.has_value() == v.valid);
        if (v.valid && std::regex_search(v.note, m, e164_note)) CHECK(phone->e164 == m[1].str());
    }
    CHECK(normalize_phone("00 7 701 234 56 78")->e164 == "+77012345678");  // "00" international prefix
    CHECK(normalize_phone("8 10 7 701 2345678")->e164 == "+77012345678");  // KZ/RU "8 10" prefix
    CHECK(normalize_phone("+375 29 123-45-67")->region == "BY");
    CHECK(normalize_phone("+374 77 123456")->region == "AM");
}

TEST_CASE("pii: every card vector gets its verdict, and cards are grouped only as printed", "[pii][card]") {
    for (const auto& v : izshi::test::pii_vectors("CARD")) {
        INFO(v.value);
        CHECK(parse_card(v.value).has_value() == v.valid);
    }
    CHECK(parse_card("4539148803436467")->scheme == "visa");
    CHECK(parse_card("2200 0000 0000 0004")->scheme == "mir");
    CHECK_FALSE(parse_card("4539 1488-0343 6467"));  // mixed separators
    CHECK_FALSE(parse_card("45391 488034 36467"));   // not a card layout
}

TEST_CASE("pii: e-mail addresses are recognised and others are not", "[pii][email]") {
    CHECK(normalize_email("Aigerim.S@Mail.KZ") == "Aigerim.S@mail.kz");
    CHECK_FALSE(normalize_email("a@b"));
    CHECK_FALSE(normalize_email(".a@mail.kz"));
    CHECK_FALSE(normalize_email("a..b@mail.kz"));
    CHECK_FALSE(normalize_email("a@mail.k2"));
}

TEST_CASE("pii: the scanner finds every kind in UTF-8, CP1251, UTF-16LE and UTF-16BE", "[pii][scanner]") {
    CHECK(values(scan_all(record)) == record_values);
    CHECK(values(scan_all(cp1251(record))) == record_values);
    auto le = scan_all("\xFF\xFE" + utf16(record, true));
    CHECK(values(le) == record_values);
    for (const auto& f : le) CHECK(f.encoding == Encoding::utf16le);
    // Without a byte order mark big-endian text reads the same as little-endian text one byte
    // later; with one, it is named big-endian.
    CHECK(values(scan_all(utf16(record, false))) == record_values);
    auto be = scan_all("\xFE\xFF" + utf16(record, false));
    CHECK(values(be) == record_values);
    for (const auto& f : be) CHECK(f.encoding == Encoding::utf16be);
    auto odd = scan_all("x" + utf16(record, true));  // UTF-16 starting at an odd offset
    CHECK(values(odd) == record_values);
    // Offsets point at the first byte of the match in the stream.
    for (const auto& f : scan_all(record)) {
        if (f.type == PiiType::iin) CHECK(record.substr(f.offset, 12) == "871008401427");
        if (f.type == PiiType::phone) CHECK(record.substr(f.offset, 2) == "+7");
    }
}

TEST_CASE("pii: valid vectors are found in text and invalid ones are not", "[pii][scanner]") {
    for (const char* type : {"IIN", "BIN", "IBAN", "CARD"}) {
        for (const auto& v : izshi::test::pii_vectors(type)) {
            INFO(type << " " << v.value << " (" << v.note << ")");
            auto found = scan_all("запись: " + v.value + " ;");
            bool any = std::any_of(found.begin(), found.end(), [&](const Finding& f) {
                return f.type == PiiType::iin || f.type == PiiType::bin || f.type == PiiType::iban || f.type == PiiType::card;
            });
            CHECK(any == v.valid);
        }
    }
}

TEST_CASE("pii: decoys are not findings", "[pii][scanner]") {
    CHECK(scan_all("18710084014271").empty());        // an IIN glued inside a longer digit run
    CHECK(scan_all("871008401428").empty());          // wrong check digit
    CHECK(scan_all("871008901427").empty());          // century digit 9
    CHECK(scan_all("order 043118226 shipped").empty());  // 9 digits without an ID context word
    CHECK(scan_all("N11223344").empty());             // passport-like without context
    CHECK(scan_all("8 703 234 56 78").empty());       // KZ prefix 703 is not assigned
    CHECK(scan_all("4539148803436468").empty());      // Luhn fails
    CHECK(scan_all("KZ12345678901234567890").empty());
}

TEST_CASE("pii: a number valid as an IIN and as a Russian INN is reported as ambiguous", "[pii][scanner]") {
    REQUIRE(russian_inn12_ok("871008300879"));
    auto found = scan_all("871008300879");
    REQUIRE(found.size() == 1);
    CHECK(found[0].type == PiiType::iin);
    CHECK(found[0].note == "also a valid Russian personal INN");
    CHECK(found[0].score < scan_all("871008401427")[0].score);
}

TEST_CASE("pii: a match across any buffer boundary is found exactly once", "[pii][scanner][boundary]") {
    std::string stream;
    for (int i = 0; i < 12; ++i) stream += "....." + record + "\n" + utf16(" ИИН 871008401427 ", true);
    auto whole = keys(scan_all(stream));
    REQUIRE(whole.size() == 12 * (record_values.size() + 1));
    // Block sizes that put the boundary at every position inside every match.
    for (size_t block : {size_t(97), size_t(300), size_t(1021), size_t(4096)}) {
        INFO("block " << block);
        CHECK(keys(scan_in_blocks(stream, block, kMaxMatchBytes)) == whole);
    }
    for (size_t block = 1; block < 64; block += 7) {
        INFO("block " << block);
        CHECK(keys(scan_in_blocks(stream.substr(0, 400), block, kMaxMatchBytes)) == keys(scan_all(stream.substr(0, 400))));
    }
}

TEST_CASE("pii: hostile UTF-16 (odd length, lone surrogates, cut mid-character) is scanned without harm",
          "[pii][scanner][errors]") {
    auto text = utf16(" ИИН 871008401427 тел. +7 701 234 56 78 ", true);
    // Lone high and low surrogates and a NUL inside the text, then the text cut after an odd byte.
    std::string hostile = "\xFF\xFE" + text.substr(0, 10) + std::string("\x00\xD8\x41\x00\x00\xDC\x00\x00", 8) +
                          text.substr(10) + text.substr(0, 7);
    std::vector<Finding> found;
    REQUIRE_NOTHROW(found = scan_all(hostile));
    std::set<std::string> got;
    for (const auto& f : found) got.insert(std::string(pii_type_name(f.type)) + " " + f.value);
    CHECK(got.count("iin 871008401427"));
    CHECK(got.count("phone +77012345678"));
    for (size_t cut = 0; cut < hostile.size(); cut += 3) CHECK_NOTHROW(scan_all(hostile.substr(0, cut)));
}
