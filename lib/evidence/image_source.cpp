#include "evidence/image_source.h"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cstring>
#include <fmt/format.h>

#include "core/text.h"

namespace izshi::evidence {

namespace fs = std::filesystem;

namespace {

bool has_image_extension(const fs::path& path) {
    static constexpr std::string_view extensions[] = {"dd", "raw", "img", "bin", "dmg", "iso", "e01", "ex01",
                                                      "s01", "aff", "afd", "afm", "vmdk", "vhd", "000", "001",
                                                      "aa", "splitraw", "image", "dsk", "ima"};
    auto extension = lower_extension(path.filename().string());
    for (auto known : extensions)
        if (extension == known) return true;
    return false;
}

std::string read_prefix(const fs::path& path, size_t length) {
    std::string bytes(length, '\0');
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return "";
    ssize_t got = ::pread(fd, bytes.data(), length, 0);
    ::close(fd);
    bytes.resize(got > 0 ? static_cast<size_t>(got) : 0);
    return bytes;
}

// Container formats that libtsk 4.11 in Debian does not open; without this check it would treat
// them as raw bytes and report an empty disk, which is worse than a refusal.
std::optional<std::string> unsupported_container(const fs::path& path, const std::string& prefix) {
    if (prefix.starts_with("QFI\xfb")) return "QCOW (QEMU) disk image";
    if (prefix.starts_with("vhdxfile")) return "VHDX disk image";
    if (prefix.size() >= 68 && std::memcmp(prefix.data() + 64, "\x7f\x10\xda\xbe", 4) == 0) return "VDI disk image";
    bool zip = prefix.starts_with("PK\x03\x04");
    if (lower_extension(path.filename().string()) == "aff4" ||
        (zip && prefix.find("container.description") != std::string::npos && prefix.find("aff4") != std::string::npos))
        return "AFF4 container";
    return std::nullopt;
}

}  // namespace

std::string tsk_error_text() {
    const char* text = tsk_error_get();
    std::string message = text ? text : "unknown libtsk error";
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    for (auto& c : message)
        if (c == '\n') c = ' ';
    tsk_error_reset();
    return message;
}

Expected<SourceClass> classify_source(const fs::path& path) {
    std::error_code ec;
    auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) return fail(ErrorKind::input, fmt::format("{}: no such file or folder", path.string()));
    if (fs::is_directory(status)) return SourceClass{SourceKind::logical, "folder"};
    if (!fs::is_regular_file(status) && !fs::is_block_file(status))
        return fail(ErrorKind::input, fmt::format("{}: not a regular file, folder or block device", path.string()));
    if (::access(path.c_str(), R_OK) != 0)
        return fail(ErrorKind::input, fmt::format("{}: cannot read: {}", path.string(), std::strerror(errno)));
    auto prefix = read_prefix(path, 4096);
    if (auto container = unsupported_container(path, prefix))
        return fail(ErrorKind::input,
                    fmt::format("{}: {} is not supported by this build (libtsk 4.11); convert it to raw or E01 "
                                "(for example with qemu-img convert or ewfacquire) and ingest that",
                                path.string(), *container));
    if (fs::is_block_file(status) || has_image_extension(path)) {
        auto image = open_image(path);
        if (!image) return std::unexpected(image.error());
        return SourceClass{SourceKind::image, image_format_name(**image)};
    }
    return SourceClass{SourceKind::logical, "file"};
}

Expected<TskImage> open_image(const fs::path& first_segment) {
    const char* names[] = {first_segment.c_str()};
    TskImage image(tsk_img_open_utf8(1, names, TSK_IMG_TYPE_DETECT, 0));
    if (!image)
        return fail(ErrorKind::input,
                    fmt::format("{}: cannot open as a disk image: {}", first_segment.string(), tsk_error_text()));
    return image;
}

std::vector<std::string> image_segments(const TSK_IMG_INFO& image) {
    std::vector<std::string> segments;
    for (int i = 0; i < image.num_img; ++i) segments.emplace_back(image.images[i]);
    return segments;
}

std::string image_format_name(const TSK_IMG_INFO& image) {
    const char* name = tsk_img_type_toname(image.itype);
    return name ? name : "unknown";
}

Expected<hashing::StreamDigest> hash_media(const fs::path& first_segment, const std::vector<hashing::Algorithm>& algorithms,
                                           const hashing::StreamOptions& options) {
    auto image = open_image(first_segment);
    if (!image) return std::unexpected(image.error());
    TSK_IMG_INFO* info = image->get();
    TSK_OFF_T offset = 0;
    auto read_block = [&](std::span<unsigned char> into) -> Expected<size_t> {
        size_t want = static_cast<size_t>(std::min<TSK_OFF_T>(static_cast<TSK_OFF_T>(into.size()), info->size - offset));
        if (want == 0) return 0;
        ssize_t got = tsk_img_read(info, offset, reinterpret_cast<char*>(into.data()), want);
        if (got <= 0)
            return fail(ErrorKind::input, fmt::format("{}: read error at byte {} while hashing the media: {}",
                                                      first_segment.string(), offset, tsk_error_text()));
        offset += got;
        return static_cast<size_t>(got);
    };
    return hashing::hash_stream(read_block, algorithms, options);
}

Expected<hashing::Digests> hash_media(const fs::path& first_segment, std::atomic<uint64_t>& bytes_done) {
    hashing::StreamOptions options;
    options.progress = &bytes_done;
    auto digest = hash_media(first_segment, {hashing::Algorithm::md5, hashing::Algorithm::sha1, hashing::Algorithm::sha256},
                             options);
    if (!digest) return std::unexpected(digest.error());
    return hashing::Digests{digest->hex.at(0), digest->hex.at(1), digest->hex.at(2)};
}

}  // namespace izshi::evidence
