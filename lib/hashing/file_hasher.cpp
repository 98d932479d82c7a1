#include "hashing/file_hasher.h"

#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <linux/fs.h>

#include <cerrno>
#include <cstring>

#include "core/read_only.h"

namespace izshi::hashing {

namespace {

class ReadOnlyFile {
public:
    // O_NONBLOCK: a FIFO must not block the run waiting for a writer (it is refused after fstat);
    // regular files and block devices ignore it.
    explicit ReadOnlyFile(const std::filesystem::path& path) : fd_(open_read_only(path, O_NONBLOCK)) {}
    ~ReadOnlyFile() {
        if (fd_ >= 0) ::close(fd_);
    }
    ReadOnlyFile(const ReadOnlyFile&) = delete;
    ReadOnlyFile& operator=(const ReadOnlyFile&) = delete;
    int fd() const { return fd_; }

private:
    int fd_ = -1;
};

Error input_error(const std::filesystem::path& path, const std::string& what) {
    return {ErrorKind::input, path.string() + ": " + what};
}

Expected<uint64_t> stream_length(int fd, const std::filesystem::path& path) {
    struct stat info {};
    if (::fstat(fd, &info) != 0) return std::unexpected(input_error(path, std::strerror(errno)));
    if (S_ISREG(info.st_mode)) return static_cast<uint64_t>(info.st_size);
    if (S_ISBLK(info.st_mode)) {
        uint64_t bytes = 0;
        if (::ioctl(fd, BLKGETSIZE64, &bytes) != 0) return std::unexpected(input_error(path, std::strerror(errno)));
        return bytes;
    }
    if (S_ISDIR(info.st_mode)) return std::unexpected(input_error(path, "is a folder (use -r to hash its files)"));
    return std::unexpected(input_error(path, "not a regular file or block device"));
}

}  // namespace

Expected<StreamDigest> hash_file(const std::filesystem::path& path, const std::vector<Algorithm>& algorithms,
                                 const FileReadPolicy& policy) {
    ReadOnlyFile file(path);
    if (file.fd() < 0) return std::unexpected(input_error(path, std::strerror(errno)));
    auto length = stream_length(file.fd(), path);
    if (!length) return std::unexpected(length.error());
    ::posix_fadvise(file.fd(), 0, 0, POSIX_FADV_SEQUENTIAL);

    bool large = *length >= policy.spread_from;
    StreamOptions options;
    options.block_size = large ? policy.large_block : policy.small_block;
    options.spread_algorithms = large && policy.allow_spread;
    options.progress = policy.progress;
    int fd = file.fd();
    auto read_block = [&](std::span<unsigned char> into) -> Expected<size_t> {
        size_t filled = 0;
        while (filled < into.size()) {
            ssize_t got = ::read(fd, into.data() + filled, into.size() - filled);
            if (got < 0 && errno == EINTR) continue;
            if (got < 0)
                return std::unexpected(input_error(path, std::string("read error: ") + std::strerror(errno)));
            if (got == 0) break;
            filled += static_cast<size_t>(got);
        }
        return filled;
    };
    return hash_stream(read_block, algorithms, options);
}

}  // namespace izshi::hashing
