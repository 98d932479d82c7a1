// Contents of the files in the synthetic "seized laptop" tree, built in memory.
// Each builder is a pure function of its identities and Rng, so tests can check the
// text without touching the disk.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "synth/identity.h"
#include "synth/rng.h"
#include "synth/xlsx_writer.h"
#include "synth/zip_writer.h"

namespace izshi::synth {

// clients_almaty.csv: header "ФИО,ИИН,Телефон,IBAN,Город", CRLF lines, phones in mixed styles.
std::string clients_csv(std::span<const Identity> people, Rng& rng);

// base_2024.xlsx sheet: ФИО, ИИН, Телефон, E-mail, Город. IINs of people born 2000-2009
// are numbers (leading zero lost, as a spreadsheet does); some others are numbers too.
XlsxSheet clients_sheet(std::span<const Identity> people, Rng& rng);

// A short operator's note naming the given people (UTF-8; the caller encodes it).
std::string operator_note(std::span<const Identity> people);

// to_delete_victims.txt: who paid how much.
std::string victims_list(std::span<const Identity> people, Rng& rng);

// decoys.txt: numbers that look like personal data and are not, made from the people's own
// identifiers: an IIN with a wrong check digit, one with an impossible century digit (check digit
// recomputed), an IIN glued inside a longer digit run, 12 digits failing the check, a phone number
// with an unassigned KZ prefix (703, 709), a card number failing Luhn. find-pii must find none.
std::string decoys_text(std::span<const Identity> people);

// A client export as an old Windows program writes it: semicolon-separated, CP1251-encoded text
// with ФИО, ИИН, phone, e-mail and card number.
std::string cp1251_export(std::span<const Identity> people);

// dump.csv of a leaked database as passed around in a zip: IIN, name, phone, e-mail, card, IBAN.
std::string leak_dump_csv(std::span<const Identity> people);

// obzvon_march.csv: the CRM's list of people to call, "ФИО;Телефон;Статус" (names and numbers only).
std::string crm_call_list(std::span<const Identity> people);

struct CrmRow {
    int id;
    std::string fio;
    std::int64_t iin;  // stored as INTEGER, so 2000s births lose the leading zero
    std::string phone;
    std::string note;
};
std::vector<CrmRow> crm_rows(std::span<const Identity> people, Rng& rng);

// A MicroSIP call made by the operator; MicroSIP.ini keeps them as [Calls] n=number;name;type;unixtime;duration;info
// (shared/signatures-research.md).
struct SoftphoneCall {
    std::string number;  // as dialled
    std::string name;    // contact name, may be empty
    int type;            // 0 outgoing, 1 incoming, 2 missed (our convention)
    std::int64_t unix_time;
    int duration_s;
};
std::vector<SoftphoneCall> softphone_calls(std::span<const Identity> callees, Rng& rng);
std::string microsip_ini(std::span<const SoftphoneCall> calls);

// Small stand-ins for voice-changer files: recognisable headers and names, no real code.
std::string placeholder_exe(std::string_view product);
std::string rvc_index_placeholder();           // starts with the FAISS magic "IwFl"
std::vector<ZipMember> rvc_weights_members();  // a tiny PyTorch-style zip layout
std::string rvc_webui_batch();
std::string dfm_placeholder();                          // a DeepFaceLive face model's stand-in
std::string onnx_placeholder(std::string_view purpose);  // an ONNX model's stand-in

}  // namespace izshi::synth
