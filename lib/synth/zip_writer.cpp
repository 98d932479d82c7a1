#include "synth/zip_writer.h"

#include <archive.h>
#include <archive_entry.h>
#include <fmt/format.h>
#include <memory>

namespace izshi::synth {
namespace {

// 2024-03-01 00:00:00 UTC: a fixed member time keeps the output reproducible.
constexpr time_t kMemberTime = 1709251200;

using ArchivePtr = std::unique_ptr<archive, decltype(&archive_write_free)>;
using EntryPtr = std::unique_ptr<archive_entry, decltype(&archive_entry_free)>;

Error archive_failure(archive* a, std::string_view what) {
    const char* detail = archive_error_string(a);
    return Error{ErrorKind::input, fmt::format("{}: {}", what, detail ? detail : "unknown libarchive error")};
}

Expected<void> add_member(archive* a, const ZipMember& member) {
    EntryPtr entry(archive_entry_new(), archive_entry_free);
    archive_entry_set_pathname_utf8(entry.get(), member.name.c_str());
    archive_entry_set_size(entry.get(), static_cast<la_int64_t>(member.bytes.size()));
    archive_entry_set_filetype(entry.get(), AE_IFREG);
    archive_entry_set_perm(entry.get(), 0644);
    archive_entry_set_mtime(entry.get(), kMemberTime, 0);
    if (archive_write_header(a, entry.get()) != ARCHIVE_OK)
        return std::unexpected(archive_failure(a, "zip member header " + member.name));
    if (archive_write_data(a, member.bytes.data(), member.bytes.size()) < 0)
        return std::unexpected(archive_failure(a, "zip member data " + member.name));
    return {};
}

}  // namespace

Expected<void> write_zip(const std::filesystem::path& path, const std::vector<ZipMember>& members,
                         ZipCompression compression) {
    ArchivePtr a(archive_write_new(), archive_write_free);
    archive_write_set_format_zip(a.get());
    const char* method = compression == ZipCompression::store ? "store" : "deflate";
    if (archive_write_set_format_option(a.get(), "zip", "compression", method) != ARCHIVE_OK)
        return std::unexpected(archive_failure(a.get(), "zip compression option"));
    if (archive_write_open_filename(a.get(), path.c_str()) != ARCHIVE_OK)
        return std::unexpected(archive_failure(a.get(), "open " + path.string()));
    for (const auto& member : members) {
        if (auto ok = add_member(a.get(), member); !ok) return ok;
    }
    if (archive_write_close(a.get()) != ARCHIVE_OK)
        return std::unexpected(archive_failure(a.get(), "close " + path.string()));
    return {};
}

}  // namespace izshi::synth
