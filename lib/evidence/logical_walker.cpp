#include "evidence/logical_walker.h"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <fmt/format.h>

#include "core/clock.h"
#include "core/read_only.h"

namespace izshi::evidence {

namespace fs = std::filesystem;

namespace {

// O_NOATIME keeps the evidence's access times as they were (allowed for the file's owner and root).
// A link inside a folder is recorded as a link, never followed.
int open_evidence_file(const fs::path& path) { return open_read_only(path, O_NOFOLLOW); }

struct ArchiveCloser {
    void operator()(archive* reader) const { archive_read_free(reader); }
};
using ArchiveReader = std::unique_ptr<archive, ArchiveCloser>;

std::string archive_error(archive* reader) {
    const char* text = archive_error_string(reader);
    return text ? text : "unknown libarchive error";
}

// 'raw' turns a lone compressed stream (file.gz) into one member; it is tried only when no archive
// format matched, because the raw format accepts anything.
ArchiveReader new_reader(bool raw) {
    ArchiveReader reader(archive_read_new());
    archive_read_support_filter_all(reader.get());
    if (raw)
        archive_read_support_format_raw(reader.get());
    else
        for (auto support : {archive_read_support_format_7zip, archive_read_support_format_ar,
                             archive_read_support_format_cab, archive_read_support_format_cpio,
                             archive_read_support_format_iso9660, archive_read_support_format_lha,
                             archive_read_support_format_rar, archive_read_support_format_rar5,
                             archive_read_support_format_tar, archive_read_support_format_xar,
                             archive_read_support_format_zip})
            support(reader.get());  // every format but mtree, which reads any text file as a listing
    return reader;
}

std::string member_name(archive_entry* entry, const std::string& container_name) {
    const char* name = archive_entry_pathname_utf8(entry);
    if (!name) name = archive_entry_pathname(entry);
    std::string member = name ? name : "";
    if (member == "data" || member.empty()) {  // raw format: name the member after the container
        auto dot = container_name.rfind('.');
        member = dot == std::string::npos ? container_name + ".out" : container_name.substr(0, dot);
    }
    while (member.starts_with("./")) member.erase(0, 2);
    while (member.starts_with("/")) member.erase(0, 1);
    return member;
}

}  // namespace

LogicalWalker::LogicalWalker(WalkSink& sink, WalkCounters& counters, ArchiveLimits limits)
    : sink_(sink), counters_(counters), limits_(limits) {}

void LogicalWalker::walk(const fs::path& root) {
    std::error_code ec;
    if (!fs::is_directory(root, ec)) {
        visit_file(root, root.filename().string());
        return;
    }
    auto options = fs::directory_options::skip_permission_denied;
    fs::recursive_directory_iterator it(root, options, ec), end;
    if (ec) sink_.warning(root.string(), "cannot list folder: " + ec.message());
    std::vector<fs::path> entries;
    for (; it != end; it.increment(ec)) {
        if (ec) {
            sink_.warning(root.string(), "cannot list part of the folder: " + ec.message());
            ec.clear();
            continue;
        }
        entries.push_back(it->path());
    }
    std::sort(entries.begin(), entries.end());  // a stable order keeps resumed walks identical
    for (const auto& path : entries) visit_file(path, fs::relative(path, root).generic_string());
}

std::string LogicalWalker::unique_walk_key(const std::string& path) {
    std::string key = "L|" + path;
    for (int occurrence = 2; !seen_keys_.insert(key).second; ++occurrence) key = fmt::format("L|{}#{}", path, occurrence);
    return key;
}

void LogicalWalker::visit_file(const fs::path& full_path, const std::string& relative_path) {
    struct stat st {};
    if (::lstat(full_path.c_str(), &st) != 0) {
        sink_.warning(full_path.string(), std::string("cannot stat: ") + std::strerror(errno));
        return;
    }
    FileRecord record;
    record.path = relative_path;
    record.name = full_path.filename().string();
    record.kind = S_ISREG(st.st_mode) ? "file" : S_ISDIR(st.st_mode) ? "dir" : S_ISLNK(st.st_mode) ? "link" : "other";
    record.meta_address = std::to_string(st.st_ino);
    record.size = static_cast<int64_t>(st.st_size);
    record.mtime = iso_from_unix(st.st_mtim.tv_sec);
    record.atime = iso_from_unix(st.st_atim.tv_sec);
    record.ctime = iso_from_unix(st.st_ctim.tv_sec);
    struct statx stx {};
    if (::statx(AT_FDCWD, full_path.c_str(), AT_SYMLINK_NOFOLLOW, STATX_BTIME, &stx) == 0 && (stx.stx_mask & STATX_BTIME))
        record.crtime = iso_from_unix(stx.stx_btime.tv_sec);
    record.walk_key = unique_walk_key(record.path);
    bool recorded = sink_.already_recorded(record.walk_key);
    if (!recorded && record.kind == "file" && !read_local_file(full_path, record)) record.digests = {};
    if (!recorded) {
        sink_.file(record);
        counters_.files++;
    }
    if (record.kind != "file") return;
    if (recorded) {  // the type is needed to decide on expansion; libmagic reads only the head
        int fd = open_evidence_file(full_path);
        if (fd < 0) return;
        std::vector<unsigned char> head(magic_window);
        ssize_t got = ::pread(fd, head.data(), head.size(), 0);
        ::close(fd);
        head.resize(got > 0 ? static_cast<size_t>(got) : 0);
        record.mime = typer_.type(head, record.name).mime;
    }
    if (is_archive_mime(record.mime)) expand_from_file(full_path, record, static_cast<uint64_t>(st.st_size));
}

bool LogicalWalker::read_local_file(const fs::path& full_path, FileRecord& record) {
    int fd = open_evidence_file(full_path);
    if (fd < 0) {
        sink_.warning(full_path.string(), std::string("cannot open: ") + std::strerror(errno));
        return false;
    }
    digester_.begin(record.walk_key);
    bool ok = true;
    for (;;) {
        ssize_t got = ::read(fd, buffer_.data(), buffer_.size());
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) {
            sink_.warning(full_path.string(), std::string("read error: ") + std::strerror(errno));
            ok = false;
            break;
        }
        if (got == 0) break;
        digester_.update(std::span(reinterpret_cast<const unsigned char*>(buffer_.data()), static_cast<size_t>(got)));
        counters_.bytes += static_cast<uint64_t>(got);
    }
    ::close(fd);
    if (ok) digester_.finish_and_type(record, typer_);
    return ok;
}

void LogicalWalker::expand_from_file(const fs::path& full_path, const FileRecord& container, uint64_t size) {
    Budget budget{size, 0, false};
    for (bool raw : {false, true}) {
        int fd = open_evidence_file(full_path);
        if (fd < 0) return;
        auto reader = new_reader(raw);
        bool opened = archive_read_open_fd(reader.get(), fd, 1 << 20) == ARCHIVE_OK &&
                      expand_archive(reader.get(), container, 1, budget);
        ::close(fd);
        if (opened) return;
    }
    sink_.warning(container.path, "looks like an archive but libarchive cannot open it");
}

void LogicalWalker::expand_from_memory(const std::vector<unsigned char>& bytes, const FileRecord& container, int depth,
                                       Budget& budget) {
    for (bool raw : {false, true}) {
        auto reader = new_reader(raw);
        if (archive_read_open_memory(reader.get(), bytes.data(), bytes.size()) == ARCHIVE_OK &&
            expand_archive(reader.get(), container, depth, budget))
            return;
    }
    sink_.warning(container.path, "looks like an archive but libarchive cannot open it");
}

void LogicalWalker::walk_archive(const std::vector<unsigned char>& bytes, const FileRecord& container) {
    Budget budget{bytes.size(), 0, false};
    expand_from_memory(bytes, container, 1, budget);
}

bool LogicalWalker::within_budget(Budget& budget, const std::string& path) {
    if (budget.exhausted) return false;
    std::string reason;
    if (budget.expanded > limits_.max_total_bytes)
        reason = fmt::format("more than {} bytes expanded", limits_.max_total_bytes);
    else if (budget.expanded > (1u << 20) && budget.expanded > limits_.max_ratio * budget.compressed)
        reason = fmt::format("compression ratio above {}:1", limits_.max_ratio);
    if (reason.empty()) return true;
    budget.exhausted = true;
    sink_.warning(path, "archive expansion stopped: " + reason + " (possible archive bomb)");
    return false;
}

bool LogicalWalker::expand_archive(archive* reader, const FileRecord& container, int depth, Budget& budget) {
    if (depth > limits_.max_depth) {
        sink_.warning(container.path, fmt::format("archive nesting deeper than {}: not expanded", limits_.max_depth));
        return true;
    }
    archive_entry* entry = nullptr;
    int status;
    bool first = true;
    while ((status = archive_read_next_header(reader, &entry)) == ARCHIVE_OK || status == ARCHIVE_WARN) {
        first = false;
        if (!within_budget(budget, container.path)) return true;
        FileRecord member;
        auto name = member_name(entry, container.name);
        member.path = container.path + "/" + name;
        member.name = fs::path(name).filename().string();
        member.container_key = container.walk_key;
        member.kind = archive_entry_filetype(entry) == AE_IFDIR ? "dir" : archive_entry_filetype(entry) == AE_IFLNK ? "link" : "file";
        if (archive_entry_size_is_set(entry)) member.size = archive_entry_size(entry);
        if (archive_entry_mtime_is_set(entry)) member.mtime = iso_from_unix(archive_entry_mtime(entry));
        member.walk_key = unique_walk_key(member.path);
        bool recorded = sink_.already_recorded(member.walk_key);
        std::vector<unsigned char> kept;  // the member's bytes, kept in case it is an archive itself
        bool readable = true;
        if (member.kind == "file") {
            digester_.begin(member.walk_key);
            const void* block = nullptr;
            size_t length = 0;
            la_int64_t offset = 0;
            int data_status;
            uint64_t total = 0;
            while ((data_status = archive_read_data_block(reader, &block, &length, &offset)) == ARCHIVE_OK) {
                auto bytes = std::span(static_cast<const unsigned char*>(block), length);
                digester_.update(bytes);
                total += length;
                budget.expanded += length;
                if (kept.size() + length <= limits_.max_nested_bytes) kept.insert(kept.end(), bytes.begin(), bytes.end());
                if (!within_budget(budget, container.path)) return true;
            }
            readable = data_status == ARCHIVE_EOF;
            if (!readable)
                sink_.warning(member.path, "cannot extract: " + archive_error(reader));
            if (!member.size) member.size = static_cast<int64_t>(total);
            if (readable) digester_.finish_and_type(member, typer_);
            if (total > kept.size()) kept.clear();
        }
        if (!recorded) {
            sink_.file(member);
            counters_.files++;
        }
        if (readable && is_archive_mime(member.mime)) {
            if (kept.empty() && member.size.value_or(0) > 0)
                sink_.warning(member.path, fmt::format("nested archive larger than {} bytes: not expanded",
                                                       limits_.max_nested_bytes));
            else
                expand_from_memory(kept, member, depth + 1, budget);
        }
    }
    // No entry at all (unrecognised, or a compressed stream of zeros that tar reads as its end):
    // let the caller try the next way of reading it.
    if (first) return false;
    if (status != ARCHIVE_EOF)
        sink_.warning(container.path, "archive damaged: " + archive_error(reader));
    return true;
}

}  // namespace izshi::evidence
