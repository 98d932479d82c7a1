// bulk_extractor-style feature files (SPEC §9): one file per personal-data type, one line per
// finding: "offset<TAB>feature<TAB>context". Tools written for bulk_extractor's output read them.
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <fstream>
#include <map>

#include "core/text.h"
#include "report/masking.h"
#include "report/report.h"

namespace izshi::report {

namespace {

// bulk_extractor's escaping: a backslash and every byte that is a control character or not part of
// valid UTF-8 as \xHH, so that a line never holds a tab or a new line of its own.
std::string escape_feature(std::string_view text) {
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        if (c == '\\' || c < 0x20 || c == 0x7F) {
            out += fmt::format("\\x{:02X}", c);
        } else if (c < 0x80) {
            out.push_back(static_cast<char>(c));
        } else {
            size_t length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
            if (length && i + length <= text.size() && is_valid_utf8(text.substr(i, length))) {
                out.append(text.substr(i, length));
                i += length - 1;
            } else {
                out += fmt::format("\\x{:02X}", c);
            }
        }
    }
    return out;
}

constexpr const char* features_query =
    "SELECT x.type, x.value, x.evidence_id, coalesce(f.path, r.kind || '@' || r.offset), x.offset, x.location, "
    "x.context FROM findings x LEFT JOIN files f ON f.id = x.file_id LEFT JOIN regions r ON r.id = x.region_id "
    "ORDER BY x.type, x.id";

}  // namespace

Expected<size_t> write_feature_files(casefile::CaseFile& file, const std::filesystem::path& folder,
                                     const ReportOptions& options) {
    auto& db = file.db();
    if (!db.tableExists("findings")) return fail(ErrorKind::usage, "no findings in this case: run find-pii first");
    std::error_code error;
    std::filesystem::create_directories(folder, error);
    if (error) return fail(ErrorKind::usage, folder.string() + ": cannot create the folder: " + error.message());
    std::map<std::string, std::ofstream> outputs;
    SQLite::Statement query(db, features_query);
    size_t lines = 0;
    while (query.executeStep()) {
        auto type = query.getColumn(0).getString(), value = query.getColumn(1).getString();
        auto& out = outputs[type];
        if (!out.is_open()) {
            out.open(folder / (type + ".txt"), std::ios::binary | std::ios::trunc);
            if (!out) return fail(ErrorKind::usage, (folder / (type + ".txt")).string() + ": cannot write");
            out << "# Feature-Recorder: " << type << "\n# Feature-File-Version: 1.1\n# Generator: izshi "
                << IZSHI_VERSION << "\n# Case: " << file.info().uid << (options.reveal ? "" : "\n# Values masked")
                << "\n# Offset: E<evidence id>/<path or region>+<byte offset>[#<location>]\n";
        }
        // The forensic path: item, file or region, offset inside it, and a SQLite cell or sheet cell.
        auto location = query.getColumn(5).getString();
        auto where = fmt::format("E{}/{}+{}{}", query.getColumn(2).getInt64(), query.getColumn(3).getString(),
                                 query.getColumn(4).getInt64(), location.empty() ? "" : "#" + location);
        out << escape_feature(where) << '\t' << escape_feature(options.reveal ? value : mask_value(type, value)) << '\t'
            << (options.reveal ? escape_feature(query.getColumn(6).getString()) : "") << '\n';
        ++lines;
    }
    for (auto& [type, out] : outputs) {
        out.flush();
        if (!out) return fail(ErrorKind::input, (folder / (type + ".txt")).string() + ": write failed");
    }
    return lines;
}

}  // namespace izshi::report
