#include "synth/tree_content.h"

#include <array>
#include <optional>
#include <fmt/format.h>

#include "core/text.h"
#include "pii/iin.h"
#include "synth/text.h"
#include "synth/zip_writer.h"

namespace izshi::synth {

using namespace std::string_literals;
using namespace std::string_view_literals;

namespace {

constexpr std::array kPhoneStyles{PhoneStyle::e164,         PhoneStyle::spaced,  PhoneStyle::dashed,
                                  PhoneStyle::eight_prefix, PhoneStyle::compact, PhoneStyle::parenthesised};

constexpr std::array kCrmNotes{
    "перезвонить после 18:00"sv,
    "отказ"sv,
    "перевёл 150 000 тг"sv,
    "служба безопасности банка"sv,
    "не берёт трубку"sv,
    "код из SMS получен"sv,
    "просит подождать до зарплаты"sv,
    ""sv,
};

// 2024-03-04 09:00 UTC, the first day of the invented call campaign.
constexpr std::int64_t kCampaignStart = 1709542800;

std::string random_phone_style(const Identity& person, Rng& rng) {
    return format_phone(person.phone, rng.pick(std::span<const PhoneStyle>(kPhoneStyles)));
}

// Pickle BINUNICODE: 'X', a 4-byte little-endian length, then the UTF-8 bytes.
std::string pickle_string(std::string_view text) {
    std::string out = "X";
    const auto n = static_cast<std::uint32_t>(text.size());
    for (int shift = 0; shift < 32; shift += 8) out += static_cast<char>((n >> shift) & 0xFF);
    return out.append(text);
}

std::string strip_leading_zeros(const std::string& digits) {
    const auto first = digits.find_first_not_of('0');
    return first == std::string::npos ? "0" : digits.substr(first);
}

}  // namespace

std::string clients_csv(std::span<const Identity> people, Rng& rng) {
    std::string out = "ФИО,ИИН,Телефон,IBAN,Город\r\n";
    for (const auto& p : people) {
        out += fmt::format("{},{},{},{},{}\r\n", csv_field(p.full_name()), p.iin, csv_field(random_phone_style(p, rng)),
                           p.iban, csv_field(p.city));
    }
    return out;
}

XlsxSheet clients_sheet(std::span<const Identity> people, Rng& rng) {
    XlsxSheet sheet{"База", {}};
    sheet.rows.push_back({"ФИО"s, "ИИН"s, "Телефон"s, "E-mail"s, "Город"s});
    for (const auto& p : people) {
        const bool as_number = p.born_2000s() || rng.chance(30);
        XlsxCell iin = as_number ? XlsxCell{std::stoll(strip_leading_zeros(p.iin))} : XlsxCell{p.iin};
        sheet.rows.push_back({p.full_name(), iin, random_phone_style(p, rng), p.email, p.city});
    }
    return sheet;
}

std::string operator_note(std::span<const Identity> people) {
    std::string out = "Заметка оператора — не удалять\r\n\r\nПерезвонить до пятницы:\r\n";
    int n = 1;
    for (const auto& p : people) {
        out += fmt::format("{}. {}, ИИН {}, тел. {}, счёт {}\r\n", n++, p.full_name(), p.iin,
                           format_phone(p.phone, PhoneStyle::parenthesised), p.iban);
    }
    return out + "\r\nГоворить от имени службы безопасности банка.\r\n";
}

std::string victims_list(std::span<const Identity> people, Rng& rng) {
    std::string out = "Список на удаление (перевели деньги)\n";
    for (const auto& p : people) {
        const int amount = rng.between(5, 120) * 10000;
        out += fmt::format("{}; ИИН {}; {}; {}; перевёл {} тг\n", p.full_name(), p.iin,
                           format_phone(p.phone, PhoneStyle::compact), p.iban, amount);
    }
    return out;
}

namespace {

// The IIN with another last digit: the check digit is unique, so this one is always wrong.
std::string wrong_check_digit(const std::string& iin) {
    return iin.substr(0, 11) + static_cast<char>('0' + (iin[11] - '0' + 1) % 10);
}

// Century digit 9 (none is issued) with a check digit that is right for it.
std::optional<std::string> impossible_century(const std::string& iin) {
    auto first11 = iin.substr(0, 6) + "9" + iin.substr(7, 4);
    auto check = pii::iin_check_digit(first11);
    if (!check) return std::nullopt;
    return first11 + static_cast<char>('0' + *check);
}

}  // namespace

std::string decoys_text(std::span<const Identity> people) {
    std::string out = "Черновик: номера с ошибками (не использовать)\n";
    for (const auto& p : people) {
        out += fmt::format("ошибка в контрольной цифре {}; ", wrong_check_digit(p.iin));
        if (auto century = impossible_century(p.iin)) out += fmt::format("несуществующий век {}; ", *century);
        out += fmt::format("склеено {}{}{}; ", p.iin.substr(11), p.iin, p.iin.substr(0, 2));
        auto reversed = std::string(p.iin.rbegin(), p.iin.rend());
        if (!pii::is_valid_iin(reversed) && !pii::is_valid_bin(reversed))
            out += fmt::format("двенадцать цифр {}; ", reversed);
        out += fmt::format("тел. 8 703 {} {} {}; 8 (709) {}-{}-{}\n", p.phone.substr(5, 3), p.phone.substr(8, 2),
                           p.phone.substr(10, 2), p.phone.substr(5, 3), p.phone.substr(8, 2), p.phone.substr(10, 2));
    }
    out += "карта 4539 1488 0343 6468 (не проходит Луна)\n";
    return out;
}

std::string cp1251_export(std::span<const Identity> people) {
    std::string out = "ФИО;ИИН;Телефон;E-mail;Карта\r\n";
    for (const auto& p : people)
        out += fmt::format("{};{};{};{};{}\r\n", p.full_name(), p.iin, format_phone(p.phone, PhoneStyle::eight_prefix),
                           p.email, p.card());
    return to_cp1251(out);
}

std::string leak_dump_csv(std::span<const Identity> people) {
    std::string out = "iin,fio,phone,email,card,iban\n";
    for (const auto& p : people)
        out += fmt::format("{},{},{},{},{},{}\n", p.iin, csv_field(p.full_name()), p.phone, p.email, p.card(), p.iban);
    return out;
}

std::string crm_call_list(std::span<const Identity> people) {
    static constexpr std::array<std::string_view, 4> statuses = {"новый", "перезвонить", "не берёт трубку", "в работе"};
    std::string out = "ФИО;Телефон;Статус\r\n";
    size_t row = 0;
    for (const auto& p : people)
        out += fmt::format("{};{};{}\r\n", p.full_name(), format_phone(p.phone, PhoneStyle::parenthesised),
                           statuses[row++ % statuses.size()]);
    return out;
}

std::vector<CrmRow> crm_rows(std::span<const Identity> people, Rng& rng) {
    std::vector<CrmRow> rows;
    int id = 1;
    for (const auto& p : people) {
        rows.push_back(CrmRow{id++, p.full_name(), std::stoll(p.iin), p.phone,
                              std::string(rng.pick(std::span<const std::string_view>(kCrmNotes)))});
    }
    return rows;
}

std::vector<SoftphoneCall> softphone_calls(std::span<const Identity> callees, Rng& rng) {
    std::vector<SoftphoneCall> calls;
    std::int64_t when = kCampaignStart;
    for (const auto& p : callees) {
        when += rng.between(120, 5400);
        const int type = rng.chance(80) ? 0 : rng.chance(50) ? 1 : 2;
        const int duration = type == 2 ? 0 : rng.between(15, 900);
        // MicroSIP keeps what was dialled: mostly 8XXXXXXXXXX, sometimes +7.
        const auto style = rng.chance(70) ? PhoneStyle::compact : PhoneStyle::e164;
        calls.push_back({format_phone(p.phone, style), rng.chance(60) ? p.full_name() : "", type, when, duration});
    }
    return calls;
}

std::string microsip_ini(std::span<const SoftphoneCall> calls) {
    std::string out =
        "[Settings]\r\naccountId=1\r\nsingleMode=1\r\nautoAnswer=0\r\ndenyIncoming=\r\n"
        "mainX=120\r\nmainY=80\r\n\r\n"
        "[Account1]\r\nlabel=office\r\nserver=sip.voip.example\r\nproxy=\r\ndomain=sip.voip.example\r\n"
        "username=1001\r\ndisplayName=Служба безопасности\r\ntransport=udp\r\n\r\n"
        "[Calls]\r\n";
    int n = 0;
    for (const auto& c : calls) {
        out += fmt::format("{}={};{};{};{};{};\r\n", n++, c.number, c.name, c.type, c.unix_time, c.duration_s);
    }
    return out;
}

std::string placeholder_exe(std::string_view product) {
    // "MZ" makes `file` and magic-based detectors call it a DOS/PE executable; the rest
    // says what it is, so nobody mistakes it for the real program.
    std::string out = "MZ";
    out.append(58, '\0');
    out += "\x80\0\0\0"s;  // e_lfanew at 0x3C, pointing past this header
    out += fmt::format("izshi synthetic placeholder for {}. Not a real program.\n", product);
    return out;
}

std::string dfm_placeholder() {
    // DeepFaceLive's .dfm is an ONNX graph; the stand-in starts like a protobuf and says what it is.
    return "\x08\x07\x12\x0bizshi-synth izshi synthetic DeepFaceLive face model placeholder\n";
}

std::string onnx_placeholder(std::string_view purpose) {
    return "\x08\x07\x12\x07pytorch izshi synthetic ONNX model placeholder: " + std::string(purpose) + "\n";
}

std::string rvc_index_placeholder() {
    // FAISS writes an IVF-Flat index with the fourcc "IwFl" first (RVC logs/<exp>/*.index).
    std::string out = "IwFl";
    out.append(12, '\0');
    out += "izshi synthetic FAISS IVF256,Flat index placeholder\n";
    return out;
}

std::vector<ZipMember> rvc_weights_members() {
    // torch.save() writes a zip whose data.pkl names the state-dict keys; RVC weights carry
    // weight/config/info/sr/f0/version and layers such as enc_p.emb_phone and emb_g. This
    // is only the shape of such a pickle (protocol 2, BINUNICODE strings), not a loadable one.
    std::string pickle = "\x80\x02}("s;
    for (std::string_view key : {"weight"sv, "enc_p.emb_phone.weight"sv, "emb_g.weight"sv, "config"sv, "info"sv,
                                 "300epoch"sv, "sr"sv, "40k"sv, "f0"sv, "version"sv, "v2"sv})
        pickle += pickle_string(key);
    pickle += "u."s;
    return {{"operator_voice/data.pkl", pickle}, {"operator_voice/version", "3\n"}};
}

std::string rvc_webui_batch() {
    return "runtime\\python.exe infer-web.py --pycmd runtime\\python.exe --port 7897\r\npause\r\n";
}

}  // namespace izshi::synth
