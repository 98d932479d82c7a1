// E-mail addresses (SPEC §5): local@domain.tld as found in text, lower-cased domain.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace izshi::pii {

// nullopt unless 'text' is exactly one plausible address: a local part of letters, digits and
// ._%+-, not starting or ending with a dot; a domain of at least two labels; a letter-only TLD.
std::optional<std::string> normalize_email(std::string_view text);

}  // namespace izshi::pii
