// One function per izshi-synth subcommand: options in, one lib/synth call, exit code out.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace izshi::synth_cli {

// Exit codes shared by all subcommands.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;       // the work itself failed (I/O, image)
inline constexpr int kExitUnsupported = 3;  // asked for something this build cannot do

struct TreeOptions {
    std::uint64_t seed = 1;
    std::string out_dir;
    std::string manifest_path;  // empty: <out>/manifest.json
    std::string phone_dir;      // also write the second device here (with watchlists_dir)
    std::string watchlists_dir;
};
int cmd_tree(const TreeOptions& options);

struct IdentitiesOptions {
    std::uint64_t seed = 1;
    std::size_t count = 10;
};
int cmd_identities(const IdentitiesOptions& options);

int cmd_capabilities();
int cmd_ntfs_mkdir(const std::string& image, const std::vector<std::string>& folders);
int cmd_ntfs_rm(const std::string& image, const std::string& path);

}  // namespace izshi::synth_cli
