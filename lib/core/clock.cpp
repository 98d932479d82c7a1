#include "core/clock.h"

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <fmt/format.h>

namespace izshi {

std::optional<std::string> iso_from_unix(int64_t seconds) {
    if (seconds == 0) return std::nullopt;
    std::time_t t = static_cast<std::time_t>(seconds);
    std::tm tm{};
    if (!gmtime_r(&t, &tm)) return std::nullopt;
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                       tm.tm_hour, tm.tm_min, tm.tm_sec);
}

std::string utc_now_iso() {
    auto now = std::chrono::system_clock::now();
    auto seconds = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    return *iso_from_unix(seconds);
}

std::string local_zone_description() {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    long offset = tm.tm_gmtoff;
    char sign = offset < 0 ? '-' : '+';
    offset = offset < 0 ? -offset : offset;
    const char* tz = std::getenv("TZ");
    return fmt::format("{}{:02}:{:02} ({})", sign, offset / 3600, (offset % 3600) / 60,
                       tz && *tz ? tz : (tm.tm_zone ? tm.tm_zone : "local"));
}

std::string host_name() {
    char name[256] = {};
    if (gethostname(name, sizeof name - 1) != 0) return "unknown";
    return name;
}

}  // namespace izshi
