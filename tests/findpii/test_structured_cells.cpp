// Readers of structure inside files: SQLite cells (INTEGER IINs) and xlsx worksheet columns (IINs
// stored as numbers that lost their leading zeros); damaged input gives a problem, never a crash.
#include <catch2/catch.hpp>

#include <SQLiteCpp/Database.h>

#include <fstream>
#include <iterator>
#include <set>

#include "findpii/delimited_columns.h"
#include "findpii/sqlite_cells.h"
#include "findpii/xlsx_cells.h"
#include "support/support.h"

using namespace izshi;

namespace {

std::vector<unsigned char> database_bytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("SQLite cells: INTEGER IINs in an IIN column are found, with their zeros restored", "[find-pii][sqlite]") {
    test::TempDir work("sqlite-cells");
    auto path = work / "crm.db";
    {
        SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        db.exec("CREATE TABLE clients (id INTEGER PRIMARY KEY, name TEXT, iin INTEGER, phone INTEGER, note TEXT)");
        db.exec("INSERT INTO clients(name, iin, phone, note) VALUES "
                "('A', 871008401427, 87012345678, 'звонить'), ('B', 61211600012, 77771234567, 'e-mail a.b@mail.kz'),"
                "('C', 901123300258, 0, '')");
        db.exec("CREATE TABLE counters (n INTEGER)");  // a column of ordinary numbers
        db.exec("INSERT INTO counters VALUES (1234567890), (61211600012), (42)");
    }
    auto bytes = database_bytes(path);
    REQUIRE(findpii::looks_like_sqlite(bytes));
    pii::Scanner scanner;
    std::string problem;
    auto found = findpii::scan_sqlite_cells(izshi::MemoryDatabase(bytes), scanner, problem);
    CHECK(problem.empty());
    std::multiset<std::string> got;
    for (const auto& f : found) got.insert(std::string(pii::pii_type_name(f.type)) + " " + f.value + " " + f.location);
    CHECK(got.count("iin 871008401427 clients/iin#1"));
    CHECK(got.count("iin 061211600012 clients/iin#2"));  // born 2006: the leading zero restored
    CHECK(got.count("iin 901123300258 clients/iin#3"));
    CHECK(got.count("phone +77012345678 clients/phone#1"));
    CHECK(got.count("email a.b@mail.kz clients/note#2"));
    for (const auto& f : found) CHECK(f.location.rfind("counters/", 0) != 0);  // 61211600012 alone is no IIN there
}

TEST_CASE("SQLite cells: a truncated or damaged database gives a problem and no crash", "[find-pii][sqlite][errors]") {
    test::TempDir work("sqlite-damaged");
    auto path = work / "crm.db";
    {
        SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        db.exec("CREATE TABLE t (iin INTEGER, x TEXT)");
        db.exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) "
                "INSERT INTO t SELECT 871008401427, hex(randomblob(40)) FROM n");
    }
    auto bytes = database_bytes(path);
    pii::Scanner scanner;
    for (size_t keep : {size_t(100), size_t(5000), bytes.size() / 2}) {
        std::vector<unsigned char> cut(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(keep));
        std::string problem;
        findpii::scan_sqlite_cells(izshi::MemoryDatabase(cut), scanner, problem);
        INFO("kept " << keep << " bytes");
        CHECK_FALSE(problem.empty());
    }
    auto scribbled = bytes;
    for (size_t i = 4096; i < scribbled.size(); i += 97) scribbled[i] ^= 0x5A;
    std::string problem;
    auto found = findpii::scan_sqlite_cells(izshi::MemoryDatabase(scribbled), scanner, problem);  // must return, not crash
    // Whatever is still readable is reported from its real place; the damage is reported or the
    // pages that survived still give their IINs.
    for (const auto& f : found) CHECK(f.location.rfind("t/", 0) == 0);
    CHECK((!problem.empty() || !found.empty()));
}

TEST_CASE("xlsx worksheets: numbers in a column of IINs are IINs with their zeros restored", "[find-pii][xlsx]") {
    CHECK(findpii::is_xlsx_worksheet("L|Documents/base.xlsx/xl/worksheets/sheet2.xml"));
    CHECK_FALSE(findpii::is_xlsx_worksheet("L|Documents/base.xlsx/xl/sharedStrings.xml"));
    const std::string sheet =
        R"(<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>ФИО</t></is></c>)"
        R"(<c r="B1" t="inlineStr"><is><t>ИИН</t></is></c><c r="C1" t="inlineStr"><is><t>Сумма</t></is></c></row>)"
        R"(<row r="2"><c r="B2"><v>61211600012</v></c><c r="C2"><v>61211600012</v></c></row>)"
        R"(<row r="3"><c r="B3" s="1"><v>871008401427</v></c><c r="C3"><v>150000</v></c></row></sheetData></worksheet>)";
    auto found = findpii::scan_worksheet_numbers(sheet, "sheet1");
    REQUIRE(found.size() == 1);  // B2 only: C is not a column of IINs, and B3 keeps its 12 digits for the byte scan
    CHECK(found[0].value == "061211600012");
    CHECK(found[0].location == "sheet1/B#2");
    CHECK(findpii::scan_worksheet_numbers("<c r=\"B2\"><v>6121160", "sheet1").empty());  // cut off: no crash
}

TEST_CASE("CSV columns: findings are named by the header, quotes respected, no header numbered",
          "[find-pii][csv]") {
    CHECK(findpii::is_delimited_text("L|export/Clients.CSV"));
    pii::Scanner scanner;
    auto scan = [&](const std::string& text) {
        std::vector<pii::Finding> out;
        scanner.scan(std::span(reinterpret_cast<const unsigned char*>(text.data()), text.size()), 0, text.size(), 0, out);
        findpii::label_columns(text, out);
        std::set<std::string> got;
        for (const auto& f : out) got.insert(std::string(pii::pii_type_name(f.type)) + " " + f.location);
        return got;
    };
    CHECK(scan("\"ФИО; полное\";ИИН;Телефон\n\"Иванова; А.\";871008401427;+77012345678\n") ==
          std::set<std::string>{"iin ИИН#2", "phone Телефон#2"});
    CHECK(scan("871008401427,Иванов,87012345678\n901123300258,Петров,87771234567\n") ==
          std::set<std::string>{"iin column 1#1", "iin column 1#2", "phone column 3#1", "phone column 3#2"});
}

TEST_CASE("find-pii survives hostile containers: an archive bomb, nested archives, a damaged database",
          "[find-pii][errors]") {
    test::TempDir work("pii-hostile");
    auto folder = work / "evidence";
    std::filesystem::create_directories(folder);
    auto q = [](const std::filesystem::path& p) { return test::shell_quote(p.string()); };
    // 300 MB of zeros as a 300 KB gzip; a zip inside a zip inside a zip with an IIN at the bottom;
    // a SQLite database cut in half.
    REQUIRE(test::run_command("cd " + q(folder) + " && head -c 300000000 /dev/zero | gzip -9 > zeros.gz").exit_code == 0);
    REQUIRE(test::run_command("cd " + q(work.path()) + " && printf 'ИИН 871008401427\\n' > inner.txt && zip -q l1.zip inner.txt && "
                              "zip -q l2.zip l1.zip && zip -q " + q(folder / "l3.zip") + " l2.zip").exit_code == 0);
    {
        SQLite::Database db((work / "crm.db").string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        db.exec("CREATE TABLE t (iin INTEGER, x TEXT)");
        db.exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) "
                "INSERT INTO t SELECT 901123300258, hex(randomblob(40)) FROM n");
    }
    auto bytes = database_bytes(work / "crm.db");
    test::write_file(folder / "crm.db", std::string(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(bytes.size() / 2)));

    auto case_file = (work / "c.izshi").string();
    REQUIRE(test::run_izshi({"ingest", "--case", case_file, folder.string()}).exit_code == 0);
    auto scan = test::run_izshi({"--json", "find-pii", "--case", case_file});
    INFO(scan.out << scan.err);
    CHECK(scan.exit_code == 0);
    auto report = nlohmann::json::parse(test::run_izshi({"report", "--reveal", "--case", case_file}).out);
    std::set<std::string> where;
    for (const auto& f : report["pii"]["findings"])
        if (f["type"] == "iin") where.insert(f["path"].get<std::string>() + " " + f["value"].get<std::string>());
    CHECK(where.count("l3.zip/l2.zip/l1.zip/inner.txt 871008401427"));  // three archives deep
    bool damaged_reported = false;
    for (const auto& error : report["errors"])
        damaged_reported |= error["command"] == "find-pii" && error["path"].get<std::string>().find("crm.db") != std::string::npos;
    CHECK(damaged_reported);
    CHECK(test::run_izshi({"custody", "verify", "--case", case_file}).exit_code == 0);
}

TEST_CASE("ID-card and passport numbers are found under a column header that names them", "[find-pii][documents]") {
    pii::Scanner scanner;
    const std::string csv = "ФИО;Паспорт;Номер удостоверения;Сумма\n"
                            "Иванова А.;N11223344;043118226;150000\n"
                            "Петров Б.;N55667788;;90000\n";
    std::set<std::string> got;
    for (const auto& f : findpii::scan_document_columns(csv, scanner))
        got.insert(std::string(pii::pii_type_name(f.type)) + " " + f.value + " " + f.location + " " +
                   csv.substr(f.offset, f.value.size()));
    CHECK(got == std::set<std::string>{"passport N11223344 Паспорт#2 N11223344", "id_card 043118226 Номер удостоверения#2 043118226",
                                       "passport N55667788 Паспорт#3 N55667788"});
    CHECK(findpii::scan_document_columns("ФИО;Сумма\nИванова;043118226\n", scanner).empty());  // no such header

    test::TempDir work("sqlite-documents");
    auto path = work / "hr.db";
    {
        SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        db.exec("CREATE TABLE staff (name TEXT, passport TEXT, amount INTEGER)");
        db.exec("INSERT INTO staff VALUES ('A', 'N11223344', 043118226)");
    }
    auto bytes = database_bytes(path);
    std::string problem;
    std::set<std::string> cells;
    for (const auto& f : findpii::scan_sqlite_cells(izshi::MemoryDatabase(bytes), scanner, problem))
        cells.insert(std::string(pii::pii_type_name(f.type)) + " " + f.value + " " + f.location);
    CHECK(cells.count("passport N11223344 staff/passport#1"));
    CHECK(cells.size() == 1);  // the 9 digits under 'amount' are no ID card
}
