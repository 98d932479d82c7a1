#include "synth/call_center.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <algorithm>
#include <chrono>
#include <ctime>
#include <fmt/format.h>
#include <fstream>
#include <set>

#include "core/text.h"
#include "synth/rng.h"

namespace izshi::synth {
namespace {

namespace fs = std::filesystem;

constexpr int kPhoneOnly = 20;  // people only the phone knows: colleagues, other victims
constexpr int kWatchOnly = 20;  // people only the watchlists name: on no seized device
constexpr std::int64_t kPhoneCampaign = 1709715600;  // 2024-03-06 09:00 UTC, after the laptop's calls
constexpr std::int64_t kPhoneSeizure = 1710496800;       // 2024-03-15 10:00 UTC, with the laptop
constexpr int kKazakhstanOffset = 5 * 3600;          // the watchlists' local times are UTC+5
constexpr std::string_view kSpoofedCaller = "+7 495 540-22-18";  // "bank security", shown to every victim

constexpr std::string_view kCallLog = "data/data/com.android.providers.contacts/databases/calllog.db";
constexpr std::string_view kContacts = "data/data/com.android.providers.contacts/databases/contacts2.db";
constexpr std::string_view kSms = "data/data/com.android.providers.telephony/databases/mmssms.db";
constexpr std::string_view kLinphone = "data/data/org.linphone/files/linphone.db";
constexpr std::string_view kVcards = "sdcard/Download/contacts.vcf";
constexpr std::string_view kPackagesXml = "data/system/packages.xml";
constexpr std::string_view kPackagesList = "data/system/packages.list";

const TreeFile* laptop_file(const TreeManifest& laptop, std::string_view path) {
    for (const auto& file : laptop.files)
        if (file.path == path) return &file;
    return nullptr;
}

std::vector<Identity> laptop_people(const TreeManifest& laptop, std::string_view path) {
    std::vector<Identity> out;
    if (const auto* file = laptop_file(laptop, path))
        for (int index : file->identities) out.push_back(laptop.identities[static_cast<size_t>(index)]);
    return out;
}

std::string utc_text(std::int64_t unix_time, std::string_view format) {
    std::time_t t = static_cast<std::time_t>(unix_time);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char out[64];
    std::strftime(out, sizeof out, std::string(format).c_str(), &tm);
    return out;
}

fs::path fresh_file(const fs::path& root, std::string_view relative) {
    auto full = root / fs::path(std::string(relative));
    fs::create_directories(full.parent_path());
    fs::remove(full);
    return full;
}

class PhoneWriter {
public:
    PhoneWriter(fs::path root, const TreeManifest& laptop)
        : root_(std::move(root)), rng_(laptop.seed ^ 0x0FF1CE2ULL),
          victims_(laptop_people(laptop, tree_paths::kVictimsList)),
          clients_(laptop_people(laptop, tree_paths::kCrmDatabase)) {
        auto pool = IdentityGenerator(laptop.seed).generate(static_cast<size_t>(laptop_pool_size() + kPhoneOnly));
        own_.assign(pool.end() - kPhoneOnly, pool.end());
    }

    PhoneTruth run() {
        write_call_log();
        write_contacts();
        write_sms();
        write_linphone();
        write_vcards();
        write_packages();
        fix_times();
        std::sort(shared_.begin(), shared_.end());
        shared_.erase(std::unique(shared_.begin(), shared_.end()), shared_.end());
        truth_.shared_with_laptop = shared_;
        return truth_;
    }

private:
    void note(std::string_view path, std::string_view source, const Identity& person, std::int64_t when,
              std::string direction, bool laptop_person) {
        truth_.records.push_back({std::string(path), std::string(source), person.phone, when, std::move(direction)});
        if (laptop_person) shared_.push_back(person.phone);
    }

    std::int64_t next_time() { return when_ += rng_.between(300, 7200); }

    void write_call_log() {
        SQLite::Database db(fresh_file(root_, kCallLog).string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        db.exec("CREATE TABLE calls (_id INTEGER PRIMARY KEY AUTOINCREMENT, number TEXT, date INTEGER, duration INTEGER, "
                "type INTEGER, name TEXT, countryiso TEXT, normalized_number TEXT)");
        SQLite::Statement insert(db, "INSERT INTO calls(number, date, duration, type, name, countryiso, normalized_number) "
                                     "VALUES (?, ?, ?, ?, ?, 'KZ', NULL)");
        auto call = [&](const Identity& person, int type, bool laptop_person) {
            auto when = next_time();
            insert.reset();
            insert.bind(1, format_phone(person.phone, rng_.chance(50) ? PhoneStyle::compact : PhoneStyle::e164));
            insert.bind(2, when * 1000);
            insert.bind(3, type == 3 ? 0 : rng_.between(20, 600));
            insert.bind(4, type);
            insert.bind(5, rng_.chance(50) ? person.full_name() : "");
            insert.exec();
            note(kCallLog, "call_log", person, when, type == 1 ? "incoming" : type == 2 ? "outgoing" : "missed", laptop_person);
        };
        for (int i = 0; i < 6; ++i) call(victims_[static_cast<size_t>(i)], 2, true);
        for (int i = 0; i < 10; ++i) call(own_[static_cast<size_t>(i)], i % 3 == 0 ? 1 : i % 3 == 1 ? 2 : 3, false);
    }

    void write_contacts() {
        SQLite::Database db(fresh_file(root_, kContacts).string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        db.exec("CREATE TABLE mimetypes (_id INTEGER PRIMARY KEY AUTOINCREMENT, mimetype TEXT NOT NULL);"
                "INSERT INTO mimetypes(_id, mimetype) VALUES (5, 'vnd.android.cursor.item/phone_v2'), "
                "(7, 'vnd.android.cursor.item/name');"
                "CREATE TABLE raw_contacts (_id INTEGER PRIMARY KEY AUTOINCREMENT, display_name TEXT);"
                "CREATE TABLE data (_id INTEGER PRIMARY KEY AUTOINCREMENT, mimetype_id INTEGER NOT NULL, "
                "raw_contact_id INTEGER NOT NULL, data1 TEXT, data2 TEXT, data4 TEXT)");
        auto contact = [&](const Identity& person, bool laptop_person) {
            db.exec(fmt::format("INSERT INTO raw_contacts(display_name) VALUES ({})", sql_quote(person.full_name())));
            auto id = db.getLastInsertRowid();
            db.exec(fmt::format("INSERT INTO data(mimetype_id, raw_contact_id, data1) VALUES (7, {}, {})", id,
                                sql_quote(person.full_name())));
            db.exec(fmt::format("INSERT INTO data(mimetype_id, raw_contact_id, data1, data2, data4) VALUES (5, {}, {}, '2', {})",
                                id, sql_quote(format_phone(person.phone, PhoneStyle::eight_prefix)), sql_quote(person.phone)));
            note(kContacts, "contacts", person, 0, "", laptop_person);
        };
        for (int i = 10; i < 15; ++i) contact(own_[static_cast<size_t>(i)], false);
        for (int i = 0; i < 3; ++i) contact(clients_[static_cast<size_t>(i)], true);
    }

    void write_sms() {
        SQLite::Database db(fresh_file(root_, kSms).string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        db.exec("CREATE TABLE sms (_id INTEGER PRIMARY KEY, thread_id INTEGER, address TEXT, date INTEGER, type INTEGER, "
                "body TEXT)");
        SQLite::Statement insert(db, "INSERT INTO sms(thread_id, address, date, type, body) VALUES (?, ?, ?, ?, ?)");
        auto message = [&](const Identity& person, int type, std::string_view body, bool laptop_person) {
            auto when = next_time();
            insert.reset();
            insert.bind(1, static_cast<int64_t>(truth_.records.size()));
            insert.bind(2, person.phone);
            insert.bind(3, when * 1000);
            insert.bind(4, type);
            insert.bind(5, std::string(body));
            insert.exec();
            note(kSms, "sms", person, when, type == 1 ? "incoming" : "outgoing", laptop_person);
        };
        message(victims_[6], 2, "Служба безопасности банка: ожидайте звонка специалиста", true);
        message(victims_[7], 2, "Служба безопасности банка: ожидайте звонка специалиста", true);
        for (int i = 15; i < 19; ++i) message(own_[static_cast<size_t>(i)], i % 2 ? 1 : 2, "Смена начинается в девять", false);
    }

    void write_linphone() {
        SQLite::Database db(fresh_file(root_, kLinphone).string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        db.exec("CREATE TABLE sip_address (id INTEGER PRIMARY KEY AUTOINCREMENT, value VARCHAR(255) UNIQUE NOT NULL);"
                "CREATE TABLE conference_call (id INTEGER PRIMARY KEY AUTOINCREMENT, from_sip_address_id INTEGER NOT NULL, "
                "to_sip_address_id INTEGER NOT NULL, direction TINYINT NOT NULL, duration INT NOT NULL, "
                "start_time DATE NOT NULL, connected_time DATE NOT NULL, status TINYINT NOT NULL, "
                "video_enabled BOOLEAN NOT NULL, quality REAL NOT NULL, call_id VARCHAR(64), refkey VARCHAR(64));"
                "INSERT INTO sip_address(value) VALUES ('sip:operator2@sip.voip.example')");
        auto call = [&](const Identity& person, bool laptop_person) {
            auto when = next_time();
            db.exec(fmt::format("INSERT INTO sip_address(value) VALUES ('sip:{}@sip.voip.example')", person.phone));
            auto to = db.getLastInsertRowid();
            auto start = utc_text(when, "%Y-%m-%d %H:%M:%S");
            db.exec(fmt::format("INSERT INTO conference_call(from_sip_address_id, to_sip_address_id, direction, duration, "
                                "start_time, connected_time, status, video_enabled, quality) "
                                "VALUES (1, {}, 0, {}, '{}', '{}', 0, 0, 4.5)",
                                to, rng_.between(30, 900), start, start));
            note(kLinphone, "softphone", person, when, "outgoing", laptop_person);
        };
        for (int i = 8; i < 12; ++i) call(victims_[static_cast<size_t>(i)], true);
        call(own_[19], false);
    }

    void write_vcards() {
        std::string out;
        for (int i = 0; i < 4; ++i) {
            const auto& person = own_[static_cast<size_t>(i)];
            out += fmt::format("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{}\r\nTEL;TYPE=CELL:{}\r\nEND:VCARD\r\n", person.full_name(),
                               format_phone(person.phone, PhoneStyle::spaced));
            note(kVcards, "vcard", person, 0, "", false);
        }
        std::ofstream(fresh_file(root_, kVcards), std::ios::binary) << out;
    }

    // The installed apps, as Android 11 and earlier write them (text packages.xml) and packages.list:
    // a live-call voice changer and the softphone among everyday apps.
    void write_packages() {
        struct App {
            const char* name;
            int uid;
            const char* installed_hex;  // first install, milliseconds since the epoch
        };
        const App apps[] = {{"com.whatsapp", 10101, "18e0a3f5c00"}, {"kz.kaspi.mobile", 10102, "18e0a3f5c00"},
                            {"org.linphone", 10141, "18e08d7c000"}, {"com.bng.magiccall", 10142, "18e08e5a000"}};
        std::string xml = "<?xml version='1.0' encoding='utf-8' standalone='yes' ?>\n<packages>\n";
        std::string list;
        for (const auto& app : apps) {
            xml += fmt::format("<package name=\"{0}\" codePath=\"/data/app/{0}-1\" it=\"{1}\" ut=\"{1}\" "
                               "userId=\"{2}\" installer=\"com.android.vending\">\n</package>\n",
                               app.name, app.installed_hex, app.uid);
            list += fmt::format("{0} {1} 0 /data/user/0/{0} default:targetSdkVersion=30 3003\n", app.name, app.uid);
        }
        std::ofstream(fresh_file(root_, kPackagesXml), std::ios::binary) << xml << "</packages>\n";
        std::ofstream(fresh_file(root_, kPackagesList), std::ios::binary) << list;
    }

    // Every file and folder gets the time of the phone's seizure, so the same seed gives the same folder.
    void fix_times() {
        auto seized = std::chrono::file_clock::from_sys(std::chrono::sys_seconds{std::chrono::seconds{kPhoneSeizure}});
        std::vector<fs::path> paths;
        for (const auto& entry : fs::recursive_directory_iterator(root_)) paths.push_back(entry.path());
        std::sort(paths.rbegin(), paths.rend());  // children before their folders
        for (const auto& path : paths) fs::last_write_time(path, seized);
        fs::last_write_time(root_, seized);
    }

    static std::string sql_quote(const std::string& text) {
        std::string out = "'";
        for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
        return out + "'";
    }

    fs::path root_;
    Rng rng_;
    std::vector<Identity> victims_, clients_, own_;
    std::int64_t when_ = kPhoneCampaign;
    PhoneTruth truth_;
    std::vector<std::string> shared_;
};

class WatchlistWriter {
public:
    WatchlistWriter(fs::path dir, const TreeManifest& laptop, const PhoneTruth& phone)
        : dir_(std::move(dir)), laptop_(laptop), phone_(phone), rng_(laptop.seed ^ 0x1157ULL) {
        auto pool = IdentityGenerator(laptop.seed)
                        .generate(static_cast<size_t>(laptop_pool_size() + kPhoneOnly + kWatchOnly));
        strangers_.assign(pool.end() - kWatchOnly, pool.end());
    }

    WatchlistsTruth run() {
        fs::create_directories(dir_);
        write_intercepts();
        write_complaints();
        return truth_;
    }

private:
    static constexpr std::string_view kIntercepts = "intercepted_calls.csv";
    static constexpr std::string_view kComplaints = "victims_complaints.txt";

    PhoneStyle any_style() {
        static constexpr PhoneStyle styles[] = {PhoneStyle::e164, PhoneStyle::spaced, PhoneStyle::dashed,
                                                PhoneStyle::eight_prefix, PhoneStyle::compact, PhoneStyle::parenthesised};
        return styles[rng_.below(std::size(styles))];
    }

    // One intercepted call to 'callee' at 'when' (UTC); 'call_time' is the same call in evidence.
    void intercept(std::string& out, const std::string& callee, std::int64_t when, std::int64_t call_time, bool in_evidence) {
        int line = line_++;
        auto local = utc_text(when + kKazakhstanOffset, "%d.%m.%Y %H:%M:%S");
        out += fmt::format("{};{};{};входящий;КУСП-{}/2024\r\n", local, kSpoofedCaller, format_phone(callee, any_style()),
                           1000 + line);
        truth_.entries.push_back({std::string(kIntercepts), line, "вызывающий", "+74955402218", false, when, 0});
        truth_.entries.push_back({std::string(kIntercepts), line, "вызываемый", callee, in_evidence, when, call_time});
    }

    void write_intercepts() {
        std::string out = "Дата и время;Вызывающий;Вызываемый;Направление;КУСП\r\n";
        line_ = 2;
        for (size_t i = 0; i < laptop_.calls.size(); i += 2) {
            const auto& call = laptop_.calls[i];
            if (call.type != 0) continue;  // the operator dialled out: the victim's operator intercepted it
            intercept(out, call.e164, call.unix_time + rng_.between(-60, 60), call.unix_time, true);
        }
        int from_phone = 0;
        for (const auto& record : phone_.records)
            if (record.source == "call_log" && record.direction == "outgoing" && from_phone++ < 3)
                intercept(out, record.e164, record.unix_time + rng_.between(-60, 60), record.unix_time, true);
        for (int i = 0; i < 6; ++i)
            intercept(out, strangers_[static_cast<size_t>(i)].phone, kPhoneCampaign + i * 5400, 0, false);
        // Rows an operator's export really has: no callee, and a number with an unassigned prefix.
        out += "07.03.2024 11:02:00;+7 495 540-22-18;нет данных;входящий;КУСП-1900/2024\r\n";
        truth_.entries.push_back({std::string(kIntercepts), line_, "вызывающий", "+74955402218", false, 0, 0});
        truth_.bad_lines.emplace_back(kIntercepts, line_++);
        out += "07.03.2024 11:40:00;+7 495 540-22-18;8 703 123 45 67;входящий;КУСП-1901/2024\r\n";
        truth_.entries.push_back({std::string(kIntercepts), line_, "вызывающий", "+74955402218", false, 0, 0});
        truth_.bad_lines.emplace_back(kIntercepts, line_++);
        std::ofstream(dir_ / kIntercepts, std::ios::binary) << out;
    }

    void write_complaints() {
        std::string out = "# Номера потерпевших по обращениям, март 2024\n";
        int line = 2, complaint = 1;
        auto add = [&](const std::string& e164, bool in_evidence) {
            out += fmt::format("{}\tзаявление {}\n", format_phone(e164, any_style()), complaint++);
            truth_.entries.push_back({std::string(kComplaints), line++, "number", e164, in_evidence, 0, 0});
        };
        for (const auto& person : laptop_people(laptop_, tree_paths::kVictimsList)) add(person.phone, true);
        // People on the CRM's call list who complained after being called.
        auto to_call = laptop_people(laptop_, tree_paths::kCallList);
        for (size_t i = 0; i < 4 && i < to_call.size(); ++i) add(to_call[i].phone, true);
        for (int i = 6; i < 10; ++i) add(strangers_[static_cast<size_t>(i)].phone, false);
        out += "8 709 123 45 67\tзаявление 99\n";
        truth_.bad_lines.emplace_back(kComplaints, line);
        std::ofstream(dir_ / kComplaints, std::ios::binary) << out;
    }

    fs::path dir_;
    const TreeManifest& laptop_;
    const PhoneTruth& phone_;
    Rng rng_;
    std::vector<Identity> strangers_;
    WatchlistsTruth truth_;
    int line_ = 2;
};

}  // namespace

Expected<PhoneTruth> write_phone_extraction(const fs::path& root, const TreeManifest& laptop) {
    try {
        return PhoneWriter(root, laptop).run();
    } catch (const std::exception& e) {
        return fail(ErrorKind::input, fmt::format("phone extraction under {}: {}", root.string(), e.what()));
    }
}

Expected<WatchlistsTruth> write_watchlists(const fs::path& dir, const TreeManifest& laptop, const PhoneTruth& phone) {
    try {
        return WatchlistWriter(dir, laptop, phone).run();
    } catch (const std::exception& e) {
        return fail(ErrorKind::input, fmt::format("watchlists under {}: {}", dir.string(), e.what()));
    }
}

std::string numbers_truth_json(const PhoneTruth& phone, const WatchlistsTruth& watchlists) {
    std::vector<std::string> records, entries, bad;
    for (const auto& r : phone.records)
        records.push_back(fmt::format("{{\"path\": {}, \"source\": \"{}\", \"e164\": \"{}\", \"unix_time\": {}, \"direction\": \"{}\"}}",
                                      json_quote(r.path), r.source, r.e164, r.unix_time, r.direction));
    for (const auto& e : watchlists.entries)
        entries.push_back(fmt::format("{{\"list\": {}, \"line\": {}, \"role\": {}, \"e164\": \"{}\", \"in_evidence\": {}, "
                                      "\"list_time\": {}, \"call_time\": {}}}",
                                      json_quote(e.list), e.line, json_quote(e.role), e.e164,
                                      e.in_evidence ? "true" : "false", e.list_time, e.call_time));
    for (const auto& [list, line] : watchlists.bad_lines) bad.push_back(fmt::format("{{\"list\": {}, \"line\": {}}}", json_quote(list), line));
    return fmt::format("{{\n  \"note\": \"Synthetic test data: every number is generated and belongs to nobody.\",\n"
                       "  \"phone\": {{\"records\": [\n    {}\n  ], \"shared_with_laptop\": {}}},\n"
                       "  \"watchlists\": {{\"entries\": [\n    {}\n  ], \"bad_lines\": [{}]}}\n}}\n",
                       fmt::join(records, ",\n    "), json_string_array(phone.shared_with_laptop),
                       fmt::join(entries, ",\n    "), fmt::join(bad, ", "));
}

}  // namespace izshi::synth
