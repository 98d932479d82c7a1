// The personal-data scanner core (SPEC §5): one pass over a buffer finds every candidate (digit
// runs and their groupings, '@', "KZ" + digits) and hands each to the detector that judges it:
// IIN/BIN check digits, libphonenumber, Luhn, mod 97, the e-mail rules. The same bytes are also
// read as UTF-16 at both byte alignments when they look like it (ASCII letters and digits paired
// with zero bytes), so text saved by Windows programs is found. Big-endian text reads the same as
// little-endian text one byte later; it is named big-endian only when its byte order mark is in
// the buffer.
//
// Buffers overlap (STYLE.md, ripgrep): the caller passes the bytes it owns plus a margin before
// and after; a finding is reported by the buffer that owns its first byte, so a match across a
// buffer boundary is found exactly once.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace izshi::pii {

enum class PiiType { iin, bin, phone, iban, card, email, id_card, passport };
std::string_view pii_type_name(PiiType type);
std::vector<PiiType> all_pii_types();

// "ascii" covers every ASCII-compatible encoding: UTF-8, CP1251, plain ASCII.
enum class Encoding { ascii, utf16le, utf16be };
std::string_view encoding_name(Encoding encoding);

struct Finding {
    PiiType type;
    std::string value;    // normalised: 12 digits, E.164, IBAN, card digits, address
    uint64_t offset = 0;  // of the match's first byte in the stream
    Encoding encoding = Encoding::ascii;
    int score = 0;        // 0..100: how sure the detector is
    std::string note;     // e.g. "also a valid Russian INN", "birth date is not a calendar date"
    std::string context;  // up to kContextBytes of text on each side, the match included
    std::string location; // "" for bytes of the stream; set by readers of structure (a SQLite cell)
};

inline constexpr size_t kContextBytes = 24;

struct ScanOptions {
    std::vector<PiiType> types = all_pii_types();
    std::string default_region = "KZ";  // for phone numbers written without a country code
};

// The longest match any detector looks at; margins must be at least this long.
inline constexpr size_t kMaxMatchBytes = 256;

class Scanner {
public:
    explicit Scanner(ScanOptions options = {});

    // Scans 'bytes', of which [owned_begin, owned_end) belong to this call; 'base' is the stream
    // offset of bytes[0]. At the end of the stream pass owned_end = bytes.size().
    void scan(std::span<const unsigned char> bytes, size_t owned_begin, size_t owned_end, uint64_t base,
              std::vector<Finding>& out) const;

private:
    ScanOptions options_;
    bool wanted_[8] = {};
};

// True when a column header or name says it holds ID-card or passport numbers (the same context
// words the scanner looks for before a number: паспорт, удостоверение, куәлік, passport, ...).
bool names_identity_document(std::string_view header);

// Both check digits of a 12-digit Russian personal INN (python-stdnum ru/inn.py).
bool russian_inn12_ok(std::string_view digits);

}  // namespace izshi::pii
