#include <fmt/format.h>

#include "commands.h"
#include "synth/ntfs_image.h"

namespace izshi::synth_cli {
namespace {

int report(const Expected<void>& result, std::string_view command) {
    if (result) return kExitOk;
    fmt::print(stderr, "izshi-synth {}: {}\n", command, result.error().message);
    return result.error().kind == ErrorKind::usage ? kExitUnsupported : kExitFailed;
}

}  // namespace

int cmd_capabilities() {
    fmt::print("ntfs-editing: {}\n", synth::ntfs_editing_available() ? "yes" : "no");
    return kExitOk;
}

int cmd_ntfs_mkdir(const std::string& image, const std::vector<std::string>& folders) {
    return report(synth::ntfs_make_directories(image, folders), "ntfs-mkdir");
}

int cmd_ntfs_rm(const std::string& image, const std::string& path) {
    return report(synth::ntfs_delete_file(image, path), "ntfs-rm");
}

}  // namespace izshi::synth_cli
