#include "findpii/delimited_columns.h"

#include <algorithm>
#include <array>
#include <fmt/format.h>

#include "core/delimited.h"
#include "core/text.h"
#include "pii/iin.h"

namespace izshi::findpii {

namespace {

// Which field of its line the byte at 'offset' lies in.
size_t field_index(std::string_view text, size_t line_start, size_t offset, char delimiter) {
    size_t index = 0;
    bool quoted = false;
    for (size_t i = line_start; i < offset && i < text.size(); ++i) {
        if (text[i] == '"') quoted = !quoted;
        else if (!quoted && text[i] == delimiter) ++index;
    }
    return index;
}

bool holds_iin(const std::vector<std::string_view>& fields) {
    return std::any_of(fields.begin(), fields.end(), [](std::string_view f) { return pii::is_valid_iin(f); });
}

}  // namespace

bool is_delimited_text(std::string_view walk_key) {
    auto lower = to_lower_ascii(walk_key);
    return lower.ends_with(".csv") || lower.ends_with(".tsv");
}

void label_columns(std::string_view text, std::vector<pii::Finding>& found) {
    size_t first_end = std::min(text.find('\n'), text.size());
    char delimiter = guess_delimiter(text.substr(0, first_end));
    auto header = split_fields(text.substr(0, first_end), delimiter);
    bool has_header = !holds_iin(header);
    std::vector<size_t> line_starts{0};
    for (size_t i = 0; i < text.size(); ++i)
        if (text[i] == '\n') line_starts.push_back(i + 1);
    for (auto& finding : found) {
        if (finding.encoding != pii::Encoding::ascii || !finding.location.empty() || finding.offset >= text.size()) continue;
        auto line = std::upper_bound(line_starts.begin(), line_starts.end(), finding.offset) - 1;
        size_t column = field_index(text, *line, finding.offset, delimiter);
        auto name = has_header && column < header.size() && !header[column].empty()
                        ? std::string(header[column])
                        : fmt::format("column {}", column + 1);
        finding.location = fmt::format("{}#{}", name, line - line_starts.begin() + 1);
    }
}

std::vector<pii::Finding> scan_document_columns(std::string_view text, const pii::Scanner& scanner) {
    std::vector<pii::Finding> out;
    size_t first_end = std::min(text.find('\n'), text.size());
    char delimiter = guess_delimiter(text.substr(0, first_end));
    auto header = split_fields(text.substr(0, first_end), delimiter);
    std::vector<size_t> documents;
    for (size_t c = 0; c < header.size(); ++c)
        if (pii::names_identity_document(header[c])) documents.push_back(c);
    if (documents.empty()) return out;
    size_t line = 2;  // the first line after the header
    for (size_t start = first_end + 1; start < text.size(); ++line) {
        size_t end = std::min(text.find('\n', start), text.size());
        auto fields = split_fields(text.substr(start, end - start), delimiter);
        for (size_t c : documents) {
            if (c >= fields.size() || fields[c].empty()) continue;
            std::string cell = std::string(header[c]) + ": " + std::string(fields[c]);
            size_t prefix = header[c].size() + 2;
            size_t field_offset = static_cast<size_t>(fields[c].data() - text.data());
            std::vector<pii::Finding> found;
            scanner.scan(std::span(reinterpret_cast<const unsigned char*>(cell.data()), cell.size()), 0, cell.size(), 0,
                         found);
            for (auto& f : found) {
                if (f.type != pii::PiiType::id_card && f.type != pii::PiiType::passport) continue;
                f.offset = field_offset + (f.offset >= prefix ? f.offset - prefix : 0);
                f.location = fmt::format("{}#{}", header[c], line);
                out.push_back(std::move(f));
            }
        }
        start = end + 1;
    }
    return out;
}

}  // namespace izshi::findpii
