// izshi-synth: writes FAKE Kazakh test data for Izshi (identities, a "seized laptop"
// folder tree, helpers for NTFS sample images). The subcommand table is here; the work
// of each subcommand is one call into lib/synth (see cmd_<name>.cpp).
#include <CLI/CLI.hpp>

#include "commands.h"

namespace {

using namespace izshi::synth_cli;

constexpr const char* kDescription =
    "izshi-synth writes synthetic test data for Izshi. Every identity is generated at random\n"
    "from a seed (same seed, same output) and belongs to nobody; IINs, phone numbers and\n"
    "IBANs are well-formed so that the detectors find them.";

constexpr const char* kFooter =
    "\nExamples:\n"
    "  izshi-synth identities --count 5 --seed 7        print 5 identities as CSV\n"
    "  izshi-synth tree --seed 42 --out /tmp/laptop     write the laptop tree and manifest.json\n"
    "  samples/make-sample.sh /tmp/sample               build FAT32/ext4/NTFS/E01 images from it\n"
    "\nRun 'izshi-synth <command> --help' for the options of one command.";

void add_tree(CLI::App& app, TreeOptions& options, int& exit_code) {
    auto* cmd = app.add_subcommand("tree",
                                   "Write the synthetic 'seized laptop' folder tree: client lists "
                                   "(CSV, XLSX, UTF-16 note, SQLite), a MicroSIP call log, "
                                   "voice-changer artifacts, a file to delete, and manifest.json.");
    cmd->add_option("--seed", options.seed, "Seed; the same seed writes byte-identical files")->capture_default_str();
    cmd->add_option("--out", options.out_dir, "Folder to write into (created; existing files are overwritten)")
        ->required();
    cmd->add_option("--phone", options.phone_dir,
                    "Also write an operator's Android phone extraction (call log, contacts, SMS, Linphone, vCard) "
                    "sharing numbers with the laptop into this folder; needs --watchlists");
    cmd->add_option("--watchlists", options.watchlists_dir,
                    "Also write an intercepted-calls list and a victims' complaints list for match-numbers into this "
                    "folder; the ground truth goes to numbers-truth.json next to the manifest");
    cmd->add_option("--manifest", options.manifest_path,
                    "Where to write the manifest (default: <out>/manifest.json). Put it outside <out> "
                    "to keep it out of images built from the folder.");
    cmd->callback([&] { exit_code = cmd_tree(options); });
}

void add_identities(CLI::App& app, IdentitiesOptions& options, int& exit_code) {
    auto* cmd = app.add_subcommand("identities",
                                   "Print identities as CSV (UTF-8): name, sex, birth date, "
                                   "IIN, phone (E.164), e-mail, IBAN, bank, city.");
    cmd->add_option("--count", options.count, "How many identities")->capture_default_str();
    cmd->add_option("--seed", options.seed, "Seed; the same seed prints the same people")->capture_default_str();
    cmd->callback([&] { exit_code = cmd_identities(options); });
}

void add_ntfs_helpers(CLI::App& app, std::string& image, std::vector<std::string>& paths, int& exit_code) {
    auto* caps = app.add_subcommand("capabilities", "Say what this build can do (e.g. 'ntfs-editing: yes').");
    caps->callback([&] { exit_code = cmd_capabilities(); });

    auto* mkdir = app.add_subcommand("ntfs-mkdir",
                                     "Create folders inside an NTFS image file without mounting "
                                     "it (needs libntfs-3g; used by make-sample.sh).");
    mkdir->add_option("image", image, "NTFS image file")->required()->check(CLI::ExistingFile);
    mkdir->add_option("folders", paths, "Folders to create, e.g. 'Users/operator/Documents'")->required();
    mkdir->callback([&] { exit_code = cmd_ntfs_mkdir(image, paths); });

    auto* rm = app.add_subcommand("ntfs-rm", "Delete a file inside an NTFS image file (unlinked, not wiped).");
    rm->add_option("image", image, "NTFS image file")->required()->check(CLI::ExistingFile);
    rm->add_option("path", paths, "File to delete, e.g. 'Users/operator/Desktop/x.txt'")->required()->expected(1);
    rm->callback([&] { exit_code = cmd_ntfs_rm(image, paths.front()); });
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{kDescription, "izshi-synth"};
    app.footer(kFooter);
    app.require_subcommand(1);

    int exit_code = kExitOk;
    TreeOptions tree;
    IdentitiesOptions identities;
    std::string image;
    std::vector<std::string> paths;
    add_tree(app, tree, exit_code);
    add_identities(app, identities, exit_code);
    add_ntfs_helpers(app, image, paths, exit_code);

    CLI11_PARSE(app, argc, argv);
    return exit_code;
}
