#pragma once
// Time stamps as the case file stores them: ISO 8601 UTC with a 'Z', plus the examiner's zone.
#include <cstdint>
#include <optional>
#include <string>

namespace izshi {

std::string utc_now_iso();
// Seconds since the epoch to "2024-05-01T10:00:00Z"; nullopt for 0 (file systems use 0 for "unset").
std::optional<std::string> iso_from_unix(int64_t seconds);
// The local zone as "+05:00 (Asia/Almaty)" so a reader abroad knows the examiner's wall clock.
std::string local_zone_description();
std::string host_name();

}  // namespace izshi
