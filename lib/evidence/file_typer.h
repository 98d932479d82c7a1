#pragma once
// File type from content (libmagic, first bytes only) and the extension check examiners rely on
// to spot renamed files (a database saved as .jpg).
#include <magic.h>

#include <span>
#include <string>
#include <string_view>

namespace izshi::evidence {

// How many leading bytes libmagic sees: enough for every container signature we care about.
inline constexpr size_t magic_window = 64 * 1024;

struct FileType {
    std::string mime;
    std::string description;
    bool extension_mismatch = false;
};

// One per thread: libmagic handles are not thread-safe.
class FileTyper {
public:
    FileTyper();
    ~FileTyper();
    FileTyper(const FileTyper&) = delete;
    FileTyper& operator=(const FileTyper&) = delete;

    FileType type(std::span<const unsigned char> first_bytes, std::string_view file_name);

private:
    magic_t mime_ = nullptr;
    magic_t description_ = nullptr;
    magic_t text_description_ = nullptr;  // encoding only: no second pass of the costly text rules
};

// True when the extension names a type the content clearly is not (known types only).
bool extension_mismatch(std::string_view mime, std::string_view file_name);

// Archive formats that ingest opens in place (zip family, tar, gzip, 7z, ...).
bool is_archive_mime(std::string_view mime);

}  // namespace izshi::evidence
