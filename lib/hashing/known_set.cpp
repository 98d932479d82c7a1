#include "hashing/known_set.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#include <fstream>

#include "core/text.h"
#include "hashing/hash_formats.h"

namespace izshi::hashing {

namespace fs = std::filesystem;

namespace {

constexpr std::array all_algorithms = {Algorithm::md5,    Algorithm::sha1,     Algorithm::sha256,
                                       Algorithm::sha512, Algorithm::sha3_256, Algorithm::blake2b512};

size_t digest_bytes(Algorithm algorithm) {
    switch (algorithm) {
    case Algorithm::md5: return 16;
    case Algorithm::sha1: return 20;
    case Algorithm::sha256: case Algorithm::sha3_256: return 32;
    case Algorithm::sha512: case Algorithm::blake2b512: return 64;
    }
    return 0;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Appends the bytes of 'hex' to 'out'; false (and nothing appended) if it is not hex of that width.
bool append_hex(std::string_view hex, size_t bytes, std::vector<unsigned char>& out) {
    if (hex.size() != bytes * 2) return false;
    size_t start = out.size();
    for (size_t i = 0; i < hex.size(); i += 2) {
        int high = hex_value(hex[i]), low = hex_value(hex[i + 1]);
        if (high < 0 || low < 0) {
            out.resize(start);
            return false;
        }
        out.push_back(static_cast<unsigned char>(high * 16 + low));
    }
    return true;
}

// The digests of one algorithm for the entries that have it, with a sorted index for lookups.
struct Column {
    size_t width = 0;
    std::vector<unsigned char> digests;  // row r at digests[r * width]
    std::vector<uint32_t> entry_of_row;
    std::vector<uint32_t> sorted_rows;
    std::vector<uint32_t> row_of_entry;  // no_row: the entry has no digest of this algorithm
    static constexpr uint32_t no_row = UINT32_MAX;

    std::string_view row(uint32_t r) const {
        return {reinterpret_cast<const char*>(digests.data() + size_t(r) * width), width};
    }
    void build_index(size_t entries) {
        if (entry_of_row.empty()) return;  // no entry has this algorithm
        row_of_entry.assign(entries, no_row);
        for (uint32_t r = 0; r < entry_of_row.size(); ++r) row_of_entry[entry_of_row[r]] = r;
        sorted_rows.resize(entry_of_row.size());
        for (uint32_t r = 0; r < sorted_rows.size(); ++r) sorted_rows[r] = r;
        std::sort(sorted_rows.begin(), sorted_rows.end(), [&](uint32_t a, uint32_t b) { return row(a) < row(b); });
    }
    std::vector<uint32_t> entries_with(std::string_view digest) const {
        auto row_before = [&](uint32_t r, std::string_view d) { return row(r) < d; };
        auto digest_before = [&](std::string_view d, uint32_t r) { return d < row(r); };
        auto from = std::lower_bound(sorted_rows.begin(), sorted_rows.end(), digest, row_before);
        auto to = std::upper_bound(from, sorted_rows.end(), digest, digest_before);
        std::vector<uint32_t> out;
        for (auto it = from; it != to; ++it) out.push_back(entry_of_row[*it]);
        return out;
    }
};

// hashdeep files and sum lists, held in memory.
class ListSet : public KnownSet {
public:
    ListSet(fs::path path, std::string kind) : path_(std::move(path)), kind_(std::move(kind)) {
        for (auto algorithm : all_algorithms) columns_[static_cast<size_t>(algorithm)].width = digest_bytes(algorithm);
    }
    std::string path() const override { return path_.string(); }
    std::string kind() const override { return kind_; }
    uint64_t entries() const override { return name_ends_.size(); }
    std::string entry_name(size_t entry) const override {
        size_t start = entry ? name_ends_[entry - 1] : 0;
        return names_.substr(start, name_ends_[entry] - start);
    }
    std::vector<Algorithm> algorithms() const override {
        std::vector<Algorithm> out;
        for (auto algorithm : all_algorithms)
            if (!column(algorithm).entry_of_row.empty()) out.push_back(algorithm);
        return out;
    }

    // Starts an entry; its digests follow through add_digest. Returns false on a bad digest.
    void begin_entry(std::string_view name, std::optional<uint64_t> size) {
        names_ += name;
        name_ends_.push_back(names_.size());
        sizes_.push_back(size.value_or(UINT64_MAX));
    }
    bool add_digest(Algorithm algorithm, std::string_view hex) {
        auto& c = columns_[static_cast<size_t>(algorithm)];
        if (!append_hex(hex, c.width, c.digests)) return false;
        c.entry_of_row.push_back(static_cast<uint32_t>(name_ends_.size() - 1));
        return true;
    }
    void drop_last_entry() {
        auto entry = static_cast<uint32_t>(name_ends_.size() - 1);
        for (auto& c : columns_)
            while (!c.entry_of_row.empty() && c.entry_of_row.back() == entry) {
                c.entry_of_row.pop_back();
                c.digests.resize(c.digests.size() - c.width);
            }
        name_ends_.pop_back();
        names_.resize(name_ends_.empty() ? 0 : name_ends_.back());
        sizes_.pop_back();
    }
    void warn(size_t line, const std::string& what) {
        if (warnings_.size() < 20) warnings_.push_back(fmt::format("{}:{}: {}", path_.string(), line, what));
        else if (warnings_.size() == 20) warnings_.push_back(path_.string() + ": further bad lines not listed");
    }
    void finish() {
        for (auto& c : columns_) c.build_index(name_ends_.size());
    }

    std::vector<Candidate> candidates(const ComputedDigests& file) const override {
        std::vector<uint32_t> seen;
        for (const auto& [algorithm, hex] : file.hex) {
            std::vector<unsigned char> digest;
            if (!append_hex(hex, digest_bytes(algorithm), digest)) continue;
            for (auto entry : column(algorithm).entries_with(std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size())))
                if (std::find(seen.begin(), seen.end(), entry) == seen.end()) seen.push_back(entry);
        }
        std::vector<Candidate> out;
        for (auto entry : seen) out.push_back({entry, agrees_fully(entry, file), entry_name(entry)});
        std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.full > b.full; });
        return out;
    }

private:
    const Column& column(Algorithm algorithm) const { return columns_[static_cast<size_t>(algorithm)]; }

    bool agrees_fully(uint32_t entry, const ComputedDigests& file) const {
        if (file.size && sizes_[entry] != UINT64_MAX && *file.size != sizes_[entry]) return false;
        for (const auto& [algorithm, hex] : file.hex) {
            const auto& c = column(algorithm);
            if (c.row_of_entry.empty() || c.row_of_entry[entry] == Column::no_row) continue;
            std::vector<unsigned char> digest;
            append_hex(hex, c.width, digest);
            if (c.row(c.row_of_entry[entry]) !=
                std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()))
                return false;
        }
        return true;
    }

    fs::path path_;
    std::string kind_;
    // All names in one buffer (a set of millions of entries would otherwise cost an allocation each).
    std::string names_;
    std::vector<size_t> name_ends_;
    std::vector<uint64_t> sizes_;
    std::array<Column, all_algorithms.size()> columns_;
};

std::string_view trim_line_end(std::string_view line) {
    while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.remove_suffix(1);
    return line;
}

// "%%%% size,md5,sha256,filename" -> the algorithms of the digest columns.
Expected<std::vector<Algorithm>> hashdeep_columns(std::string_view header, const fs::path& path) {
    std::vector<Algorithm> out;
    std::string_view rest = header.substr(5);
    std::vector<std::string> names;
    for (size_t start = 0; start <= rest.size();) {
        size_t comma = rest.find(',', start);
        names.emplace_back(rest.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
        if (comma == std::string_view::npos) break;
        start = comma + 1;
    }
    if (names.size() < 3 || names.front() != "size" || names.back() != "filename")
        return fail(ErrorKind::input, path.string() + ": hashdeep header does not name size,...,filename columns");
    for (size_t i = 1; i + 1 < names.size(); ++i) {
        auto algorithm = parse_algorithm(names[i]);
        if (!algorithm)
            return fail(ErrorKind::input, fmt::format("{}: hashdeep column '{}' is not an algorithm izshi computes",
                                                      path.string(), names[i]));
        out.push_back(*algorithm);
    }
    return out;
}

Expected<std::unique_ptr<KnownSet>> load_hashdeep(std::istream& in, const fs::path& path) {
    auto set = std::make_unique<ListSet>(path, "hashdeep");
    std::string line;
    std::getline(in, line);  // %%%% HASHDEEP-1.0
    std::optional<std::vector<Algorithm>> columns;
    for (size_t number = 2; std::getline(in, line); ++number) {
        std::string_view text = trim_line_end(line);
        if (text.starts_with("%%%% size")) {
            auto parsed = hashdeep_columns(text, path);
            if (!parsed) return std::unexpected(parsed.error());
            columns = *parsed;
            continue;
        }
        if (text.empty() || text.starts_with("#") || text.starts_with("%%%%")) continue;
        if (!columns) return fail(ErrorKind::input, path.string() + ": hashdeep file without a %%%% size,... header");
        bool escaped = text.starts_with('\\');
        if (escaped) text.remove_prefix(1);
        std::vector<std::string_view> fields;
        for (size_t i = 0; i <= columns->size(); ++i) {
            size_t comma = text.find(',');
            if (comma == std::string_view::npos) break;
            fields.push_back(text.substr(0, comma));
            text.remove_prefix(comma + 1);
        }
        uint64_t size = 0;
        auto [end, error] = std::from_chars(fields.empty() ? nullptr : fields[0].data(),
                                            fields.empty() ? nullptr : fields[0].data() + fields[0].size(), size);
        std::optional<std::string> name = escaped ? unescape_line_name(text) : std::optional<std::string>(text);
        if (fields.size() != columns->size() + 1 || error != std::errc() || !name) {
            set->warn(number, "not a size,digests,filename line");
            continue;
        }
        set->begin_entry(*name, size);
        for (size_t i = 0; i < columns->size(); ++i)
            if (!set->add_digest((*columns)[i], fields[i + 1])) {
                set->warn(number, fmt::format("bad {} digest", algorithm_name((*columns)[i])));
                set->drop_last_entry();
                break;
            }
    }
    set->finish();
    return set;
}

// md5sum/sha1sum/sha256sum/sha512sum lines: "digest  name", "digest *name", escaped "\digest  name";
// the algorithm follows from the digest's length.
Expected<std::unique_ptr<KnownSet>> load_sum_list(std::istream& in, const fs::path& path) {
    auto set = std::make_unique<ListSet>(path, "sum");
    std::string line;
    size_t loaded = 0;
    for (size_t number = 1; std::getline(in, line); ++number) {
        std::string_view text = trim_line_end(line);
        if (text.empty() || text.starts_with('#')) continue;
        bool escaped = text.starts_with('\\');
        if (escaped) text.remove_prefix(1);
        size_t space = text.find(' ');
        std::optional<Algorithm> algorithm;
        if (space == 32) algorithm = Algorithm::md5;
        else if (space == 40) algorithm = Algorithm::sha1;
        else if (space == 64) algorithm = Algorithm::sha256;
        else if (space == 128) algorithm = Algorithm::sha512;
        if (!algorithm || text.size() < space + 2 || (text[space + 1] != ' ' && text[space + 1] != '*')) {
            set->warn(number, "not a 'digest  name' line of md5sum, sha1sum, sha256sum or sha512sum");
            continue;
        }
        auto name = escaped ? unescape_line_name(text.substr(space + 2)) : std::string(text.substr(space + 2));
        if (!name) {
            set->warn(number, "bad escape in the file name");
            continue;
        }
        set->begin_entry(*name, std::nullopt);
        if (!set->add_digest(*algorithm, text.substr(0, space))) {
            set->warn(number, "digest is not hexadecimal");
            set->drop_last_entry();
            continue;
        }
        ++loaded;
    }
    if (loaded == 0 && !set->warnings().empty())
        return fail(ErrorKind::input, path.string() + ": not a hashdeep file, sum list or NSRL RDSv3 database (" +
                                          set->warnings().front() + ")");
    set->finish();
    return set;
}

// NSRL RDSv3: table FILE(sha256, sha1, md5, file_name, file_size, package_id) whose primary key
// starts with sha256, so a lookup by SHA-256 uses the index. Opened immutable: a reference set on
// read-only media is never written to, not even a journal.
class NsrlSet : public KnownSet {
public:
    static Expected<std::unique_ptr<KnownSet>> open(const fs::path& path) {
        try {
            auto set = std::unique_ptr<NsrlSet>(new NsrlSet(path));
            if (auto checked = set->check_schema(); !checked) return std::unexpected(checked.error());
            return std::unique_ptr<KnownSet>(std::move(set));
        } catch (const std::exception& e) {
            return fail(ErrorKind::input, path.string() + ": cannot read as an NSRL RDSv3 database: " + e.what());
        }
    }
    std::string path() const override { return path_.string(); }
    std::string kind() const override { return "nsrl-rdsv3"; }
    // Only the columns with an index: a lookup by any other would scan every row.
    std::vector<Algorithm> algorithms() const override {
        std::vector<Algorithm> out;
        for (auto algorithm : {Algorithm::sha256, Algorithm::sha1, Algorithm::md5})
            if (statement_for(algorithm)) out.push_back(algorithm);
        return out;
    }
    uint64_t entries() const override { return rows_; }
    bool enumerable() const override { return false; }
    std::string entry_name(size_t) const override { return {}; }

    std::vector<Candidate> candidates(const ComputedDigests& file) const override {
        for (const auto& [algorithm, hex] : file.hex) {
            auto* lookup = statement_for(algorithm);
            if (!lookup) continue;
            lookup->reset();
            lookup->bind(1, upper_case_ ? to_upper_ascii(hex) : hex);
            if (!lookup->executeStep()) return {};
            Candidate candidate{static_cast<size_t>(lookup->getColumn(5).getInt64()), true,
                                lookup->getColumn(3).getString()};
            for (const auto& [other, other_hex] : file.hex)
                if (auto column = column_index(other); column >= 0 &&
                    to_lower_ascii(lookup->getColumn(column).getString()) != to_lower_ascii(other_hex))
                    candidate.full = false;
            if (file.size && lookup->getColumn(4).getInt64() != static_cast<int64_t>(*file.size)) candidate.full = false;
            return {candidate};
        }
        return {};
    }

private:
    explicit NsrlSet(fs::path path)
        : path_(std::move(path)),
          db_("file:" + uri_path(path_) + "?immutable=1", SQLite::OPEN_READONLY | SQLite::OPEN_URI) {}

    static std::string uri_path(const fs::path& path) {
        std::string out;
        for (char c : fs::absolute(path).string()) {
            if (c == '%' || c == '?' || c == '#') out += fmt::format("%{:02X}", static_cast<unsigned char>(c));
            else out.push_back(c);
        }
        return out;
    }
    static int column_index(Algorithm algorithm) {
        return algorithm == Algorithm::sha256 ? 0 : algorithm == Algorithm::sha1 ? 1 : algorithm == Algorithm::md5 ? 2 : -1;
    }

    Expected<void> check_schema() {
        SQLite::Statement columns(db_, "SELECT name FROM pragma_table_info('FILE')");
        std::vector<std::string> names;
        while (columns.executeStep()) names.push_back(to_lower_ascii(columns.getColumn(0).getString()));
        for (const char* needed : {"sha256", "sha1", "md5", "file_name", "file_size", "package_id"})
            if (std::find(names.begin(), names.end(), needed) == names.end())
                return fail(ErrorKind::input, path_.string() + ": SQLite database without the NSRL RDSv3 table FILE(" +
                                                  "sha256, sha1, md5, file_name, file_size, package_id)");
        SQLite::Statement sample(db_, "SELECT sha256 FROM FILE LIMIT 1");
        if (sample.executeStep()) {
            auto hex = sample.getColumn(0).getString();
            upper_case_ = hex != to_lower_ascii(hex);
        }
        // max(rowid) is one index step; count(*) would read tens of millions of rows.
        rows_ = static_cast<uint64_t>(db_.execAndGet("SELECT coalesce(max(rowid), 0) FROM FILE").getInt64());
        for (auto algorithm : {Algorithm::sha256, Algorithm::sha1, Algorithm::md5}) {
            std::string column(algorithm_name(algorithm));
            std::string query = "SELECT sha256, sha1, md5, file_name, file_size, rowid FROM FILE WHERE " + column + " = ?";
            if (indexed(query)) lookups_[static_cast<size_t>(algorithm)] = std::make_unique<SQLite::Statement>(db_, query);
        }
        if (!lookups_[static_cast<size_t>(Algorithm::sha256)] && !lookups_[static_cast<size_t>(Algorithm::sha1)] &&
            !lookups_[static_cast<size_t>(Algorithm::md5)])
            return fail(ErrorKind::input, path_.string() + ": RDSv3 table FILE has no index on sha256, sha1 or md5; "
                                                          "lookups would scan every row (an official RDSv3 release "
                                                          "has its primary key on sha256)");
        return {};
    }
    bool indexed(const std::string& query) {
        SQLite::Statement plan(db_, "EXPLAIN QUERY PLAN " + query);
        while (plan.executeStep())
            if (plan.getColumn(3).getString().find("INDEX") != std::string::npos) return true;
        return false;
    }
    SQLite::Statement* statement_for(Algorithm algorithm) const {
        return lookups_[static_cast<size_t>(algorithm)].get();
    }

    fs::path path_;
    mutable SQLite::Database db_;
    bool upper_case_ = true;
    uint64_t rows_ = 0;
    std::array<std::unique_ptr<SQLite::Statement>, all_algorithms.size()> lookups_;
};

}  // namespace

Expected<std::unique_ptr<KnownSet>> load_known_set(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail(ErrorKind::input, path.string() + ": cannot open known hash set: " + std::strerror(errno));
    char head[16] = {};
    in.read(head, sizeof head);
    std::string_view start(head, static_cast<size_t>(in.gcount()));
    in.clear();
    in.seekg(0);
    if (start == std::string_view("SQLite format 3\0", 16)) return NsrlSet::open(path);
    if (start.starts_with("%%%% HASHDEEP")) return load_hashdeep(in, path);
    return load_sum_list(in, path);
}

bool shares_algorithm(const KnownSet& set, const std::vector<Algorithm>& computed) {
    for (auto algorithm : set.algorithms())
        if (std::find(computed.begin(), computed.end(), algorithm) != computed.end()) return true;
    return false;
}

}  // namespace izshi::hashing
