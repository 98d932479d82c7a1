#include "synth/xlsx_writer.h"

#include "core/text.h"

#include <fmt/format.h>

#include "synth/text.h"
#include "synth/zip_writer.h"

namespace izshi::synth {
namespace {

constexpr std::string_view kXmlDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

std::string content_types_xml() {
    return std::string(kXmlDeclaration) +
           "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
           "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
           "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
           "<Override PartName=\"/xl/workbook.xml\" "
           "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
           "<Override PartName=\"/xl/worksheets/sheet1.xml\" "
           "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
           "</Types>";
}

std::string root_rels_xml() {
    return std::string(kXmlDeclaration) +
           "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
           "<Relationship Id=\"rId1\" "
           "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
           "Target=\"xl/workbook.xml\"/>"
           "</Relationships>";
}

std::string workbook_xml(const std::string& sheet_name) {
    return std::string(kXmlDeclaration) +
           "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
           "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
           "<sheets><sheet name=\"" +
           html_escape(sheet_name) +
           "\" sheetId=\"1\" r:id=\"rId1\"/></sheets>"
           "</workbook>";
}

std::string workbook_rels_xml() {
    return std::string(kXmlDeclaration) +
           "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
           "<Relationship Id=\"rId1\" "
           "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
           "Target=\"worksheets/sheet1.xml\"/>"
           "</Relationships>";
}

// "A", "B", ... "Z", "AA": the column part of a cell reference.
std::string column_letters(std::size_t column) {
    std::string letters;
    for (std::size_t n = column + 1; n > 0; n = (n - 1) / 26)
        letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
    return letters;
}

std::string cell_xml(const XlsxCell& cell, const std::string& ref) {
    if (const auto* number = std::get_if<std::int64_t>(&cell))
        return fmt::format("<c r=\"{}\"><v>{}</v></c>", ref, *number);
    return fmt::format("<c r=\"{}\" t=\"inlineStr\"><is><t>{}</t></is></c>", ref,
                       html_escape(std::get<std::string>(cell)));
}

std::string sheet_xml(const XlsxSheet& sheet) {
    std::string xml = std::string(kXmlDeclaration) +
                      "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>";
    for (std::size_t r = 0; r < sheet.rows.size(); ++r) {
        xml += fmt::format("<row r=\"{}\">", r + 1);
        for (std::size_t c = 0; c < sheet.rows[r].size(); ++c)
            xml += cell_xml(sheet.rows[r][c], column_letters(c) + std::to_string(r + 1));
        xml += "</row>";
    }
    return xml + "</sheetData></worksheet>";
}

}  // namespace

std::vector<std::string> xlsx_member_names() {
    return {"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
            "xl/worksheets/sheet1.xml"};
}

Expected<void> write_xlsx(const std::filesystem::path& path, const XlsxSheet& sheet) {
    const auto names = xlsx_member_names();
    return write_zip(path, {
                               {names[0], content_types_xml()},
                               {names[1], root_rels_xml()},
                               {names[2], workbook_xml(sheet.name)},
                               {names[3], workbook_rels_xml()},
                               {names[4], sheet_xml(sheet)},
                           });
}

}  // namespace izshi::synth
