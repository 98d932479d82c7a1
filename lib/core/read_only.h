#pragma once
// How evidence files are opened, everywhere: read-only, and without touching their access time.
#include <filesystem>

namespace izshi {

// open(2) with O_RDONLY | O_CLOEXEC | O_NOATIME | extra_flags. O_NOATIME needs ownership of the
// file (or CAP_FOWNER); when it is refused the file is opened without it. Returns the descriptor,
// or -1 with errno set.
int open_read_only(const std::filesystem::path& path, int extra_flags = 0);

}  // namespace izshi
