// samples/make-sample.sh end to end: the images exist, carry the right file-system
// signatures, keep the deleted file's bytes, and reruns give the same FAT32/ext4 images.
// Skipped (with a warning) where izshi-synth or the Debian image tools are absent.
#include <catch2/catch.hpp>

#if defined(IZSHI_SYNTH_BIN) && defined(IZSHI_SOURCE_DIR)

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include "synth/identity.h"
#include "synth/laptop_tree.h"

namespace fs = std::filesystem;

namespace {

std::string read_bytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

bool image_tools_installed() {
    return std::system(
               "PATH=$PATH:/usr/sbin:/sbin; for t in mkfs.fat mmd mcopy mdel mke2fs debugfs mkntfs "
               "ntfscp ewfacquire; do command -v $t >/dev/null || exit 1; done") == 0;
}

// Everything the command writes to stdout.
std::string output_of(const std::string& command) {
    std::string out;
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    char buffer[4096];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
    CHECK(pclose(pipe) == 0);
    return out;
}

int run_make_sample(const fs::path& out) {
    const std::string command = std::string("IZSHI_SYNTH='") + IZSHI_SYNTH_BIN + "' '" + IZSHI_SOURCE_DIR +
                                "/samples/make-sample.sh' '" + out.string() + "' --seed 42 >/dev/null 2>&1";
    return std::system(command.c_str());
}

}  // namespace

TEST_CASE("synth: izshi-synth identities prints the generator's people as CSV", "[synth][cli]") {
    const auto csv = output_of(std::string("'") + IZSHI_SYNTH_BIN + "' identities --count 3 --seed 9");
    CHECK(csv.starts_with("index,last_name,first_name,patronymic,sex,birth_date,iin,phone,email,iban,bank,city\n"));
    for (const auto& person : izshi::synth::IdentityGenerator(9).generate(3)) {
        CHECK(csv.find("," + person.iin + "," + person.phone + ",") != std::string::npos);
        CHECK(csv.find(person.iban) != std::string::npos);
    }
}

TEST_CASE("synth: make-sample.sh builds FAT32, ext4, NTFS and E01 images", "[synth][samples]") {
    // A missing tool is a broken set-up (scripts/install-deps.sh installs them), not a reason to skip.
    REQUIRE(image_tools_installed());
    const fs::path out = fs::temp_directory_path() / ("izshi-make-sample-" + std::to_string(getpid()));
    fs::remove_all(out);
    REQUIRE(run_make_sample(out) == 0);

    for (const char* name :
         {"laptop-fat32.img", "laptop-ext4.img", "laptop-ntfs.img", "laptop.E01", "expected.json", "manifest.json"})
        CHECK(fs::is_regular_file(out / name));
    const auto fat = read_bytes(out / "laptop-fat32.img");
    const auto ext4 = read_bytes(out / "laptop-ext4.img");
    const auto ntfs = read_bytes(out / "laptop-ntfs.img");
    CHECK(fat.substr(82, 8) == "FAT32   ");
    CHECK(ext4.substr(1080, 2) == std::string("\x53\xEF", 2));  // ext2/3/4 superblock magic
    CHECK(ntfs.substr(3, 8) == "NTFS    ");
    CHECK(read_bytes(out / "laptop.E01").starts_with(std::string("EVF\x09\x0D\x0A\xFF\x00", 8)));

    // Deleted, not wiped: the victims list is still in each image's unallocated space.
    const auto victims = read_bytes(out / "tree" / std::string(izshi::synth::tree_paths::kVictimsList));
    const auto first_line = victims.substr(0, victims.find('\n', victims.find('\n') + 1));
    CHECK(fat.find(first_line) != std::string::npos);
    CHECK(ext4.find(first_line) != std::string::npos);

    const auto expected = read_bytes(out / "expected.json");
    CHECK(expected.find("\"/Users/operator/Desktop/to_delete_victims.txt\"") != std::string::npos);
    CHECK(expected.find("\"laptop.E01\"") != std::string::npos);

    // Idempotent: a rerun replaces everything and the FAT32 and ext4 images come out identical.
    REQUIRE(run_make_sample(out) == 0);
    CHECK(read_bytes(out / "laptop-fat32.img") == fat);
    CHECK(read_bytes(out / "laptop-ext4.img") == ext4);
    fs::remove_all(out);
}

#endif
