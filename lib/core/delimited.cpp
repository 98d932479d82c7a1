#include "core/delimited.h"

#include <algorithm>

namespace izshi {

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    for (size_t start = 0; start < text.size();) {
        size_t end = std::min(text.find('\n', start), text.size());
        auto line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        lines.push_back(line);
        start = end + 1;
    }
    return lines;
}

char guess_delimiter(std::string_view first_line) {
    char best = ',';
    size_t best_count = 0;
    for (char candidate : {';', ',', '\t', '|'}) {
        auto count = static_cast<size_t>(std::count(first_line.begin(), first_line.end(), candidate));
        if (count > best_count) best = candidate, best_count = count;
    }
    return best;
}

std::vector<std::string_view> split_fields(std::string_view line, char delimiter) {
    std::vector<std::string_view> fields;
    bool quoted = false;
    size_t start = 0;
    for (size_t i = 0; i <= line.size(); ++i) {
        if (i < line.size() && line[i] == '"') quoted = !quoted;
        if (i == line.size() || (!quoted && line[i] == delimiter)) {
            auto field = line.substr(start, i - start);
            while (!field.empty() && (field.back() == '\r' || field.back() == '"' || field.back() == ' ')) field.remove_suffix(1);
            while (!field.empty() && (field.front() == '"' || field.front() == ' ')) field.remove_prefix(1);
            fields.push_back(field);
            start = i + 1;
        }
    }
    return fields;
}

}  // namespace izshi
