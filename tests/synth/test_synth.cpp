// The synthetic data generator: identities are well-formed and reproducible, and the
// laptop tree holds what its manifest says.
#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>
#include <algorithm>
#include <archive.h>
#include <archive_entry.h>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <unistd.h>

#include "pii/iban.h"
#include "pii/iin.h"
#include "hashing/multi_hasher.h"
#include "synth/identity.h"
#include "synth/laptop_tree.h"
#include "synth/text.h"
#include "synth/tree_content.h"

namespace fs = std::filesystem;
using namespace izshi;
using namespace izshi::synth;

namespace {

// A fresh folder under the system temp dir, removed when the test ends.
class ScratchDir {
public:
    ScratchDir() {
        static int counter = 0;
        path_ = fs::temp_directory_path() /
                ("izshi-synth-test-" + std::to_string(getpid()) + "-" + std::to_string(++counter));
        fs::remove_all(path_);
        fs::create_directories(path_);
    }
    ~ScratchDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

// Member name -> contents, read with libarchive the way ingest will read it.
std::map<std::string, std::string> read_zip(const fs::path& path) {
    std::map<std::string, std::string> members;
    archive* a = archive_read_new();
    archive_read_support_format_zip(a);
    REQUIRE(archive_read_open_filename(a, path.c_str(), 10240) == ARCHIVE_OK);
    archive_entry* entry = nullptr;
    while (archive_read_next_header(a, &entry) == ARCHIVE_OK) {
        std::string data(static_cast<std::size_t>(archive_entry_size(entry)), '\0');
        archive_read_data(a, data.data(), data.size());
        members[archive_entry_pathname(entry)] = data;
    }
    archive_read_free(a);
    return members;
}

std::size_t count_lines(const std::string& text) {
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

const TreeFile& file_named(const TreeManifest& manifest, std::string_view path) {
    for (const auto& f : manifest.files)
        if (f.path == path) return f;
    FAIL("no manifest entry for " << path);
    throw;  // unreachable
}

}  // namespace

TEST_CASE("synth: 10,000 generated IINs pass the check digit and are distinct", "[synth][iin]") {
    const auto people = IdentityGenerator(20240315).generate(10000);
    std::set<std::string> iins;
    for (const auto& p : people) {
        INFO(p.iin);
        REQUIRE(pii::is_valid_iin(p.iin));
        iins.insert(p.iin);
    }
    CHECK(iins.size() == people.size());
}

TEST_CASE("synth: an IIN encodes the identity's birth date and sex", "[synth][iin]") {
    for (const auto& p : IdentityGenerator(5).generate(500)) {
        const auto info = pii::parse_iin(p.iin);
        REQUIRE(info);
        CHECK(info->birth_year == p.birth_year);
        CHECK(info->birth_month == p.birth_month);
        CHECK(info->birth_day == p.birth_day);
        CHECK(info->sex == p.sex);
        CHECK(info->date_plausible);
        CHECK(p.iin.starts_with('0') == p.born_2000s());
    }
}

TEST_CASE("synth: the same seed gives the same identities, another seed others", "[synth][determinism]") {
    const auto a = IdentityGenerator(42).generate(200);
    const auto b = IdentityGenerator(42).generate(200);
    const auto c = IdentityGenerator(43).generate(200);
    for (std::size_t i = 0; i < a.size(); ++i) {
        CHECK(a[i].iin == b[i].iin);
        CHECK(a[i].full_name() == b[i].full_name());
        CHECK(a[i].phone == b[i].phone);
        CHECK(a[i].iban == b[i].iban);
        CHECK(a[i].email == b[i].email);
    }
    std::set<std::string> iins_42, iins_43;
    for (const auto& p : a) iins_42.insert(p.iin);
    for (const auto& p : c) iins_43.insert(p.iin);
    std::vector<std::string> shared;
    std::set_intersection(iins_42.begin(), iins_42.end(), iins_43.begin(), iins_43.end(), std::back_inserter(shared));
    CHECK(shared.size() <= 1);  // independent streams; a chance collision is possible but rare
}

TEST_CASE("synth: different seeds give (almost) disjoint IIN sets at scale", "[synth][iin]") {
    std::set<std::string> first;
    for (const auto& p : IdentityGenerator(1).generate(10000)) first.insert(p.iin);
    int shared = 0;
    for (const auto& p : IdentityGenerator(2).generate(10000)) shared += first.count(p.iin) ? 1 : 0;
    CHECK(shared < 10);  // about 0.15 expected by the birthday bound over ~7e8 IINs
}

TEST_CASE("synth: IBANs pass mod 97 and use the Kaspi, Halyk and Forte bank codes", "[synth][iban]") {
    std::set<std::string> banks;
    for (const auto& p : IdentityGenerator(7).generate(2000)) {
        INFO(p.iban);
        CHECK(pii::is_valid_kz_iban(p.iban));
        banks.insert(p.iban.substr(4, 3));
    }
    CHECK(banks == std::set<std::string>{"601", "722", "965"});
}

TEST_CASE("synth: phones are KZ mobile numbers in E.164", "[synth][phone]") {
    const std::set<std::string> prefixes{"700", "701", "702", "705", "706", "707", "708",
                                         "747", "771", "775", "776", "777", "778"};
    for (const auto& p : IdentityGenerator(9).generate(1000)) {
        INFO(p.phone);
        REQUIRE(p.phone.size() == 12);
        CHECK(p.phone.starts_with("+7"));
        CHECK(prefixes.count(p.phone.substr(2, 3)) == 1);
    }
    CHECK(format_phone("+77012345678", PhoneStyle::parenthesised) == "+7 (701) 234-56-78");
    CHECK(format_phone("+77012345678", PhoneStyle::eight_prefix) == "8 701 2345678");
    CHECK(format_phone("+77012345678", PhoneStyle::compact) == "87012345678");
}

TEST_CASE("synth: names are Cyrillic and e-mail addresses are ASCII", "[synth][names]") {
    for (const auto& p : IdentityGenerator(11).generate(300)) {
        CHECK(static_cast<unsigned char>(p.last_name[0]) >= 0xD0);  // UTF-8 lead byte of Cyrillic
        CHECK(p.email.find('@') != std::string::npos);
        CHECK(std::all_of(p.email.begin(), p.email.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }));
    }
    CHECK(transliterate_lower("Нұрлан Қасымжанов") == "nurlankasymzhanov");
}

TEST_CASE("synth: UTF-16 text starts with the little-endian byte order mark", "[synth][text]") {
    const auto bytes = to_utf16le_with_bom("ИИН 1");
    REQUIRE(bytes.size() == 2 + 2 * 5);
    CHECK(bytes.substr(0, 2) == std::string("\xFF\xFE", 2));
    CHECK(bytes.substr(2, 2) == std::string("\x18\x04", 2));  // И = U+0418
    CHECK(bytes.substr(10, 2) == std::string("1\0", 2));
}

TEST_CASE("synth: the laptop tree matches its manifest", "[synth][tree]") {
    ScratchDir dir;
    const auto manifest = write_laptop_tree(dir.path(), 42);
    REQUIRE(manifest);
    CHECK(manifest->files.size() >= 11);
    for (const auto& f : manifest->files) {
        INFO(f.path);
        const fs::path full = dir.path() / f.path;
        REQUIRE(fs::is_regular_file(full));
        CHECK(fs::file_size(full) == f.size);
        CHECK(izshi::hashing::sha256_of_file(full).value() == f.sha256);
    }
    CHECK(file_named(*manifest, tree_paths::kVictimsList).deleted_in_images);
    CHECK_FALSE(file_named(*manifest, tree_paths::kClientsCsv).deleted_in_images);

    std::set<std::string> iins;
    for (const auto& p : manifest->identities) iins.insert(p.iin);
    CHECK(iins.size() == manifest->identities.size());

    const auto json = manifest_json(*manifest);
    CHECK(json.find("\"path\": \"Users/operator/Documents/clients_almaty.csv\"") != std::string::npos);
    CHECK(json.find(manifest->identities.front().iin) != std::string::npos);
}

TEST_CASE("synth: the same seed writes a byte-identical tree", "[synth][tree][determinism]") {
    ScratchDir first, second;
    const auto a = write_laptop_tree(first.path(), 7);
    const auto b = write_laptop_tree(second.path(), 7);
    REQUIRE(a);
    REQUIRE(b);
    REQUIRE(a->files.size() == b->files.size());
    for (std::size_t i = 0; i < a->files.size(); ++i) {
        INFO(a->files[i].path);
        CHECK(a->files[i].sha256 == b->files[i].sha256);
        CHECK(fs::last_write_time(first.path() / a->files[i].path) ==
              fs::last_write_time(second.path() / b->files[i].path));
    }
    CHECK(manifest_json(*a) == manifest_json(*b));
    // Writing again over an existing tree gives the same files (the script reruns it).
    const auto again = write_laptop_tree(first.path(), 7);
    REQUIRE(again);
    CHECK(manifest_json(*again) == manifest_json(*a));
}

TEST_CASE("synth: the CSV holds at least 150 clients under a Russian header", "[synth][tree]") {
    ScratchDir dir;
    const auto manifest = write_laptop_tree(dir.path(), 3);
    REQUIRE(manifest);
    const auto csv = read_file(dir.path() / tree_paths::kClientsCsv);
    CHECK(csv.starts_with("ФИО,ИИН,Телефон,IBAN,Город\r\n"));
    CHECK(count_lines(csv) >= 151);
    for (int index : file_named(*manifest, tree_paths::kClientsCsv).identities)
        CHECK(csv.find(manifest->identities[static_cast<std::size_t>(index)].iin) != std::string::npos);
}

TEST_CASE("synth: the XLSX is a zip that libarchive lists with the expected members", "[synth][tree][xlsx]") {
    ScratchDir dir;
    const auto manifest = write_laptop_tree(dir.path(), 42);
    REQUIRE(manifest);
    const auto members = read_zip(dir.path() / tree_paths::kClientsXlsx);
    for (const auto& name : xlsx_member_names()) CHECK(members.count(name) == 1);

    const std::string& sheet = members.at("xl/worksheets/sheet1.xml");
    std::size_t row_tags = 0;
    for (auto at = sheet.find("<row "); at != std::string::npos; at = sheet.find("<row ", at + 1)) ++row_tags;
    CHECK(row_tags >= 121);  // header + at least 120 people

    // People born 2000-2009 are stored as numbers, so their leading zero is gone.
    int numeric_2000s = 0;
    for (int index : file_named(*manifest, tree_paths::kClientsXlsx).identities) {
        const auto& p = manifest->identities[static_cast<std::size_t>(index)];
        if (!p.born_2000s()) continue;
        INFO(p.iin);
        const std::string as_number = p.iin.substr(p.iin.find_first_not_of('0'));
        CHECK(sheet.find("<v>" + as_number + "</v>") != std::string::npos);
        CHECK(sheet.find("<t>" + p.iin + "</t>") == std::string::npos);
        ++numeric_2000s;
    }
    CHECK(numeric_2000s > 0);
}

TEST_CASE("synth: clients.db has 50+ rows with IINs stored as INTEGER", "[synth][tree][sqlite]") {
    ScratchDir dir;
    const auto manifest = write_laptop_tree(dir.path(), 42);
    REQUIRE(manifest);
    SQLite::Database db((dir.path() / tree_paths::kCrmDatabase).string(), SQLite::OPEN_READONLY);
    CHECK(db.execAndGet("SELECT count(*) FROM clients").getInt() >= 50);
    CHECK(db.execAndGet("SELECT count(*) FROM clients WHERE typeof(iin) <> 'integer'").getInt() == 0);

    std::set<std::string> expected;
    for (int index : file_named(*manifest, tree_paths::kCrmDatabase).identities)
        expected.insert(manifest->identities[static_cast<std::size_t>(index)].iin);
    std::set<std::string> restored;
    SQLite::Statement query(db, "SELECT iin FROM clients");
    while (query.executeStep()) {
        const auto iin = pii::iin_from_number(query.getColumn(0).getInt64());
        REQUIRE(iin);
        restored.insert(*iin);
    }
    CHECK(restored == expected);
}

TEST_CASE("synth: note, call log and voice-changer artifacts look like the real thing", "[synth][tree]") {
    ScratchDir dir;
    const auto manifest = write_laptop_tree(dir.path(), 42);
    REQUIRE(manifest);
    const auto note = read_file(dir.path() / tree_paths::kNoteUtf16);
    CHECK(note.starts_with(std::string("\xFF\xFE", 2)));
    CHECK(file_named(*manifest, tree_paths::kNoteUtf16).identities.size() == 3);

    const auto ini = read_file(dir.path() / tree_paths::kMicrosipIni);
    const auto calls_at = ini.find("[Calls]\r\n");
    REQUIRE(calls_at != std::string::npos);
    CHECK(count_lines(ini.substr(calls_at)) >= 21);
    CHECK(ini.find("\r\n0=") != std::string::npos);

    CHECK(read_file(dir.path() / tree_paths::kRvcIndex).starts_with("IwFl"));
    CHECK(read_file(dir.path() / tree_paths::kVoicemodExe).starts_with("MZ"));
    CHECK(read_file(dir.path() / tree_paths::kMorphvoxExe).starts_with("MZ"));
    const auto weights = read_zip(dir.path() / tree_paths::kRvcWeights);
    REQUIRE(weights.count("operator_voice/data.pkl") == 1);
    CHECK(weights.at("operator_voice/data.pkl").find("enc_p.emb_phone") != std::string::npos);
}
