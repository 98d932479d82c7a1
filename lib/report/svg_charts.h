#pragma once
// Charts drawn as inline SVG: no script and no external file, so the report stays one page that
// prints as it shows (SPEC §9).
#include <array>
#include <cstdint>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace izshi::report {

// Horizontal bars, one per (label, value), longest first as given.
std::string bar_chart(const std::vector<std::pair<std::string, int64_t>>& bars);

// Stacked bars per day of four counts (modified, accessed, changed, born), with a legend;
// 'marked_day' (the seizure, "YYYY-MM-DD") gets a line.
std::string day_chart(const std::vector<std::pair<std::string, std::array<int64_t, 4>>>& days,
                      const std::array<std::string, 4>& legend, const std::string& marked_day);

// Evidence items on a circle, joined by lines as thick as the numbers they share.
std::string link_graph(const std::vector<std::pair<int64_t, std::string>>& items,
                       const std::vector<std::tuple<int64_t, int64_t, int64_t>>& links);

}  // namespace izshi::report
