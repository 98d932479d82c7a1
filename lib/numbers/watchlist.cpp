#include "numbers/watchlist.h"

#include <algorithm>
#include <fmt/format.h>
#include <fstream>
#include <sstream>
#include <thread>
#include <unordered_map>

#include "core/clock.h"
#include "core/delimited.h"
#include "core/text.h"
#include "hashing/multi_hasher.h"
#include "pii/phone.h"

namespace izshi::numbers {

namespace {

constexpr std::string_view kHashedMagic = "# izshi hashed watchlist v1";

enum class Column { ignored, number, hmac, role, label, time, direction, case_ref };

bool contains_any(const std::string& lower, std::initializer_list<std::string_view> words) {
    return std::any_of(words.begin(), words.end(), [&](auto word) { return lower.find(word) != std::string::npos; });
}

// What a header field names. The order matters: "Номер дела" is a case reference and "caller name" a
// label, though both hold a word that names numbers.
Column column_named(std::string_view header) {
    auto lower = to_lower_utf8(header);
    if (contains_any(lower, {"hmac"})) return Column::hmac;
    if (lower == "role" || lower == "роль") return Column::role;
    if (contains_any(lower, {"time", "date", "время", "дата"})) return Column::time;
    if (contains_any(lower, {"direction", "направлен"}) || lower == "dir") return Column::direction;
    if (contains_any(lower, {"case", "kusp", "complaint", "дело", "дела", "кусп", "заявлен", "обращен"})) return Column::case_ref;
    if (contains_any(lower, {"label", "name", "comment", "note", "метка", "фио", "имя", "коммент", "примеч", "описан"}) ||
        lower == "list")
        return Column::label;
    if (contains_any(lower, {"phone", "number", "msisdn", "caller", "callee", "номер", "телефон", "абонент", "вызыва",
                             "звонивш"}) ||
        lower == "tel" || lower == "from" || lower == "to" || lower == "a" || lower == "b")
        return Column::number;
    return Column::ignored;
}

bool is_hex_digest(std::string_view text) {
    return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
           });
}

// Loads the rows of one list, keeping the numbers it has normalised already (intercept lists repeat them).
class Loader {
public:
    Loader(Watchlist& list, const WatchlistOptions& options) : list_(list), options_(options) {}

    void load(std::string_view text) {
        auto lines = split_lines(text);
        size_t first = 0;
        while (first < lines.size() && (lines[first].empty() || lines[first].starts_with("#"))) {
            if (lines[first].starts_with(kHashedMagic)) read_hashed_header(lines[first]);
            ++first;
        }
        if (first == lines.size()) return;
        delimiter_ = guess_delimiter(lines[first]);
        bool header = read_header(lines[first]);
        if (!header) columns_ = {Column::number, Column::label};  // one number per line, perhaps a label after it
        for (size_t i = header ? first + 1 : first; i < lines.size(); ++i) {
            if (lines[i].empty() || lines[i].starts_with("#")) continue;
            read_row(lines[i], static_cast<int>(i + 1));
        }
        if (!list_.hashed) normalize_entries();
        std::stable_sort(list_.problems.begin(), list_.problems.end(),
                         [](const RowProblem& a, const RowProblem& b) { return a.line < b.line; });
    }

private:
    void read_hashed_header(std::string_view line) {
        list_.hashed = true;
        if (auto at = line.find("key_id="); at != std::string_view::npos)
            list_.key_id = std::string(line.substr(at + 7, std::min<size_t>(16, line.size() - at - 7)));
    }

    // A header names its columns and holds no number itself.
    bool read_header(std::string_view line) {
        auto fields = split_fields(line, delimiter_);
        bool names_number = false;
        for (auto field : fields) {
            if (pii::e164_of(field, options_.region) || is_hex_digest(field)) return false;
            auto column = column_named(field);
            names_number |= column == Column::number || column == Column::hmac;
        }
        if (!names_number) return false;
        for (auto field : fields) {
            columns_.push_back(column_named(field));
            names_.emplace_back(field);
        }
        list_.hashed |= std::find(columns_.begin(), columns_.end(), Column::hmac) != columns_.end();
        return true;
    }

    void read_row(std::string_view line, int line_number) {
        auto fields = split_fields(line, delimiter_);
        WatchEntry common;
        common.line = line_number;
        std::vector<std::pair<std::string, std::string_view>> numbers;  // (role, written)
        std::string role;  // a hashed list's role column, else each number's column name
        std::string when;  // the time columns joined: a date and a time of day may come apart
        for (size_t c = 0; c < fields.size() && c < columns_.size(); ++c) {
            auto field = fields[c];
            switch (columns_[c]) {
            case Column::number:
            case Column::hmac:
                if (!field.empty()) numbers.emplace_back(c < names_.size() ? names_[c] : "number", field);
                break;
            case Column::role: role = std::string(field); break;
            case Column::label: common.label = std::string(field); break;
            case Column::direction: common.direction = std::string(field); break;
            case Column::case_ref: common.case_ref = std::string(field); break;
            case Column::time: when += (when.empty() || field.empty() ? "" : " ") + std::string(field); break;
            case Column::ignored: break;
            }
        }
        read_time(when, common, line_number);
        if (numbers.empty()) {
            list_.problems.push_back({line_number, "no number in the row"});
            return;
        }
        for (const auto& [column, written] : numbers) add_entry(common, role.empty() ? column : role, written, line_number);
    }

    // A time of day is needed to set a call beside another: a date alone gives no time.
    void read_time(std::string_view field, WatchEntry& entry, int line_number) {
        if (field.empty()) return;
        auto seconds = unix_from_text(field, options_.offset_minutes);
        bool epoch = std::all_of(field.begin(), field.end(), [](char c) { return c >= '0' && c <= '9'; });
        bool has_clock = epoch || field.find(':') != std::string_view::npos;
        if (seconds && has_clock) {
            entry.time = *seconds;
            entry.time_utc = iso_from_unix(*seconds).value_or("");
        } else {
            list_.problems.push_back({line_number, fmt::format("time not understood, entry loaded without it: '{}'", field), false});
        }
    }

    void add_entry(const WatchEntry& common, const std::string& role, std::string_view written, int line_number) {
        WatchEntry entry = common;
        entry.role = to_lower_utf8(role);
        if (list_.hashed) {
            if (!is_hex_digest(written)) {
                list_.problems.push_back({line_number, fmt::format("not an HMAC-SHA256 digest: '{}'", written)});
                return;
            }
            entry.key = to_lower_ascii(written);
        } else {
            entry.key = std::string(written);  // normalize_entries makes it E.164
        }
        list_.entries.push_back(std::move(entry));
    }

    // libphonenumber's judgement is the costly part of loading (regular expressions per number):
    // each distinct written form is judged once, on all cores.
    void normalize_entries() {
        std::unordered_map<std::string, std::string> e164;
        for (const auto& entry : list_.entries) e164.try_emplace(entry.key);
        std::vector<std::pair<const std::string, std::string>*> work;
        for (auto& pair : e164) work.push_back(&pair);
        unsigned threads = options_.threads ? options_.threads : std::max(1u, std::thread::hardware_concurrency());
        threads = static_cast<unsigned>(std::min<size_t>(threads, work.size() / 1000 + 1));
        std::vector<std::thread> pool;
        for (unsigned t = 0; t < threads; ++t)
            pool.emplace_back([&, t] {
                for (size_t i = t; i < work.size(); i += threads)
                    work[i]->second = pii::e164_of(work[i]->first, options_.region).value_or("");
            });
        for (auto& thread : pool) thread.join();
        std::vector<WatchEntry> valid;
        valid.reserve(list_.entries.size());
        for (auto& entry : list_.entries) {
            const auto& normalized = e164.at(entry.key);
            if (normalized.empty()) {
                list_.problems.push_back({entry.line, fmt::format("not a valid phone number: '{}'", entry.key)});
                continue;
            }
            entry.key = normalized;
            valid.push_back(std::move(entry));
        }
        list_.entries = std::move(valid);
    }

    Watchlist& list_;
    const WatchlistOptions& options_;
    char delimiter_ = ',';
    std::vector<Column> columns_;
    std::vector<std::string> names_;
};

}  // namespace

std::pair<std::string, std::string> split_watchlist_argument(const std::string& argument) {
    auto colon = argument.rfind(':');
    // "C:\lists\a.csv" or a path whose folder has a colon: only a colon after the last '/' counts.
    if (colon == std::string::npos || colon + 1 == argument.size() || argument.find('/', colon) != std::string::npos ||
        colon == 1)
        return {argument, std::filesystem::path(argument).filename().string()};
    return {argument.substr(0, colon), argument.substr(colon + 1)};
}

Expected<Watchlist> load_watchlist(const std::filesystem::path& path, const std::string& label,
                                   const WatchlistOptions& options) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail(ErrorKind::input, path.string() + ": cannot read the watchlist");
    std::ostringstream bytes;
    bytes << in.rdbuf();
    auto text = bytes.str();
    Watchlist list;
    list.path = path.string();
    list.label = label.empty() ? path.filename().string() : label;
    list.sha256 = hashing::sha256_hex(text);
    Loader(list, options).load(text_as_utf8(text));
    return list;
}

std::string problems_json(const std::vector<RowProblem>& problems) {
    std::string out = "[";
    for (const auto& p : problems)
        out += fmt::format("{}{{\"line\":{},\"message\":{},\"dropped\":{}}}", out.size() > 1 ? "," : "", p.line,
                           json_quote(p.message), p.dropped ? "true" : "false");
    return out + "]";
}

void export_hashed_watchlist(const std::vector<Watchlist>& lists, const NumberKey& key, std::ostream& out) {
    size_t total = 0;
    for (const auto& list : lists) total += list.entries.size();
    out << kHashedMagic << " key_id=" << key.key_id() << " entries=" << total << "\n";
    out << "hmac_sha256,role,list,time_utc,direction,case_ref,line\n";
    auto field = [](const std::string& text) {
        if (text.find_first_of(",\"\n") == std::string::npos) return text;
        std::string quoted = "\"";
        for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c == '\n' ? ' ' : c);
        return quoted + "\"";
    };
    for (const auto& list : lists)
        for (const auto& entry : list.entries)
            out << (list.hashed ? entry.key : key.digest(entry.key)) << ',' << field(entry.role) << ',' << field(list.label)
                << ',' << entry.time_utc << ',' << field(entry.direction) << ',' << field(entry.case_ref) << ','
                << entry.line << '\n';
}

}  // namespace izshi::numbers
