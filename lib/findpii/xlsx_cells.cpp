#include "findpii/xlsx_cells.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>

#include "core/text.h"
#include "pii/iin.h"

namespace izshi::findpii {

namespace {

struct Cell {
    std::string column;  // "B"
    std::string row;     // "63"
    std::string value;   // the <v> text of a number, or the <t> text of an inline string
    bool number = false;
};

std::optional<std::string_view> attribute(std::string_view tag, std::string_view name) {
    auto at = tag.find(std::string(" ") + std::string(name) + "=\"");
    if (at == std::string_view::npos) return std::nullopt;
    auto start = at + name.size() + 3;
    auto end = tag.find('"', start);
    if (end == std::string_view::npos) return std::nullopt;
    return tag.substr(start, end - start);
}

std::string_view element_text(std::string_view body, std::string_view element) {
    auto open = body.find(std::string("<") + std::string(element) + ">");
    if (open == std::string_view::npos) return {};
    auto start = open + element.size() + 2;
    auto close = body.find(std::string("</") + std::string(element) + ">", start);
    return close == std::string_view::npos ? std::string_view{} : body.substr(start, close - start);
}

// Every <c> element: its reference, and its number or inline text. Not a general XML parser: the
// worksheets Excel and LibreOffice write, attribute order free.
std::vector<Cell> cells_of(std::string_view xml) {
    std::vector<Cell> cells;
    for (size_t at = xml.find("<c "); at != std::string_view::npos; at = xml.find("<c ", at + 3)) {
        auto tag_end = xml.find('>', at);
        if (tag_end == std::string_view::npos) break;
        auto tag = xml.substr(at, tag_end - at);
        auto reference = attribute(tag, "r");
        if (!reference || tag.ends_with("/")) continue;
        auto close = xml.find("</c>", tag_end);
        if (close == std::string_view::npos) break;
        auto body = xml.substr(tag_end + 1, close - tag_end - 1);
        Cell cell;
        size_t letters = 0;
        while (letters < reference->size() && (*reference)[letters] >= 'A' && (*reference)[letters] <= 'Z') ++letters;
        cell.column = std::string(reference->substr(0, letters));
        cell.row = std::string(reference->substr(letters));
        auto type = attribute(tag, "t");
        cell.number = !type || *type == "n";
        cell.value = std::string(cell.number ? element_text(body, "v") : element_text(body, "t"));
        cells.push_back(std::move(cell));
    }
    return cells;
}

bool says_iin(std::string_view header) {
    auto lower = to_lower_ascii(header);
    return lower.find("iin") != std::string::npos || header.find("ИИН") != std::string_view::npos ||
           header.find("иин") != std::string_view::npos || header.find("ЖСН") != std::string_view::npos;
}

bool all_digits(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

bool is_xlsx_worksheet(std::string_view walk_key) {
    auto lower = to_lower_ascii(walk_key);
    auto at = lower.find(".xlsx/xl/worksheets/sheet");
    return at != std::string::npos && lower.ends_with(".xml");
}

std::vector<pii::Finding> scan_worksheet_numbers(std::string_view xml, std::string_view sheet) {
    auto cells = cells_of(xml);
    struct ColumnFacts {
        bool header_says_iin = false;
        int numbers = 0, iins = 0;
    };
    std::map<std::string, ColumnFacts> columns;
    for (const auto& cell : cells) {
        auto& facts = columns[cell.column];
        if (!cell.number) {
            facts.header_says_iin |= cell.row == "1" && says_iin(cell.value);
            continue;
        }
        if (!all_digits(cell.value) || cell.value.size() < 9 || cell.value.size() > 12) continue;
        ++facts.numbers;
        facts.iins += pii::iin_from_number(std::string_view(cell.value)).has_value() || pii::is_valid_iin(cell.value);
    }
    std::vector<pii::Finding> out;
    for (const auto& cell : cells) {
        if (!cell.number || !all_digits(cell.value) || cell.value.size() < 9 || cell.value.size() > 11) continue;
        const auto& facts = columns[cell.column];
        bool iin_column = facts.header_says_iin || (facts.numbers >= 3 && facts.iins * 2 > facts.numbers);
        if (!iin_column) continue;
        if (auto iin = pii::iin_from_number(std::string_view(cell.value)))
            out.push_back({pii::PiiType::iin, *iin, 0, pii::Encoding::ascii, 80, "stored as a number in a column of IINs",
                           cell.value, fmt::format("{}/{}#{}", sheet, cell.column, cell.row)});
    }
    return out;
}

}  // namespace izshi::findpii
