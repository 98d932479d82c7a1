#pragma once
// Spreadsheets keep IINs as numbers, and a number drops the leading zero of everyone born in
// 2000-2009 (SPEC §5): "001001646055" is stored as 1001646055. The byte scan cannot tell such a
// number from any other; here the worksheet's columns are read, and in a column of IINs (its header
// says IIN, or most of its numbers are IINs) a 9- to 11-digit number whose zeros restored make a
// valid IIN is one.
#include <string_view>
#include <vector>

#include "pii/scanner.h"

namespace izshi::findpii {

// True for the walk key of a worksheet inside an xlsx ("…/book.xlsx/xl/worksheets/sheet1.xml").
bool is_xlsx_worksheet(std::string_view walk_key);

// IINs stored as numbers, located "sheetN/B#63" (column B, row 63).
std::vector<pii::Finding> scan_worksheet_numbers(std::string_view xml, std::string_view sheet);

}  // namespace izshi::findpii
