#include "core/clock.h"

#include <unistd.h>

#include <algorithm>
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

namespace {

bool all_digits(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int number_at(std::string_view text, size_t at, size_t length) {
    int value = 0;
    for (size_t i = at; i < at + length; ++i) value = value * 10 + (text[i] - '0');
    return value;
}

// Days from 1970-01-01 to a civil date (proleptic Gregorian), after H. Hinnant's days_from_civil.
int64_t days_from_civil(int64_t year, unsigned month, unsigned day) {
    year -= month <= 2;
    const int64_t era = (year >= 0 ? year : year - 399) / 400;
    const auto year_of_era = static_cast<unsigned>(year - era * 400);
    const unsigned day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + static_cast<int64_t>(day_of_era) - 719468;
}

// "HH:MM[:SS]" then an optional zone ("Z", "+05:00", "+0500"); false when malformed.
bool parse_clock(std::string_view rest, int& seconds_of_day, std::optional<int>& zone_minutes) {
    auto digits_at = [&](size_t at, size_t length) { return rest.size() >= at + length && all_digits(rest.substr(at, length)); };
    if (!digits_at(0, 2) || rest.size() < 5 || rest[2] != ':' || !digits_at(3, 2)) return false;
    int hour = number_at(rest, 0, 2), minute = number_at(rest, 3, 2), second = 0;
    size_t at = 5;
    if (rest.size() >= 8 && rest[5] == ':' && digits_at(6, 2)) second = number_at(rest, 6, 2), at = 8;
    while (at < rest.size() && (rest[at] == '.' || (rest[at] >= '0' && rest[at] <= '9'))) ++at;  // fractions
    auto zone = rest.substr(at);
    while (!zone.empty() && zone.front() == ' ') zone.remove_prefix(1);
    if (zone == "Z" || zone == "UTC") zone_minutes = 0;
    else if (!zone.empty()) {
        if (zone.size() < 3 || (zone[0] != '+' && zone[0] != '-') || !all_digits(zone.substr(1, 2))) return false;
        int hours = number_at(zone, 1, 2), minutes = 0;
        auto tail = zone.substr(3);
        if (!tail.empty() && tail.front() == ':') tail.remove_prefix(1);
        if (!tail.empty()) {
            if (tail.size() != 2 || !all_digits(tail)) return false;
            minutes = number_at(tail, 0, 2);
        }
        zone_minutes = (zone[0] == '-' ? -1 : 1) * (hours * 60 + minutes);
    }
    if (hour > 23 || minute > 59 || second > 60) return false;
    seconds_of_day = hour * 3600 + minute * 60 + second;
    return true;
}

}  // namespace

std::optional<int64_t> unix_from_text(std::string_view text, int offset_minutes) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '"')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '"' || text.back() == '\r')) text.remove_suffix(1);
    if (all_digits(text) && text.size() == 10) return number_at(text, 0, 10);
    if (all_digits(text) && text.size() == 13) return std::stoll(std::string(text)) / 1000;
    int year, month, day;
    if (text.size() >= 10 && all_digits(text.substr(0, 4)) && text[4] == '-' && all_digits(text.substr(5, 2)) &&
        text[7] == '-' && all_digits(text.substr(8, 2)))
        year = number_at(text, 0, 4), month = number_at(text, 5, 2), day = number_at(text, 8, 2);
    else if (text.size() >= 10 && all_digits(text.substr(0, 2)) && text[2] == '.' && all_digits(text.substr(3, 2)) &&
             text[5] == '.' && all_digits(text.substr(6, 4)))
        day = number_at(text, 0, 2), month = number_at(text, 3, 2), year = number_at(text, 6, 4);
    else
        return std::nullopt;
    if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
    int seconds_of_day = 0;
    std::optional<int> zone;
    if (text.size() > 10) {
        if (text[10] != 'T' && text[10] != ' ') return std::nullopt;
        if (!parse_clock(text.substr(11), seconds_of_day, zone)) return std::nullopt;
    }
    int64_t local = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400 + seconds_of_day;
    return local - static_cast<int64_t>(zone.value_or(offset_minutes)) * 60;
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
