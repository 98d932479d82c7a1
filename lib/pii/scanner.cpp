#include "pii/scanner.h"

#include <algorithm>
#include <array>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <optional>
#include <tuple>

#include "core/text.h"
#include "pii/card.h"
#include "pii/email.h"
#include "pii/iban.h"
#include "pii/iin.h"
#include "pii/phone.h"

namespace izshi::pii {

std::string_view pii_type_name(PiiType type) {
    static constexpr std::array names = {"iin", "bin", "phone", "iban", "card", "email", "id_card", "passport"};
    return names[static_cast<size_t>(type)];
}

std::vector<PiiType> all_pii_types() {
    return {PiiType::iin,   PiiType::bin,   PiiType::phone,   PiiType::iban,
            PiiType::card,  PiiType::email, PiiType::id_card, PiiType::passport};
}

std::string_view encoding_name(Encoding encoding) {
    switch (encoding) {
    case Encoding::ascii: return "ascii";
    case Encoding::utf16le: return "utf-16le";
    case Encoding::utf16be: return "utf-16be";
    }
    return "?";
}

bool russian_inn12_ok(std::string_view d) {
    if (d.size() != 12 || !std::all_of(d.begin(), d.end(), [](char c) { return c >= '0' && c <= '9'; })) return false;
    auto check = [&](std::initializer_list<int> weights) {
        int sum = 0, i = 0;
        for (int w : weights) sum += w * (d[static_cast<size_t>(i++)] - '0');
        return sum % 11 % 10;
    };
    return check({7, 2, 4, 10, 3, 5, 9, 4, 6, 8}) == d[10] - '0' && check({3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8}) == d[11] - '0';
}

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool email_local(char c) { return is_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'; }
bool email_domain(char c) { return is_alnum(c) || c == '.' || c == '-'; }

// Text to scan: ASCII-compatible bytes, each char mapped back to its byte in the buffer.
struct Text {
    std::string_view chars;
    const std::vector<uint32_t>* source = nullptr;  // null: char i is byte i
    Encoding encoding = Encoding::ascii;
    size_t byte_of(size_t i) const { return source ? (*source)[i] : i; }
};

struct DigitRun {
    size_t begin, end;
};

// Words that make a 9-digit run an ID-card number or N+8 digits a passport number (SPEC §5), in
// UTF-8 and in CP1251 (the bytes of the same Cyrillic letters in the Windows code page).
const std::vector<std::string>& context_words() {
    static const std::vector<std::string> words = [] {
        std::vector<std::string> utf8 = {"удостоверени", "Удостоверени", "УДОСТОВЕРЕНИ", "удост.", "Удост.",
                                         "паспорт",      "Паспорт",      "ПАСПОРТ",      "куәлік", "Куәлік",
                                         "КУӘЛІК",       "passport",     "Passport",     "PASSPORT", "ID card",
                                         "id card",      "ID-card",      "ID No",        "ID number"};
        std::vector<std::string> out = utf8;
        for (const auto& word : utf8)  // the Russian words as CP1251 bytes too ('?': no code for a letter)
            if (auto cp1251 = to_cp1251(word); cp1251 != word && cp1251.find('?') == std::string::npos)
                out.push_back(cp1251);
        return out;
    }();
    return words;
}

bool has_context_before(std::string_view text, size_t begin) {
    size_t from = begin > 64 ? begin - 64 : 0;
    auto window = text.substr(from, begin - from);
    for (const auto& word : context_words())
        if (window.find(word) != std::string_view::npos) return true;
    return false;
}

bool separator(char c) { return c == ' ' || c == '-' || c == '(' || c == ')' || c == '.'; }

// Where a digit run that can matter may start: a digit next to another digit, or with a separator
// after it or a separator or '+' before it. Lone digits, one in 25 bytes of binary data, are passed
// over sixteen bytes at a time (SSE2) and never looked at one by one.
bool candidate_digit(const char* text, size_t at, size_t size) {
    if (!is_digit(text[at])) return false;
    bool next_digit = at + 1 < size && is_digit(text[at + 1]);
    bool next_separator = at + 1 < size && separator(text[at + 1]);
    bool previous = at > 0 && (separator(text[at - 1]) || text[at - 1] == '+');
    return next_digit || next_separator || previous;
}

#ifdef __SSE2__
__m128i bytes_in(__m128i v, char low, char high) {
    __m128i offset = _mm_sub_epi8(v, _mm_set1_epi8(low));
    return _mm_cmpeq_epi8(_mm_min_epu8(offset, _mm_set1_epi8(static_cast<char>(high - low))), offset);
}
__m128i bytes_equal(__m128i v, char c) { return _mm_cmpeq_epi8(v, _mm_set1_epi8(c)); }
__m128i separators(__m128i v) {
    return _mm_or_si128(_mm_or_si128(bytes_equal(v, ' '), bytes_equal(v, '-')),
                        _mm_or_si128(bytes_in(v, '(', ')'), bytes_equal(v, '.')));
}
__m128i load(const char* at) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(at)); }
#endif

size_t next_candidate_digit(const char* text, size_t from, size_t size) {
#ifdef __SSE2__
    if (from == 0 && size > 0) {
        if (candidate_digit(text, 0, size)) return 0;
        from = 1;
    }
    for (; from + 17 <= size; from += 16) {
        __m128i here = load(text + from), next = load(text + from + 1), before = load(text + from - 1);
        __m128i after_ok = _mm_or_si128(bytes_in(next, '0', '9'), separators(next));
        __m128i before_ok = _mm_or_si128(separators(before), bytes_equal(before, '+'));
        __m128i hits = _mm_and_si128(bytes_in(here, '0', '9'), _mm_or_si128(after_ok, before_ok));
        if (int mask = _mm_movemask_epi8(hits)) return from + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
    }
#endif
    while (from < size && !candidate_digit(text, from, size)) ++from;
    return from;
}

// The first "KZ" (any case) at or after 'from': where a Kazakh IBAN can start.
size_t next_kz(const char* text, size_t from, size_t size) {
#ifdef __SSE2__
    for (; from + 17 <= size; from += 16) {
        __m128i here = load(text + from), next = load(text + from + 1);
        __m128i k = _mm_or_si128(bytes_equal(here, 'K'), bytes_equal(here, 'k'));
        __m128i z = _mm_or_si128(bytes_equal(next, 'Z'), bytes_equal(next, 'z'));
        if (int mask = _mm_movemask_epi8(_mm_and_si128(k, z))) return from + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
    }
#endif
    for (; from + 1 < size; ++from)
        if ((text[from] | 0x20) == 'k' && (text[from + 1] | 0x20) == 'z') return from;
    return size;
}

class TextScan {
public:
    TextScan(const Text& text, size_t owned_begin, size_t owned_end, bool stream_end, uint64_t base,
             const ScanOptions& options, const bool* wanted, std::vector<Finding>& out)
        : t_(text), owned_begin_(owned_begin), owned_end_(owned_end), stream_end_(stream_end), base_(base),
          options_(options), wanted_(wanted), out_(out) {}

    void run() {
        find_ibans();
        find_emails();
        std::sort(consumed_.begin(), consumed_.end(), [](const auto& a, const auto& b) { return a.begin < b.begin; });
        collect_runs();
        for (size_t i = 0; i < runs_.size();) i = classify_from(i);
    }

private:
    std::string_view s() const { return t_.chars; }

    bool owned(size_t char_index) const {
        size_t byte = t_.byte_of(char_index);
        return byte >= owned_begin_ && byte < owned_end_;
    }
    // A candidate that reaches the end of the visible bytes may continue in the next buffer: only
    // the buffer that sees all of it (the one owning its start, whose margin holds it) judges it.
    bool cut_off(size_t end) const { return end >= s().size() && !stream_end_; }

    void emit(PiiType type, std::string value, size_t begin, int score, std::string note = {}) {
        if (!wanted_[static_cast<size_t>(type)] || !owned(begin)) return;
        out_.push_back({type, std::move(value), base_ + t_.byte_of(begin), t_.encoding, score, std::move(note),
                        context_at(begin)});
    }

    // The text around a match, control characters shown as spaces (for a short line in a report).
    std::string context_at(size_t begin) const {
        size_t from = begin > kContextBytes ? begin - kContextBytes : 0;
        auto text = std::string(s().substr(from, 2 * kContextBytes + 16));
        for (auto& c : text)
            if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = ' ';
        // Text that is not UTF-8 is taken for CP1251, the code page of Russian text on Windows.
        auto trimmed = trim_cut_utf8(text);
        if (!is_valid_utf8(trimmed)) return cp1251_to_utf8(text);
        return std::string(trimmed);
    }

    bool inside_consumed(size_t position) const {
        auto it = std::upper_bound(consumed_.begin(), consumed_.end(), position,
                                   [](size_t p, const DigitRun& r) { return p < r.begin; });
        return it != consumed_.begin() && position < std::prev(it)->end;
    }

    void find_ibans() {
        for (size_t i = next_kz(s().data(), 0, s().size()); i + 4 <= s().size(); i = next_kz(s().data(), i + 1, s().size())) {
            if (!is_digit(s()[i + 2]) || !is_digit(s()[i + 3])) continue;
            if (i > 0 && is_alnum(s()[i - 1])) continue;
            std::string compact;
            size_t j = i;
            while (j < s().size() && compact.size() < kKzIbanLength) {
                if (is_alnum(s()[j])) compact.push_back(s()[j++]);
                else if (s()[j] == ' ' && j + 1 < s().size() && is_alnum(s()[j + 1])) ++j;
                else break;
            }
            if (compact.size() != kKzIbanLength || (j < s().size() && is_alnum(s()[j]))) continue;
            auto iban = normalize_iban(compact);
            if (!is_valid_kz_iban(iban)) continue;
            emit(PiiType::iban, iban, i, 100);
            consumed_.push_back({i, j});
            i = j - 1;
        }
    }

    void find_emails() {
        for (size_t at = s().find('@'); at != std::string_view::npos; at = s().find('@', at + 1)) {
            size_t left = at, right = at + 1;
            while (left > 0 && at - left < 64 && email_local(s()[left - 1])) --left;
            while (right < s().size() && right - at < 253 && email_domain(s()[right])) ++right;
            while (right > at + 1 && (s()[right - 1] == '.' || s()[right - 1] == '-')) --right;
            if (left == at || cut_off(right)) continue;
            auto email = normalize_email(s().substr(left, right - left));
            if (!email) continue;
            emit(PiiType::email, *email, left, 90);
            consumed_.push_back({left, right});
        }
    }

    // Digit runs that can matter: long enough to be something on their own (an ID card has 9
    // digits, a passport 8), or touching a separator or '+' and so maybe a group of a written
    // number ("+7 701 234 56 78"). next_candidate_digit skips the rest without looking at it.
    void collect_runs() {
        const char* text = s().data();
        const size_t size = s().size();
        for (size_t i = next_candidate_digit(text, 0, size); i < size; i = next_candidate_digit(text, i, size)) {
            size_t j = i + 1;
            while (j < size && is_digit(text[j])) ++j;
            bool grouped = (i > 0 && (separator(text[i - 1]) || text[i - 1] == '+')) || (j < size && separator(text[j]));
            if ((j - i >= 8 || grouped) && !inside_consumed(i)) runs_.push_back({i, j});
            i = j;
        }
    }

    // Separators that may stand between the digit groups of one written number.
    bool joins(const DigitRun& a, const DigitRun& b) const {
        if (b.begin - a.end > 3) return false;
        for (size_t k = a.end; k < b.begin; ++k)
            if (s()[k] != ' ' && s()[k] != '-' && s()[k] != '(' && s()[k] != ')' && s()[k] != '.') return false;
        return true;
    }

    // Where a written number starts: its first digit, or a '+' or '(' just before it.
    size_t written_start(const DigitRun& run) const {
        size_t start = run.begin;
        if (start > 0 && s()[start - 1] == '(') --start;
        if (start > 0 && s()[start - 1] == '+') --start;
        return start;
    }

    // Tries the longest group of runs from 'i' as a phone number, then as a card; else judges run i
    // alone. Returns the index of the next run to look at.
    size_t classify_from(size_t i) {
        size_t last = i;
        while (last + 1 < runs_.size() && last - i < 7 && joins(runs_[last], runs_[last + 1])) ++last;
        size_t start = written_start(runs_[i]);
        bool plus = s()[start] == '+';
        for (size_t j = last + 1; j-- > i;) {
            if (j == i && !plus) break;
            if (cut_off(runs_[j].end)) continue;
            auto written = s().substr(start, runs_[j].end - start);
            if (wanted_[static_cast<size_t>(PiiType::phone)]) {
                if (auto phone = normalize_phone(written, options_.default_region)) {
                    emit(PiiType::phone, phone->e164, start, phone->mobile ? 85 : 75);
                    return j + 1;
                }
            }
            if (j > i) {
                if (auto card = parse_card(s().substr(runs_[i].begin, runs_[j].end - runs_[i].begin))) {
                    emit(PiiType::card, card->digits, runs_[i].begin, 80, card->scheme);
                    return j + 1;
                }
            }
        }
        classify_run(runs_[i]);
        return i + 1;
    }

    void classify_run(const DigitRun& run) {
        if (cut_off(run.end)) return;
        auto digits = s().substr(run.begin, run.end - run.begin);
        switch (digits.size()) {
        case 12: return twelve_digits(run, digits);
        case 10: case 11: return national_phone(run, digits);
        case 9: return id_card(run, digits);
        case 8: return passport(run, digits);
        default:
            if (digits.size() >= 13 && digits.size() <= 19)
                if (auto card = parse_card(digits)) emit(PiiType::card, card->digits, run.begin, 75, card->scheme);
        }
    }

    // The 5th digit decides what a 12-digit number can be (SPEC §5): 0-3 the tens of an IIN's birth
    // day, 4-6 a BIN's type. Neither: perhaps a phone number without its '+'.
    void twelve_digits(const DigitRun& run, std::string_view digits) {
        std::string note = russian_inn12_ok(digits) ? "also a valid Russian personal INN" : "";
        auto kind = classify_id(digits);
        if (kind == IdKind::individual)
            if (auto iin = parse_iin(digits); iin && iin->valid) {
                int score = iin->date_plausible ? 95 : 70;
                if (!note.empty()) score -= 25;
                if (!iin->date_plausible) note += std::string(note.empty() ? "" : "; ") + "birth date is not a calendar date";
                return emit(PiiType::iin, std::string(digits), run.begin, score, note);
            }
        if (kind == IdKind::business && is_valid_bin(digits))
            return emit(PiiType::bin, std::string(digits), run.begin, note.empty() ? 90 : 65, note);
        national_phone(run, digits);
    }

    void national_phone(const DigitRun& run, std::string_view digits) {
        if (!wanted_[static_cast<size_t>(PiiType::phone)]) return;
        if (auto phone = normalize_phone(digits, options_.default_region))
            emit(PiiType::phone, phone->e164, run.begin, phone->mobile ? 80 : 70);
    }

    void id_card(const DigitRun& run, std::string_view digits) {
        if (has_context_before(s(), run.begin)) emit(PiiType::id_card, std::string(digits), run.begin, 60);
    }

    void passport(const DigitRun& run, std::string_view digits) {
        if (run.begin == 0 || (s()[run.begin - 1] != 'N' && s()[run.begin - 1] != 'n')) return;
        if (run.begin >= 2 && is_alnum(s()[run.begin - 2])) return;
        if (has_context_before(s(), run.begin - 1))
            emit(PiiType::passport, "N" + std::string(digits), run.begin - 1, 70);
    }

    const Text& t_;
    size_t owned_begin_, owned_end_;
    bool stream_end_;
    uint64_t base_;
    const ScanOptions& options_;
    const bool* wanted_;
    std::vector<Finding>& out_;
    std::vector<DigitRun> runs_;
    std::vector<DigitRun> consumed_;  // ranges already taken by an IBAN or an e-mail address
};

// UTF-16 text is found as islands: at least kIslandUnits consecutive code units that look like text
// (see text_unit; every identifier written out is longer). Only islands are decoded, so random
// binary data, where a zero byte next to a digit is common but six text units in a row are not,
// costs a cheap pass per reading. Alignments follow the stream offset's parity, so that
// consecutive buffers agree. Little-endian text read big-endian one byte later decodes to nearly the same text,
// so for each parity one reading is taken: the one a byte order mark names, else the one whose
// islands cover more bytes (a character such as '№' breaks the wrong one), little-endian on a tie.
constexpr size_t kIslandUnits = 6;

struct Island {
    size_t begin, end;  // byte range in the buffer
};

// Printable ASCII and Latin-1, Cyrillic (with Kazakh letters), and general punctuation and letter-like
// symbols such as dashes, quotes and '№', which stand between a context word and a number. Tables,
// because this runs for every other byte of every buffer.
constexpr std::array<bool, 256> latin_low_table = [] {
    std::array<bool, 256> table{};
    for (unsigned c = 0x20; c < 0x7F; ++c) table[c] = true;
    for (unsigned c = 0xA0; c < 0x100; ++c) table[c] = true;
    table['\t'] = table['\n'] = table['\r'] = true;
    return table;
}();
constexpr std::array<bool, 256> text_high_table = [] {
    std::array<bool, 256> table{};
    table[0x04] = table[0x20] = table[0x21] = true;
    return table;
}();

inline bool text_unit(unsigned char low, unsigned char high) {
    return high == 0 ? latin_low_table[low] : text_high_table[high];
}

// Islands of code units starting at buffer index 'first' (every other byte from there). Invariant
// of the loop: the unit before 'i' is not text. So when the unit kIslandUnits - 1 ahead is not
// text either, no island can start at i or at the units up to it, and they are skipped unseen: in
// binary data nearly every probe fails and three of four units are never looked at.
std::vector<Island> utf16_islands(std::span<const unsigned char> bytes, size_t first, bool little_endian) {
    auto is_text = [&](size_t at) {
        return little_endian ? text_unit(bytes[at], bytes[at + 1]) : text_unit(bytes[at + 1], bytes[at]);
    };
    std::vector<Island> islands;
    constexpr size_t stride = 2 * kIslandUnits;
    for (size_t i = first; i + 1 < bytes.size();) {
        size_t probe = i + stride - 2;
        if (probe + 1 < bytes.size() && !is_text(probe)) {
            i = probe + 2;
            continue;
        }
        size_t end = i;
        while (end + 1 < bytes.size() && is_text(end)) end += 2;
        if ((end - i) / 2 >= kIslandUnits) islands.push_back({i, end});
        i = end + 2;  // the unit at 'end' is not text (or is past the buffer)
    }
    return islands;
}

// Byte ranges of the buffer where an island of kIslandUnits text units can be, found sixteen bytes
// at a time (SSE2): a unit is text when its high byte is 0 and its low byte printable, or its high
// byte is 0x04, 0x20 or 0x21 (text_unit). Random data and runs of zeros never qualify, so the
// readings below only look at the few places that do. Without SSE2: the whole buffer.
std::vector<std::pair<size_t, size_t>> utf16_ranges(std::span<const unsigned char> bytes) {
    std::vector<std::pair<size_t, size_t>> ranges;
#ifdef __SSE2__
    auto add = [&](size_t from, size_t to) {
        from = from > 16 ? from - 16 : 0;
        to = std::min(bytes.size(), to + 32);
        if (!ranges.empty() && from <= ranges.back().second) ranges.back().second = std::max(ranges.back().second, to);
        else ranges.emplace_back(from, to);
    };
    auto masks_at = [&](size_t at, uint32_t& printable, uint32_t& zero, uint32_t& high) {
        __m128i v = load(reinterpret_cast<const char*>(bytes.data()) + at);
        __m128i latin = _mm_or_si128(_mm_or_si128(bytes_in(v, 0x20, 0x7E), bytes_in(v, static_cast<char>(0xA0), static_cast<char>(0xFF))),
                                     _mm_or_si128(bytes_in(v, '\t', '\n'), bytes_equal(v, '\r')));
        printable = static_cast<uint32_t>(_mm_movemask_epi8(latin));
        zero = static_cast<uint32_t>(_mm_movemask_epi8(bytes_equal(v, 0)));
        high = static_cast<uint32_t>(_mm_movemask_epi8(
            _mm_or_si128(bytes_equal(v, 0x04), bytes_in(v, 0x20, 0x21))));
    };
    if (bytes.size() < 48) {
        if (!bytes.empty()) ranges.emplace_back(0, bytes.size());
        return ranges;
    }
    size_t at = 0;
    for (; at + 48 <= bytes.size(); at += 16) {
        uint32_t p0, z0, h0, p1, z1, h1;
        masks_at(at, p0, z0, h0);
        masks_at(at + 16, p1, z1, h1);
        uint64_t printable = p0 | (uint64_t(p1) << 16), zero = z0 | (uint64_t(z1) << 16), high = h0 | (uint64_t(h1) << 16);
        uint64_t little = ((zero >> 1) & printable) | (high >> 1);  // unit at bit i: low byte i, high byte i+1
        uint64_t big = (zero & (printable >> 1)) | high;             // unit at bit i: high byte i, low byte i+1
        for (uint64_t text : {little, big}) {
            uint64_t run = text & (text >> 2) & (text >> 4) & (text >> 6) & (text >> 8) & (text >> 10);
            if (run & 0xFFFF) {
                add(at, at + 16);
                break;
            }
        }
    }
    if (at < bytes.size()) add(at, bytes.size());  // the tail, too short for a window: look at it all
#else
    if (!bytes.empty()) ranges.emplace_back(0, bytes.size());
#endif
    return ranges;
}

size_t covered(const std::vector<Island>& islands) {
    size_t bytes = 0;
    for (const auto& island : islands) bytes += island.end - island.begin;
    return bytes;
}

// The byte order a byte order mark in the buffer names for these alignments, if exactly one does.
std::optional<bool> marked_big_endian(std::span<const unsigned char> bytes, size_t le_first) {
    bool be_mark = false, le_mark = false;
    for (size_t i = 0; i + 1 < bytes.size(); ++i) {
        bool le_aligned = i % 2 == le_first % 2;
        le_mark |= le_aligned && bytes[i] == 0xFF && bytes[i + 1] == 0xFE;
        be_mark |= !le_aligned && bytes[i] == 0xFE && bytes[i + 1] == 0xFF;
    }
    if (be_mark != le_mark) return be_mark;
    return std::nullopt;
}

// UTF-16 to UTF-8, remembering for every output byte the buffer byte its code unit started at.
// Unpaired surrogates and NUL become '\x01', which no detector takes for part of a match.
Text decode_utf16(std::span<const unsigned char> bytes, size_t first, size_t end, bool little_endian,
                  std::string& chars, std::vector<uint32_t>& source) {
    auto unit = [&](size_t i) -> unsigned {
        return little_endian ? bytes[i] | (bytes[i + 1] << 8) : (bytes[i] << 8) | bytes[i + 1];
    };
    auto put = [&](unsigned char c, size_t at) {
        chars.push_back(static_cast<char>(c));
        source.push_back(static_cast<uint32_t>(at));
    };
    for (size_t i = first; i + 1 < end; i += 2) {
        unsigned code = unit(i);
        if (code >= 0xD800 && code <= 0xDBFF && i + 3 < end && unit(i + 2) >= 0xDC00 && unit(i + 2) <= 0xDFFF) {
            code = 0x10000 + ((code - 0xD800) << 10) + (unit(i + 2) - 0xDC00);
            put(static_cast<unsigned char>(0xF0 | (code >> 18)), i);
            put(static_cast<unsigned char>(0x80 | ((code >> 12) & 0x3F)), i);
            put(static_cast<unsigned char>(0x80 | ((code >> 6) & 0x3F)), i);
            put(static_cast<unsigned char>(0x80 | (code & 0x3F)), i);
            i += 2;
        } else if (code == 0 || (code >= 0xD800 && code <= 0xDFFF)) {
            put(1, i);
        } else if (code < 0x80) {
            put(static_cast<unsigned char>(code), i);
        } else if (code < 0x800) {
            put(static_cast<unsigned char>(0xC0 | (code >> 6)), i);
            put(static_cast<unsigned char>(0x80 | (code & 0x3F)), i);
        } else {
            put(static_cast<unsigned char>(0xE0 | (code >> 12)), i);
            put(static_cast<unsigned char>(0x80 | ((code >> 6) & 0x3F)), i);
            put(static_cast<unsigned char>(0x80 | (code & 0x3F)), i);
        }
    }
    return {chars, &source, little_endian ? Encoding::utf16le : Encoding::utf16be};
}

}  // namespace

bool names_identity_document(std::string_view header) {
    for (const auto& word : context_words())
        if (header.find(word) != std::string_view::npos) return true;
    return false;
}

Scanner::Scanner(ScanOptions options) : options_(std::move(options)) {
    for (auto type : options_.types) wanted_[static_cast<size_t>(type)] = true;
}

void Scanner::scan(std::span<const unsigned char> bytes, size_t owned_begin, size_t owned_end, uint64_t base,
                   std::vector<Finding>& out) const {
    Text ascii{std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size())};
    bool stream_end = owned_end == bytes.size();
    TextScan(ascii, owned_begin, owned_end, stream_end, base, options_, wanted_, out).run();
    auto ranges = utf16_ranges(bytes);
    if (ranges.empty()) return;
    for (unsigned parity : {0u, 1u}) {
        size_t le_first = (base + parity) % 2;
        std::vector<Island> le, be;
        for (const auto& [from, to] : ranges) {
            auto part = bytes.subspan(from, to - from);
            for (auto [reading, first, little] : {std::tuple{&le, le_first, true}, std::tuple{&be, le_first ^ 1, false}})
                for (auto island : utf16_islands(part, (first + from) % 2, little))
                    reading->push_back({island.begin + from, island.end + from});
        }
        if (le.empty() && be.empty()) continue;
        bool big_endian = marked_big_endian(bytes, le_first).value_or(covered(be) > covered(le));
        for (const auto& island : big_endian ? be : le) {
            std::string chars;
            std::vector<uint32_t> source;
            auto text = decode_utf16(bytes, island.begin, island.end, !big_endian, chars, source);
            // An island ending before the buffer does is complete; one that reaches it may go on.
            bool complete = stream_end || island.end + 2 <= bytes.size();
            TextScan(text, owned_begin, owned_end, complete, base, options_, wanted_, out).run();
        }
    }
}

}  // namespace izshi::pii
