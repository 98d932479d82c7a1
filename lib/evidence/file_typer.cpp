#include "evidence/file_typer.h"

#include <algorithm>
#include <array>
#include <stdexcept>

#include "core/text.h"

namespace izshi::evidence {

namespace {

magic_t open_magic(int flags) {
    magic_t handle = magic_open(flags | MAGIC_NO_CHECK_COMPRESS | MAGIC_ERROR);
    if (!handle || magic_load(handle, nullptr) != 0)
        throw std::runtime_error("libmagic: cannot load the magic database (install libmagic-mgc)");
    return handle;
}

struct ExpectedExtensions {
    std::string_view mime;
    std::string_view extensions;  // space separated, each wrapped in spaces for lookup
};

// Types whose extension is conventional enough that a different one means "renamed".
constexpr std::array<ExpectedExtensions, 15> expected_extensions{{
    {"application/pdf", " pdf "},
    {"image/jpeg", " jpg jpeg jpe jfif "},
    {"image/png", " png "},
    {"image/gif", " gif "},
    {"application/zip", " zip jar apk docx xlsx pptx odt ods odp epub kmz xpi "},
    {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", " docx docm dotx "},
    {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", " xlsx xlsm xltx "},
    {"application/vnd.sqlite3", " db sqlite sqlite3 db3 sdb "},
    {"application/x-sqlite3", " db sqlite sqlite3 db3 sdb "},
    {"application/gzip", " gz tgz gzip "},
    {"application/x-7z-compressed", " 7z "},
    {"application/x-rar", " rar "},
    {"application/x-dosexec", " exe dll sys scr com ocx cpl drv efi mui ax "},
    {"audio/mpeg", " mp3 "},
    {"video/mp4", " mp4 m4v m4a "},
}};

}  // namespace

FileTyper::FileTyper()
    : mime_(open_magic(MAGIC_MIME_TYPE)),
      description_(open_magic(MAGIC_NONE)),
      text_description_(open_magic(MAGIC_NO_CHECK_SOFT)) {}

FileTyper::~FileTyper() {
    magic_close(mime_);
    magic_close(description_);
    magic_close(text_description_);
}

FileType FileTyper::type(std::span<const unsigned char> first_bytes, std::string_view file_name) {
    auto window = first_bytes.subspan(0, std::min(first_bytes.size(), magic_window));
    FileType result;
    const char* mime = magic_buffer(mime_, window.data(), window.size());
    result.mime = mime ? mime : "application/octet-stream";
    // libmagic's text rules are regular expressions run over the whole window, and they cost most of
    // its time; the MIME call already ran them (text/x-python, text/csv, ...), so for text the
    // description needs only the encoding ("UTF-8 text, with CRLF line terminators").
    bool text = result.mime.starts_with("text/");
    const char* description = magic_buffer(text ? text_description_ : description_, window.data(), window.size());
    result.description = description ? description : "";
    result.extension_mismatch = extension_mismatch(result.mime, file_name);
    return result;
}

bool extension_mismatch(std::string_view mime, std::string_view file_name) {
    auto extension = lower_extension(file_name);
    if (extension.empty()) return false;
    for (const auto& expected : expected_extensions)
        if (expected.mime == mime) return expected.extensions.find(" " + extension + " ") == std::string_view::npos;
    return false;
}

bool is_archive_mime(std::string_view mime) {
    static constexpr std::string_view archives[] = {
        "application/zip", "application/x-tar", "application/gzip", "application/x-gzip",
        "application/x-7z-compressed", "application/x-bzip2", "application/x-xz",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet",
        "application/java-archive"};
    return std::find(std::begin(archives), std::end(archives), mime) != std::end(archives);
}

}  // namespace izshi::evidence
