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
    {"application/zip", " zip jar apk docx xlsx pptx odt ods odp epub kmz xpi whl nupkg pt pth ckpt "},  // PyTorch models are zips
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

// libmagic's rule pass costs ~0.3 ms a call whatever the size, and it is most of ingest's CPU on
// small files, so it runs once where it can: the encoding-only pass (cheap) says text or not; text
// needs one full pass for its MIME type (text/x-python, text/csv), and its description is the
// encoding; anything else gets its description from one full pass, and only a recognised format
// pays a second one for its MIME type ("data" is application/octet-stream by definition).
FileType FileTyper::type(std::span<const unsigned char> first_bytes, std::string_view file_name) {
    auto window = first_bytes.subspan(0, std::min(first_bytes.size(), magic_window));
    auto run = [&](magic_t handle) {
        const char* answer = magic_buffer(handle, window.data(), window.size());
        return std::string(answer ? answer : "");
    };
    FileType result;
    std::string encoding = run(text_description_);
    if (encoding.find("text") != std::string::npos) {
        result.mime = run(mime_);
        result.description = encoding;
    } else {
        result.description = run(description_);
        result.mime = result.description == "data" ? "application/octet-stream" : run(mime_);
    }
    if (result.mime.empty()) result.mime = "application/octet-stream";
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
