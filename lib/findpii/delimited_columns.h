#pragma once
// CSV and TSV exports (the usual form of a leaked database): the byte scan finds the values, and
// this names the column each one stands in, from the header line, so that a report can say which
// column holds IINs and which phone numbers (SPEC §5).
#include <span>
#include <string_view>
#include <vector>

#include "pii/scanner.h"

namespace izshi::findpii {

// True for the walk key of a file named *.csv or *.tsv.
bool is_delimited_text(std::string_view walk_key);

// Sets the location of each ASCII-compatible finding of 'found' (offsets into 'text') to
// "<column>#<line>", the column named by the header line ("ИИН#12"), or "column 3#12" when the
// first line holds no header (it has an IIN in it). Findings in UTF-16 are left as they are.
void label_columns(std::string_view text, std::vector<pii::Finding>& found);

// ID-card and passport numbers in a column whose header says so (SPEC §5: a context word or a column
// header): each field of such a column is scanned with its header as the context word.
std::vector<pii::Finding> scan_document_columns(std::string_view text, const pii::Scanner& scanner);

}  // namespace izshi::findpii
