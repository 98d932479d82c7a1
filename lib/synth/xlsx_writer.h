// A minimal but real XLSX (Office Open XML spreadsheet) writer: one sheet, inline
// strings and numbers, no styles. Excel, LibreOffice and openpyxl open it.
#pragma once

#include <cstdint>
#include <expected>
#include <filesystem>
#include <string>
#include <variant>
#include <vector>

#include "core/error.h"

namespace izshi::synth {

// A cell holds text (written as an inline string) or an integer (written as a number,
// which is how a spreadsheet drops the leading zero of an IIN such as 051211600012).
using XlsxCell = std::variant<std::string, std::int64_t>;
using XlsxRow = std::vector<XlsxCell>;

struct XlsxSheet {
    std::string name;  // shown on the sheet tab; UTF-8
    std::vector<XlsxRow> rows;
};

// The five package parts every reader needs, in archive order.
std::vector<std::string> xlsx_member_names();

Expected<void> write_xlsx(const std::filesystem::path& path, const XlsxSheet& sheet);

}  // namespace izshi::synth
