#pragma once
// Evidence sources: deciding what a path is (disk image, logical file or folder, or a format we
// cannot read), opening disk images through libtsk, and hashing the whole media stream.
#include <tsk/libtsk.h>

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/error.h"
#include "hashing/multi_hasher.h"
#include "hashing/stream_hasher.h"

namespace izshi::evidence {

enum class SourceKind { image, logical };

struct SourceClass {
    SourceKind kind = SourceKind::logical;
    std::string format;  // "raw", "ewf", "vmdk", "folder", "file", ...
};

// Errors (ErrorKind::input) for missing paths and for image formats this build cannot open
// (QCOW, AFF4, VHDX, VDI): better a clear refusal than a wrong walk of container bytes.
Expected<SourceClass> classify_source(const std::filesystem::path& path);

struct TskImageCloser {
    void operator()(TSK_IMG_INFO* image) const { tsk_img_close(image); }
};
using TskImage = std::unique_ptr<TSK_IMG_INFO, TskImageCloser>;

// Opens a disk image read-only; split raw and E01 segment sets are found from the first segment.
Expected<TskImage> open_image(const std::filesystem::path& first_segment);
std::vector<std::string> image_segments(const TSK_IMG_INFO& image);
std::string image_format_name(const TSK_IMG_INFO& image);

// Digests of the media stream (what `img_cat | md5sum` gives): the decompressed E01 media, the split
// segments joined. Reads through its own handle so it can run beside the file walk.
Expected<hashing::StreamDigest> hash_media(const std::filesystem::path& first_segment,
                                           const std::vector<hashing::Algorithm>& algorithms,
                                           const hashing::StreamOptions& options);
// MD5, SHA-1 and SHA-256 of the media stream, as recorded at ingest. 'bytes_done' shows progress.
Expected<hashing::Digests> hash_media(const std::filesystem::path& first_segment, std::atomic<uint64_t>& bytes_done);

// The libtsk error text of the last failure on this thread, cleaned for a message.
std::string tsk_error_text();

}  // namespace izshi::evidence
