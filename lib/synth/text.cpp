#include "synth/text.h"

#include <array>
#include <cstdint>
#include <fmt/format.h>
#include <unordered_map>

namespace izshi::synth {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

// Decodes one code point at `i` and advances `i`; malformed input yields U+FFFD.
char32_t decode_utf8(std::string_view s, std::size_t& i) {
    const auto lead = static_cast<unsigned char>(s[i++]);
    if (lead < 0x80) return lead;
    int extra = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : -1;
    if (extra < 0) return kReplacement;
    char32_t cp = lead & (0x3F >> extra);
    for (; extra > 0; --extra) {
        if (i >= s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) return kReplacement;
        cp = (cp << 6) | (static_cast<unsigned char>(s[i++]) & 0x3F);
    }
    return cp;
}

const std::unordered_map<char32_t, std::string_view>& cyrillic_to_latin() {
    // Lower-case only; upper case is folded before the lookup. Kazakh letters are
    // mapped to their closest Latin spelling as used in real addresses (қ -> k, ұ -> u).
    static const std::unordered_map<char32_t, std::string_view> table{
        {U'а', "a"},  {U'б', "b"},  {U'в', "v"},  {U'г', "g"},  {U'д', "d"},  {U'е', "e"},   {U'ё', "e"},
        {U'ж', "zh"}, {U'з', "z"},  {U'и', "i"},  {U'й', "i"},  {U'к', "k"},  {U'л', "l"},   {U'м', "m"},
        {U'н', "n"},  {U'о', "o"},  {U'п', "p"},  {U'р', "r"},  {U'с', "s"},  {U'т', "t"},   {U'у', "u"},
        {U'ф', "f"},  {U'х', "kh"}, {U'ц', "ts"}, {U'ч', "ch"}, {U'ш', "sh"}, {U'щ', "sch"}, {U'ъ', ""},
        {U'ы', "y"},  {U'ь', ""},   {U'э', "e"},  {U'ю', "yu"}, {U'я', "ya"}, {U'ә', "a"},   {U'ғ', "g"},
        {U'қ', "k"},  {U'ң', "n"},  {U'ө', "o"},  {U'ұ', "u"},  {U'ү', "u"},  {U'һ', "h"},   {U'і', "i"},
    };
    return table;
}

char32_t to_lower_cyrillic(char32_t cp) {
    if (cp >= U'А' && cp <= U'Я') return cp + 0x20;
    if (cp >= 0x0400 && cp <= 0x040F) return cp + 0x50;  // Ё, Ї, І ...
    // Kazakh letters sit in the Cyrillic Supplement as upper/lower pairs (Ә/ә, Ғ/ғ ...).
    const bool in_paired_block = (cp >= 0x0490 && cp <= 0x04BF) || (cp >= 0x04D0 && cp <= 0x04FF);
    if (in_paired_block && cp % 2 == 0) return cp + 1;
    return cp;
}

void append_utf16le_unit(std::string& out, std::uint16_t unit) {
    out += static_cast<char>(unit & 0xFF);
    out += static_cast<char>(unit >> 8);
}

}  // namespace

std::string transliterate_lower(std::string_view utf8) {
    const auto& table = cyrillic_to_latin();
    std::string out;
    for (std::size_t i = 0; i < utf8.size();) {
        const char32_t cp = to_lower_cyrillic(decode_utf8(utf8, i));
        if (cp < 0x80) {
            if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))
                out += static_cast<char>(cp);
            else if (cp >= 'A' && cp <= 'Z')
                out += static_cast<char>(cp - 'A' + 'a');
            continue;
        }
        if (auto it = table.find(cp); it != table.end()) out += it->second;
    }
    return out;
}

std::string to_utf16le_with_bom(std::string_view utf8) {
    std::string out("\xFF\xFE", 2);
    for (std::size_t i = 0; i < utf8.size();) {
        char32_t cp = decode_utf8(utf8, i);
        if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = kReplacement;
        if (cp < 0x10000) {
            append_utf16le_unit(out, static_cast<std::uint16_t>(cp));
        } else {
            cp -= 0x10000;
            append_utf16le_unit(out, static_cast<std::uint16_t>(0xD800 + (cp >> 10)));
            append_utf16le_unit(out, static_cast<std::uint16_t>(0xDC00 + (cp & 0x3FF)));
        }
    }
    return out;
}

std::string csv_field(std::string_view text) {
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
    std::string out = "\"";
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

}  // namespace izshi::synth
