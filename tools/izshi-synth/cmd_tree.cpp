#include <fmt/format.h>

#include "commands.h"
#include <fstream>

#include "synth/call_center.h"
#include "synth/laptop_tree.h"

namespace izshi::synth_cli {

int cmd_tree(const TreeOptions& options) {
    const std::filesystem::path out(options.out_dir);
    const std::filesystem::path manifest_path =
        options.manifest_path.empty() ? out / "manifest.json" : std::filesystem::path(options.manifest_path);
    auto manifest = synth::write_laptop_tree(out, options.seed);
    if (!manifest) {
        fmt::print(stderr, "izshi-synth tree: {}\n", manifest.error().message);
        return kExitFailed;
    }
    if (auto ok = synth::write_manifest(*manifest, manifest_path); !ok) {
        fmt::print(stderr, "izshi-synth tree: {}\n", ok.error().message);
        return kExitFailed;
    }
    if (options.phone_dir.empty() != options.watchlists_dir.empty()) {
        fmt::print(stderr, "izshi-synth tree: --phone and --watchlists go together\n");
        return kExitFailed;
    }
    if (!options.phone_dir.empty()) {
        auto phone = synth::write_phone_extraction(options.phone_dir, *manifest);
        if (!phone) {
            fmt::print(stderr, "izshi-synth tree: {}\n", phone.error().message);
            return kExitFailed;
        }
        auto lists = synth::write_watchlists(options.watchlists_dir, *manifest, *phone);
        if (!lists) {
            fmt::print(stderr, "izshi-synth tree: {}\n", lists.error().message);
            return kExitFailed;
        }
        auto truth_path = manifest_path.parent_path() / "numbers-truth.json";
        std::ofstream(truth_path, std::ios::binary) << synth::numbers_truth_json(*phone, *lists);
    }
    fmt::print("wrote {} files and {} identities under {}; manifest {}\n", manifest->files.size(),
               manifest->identities.size(), out.string(), manifest_path.string());
    return kExitOk;
}

}  // namespace izshi::synth_cli
