#include "pii/email.h"

namespace izshi::pii {

namespace {

bool local_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '%' || c == '+' || c == '-';
}

bool domain_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
}

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

}  // namespace

std::optional<std::string> normalize_email(std::string_view text) {
    auto at = text.find('@');
    if (at == std::string_view::npos || at == 0 || at > 64) return std::nullopt;
    auto local = text.substr(0, at), domain = text.substr(at + 1);
    if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) return std::nullopt;
    for (char c : local)
        if (!local_char(c)) return std::nullopt;
    auto last_dot = domain.rfind('.');
    if (domain.size() < 4 || domain.size() > 253 || last_dot == std::string_view::npos || last_dot == 0 ||
        domain.front() == '-' || domain.find("..") != std::string_view::npos)
        return std::nullopt;
    for (char c : domain)
        if (!domain_char(c)) return std::nullopt;
    auto tld = domain.substr(last_dot + 1);
    if (tld.size() < 2 || tld.size() > 24) return std::nullopt;
    for (char c : tld)
        if (!is_letter(c)) return std::nullopt;
    std::string out(local);
    out.push_back('@');
    for (char c : domain) out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
    return out;
}

}  // namespace izshi::pii
