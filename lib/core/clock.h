#pragma once
// Time stamps as the case file stores them: ISO 8601 UTC with a 'Z', plus the examiner's zone.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace izshi {

std::string utc_now_iso();
// Seconds since the epoch to "2024-05-01T10:00:00Z"; nullopt for 0 (file systems use 0 for "unset").
std::optional<std::string> iso_from_unix(int64_t seconds);
// The local zone as "+05:00 (Asia/Almaty)" so a reader abroad knows the examiner's wall clock.
std::string local_zone_description();
// A written time to seconds since the epoch: "2024-03-15T10:00:00Z", "2024-03-15 15:00:00+05:00",
// "2024-03-15 15:00" and "15.03.2024 15:00[:00]" (then 'offset_minutes' east of UTC applies), or
// seconds (10 digits) or milliseconds (13 digits) since the epoch. nullopt for anything else.
std::optional<int64_t> unix_from_text(std::string_view text, int offset_minutes = 0);
std::string host_name();

}  // namespace izshi
