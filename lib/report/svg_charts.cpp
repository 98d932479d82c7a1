#include "report/svg_charts.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "core/text.h"

namespace izshi::report {

namespace {

constexpr std::array<const char*, 4> kColours = {"#2a6f97", "#e09f3e", "#9e2a2b", "#588157"};

}  // namespace

std::string bar_chart(const std::vector<std::pair<std::string, int64_t>>& bars) {
    if (bars.empty()) return "";
    int64_t largest = 1;
    for (const auto& [label, value] : bars) largest = std::max(largest, value);
    const int row = 22, label_width = 260, bar_width = 420;
    std::string svg = fmt::format(R"(<svg class="chart" role="img" width="{}" height="{}" viewBox="0 0 {} {}">)",
                                  label_width + bar_width + 80, row * bars.size() + 6, label_width + bar_width + 80,
                                  row * bars.size() + 6);
    for (size_t i = 0; i < bars.size(); ++i) {
        auto y = static_cast<int>(i) * row + 3;
        auto width = static_cast<int>(std::lround(static_cast<double>(bars[i].second) / static_cast<double>(largest) * bar_width));
        svg += fmt::format(R"(<text x="{}" y="{}" text-anchor="end" font-size="12">{}</text>)", label_width - 6, y + 14,
                           html_escape(trim_cut_utf8(std::string_view(bars[i].first).substr(0, 60))));
        svg += fmt::format(R"(<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>)", label_width, y, std::max(width, 1),
                           row - 6, kColours[0]);
        svg += fmt::format(R"(<text x="{}" y="{}" font-size="12">{}</text>)", label_width + width + 6, y + 14, bars[i].second);
    }
    return svg + "</svg>";
}

std::string day_chart(const std::vector<std::pair<std::string, std::array<int64_t, 4>>>& days,
                      const std::array<std::string, 4>& legend, const std::string& marked_day) {
    if (days.empty()) return "";
    int64_t largest = 1;
    for (const auto& [day, counts] : days) largest = std::max(largest, counts[0] + counts[1] + counts[2] + counts[3]);
    const int height = 200, left = 40, bottom = 40;
    const int step = std::max(4, std::min(24, 900 / static_cast<int>(days.size())));
    const int width = std::max(640, left + step * static_cast<int>(days.size()) + 10);  // room for the legend
    std::string svg = fmt::format(R"(<svg class="chart" role="img" width="{}" height="{}" viewBox="0 0 {} {}">)", width,
                                  height + bottom + 24, width, height + bottom + 24);
    svg += fmt::format(R"(<text x="2" y="12" font-size="11">{}</text>)", largest);
    for (size_t i = 0; i < days.size(); ++i) {
        int x = left + static_cast<int>(i) * step;
        double y = height;
        for (size_t s = 0; s < 4; ++s) {
            double h = static_cast<double>(days[i].second[s]) / static_cast<double>(largest) * (height - 10);
            if (h <= 0) continue;
            y -= h;
            svg += fmt::format(R"(<rect x="{}" y="{:.1f}" width="{}" height="{:.1f}" fill="{}"/>)", x, y, step - 1, h, kColours[s]);
        }
        if (days[i].first == marked_day)
            svg += fmt::format(R"(<line x1="{0}" y1="0" x2="{0}" y2="{1}" stroke="#000" stroke-dasharray="4 2"/>)",
                               x + step / 2, height);
        if (i % std::max<size_t>(1, days.size() / 8) == 0)
            svg += fmt::format(R"(<text x="{}" y="{}" font-size="10">{}</text>)", x, height + 14, days[i].first);
    }
    for (size_t s = 0; s < 4; ++s)
        svg += fmt::format(R"(<rect x="{}" y="{}" width="10" height="10" fill="{}"/><text x="{}" y="{}" font-size="11">{}</text>)",
                           left + static_cast<int>(s) * 150, height + 28, kColours[s], left + static_cast<int>(s) * 150 + 14,
                           height + 37, html_escape(legend[s]));
    return svg + "</svg>";
}

std::string link_graph(const std::vector<std::pair<int64_t, std::string>>& items,
                       const std::vector<std::tuple<int64_t, int64_t, int64_t>>& links) {
    if (items.empty() || links.empty()) return "";
    const double size = 420, centre = size / 2, radius = size / 2 - 70;
    std::map<int64_t, std::pair<double, double>> at;
    for (size_t i = 0; i < items.size(); ++i) {
        double angle = 2 * M_PI * static_cast<double>(i) / static_cast<double>(items.size()) - M_PI / 2;
        at[items[i].first] = {centre + radius * std::cos(angle), centre + radius * std::sin(angle)};
    }
    int64_t largest = 1;
    for (const auto& link : links) largest = std::max(largest, std::get<2>(link));
    std::string svg = fmt::format(R"(<svg class="chart" role="img" width="{0}" height="{0}" viewBox="0 0 {0} {0}">)", size);
    for (const auto& [a, b, shared] : links) {
        if (!at.count(a) || !at.count(b)) continue;
        double width = 1 + 7 * static_cast<double>(shared) / static_cast<double>(largest);
        svg += fmt::format(R"(<line x1="{:.0f}" y1="{:.0f}" x2="{:.0f}" y2="{:.0f}" stroke="{}" stroke-width="{:.1f}"><title>{}</title></line>)",
                           at[a].first, at[a].second, at[b].first, at[b].second, kColours[2], width, shared);
    }
    for (const auto& [id, label] : items) {
        auto [x, y] = at[id];
        svg += fmt::format(R"(<circle cx="{:.0f}" cy="{:.0f}" r="16" fill="{}"/><text x="{:.0f}" y="{:.0f}" font-size="11" fill="#fff" text-anchor="middle">#{}</text>)",
                           x, y, kColours[0], x, y + 4, id);
        svg += fmt::format(R"(<text x="{:.0f}" y="{:.0f}" font-size="11" text-anchor="middle">{}</text>)", x, y + 30,
                           html_escape(trim_cut_utf8(std::string_view(label).substr(0, 28))));
    }
    return svg + "</svg>";
}

}  // namespace izshi::report
