#include "core/read_only.h"

#include <fcntl.h>

#include <cerrno>

namespace izshi {

int open_read_only(const std::filesystem::path& path, int extra_flags) {
    const int flags = O_RDONLY | O_CLOEXEC | extra_flags;
    int fd = ::open(path.c_str(), flags | O_NOATIME);
    if (fd < 0 && errno == EPERM) fd = ::open(path.c_str(), flags);
    return fd;
}

}  // namespace izshi
