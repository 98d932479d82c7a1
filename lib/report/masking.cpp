#include "report/masking.h"

namespace izshi::report {

namespace {

// Keeps 'head' and 'tail' characters and stars the rest (all stars when too short to keep both).
std::string keep_ends(std::string_view value, size_t head, size_t tail) {
    if (value.size() <= head + tail) return std::string(value.size(), '*');
    return std::string(value.substr(0, head)) + std::string(value.size() - head - tail, '*') +
           std::string(value.substr(value.size() - tail));
}

std::string mask_phone(std::string_view e164) {
    // Kazakhstan and Russia: +7 and a ten-digit national number, shown as written there.
    if (e164.size() == 12 && e164.starts_with("+7"))
        return "+7 " + std::string(e164.substr(2, 3)) + " *** ** " + std::string(e164.substr(10, 2));
    return keep_ends(e164, 4, 2);
}

std::string mask_email(std::string_view address) {
    auto at = address.find('@');
    if (at == std::string_view::npos || at == 0) return keep_ends(address, 1, 2);
    return std::string(address.substr(0, 1)) + "***" + std::string(address.substr(at));
}

// "Нурланов Айдар" -> "Н. А.": each word's first character (UTF-8 aware) and a dot.
std::string mask_name(std::string_view name) {
    std::string out;
    for (size_t i = 0; i < name.size();) {
        while (i < name.size() && name[i] == ' ') ++i;
        if (i == name.size()) break;
        size_t length = 1;
        while (i + length < name.size() && (static_cast<unsigned char>(name[i + length]) & 0xC0) == 0x80) ++length;
        out += (out.empty() ? "" : " ") + std::string(name.substr(i, length)) + ".";
        while (i < name.size() && name[i] != ' ') ++i;
    }
    return out;
}

}  // namespace

std::string mask_value(std::string_view type, std::string_view value) {
    if (type == "iin" || type == "bin") return keep_ends(value, 4, 2);
    if (type == "phone") return mask_phone(value);
    if (type == "iban") return keep_ends(value, 6, 4);
    if (type == "card") return keep_ends(value, 6, 4);
    if (type == "email") return mask_email(value);
    if (type == "name") return mask_name(value);
    return keep_ends(value, 2, 2);
}

}  // namespace izshi::report
