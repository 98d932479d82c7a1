// `report --format dfxml`: the file inventory as DFXML 1.2, laid out as fiwalk writes it: a source
// per evidence item, a volume per file system, a fileobject per file row with its times and hashes.
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/text.h"
#include "report/report.h"

namespace izshi::report {

namespace {

void element(std::ostream& out, const char* indent, const char* name, const SQLite::Column& column) {
    if (column.isNull() || column.getString().empty()) return;
    out << indent << "<" << name << ">" << xml_escape(column.getString()) << "</" << name << ">\n";
}

// The files of one item (of one volume, or of none), each a fileobject.
void write_fileobjects(std::ostream& out, SQLite::Database& db, int64_t evidence_id, std::optional<int64_t> volume_id,
                       const char* indent) {
    SQLite::Statement files(db, std::string("SELECT path, id, kind, size, allocated, meta_address, mtime, atime, ctime, crtime, "
                                            "md5, sha1, sha256, mime FROM files WHERE evidence_id = ? AND ") +
                                    (volume_id ? "volume_id = ?" : "volume_id IS NULL") + " ORDER BY id");
    files.bind(1, evidence_id);
    if (volume_id) files.bind(2, *volume_id);
    std::string inner = std::string(indent) + "  ";
    while (files.executeStep()) {
        auto kind = files.getColumn(2).getString();
        out << indent << "<fileobject>\n";
        element(out, inner.c_str(), "filename", files.getColumn(0));
        out << inner << "<id>" << files.getColumn(1).getInt64() << "</id>\n";
        out << inner << "<name_type>" << (kind == "dir" ? "d" : kind == "link" ? "l" : kind == "file" ? "r" : "-") << "</name_type>\n";
        element(out, inner.c_str(), "filesize", files.getColumn(3));
        out << inner << "<alloc>" << files.getColumn(4).getInt() << "</alloc>\n";
        element(out, inner.c_str(), "inode", files.getColumn(5));
        element(out, inner.c_str(), "mtime", files.getColumn(6));
        element(out, inner.c_str(), "atime", files.getColumn(7));
        element(out, inner.c_str(), "ctime", files.getColumn(8));
        element(out, inner.c_str(), "crtime", files.getColumn(9));
        element(out, inner.c_str(), "libmagic", files.getColumn(13));
        const std::pair<const char*, int> digests[] = {{"md5", 10}, {"sha1", 11}, {"sha256", 12}};
        for (const auto& [type, column] : digests)
            if (!files.getColumn(column).isNull())
                out << inner << "<hashdigest type=\"" << type << "\">" << files.getColumn(column).getString() << "</hashdigest>\n";
        out << indent << "</fileobject>\n";
    }
}

}  // namespace

void write_dfxml_report(casefile::CaseFile& file, std::ostream& out) {
    auto& db = file.db();
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<dfxml xmloutputversion=\"1.2.0\" version=\"1.2.0\" xmlns=\"http://www.forensicswiki.org/wiki/Category:Digital_Forensics_XML\" "
           "xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
           "  <metadata>\n    <dc:type>File inventory of an izshi case</dc:type>\n    <dc:identifier>"
        << xml_escape(file.info().uid) << "</dc:identifier>\n  </metadata>\n"
        << "  <creator version=\"1.0\">\n    <program>izshi</program>\n    <version>" << IZSHI_VERSION << "</version>\n  </creator>\n";
    SQLite::Statement items(db, "SELECT id, label, sources, size, md5, sha1, sha256 FROM evidence ORDER BY id");
    while (items.executeStep()) {
        auto evidence_id = items.getColumn(0).getInt64();
        out << "  <source>\n";
        for (const auto& source : nlohmann::json::parse(items.getColumn(2).getString()))
            out << "    <image_filename>" << xml_escape(source.get<std::string>()) << "</image_filename>\n";
        element(out, "    ", "image_size", items.getColumn(3));
        const std::pair<const char*, int> digests[] = {{"md5", 4}, {"sha1", 5}, {"sha256", 6}};
        for (const auto& [type, column] : digests)
            if (!items.getColumn(column).isNull())
                out << "    <hashdigest type=\"" << type << "\">" << items.getColumn(column).getString() << "</hashdigest>\n";
        out << "  </source>\n";
        SQLite::Statement volumes(db, "SELECT id, start_sector * sector_size, block_size, coalesce(fs_type, '') FROM volumes "
                                      "WHERE evidence_id = ? ORDER BY idx");
        volumes.bind(1, evidence_id);
        while (volumes.executeStep()) {
            out << "  <volume offset=\"" << volumes.getColumn(1).getInt64() << "\">\n";
            element(out, "    ", "partition_offset", volumes.getColumn(1));
            element(out, "    ", "block_size", volumes.getColumn(2));
            element(out, "    ", "ftype_str", volumes.getColumn(3));
            write_fileobjects(out, db, evidence_id, volumes.getColumn(0).getInt64(), "    ");
            out << "  </volume>\n";
        }
        write_fileobjects(out, db, evidence_id, std::nullopt, "  ");
    }
    out << "</dfxml>\n";
}

}  // namespace izshi::report
