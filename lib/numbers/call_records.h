#pragma once
// Phone numbers read from the sources that store them as such (SPEC §7), so that names, times and
// directions come along: Android call logs, contacts and SMS, the MicroSIP and Linphone softphones,
// vCards, and the CSV call lists of call-center CRMs (a column of numbers next to a column of names).
// find-pii reads them from the bytes of its single pass; match-numbers matches them.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/memory_database.h"

namespace izshi::numbers {

enum class RecordSource { call_log, contacts, sms, softphone, vcard, call_list };
std::string_view source_name(RecordSource source);

struct CallRecord {
    RecordSource source = RecordSource::call_log;
    std::string number;     // E.164; "" when libphonenumber does not judge the written number valid
    std::string written;    // the number as stored
    std::string name;       // contact or callee name, where the source has one
    std::string time_utc;   // "2024-03-15T10:00:00Z"; "" when the source has no time
    std::string direction;  // incoming, outgoing, missed, rejected, blocked, voicemail; "" unknown
    int64_t duration_s = -1;
    std::string location;   // the record in the file: "calls#12", "[Calls]#3", "vcard#2", "Телефон#14"
};

// True when a file with this name and these first bytes may hold records, so its bytes are kept
// for read_call_records: SQLite databases, *.ini, *.vcf and vCards, *.csv and *.tsv.
bool may_hold_records(std::string_view file_name, std::span<const unsigned char> head);

// Every record in the file. Numbers written without a country code are read in the record's own
// country where the source says (Android's countryiso), else in 'default_region'. What could not be
// read (a damaged database) is said in 'problem'; the records read before are kept.
std::vector<CallRecord> read_call_records(std::string_view file_name, std::span<const unsigned char> bytes,
                                          std::string& problem, std::string_view default_region = "KZ");

// The records of a SQLite database already opened (find-pii opens each database once for its cells
// and its records).
std::vector<CallRecord> read_database_records(const MemoryDatabase& database, std::string& problem,
                                              std::string_view default_region = "KZ");

// The phone number in a SIP or tel address: "sip:+77011234567@pbx;transport=udp" -> "+77011234567".
std::string number_of_address(std::string_view address);

}  // namespace izshi::numbers
