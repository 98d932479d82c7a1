#include "core/text.h"

#include <fmt/format.h>

namespace izshi {

std::string to_hex(std::span<const unsigned char> bytes) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (unsigned char b : bytes) {
        out.push_back(digits[b >> 4]);
        out.push_back(digits[b & 15]);
    }
    return out;
}

namespace {

// Length of the valid UTF-8 sequence starting at text[i], or 0 when it is not valid.
size_t utf8_sequence_length(std::string_view text, size_t i) {
    auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
    unsigned char lead = byte(i);
    size_t length = lead < 0x80 ? 1 : (lead >> 5) == 6 ? 2 : (lead >> 4) == 14 ? 3 : (lead >> 3) == 30 ? 4 : 0;
    if (length == 0 || i + length > text.size()) return 0;
    for (size_t k = 1; k < length; ++k)
        if ((byte(i + k) & 0xC0) != 0x80) return 0;
    if (length == 2 && lead < 0xC2) return 0;  // overlong
    return length;
}

}  // namespace

std::string json_quote(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 2);
    out.push_back('"');
    for (size_t i = 0; i < text.size();) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        size_t length = utf8_sequence_length(text, i);
        if (length == 0) {
            out += "\\ufffd";
            ++i;
            continue;
        }
        if (length > 1) {
            out.append(text.substr(i, length));
        } else if (c == '"' || c == '\\') {
            out.push_back('\\');
            out.push_back(static_cast<char>(c));
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c < 0x20 || c == 0x7f) {
            out += fmt::format("\\u{:04x}", c);
        } else {
            out.push_back(static_cast<char>(c));
        }
        i += length;
    }
    out.push_back('"');
    return out;
}

std::string to_cp1251(std::string_view utf8) {
    std::string out;
    for (size_t i = 0; i < utf8.size();) {
        size_t length = utf8_sequence_length(utf8, i);
        unsigned code = length == 1   ? static_cast<unsigned char>(utf8[i])
                        : length == 2 ? ((static_cast<unsigned char>(utf8[i]) & 0x1Fu) << 6) |
                                            (static_cast<unsigned char>(utf8[i + 1]) & 0x3Fu)
                                      : 0xFFFD;
        if (code < 0x80) out.push_back(static_cast<char>(code));
        else if (code >= 0x410 && code <= 0x44F) out.push_back(static_cast<char>(0xC0 + (code - 0x410)));
        else if (code == 0x401) out.push_back(static_cast<char>(0xA8));
        else if (code == 0x451) out.push_back(static_cast<char>(0xB8));
        else out.push_back('?');
        i += length ? length : 1;
    }
    return out;
}

std::string cp1251_to_utf8(std::string_view cp1251) {
    std::string out;
    for (char c : cp1251) {
        auto byte = static_cast<unsigned char>(c);
        unsigned code = byte < 0x80    ? byte
                        : byte >= 0xC0 ? 0x410 + (byte - 0xC0)
                        : byte == 0xA8 ? 0x401
                        : byte == 0xB8 ? 0x451
                                       : '?';
        if (code < 0x80) {
            out.push_back(static_cast<char>(code));
        } else {
            out.push_back(static_cast<char>(0xC0 | (code >> 6)));
            out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
        }
    }
    return out;
}

std::string_view trim_cut_utf8(std::string_view text) {
    while (!text.empty() && (static_cast<unsigned char>(text.front()) & 0xC0) == 0x80) text.remove_prefix(1);
    size_t lead = text.size();
    while (lead > 0 && (static_cast<unsigned char>(text[lead - 1]) & 0xC0) == 0x80) --lead;
    if (lead > 0) {
        auto byte = static_cast<unsigned char>(text[lead - 1]);
        size_t length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1;
        if (text.size() - (lead - 1) < length) text = text.substr(0, lead - 1);
    }
    return text;
}

bool is_valid_utf8(std::string_view text) {
    for (size_t i = 0; i < text.size();) {
        size_t length = utf8_sequence_length(text, i);
        if (length == 0) return false;
        i += length;
    }
    return true;
}

std::string xml_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size();) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        size_t length = utf8_sequence_length(text, i);
        if (length == 0) {
            out += "\xEF\xBF\xBD";
            ++i;
            continue;
        }
        if (length > 1) out.append(text.substr(i, length));
        else if (c == '&') out += "&amp;";
        else if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else if (c == '"') out += "&quot;";
        else if (c == '\'') out += "&apos;";
        else if (c == '\t' || c == '\n' || c == '\r') out += fmt::format("&#{};", static_cast<int>(c));
        else if (c < 0x20) out += "\xEF\xBF\xBD";
        else out.push_back(static_cast<char>(c));
        i += length;
    }
    return out;
}

std::string json_string_array(const std::vector<std::string>& items) {
    std::string out = "[";
    for (size_t i = 0; i < items.size(); ++i) out += (i ? "," : "") + json_quote(items[i]);
    return out + "]";
}

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out.push_back(c);
        }
    }
    return out;
}

std::string text_as_utf8(std::string_view text) {
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    return is_valid_utf8(text) ? std::string(text) : cp1251_to_utf8(text);
}

std::string to_lower_ascii(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

namespace {

// The lower-case partner of a Cyrillic capital (Russian, Ukrainian, Kazakh letters), else the same.
char32_t lower_cyrillic(char32_t c) {
    if (c >= 0x0410 && c <= 0x042F) return c + 0x20;
    if (c >= 0x0400 && c <= 0x040F) return c + 0x50;
    if (((c >= 0x0460 && c <= 0x04BF) || (c >= 0x04D0 && c <= 0x04FF)) && c % 2 == 0) return c + 1;
    return c;
}

}  // namespace

std::string to_lower_utf8(std::string_view text) {
    std::string out = to_lower_ascii(text);
    for (size_t i = 0; i + 1 < out.size(); ++i) {
        auto lead = static_cast<unsigned char>(out[i]), next = static_cast<unsigned char>(out[i + 1]);
        if ((lead & 0xE0) != 0xC0 || (next & 0xC0) != 0x80) continue;  // two-byte sequences hold all of Cyrillic
        char32_t c = static_cast<char32_t>(((lead & 0x1F) << 6) | (next & 0x3F));
        char32_t lower = lower_cyrillic(c);
        if (lower == c) continue;
        out[i] = static_cast<char>(0xC0 | (lower >> 6));
        out[i + 1] = static_cast<char>(0x80 | (lower & 0x3F));
        ++i;
    }
    return out;
}

std::string to_upper_ascii(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return out;
}

std::string lower_extension(std::string_view file_name) {
    auto dot = file_name.rfind('.');
    if (dot == std::string_view::npos || dot == 0 || dot + 1 == file_name.size()) return "";
    auto ext = file_name.substr(dot + 1);
    if (ext.find('/') != std::string_view::npos) return "";
    return to_lower_ascii(ext);
}

}  // namespace izshi
