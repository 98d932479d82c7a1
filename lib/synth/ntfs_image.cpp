#include "synth/ntfs_image.h"

#include <fmt/format.h>

#ifdef IZSHI_SYNTH_HAVE_NTFS3G
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <sys/stat.h>
#include <utility>
#include <vector>

// libntfs-3g is a C library whose headers do not declare C linkage themselves.
extern "C" {
// Order matters: each header uses types from the ones before it.
#include <ntfs-3g/types.h>
#include <ntfs-3g/layout.h>
#include <ntfs-3g/inode.h>
#include <ntfs-3g/volume.h>
#include <ntfs-3g/dir.h>
#include <ntfs-3g/unistr.h>
}
// support.h defines min/max as macros, which would break std::min and friends.
#undef min
#undef max
#endif

namespace izshi::synth {

#ifdef IZSHI_SYNTH_HAVE_NTFS3G
namespace {

Error ntfs_failure(std::string_view what) {
    return Error{ErrorKind::input, fmt::format("{}: {}", what, std::strerror(errno))};
}

// One open volume; unmounting flushes the MFT and bitmaps back to the image file.
class NtfsVolume {
public:
    static Expected<NtfsVolume> open(const std::filesystem::path& image) {
        ntfs_volume* vol = ntfs_mount(image.c_str(), NTFS_MNT_NONE);
        if (!vol) return std::unexpected(ntfs_failure("open NTFS image " + image.string()));
        return NtfsVolume(vol);
    }
    NtfsVolume(NtfsVolume&& other) noexcept : vol_(std::exchange(other.vol_, nullptr)) {}
    NtfsVolume(const NtfsVolume&) = delete;
    ~NtfsVolume() {
        if (vol_) ntfs_umount(vol_, FALSE);
    }
    ntfs_volume* get() const { return vol_; }

private:
    explicit NtfsVolume(ntfs_volume* vol) : vol_(vol) {}
    ntfs_volume* vol_;
};

struct InodeCloser {
    void operator()(ntfs_inode* ni) const { ntfs_inode_close(ni); }
};
using InodePtr = std::unique_ptr<ntfs_inode, InodeCloser>;

struct NtfsName {
    ntfschar* units = nullptr;
    int length = 0;
    ~NtfsName() { std::free(units); }
};

Expected<void> to_ntfs_name(std::string_view utf8, NtfsName& name) {
    name.length = ntfs_mbstoucs(std::string(utf8).c_str(), &name.units);
    if (name.length <= 0) return std::unexpected(ntfs_failure(fmt::format("name '{}'", utf8)));
    return {};
}

// Creates `child` in `parent_path` unless it is already there.
Expected<void> make_one_directory(ntfs_volume* vol, const std::string& parent_path, std::string_view child) {
    const std::string path = parent_path == "/" ? "/" + std::string(child) : parent_path + "/" + std::string(child);
    if (InodePtr existing{ntfs_pathname_to_inode(vol, nullptr, path.c_str())}) return {};
    InodePtr parent{ntfs_pathname_to_inode(vol, nullptr, parent_path.c_str())};
    if (!parent) return std::unexpected(ntfs_failure("find " + parent_path));
    NtfsName name;
    if (auto ok = to_ntfs_name(child, name); !ok) return ok;
    // Security id 0: the new folder gets no explicit security descriptor, as mkntfs's own root files.
    InodePtr created{ntfs_create(parent.get(), 0, name.units, static_cast<u8>(name.length), S_IFDIR)};
    if (!created) return std::unexpected(ntfs_failure("create folder " + path));
    return {};
}

Expected<void> make_directory_chain(ntfs_volume* vol, std::string_view folder) {
    std::string parent = "/";
    std::size_t start = 0;
    while (start < folder.size()) {
        const std::size_t slash = folder.find('/', start);
        const std::size_t end = slash == std::string_view::npos ? folder.size() : slash;
        const auto part = folder.substr(start, end - start);
        if (!part.empty()) {
            if (auto ok = make_one_directory(vol, parent, part); !ok) return ok;
            parent = parent == "/" ? "/" + std::string(part) : parent + "/" + std::string(part);
        }
        start = end + 1;
    }
    return {};
}

}  // namespace

bool ntfs_editing_available() {
    return true;
}

Expected<void> ntfs_make_directories(const std::filesystem::path& image, std::span<const std::string> folders) {
    auto volume = NtfsVolume::open(image);
    if (!volume) return std::unexpected(volume.error());
    for (const auto& folder : folders) {
        if (auto ok = make_directory_chain(volume->get(), folder); !ok) return ok;
    }
    return {};
}

Expected<void> ntfs_delete_file(const std::filesystem::path& image, std::string_view path) {
    auto volume = NtfsVolume::open(image);
    if (!volume) return std::unexpected(volume.error());
    std::string absolute = path.starts_with('/') ? std::string(path) : "/" + std::string(path);
    const auto slash = absolute.rfind('/');
    const std::string parent_path = slash == 0 ? "/" : absolute.substr(0, slash);
    ntfs_inode* file = ntfs_pathname_to_inode(volume->get(), nullptr, absolute.c_str());
    if (!file) return std::unexpected(ntfs_failure("find " + absolute));
    ntfs_inode* parent = ntfs_pathname_to_inode(volume->get(), nullptr, parent_path.c_str());
    if (!parent) {
        ntfs_inode_close(file);
        return std::unexpected(ntfs_failure("find " + parent_path));
    }
    NtfsName name;
    if (auto ok = to_ntfs_name(absolute.substr(slash + 1), name); !ok) {
        ntfs_inode_close(file);
        ntfs_inode_close(parent);
        return ok;
    }
    // ntfs_delete closes both inodes whatever it returns.
    if (ntfs_delete(volume->get(), absolute.c_str(), file, parent, name.units, static_cast<u8>(name.length)) != 0)
        return std::unexpected(ntfs_failure("delete " + absolute));
    return {};
}

#else  // built without libntfs-3g

namespace {
Error not_built() {
    return Error{ErrorKind::usage, "izshi_synth was built without libntfs-3g (install ntfs-3g-dev and rebuild)"};
}
}  // namespace

bool ntfs_editing_available() {
    return false;
}

Expected<void> ntfs_make_directories(const std::filesystem::path&, std::span<const std::string>) {
    return std::unexpected(not_built());
}

Expected<void> ntfs_delete_file(const std::filesystem::path&, std::string_view) {
    return std::unexpected(not_built());
}

#endif

}  // namespace izshi::synth
