#include "numbers/call_records.h"

#include <algorithm>
#include <array>
#include <fmt/format.h>
#include <set>

#include "core/clock.h"
#include "core/delimited.h"
#include "core/memory_database.h"
#include "core/text.h"
#include "pii/phone.h"

namespace izshi::numbers {

namespace {

bool starts_with_bytes(std::span<const unsigned char> bytes, std::string_view magic) {
    return bytes.size() >= magic.size() &&
           std::equal(magic.begin(), magic.end(), bytes.begin(),
                      [](char m, unsigned char b) { return static_cast<unsigned char>(m) == b; });
}

std::string_view as_text(std::span<const unsigned char> bytes) {
    return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

std::string utf8_text(std::span<const unsigned char> bytes) { return text_as_utf8(as_text(bytes)); }

// Fills number from 'written', judged in 'region' (or the default when the source names none).
struct Normalizer {
    std::string default_region;
    void operator()(CallRecord& record, std::string_view region = {}) const {
        auto digits = number_of_address(record.written);
        auto parsed = pii::e164_of(digits, region.size() == 2 ? to_upper_ascii(region) : default_region);
        if (!parsed && region.size() == 2) parsed = pii::e164_of(digits, default_region);
        record.number = parsed.value_or("");
    }
};

std::string time_of_milliseconds(int64_t milliseconds) {
    return milliseconds > 0 ? iso_from_unix(milliseconds / 1000).value_or("") : "";
}

// ---- SQLite sources --------------------------------------------------------------------------

// "SELECT a, b, ..." over 'table' with NULL for the optional columns the table lacks; null when a
// required column is missing (not the schema this reader knows).
SqliteStatement select_columns(sqlite3* db, const std::string& table, const std::vector<std::string>& required,
                               const std::vector<std::string>& optional) {
    std::set<std::string> present;
    auto info = prepare_statement(db, "PRAGMA table_info(\"" + table + "\")");
    while (info && sqlite3_step(info.get()) == SQLITE_ROW) present.insert(to_lower_ascii(column_text(info.get(), 1)));
    std::string columns = "rowid";
    for (const auto& column : required) {
        if (!present.count(column)) return nullptr;
        columns += ", \"" + column + "\"";
    }
    for (const auto& column : optional) columns += present.count(column) ? ", \"" + column + "\"" : ", NULL";
    return prepare_statement(db, "SELECT " + columns + " FROM \"" + table + "\"");
}

// Android's CallLog.Calls.TYPE.
std::string android_call_direction(int type) {
    static constexpr std::array<const char*, 8> names = {"",         "incoming", "outgoing", "missed",
                                                         "voicemail", "rejected", "blocked",  "incoming"};
    return type >= 0 && type < static_cast<int>(names.size()) ? names[static_cast<size_t>(type)] : "";
}

// calllog.db (Android 7+) and contacts2.db (before): table calls.
void read_android_calls(sqlite3* db, const Normalizer& normalize, std::vector<CallRecord>& out) {
    auto query = select_columns(db, "calls", {"number", "date"}, {"type", "duration", "name", "countryiso", "normalized_number"});
    while (query && sqlite3_step(query.get()) == SQLITE_ROW) {
        CallRecord record;
        record.source = RecordSource::call_log;
        record.written = column_text(query.get(), 1);
        record.time_utc = time_of_milliseconds(sqlite3_column_int64(query.get(), 2));
        record.direction = android_call_direction(sqlite3_column_int(query.get(), 3));
        record.duration_s = sqlite3_column_type(query.get(), 4) == SQLITE_NULL ? -1 : sqlite3_column_int64(query.get(), 4);
        record.name = column_text(query.get(), 5);
        record.location = fmt::format("calls#{}", sqlite3_column_int64(query.get(), 0));
        normalize(record, column_text(query.get(), 6));
        if (record.number.empty() && !column_text(query.get(), 7).empty()) {
            CallRecord normalized = record;
            normalized.written = column_text(query.get(), 7);
            normalize(normalized);
            record.number = normalized.number;
        }
        out.push_back(std::move(record));
    }
}

// contacts2.db: the phone rows of table data, with the contact's display name from its name row.
// data4 holds Android's own E.164 form of the number where it made one.
void read_android_contacts(sqlite3* db, const Normalizer& normalize, std::vector<CallRecord>& out) {
    auto query = prepare_statement(
        db, "SELECT d._id, d.data1, d.data4, (SELECT n.data1 FROM data n JOIN mimetypes nm ON nm._id = n.mimetype_id "
            "WHERE nm.mimetype = 'vnd.android.cursor.item/name' AND n.raw_contact_id = d.raw_contact_id LIMIT 1) "
            "FROM data d JOIN mimetypes m ON m._id = d.mimetype_id "
            "WHERE m.mimetype = 'vnd.android.cursor.item/phone_v2' ORDER BY d._id");
    while (query && sqlite3_step(query.get()) == SQLITE_ROW) {
        CallRecord record;
        record.source = RecordSource::contacts;
        auto normalized = column_text(query.get(), 2);
        record.written = column_text(query.get(), 1);
        record.name = column_text(query.get(), 3);
        record.location = fmt::format("data#{}", sqlite3_column_int64(query.get(), 0));
        normalize(record);
        if (record.number.empty() && normalized.starts_with("+")) {
            CallRecord e164 = record;
            e164.written = normalized;
            normalize(e164);
            record.number = e164.number;
        }
        out.push_back(std::move(record));
    }
}

// mmssms.db: table sms (type 1 inbox, 2 sent, 3 draft, 4 outbox, 5 failed, 6 queued).
void read_android_sms(sqlite3* db, const Normalizer& normalize, std::vector<CallRecord>& out) {
    auto query = select_columns(db, "sms", {"address", "date"}, {"type"});
    while (query && sqlite3_step(query.get()) == SQLITE_ROW) {
        CallRecord record;
        record.source = RecordSource::sms;
        record.written = column_text(query.get(), 1);
        record.time_utc = time_of_milliseconds(sqlite3_column_int64(query.get(), 2));
        int type = sqlite3_column_int(query.get(), 3);
        record.direction = type == 1 ? "incoming" : type >= 2 && type <= 6 ? "outgoing" : "";
        record.location = fmt::format("sms#{}", sqlite3_column_int64(query.get(), 0));
        normalize(record);
        out.push_back(std::move(record));
    }
}

// Linphone keeps start times as "YYYY-MM-DD HH:MM:SS" UTC (linphone.db) or seconds (call-history.db).
std::string linphone_time(sqlite3_stmt* query, int column) {
    if (sqlite3_column_type(query, column) == SQLITE_INTEGER)
        return iso_from_unix(sqlite3_column_int64(query, column)).value_or("");
    auto seconds = unix_from_text(column_text(query, column));
    return seconds ? iso_from_unix(*seconds).value_or("") : "";
}

// The other party of a Linphone call: the callee of an outgoing call (direction 0), else the caller.
void add_linphone_call(sqlite3_stmt* query, const std::string& table, const Normalizer& normalize,
                       std::vector<CallRecord>& out) {
    CallRecord record;
    record.source = RecordSource::softphone;
    bool outgoing = sqlite3_column_int(query, 3) == 0;
    record.direction = outgoing ? "outgoing" : "incoming";
    record.written = column_text(query, outgoing ? 2 : 1);
    record.duration_s = sqlite3_column_int64(query, 4);
    record.time_utc = linphone_time(query, 5);
    record.location = fmt::format("{}#{}", table, sqlite3_column_int64(query, 0));
    normalize(record);
    if (!outgoing && sqlite3_column_int(query, 6) == 2) record.direction = "missed";  // LinphoneCallMissed
    out.push_back(std::move(record));
}

void read_linphone(sqlite3* db, const MemoryDatabase& opened, const Normalizer& normalize, std::vector<CallRecord>& out) {
    if (opened.has_table("conference_call") && opened.has_table("sip_address")) {
        auto query = prepare_statement(
            db, "SELECT c.id, f.value, t.value, c.direction, c.duration, c.start_time, c.status FROM conference_call c "
                "JOIN sip_address f ON f.id = c.from_sip_address_id JOIN sip_address t ON t.id = c.to_sip_address_id "
                "ORDER BY c.id");
        while (query && sqlite3_step(query.get()) == SQLITE_ROW) add_linphone_call(query.get(), "conference_call", normalize, out);
    }
    if (opened.has_table("call_history")) {
        auto query = prepare_statement(
            db, "SELECT id, caller, callee, direction, duration, start_time, status FROM call_history ORDER BY id");
        while (query && sqlite3_step(query.get()) == SQLITE_ROW) add_linphone_call(query.get(), "call_history", normalize, out);
    }
}

void read_sqlite(const MemoryDatabase& opened, const Normalizer& normalize, std::vector<CallRecord>& out,
                 std::string& problem) {
    sqlite3* db = opened.handle();
    if (!db) {
        problem = opened.problem();
        return;
    }
    if (opened.has_table("calls")) read_android_calls(db, normalize, out);
    if (opened.has_table("data") && opened.has_table("mimetypes")) read_android_contacts(db, normalize, out);
    if (opened.has_table("sms")) read_android_sms(db, normalize, out);
    read_linphone(db, opened, normalize, out);
    if (int code = sqlite3_errcode(db); code != SQLITE_OK && code != SQLITE_DONE && code != SQLITE_ROW)
        problem = std::string("SQLite: ") + sqlite3_errmsg(db);
}

// ---- Text sources ----------------------------------------------------------------------------

// MicroSIP.ini, section [Calls]: "n=number;name;type;unixtime;duration;info", type 0 outgoing,
// 1 incoming, 2 missed.
void read_microsip(std::string_view text, const Normalizer& normalize, std::vector<CallRecord>& out) {
    bool in_calls = false;
    for (auto line : split_lines(text)) {
        if (line.starts_with("[")) {
            in_calls = line == "[Calls]";
            continue;
        }
        auto equals = line.find('=');
        if (!in_calls || equals == std::string_view::npos) continue;
        auto fields = split_fields(line.substr(equals + 1), ';');
        if (fields.empty() || fields[0].empty()) continue;
        CallRecord record;
        record.source = RecordSource::softphone;
        record.written = std::string(fields[0]);
        if (fields.size() > 1) record.name = std::string(fields[1]);
        if (fields.size() > 2) record.direction = fields[2] == "0" ? "outgoing" : fields[2] == "1" ? "incoming" : fields[2] == "2" ? "missed" : "";
        if (fields.size() > 3)
            if (auto seconds = unix_from_text(fields[3])) record.time_utc = iso_from_unix(*seconds).value_or("");
        if (fields.size() > 4 && !fields[4].empty() && std::all_of(fields[4].begin(), fields[4].end(), ::isdigit))
            record.duration_s = std::stoll(std::string(fields[4]));
        record.location = fmt::format("[Calls]#{}", line.substr(0, equals));
        normalize(record);
        out.push_back(std::move(record));
    }
}

// vCard 2.1-4.0: FN and every TEL of each card; folded lines joined.
void read_vcards(std::string_view text, const Normalizer& normalize, std::vector<CallRecord>& out) {
    std::vector<std::string> lines;
    for (auto line : split_lines(text)) {
        if ((line.starts_with(" ") || line.starts_with("\t")) && !lines.empty()) lines.back() += line.substr(1);
        else lines.emplace_back(line);
    }
    int card = 0;
    std::string name;
    std::vector<std::string> numbers;
    for (const auto& line : lines) {
        auto colon = line.find(':');
        auto key = to_upper_ascii(line.substr(0, colon == std::string::npos ? line.size() : colon));
        if (auto dot = key.find('.'); dot != std::string::npos && key.find(';') > dot) key = key.substr(dot + 1);  // item1.TEL
        auto property = key.substr(0, key.find(';'));
        auto value = colon == std::string::npos ? std::string() : line.substr(colon + 1);
        if (property == "BEGIN") ++card, name.clear(), numbers.clear();
        else if (property == "FN") name = value;
        else if (property == "TEL") numbers.push_back(value);
        else if (property == "END") {
            for (const auto& number : numbers) {
                CallRecord record;
                record.source = RecordSource::vcard;
                record.written = number;
                record.name = name;
                record.location = fmt::format("vcard#{}", card);
                normalize(record);
                out.push_back(std::move(record));
            }
        }
    }
}

bool header_names(std::string_view header, std::initializer_list<std::string_view> words) {
    auto lower = to_lower_utf8(header);
    for (auto word : words)
        if (lower.find(word) != std::string::npos) return true;
    return false;
}

// A CRM's call list: a CSV/TSV whose header names a phone column and a name column (a list of
// people to call). Leaked databases in CSV form have both too, and are read the same way.
void read_call_list(std::string_view text, const Normalizer& normalize, std::vector<CallRecord>& out) {
    auto lines = split_lines(text);
    if (lines.empty()) return;
    char delimiter = guess_delimiter(lines[0]);
    auto header = split_fields(lines[0], delimiter);
    std::vector<size_t> phone_columns;
    std::optional<size_t> name_column;
    for (size_t c = 0; c < header.size(); ++c) {
        if (header_names(header[c], {"phone", "тел", "номер", "number", "mobile", "моб", "msisdn", "tel"}))
            phone_columns.push_back(c);
        else if (!name_column && header_names(header[c], {"фио", "name", "имя", "клиент", "client", "fio", "контакт", "contact"}))
            name_column = c;
    }
    if (phone_columns.empty() || !name_column) return;  // numbers without names: find-pii's findings cover them
    for (size_t i = 1; i < lines.size(); ++i) {
        auto fields = split_fields(lines[i], delimiter);
        for (auto column : phone_columns) {
            if (column >= fields.size() || fields[column].empty()) continue;
            CallRecord record;
            record.source = RecordSource::call_list;
            record.written = std::string(fields[column]);
            if (*name_column < fields.size()) record.name = std::string(fields[*name_column]);
            record.location = fmt::format("{}#{}", header[column], i + 1);
            normalize(record);
            out.push_back(std::move(record));
        }
    }
}

bool is_sqlite(std::span<const unsigned char> head) { return starts_with_bytes(head, std::string_view("SQLite format 3\0", 16)); }

}  // namespace

std::string_view source_name(RecordSource source) {
    static constexpr std::array<std::string_view, 6> names = {"call_log", "contacts", "sms", "softphone", "vcard", "call_list"};
    return names[static_cast<size_t>(source)];
}

std::vector<CallRecord> read_database_records(const MemoryDatabase& database, std::string& problem,
                                              std::string_view default_region) {
    std::vector<CallRecord> out;
    read_sqlite(database, Normalizer{std::string(default_region)}, out, problem);
    return out;
}

std::string number_of_address(std::string_view address) {
    auto scheme = address.find(':');
    if (scheme != std::string_view::npos) {
        auto prefix = to_lower_ascii(address.substr(0, scheme));
        if (prefix.ends_with("sip") || prefix.ends_with("sips") || prefix.ends_with("tel")) address.remove_prefix(scheme + 1);
    }
    address = address.substr(0, std::min({address.find('@'), address.find(';'), address.find('>'), address.size()}));
    return std::string(address);
}

bool may_hold_records(std::string_view file_name, std::span<const unsigned char> head) {
    auto extension = lower_extension(file_name);
    return is_sqlite(head) || extension == "ini" || extension == "vcf" || extension == "csv" || extension == "tsv" ||
           starts_with_bytes(head, "BEGIN:VCARD");
}

std::vector<CallRecord> read_call_records(std::string_view file_name, std::span<const unsigned char> bytes,
                                          std::string& problem, std::string_view default_region) {
    std::vector<CallRecord> out;
    Normalizer normalize{std::string(default_region)};
    auto extension = lower_extension(file_name);
    if (is_sqlite(bytes)) read_sqlite(MemoryDatabase(bytes), normalize, out, problem);
    else if (extension == "ini") read_microsip(utf8_text(bytes), normalize, out);
    else if (extension == "vcf" || starts_with_bytes(bytes, "BEGIN:VCARD")) read_vcards(utf8_text(bytes), normalize, out);
    else if (extension == "csv" || extension == "tsv") read_call_list(utf8_text(bytes), normalize, out);
    return out;
}

}  // namespace izshi::numbers
