// Recall and precision of the scanner core on the sample generator's seized laptop, against its
// ground truth (manifest.json): every seeded IIN, phone number and IBAN in the text files it writes
// (CSV, UTF-16 note, CP1251 export, softphone settings, the victims list) is found, and nothing else is: not one of
// the decoys (look-alikes of the same people's identifiers) either.
// Containers (xlsx, SQLite) need the find-pii readers on top of the core and are not counted here.
#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <set>

#include "pii/scanner.h"
#include "support/support.h"

using namespace izshi::pii;

namespace {

}  // namespace

TEST_CASE("pii: the scanner finds every seeded identifier in the sample's text files and nothing else",
          "[pii][scanner][sample]") {
    auto sample = izshi::test::sample_dir();
    auto manifest = nlohmann::json::parse(izshi::test::read_file(sample / "manifest.json"));
    std::set<std::string> seeded_all;
    for (const auto& identity : manifest["identities"])
        for (const char* field : {"iin", "phone", "iban"}) seeded_all.insert(identity[field].get<std::string>());

    size_t expected = 0, found_expected = 0, findings = 0, false_positives = 0;
    Scanner scanner({.types = {PiiType::iin, PiiType::phone, PiiType::iban}});
    for (const auto& file : manifest["files"]) {
        std::string kind = file["kind"];
        if (kind != "csv" && kind != "utf16-text" && kind != "text" && kind != "softphone-ini" && kind != "decoys" &&
            kind != "cp1251-text")
            continue;
        auto bytes = izshi::test::read_file(sample / "tree" / file["path"].get<std::string>());
        std::vector<Finding> out;
        scanner.scan(std::span(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size()), 0, bytes.size(), 0, out);
        std::set<std::string> values;
        for (const auto& finding : out) {
            values.insert(finding.value);
            ++findings;
            if (!seeded_all.count(finding.value)) {
                ++false_positives;
                UNSCOPED_INFO(file["path"] << ": not seeded: " << finding.value);
            }
        }
        for (int index : file["identities"]) {
            const auto& identity = manifest["identities"][static_cast<size_t>(index)];
            // The softphone keeps numbers only; the other files carry IIN, phone and IBAN.
            std::vector<const char*> fields = kind == "softphone-ini"   ? std::vector<const char*>{"phone"}
                                              : kind == "cp1251-text" ? std::vector<const char*>{"iin", "phone"}
                                                                      : std::vector<const char*>{"iin", "phone", "iban"};
            for (const char* field : fields) {
                ++expected;
                auto value = identity[field].get<std::string>();
                if (values.count(value)) ++found_expected;
                else UNSCOPED_INFO(file["path"] << ": missed " << field << " " << value);
            }
        }
    }
    double recall = expected ? 100.0 * static_cast<double>(found_expected) / static_cast<double>(expected) : 0;
    double precision = findings ? 100.0 * static_cast<double>(findings - false_positives) / static_cast<double>(findings) : 0;
    WARN("sample text files: recall " << recall << "% (" << found_expected << "/" << expected << "), precision "
                                      << precision << "% (" << findings << " findings)");
    CHECK(expected > 400);
    CHECK(found_expected == expected);
    CHECK(false_positives == 0);
}
