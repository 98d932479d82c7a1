#include <fmt/format.h>

#include "commands.h"
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
    fmt::print("wrote {} files and {} identities under {}; manifest {}\n", manifest->files.size(),
               manifest->identities.size(), out.string(), manifest_path.string());
    return kExitOk;
}

}  // namespace izshi::synth_cli
