#include <fmt/format.h>

#include "commands.h"
#include "synth/identity.h"
#include "synth/text.h"

namespace izshi::synth_cli {
namespace {

void print_row(const synth::Identity& p) {
    using synth::csv_field;
    fmt::print("{},{},{},{},{},{},{},{},{},{},{},{}\n", p.index, csv_field(p.last_name), csv_field(p.first_name),
               csv_field(p.patronymic), p.sex == pii::Sex::male ? "M" : "F", p.birth_date(), p.iin, p.phone,
               csv_field(p.email), p.iban, csv_field(p.bank), csv_field(p.city));
}

}  // namespace

int cmd_identities(const IdentitiesOptions& options) {
    fmt::print("index,last_name,first_name,patronymic,sex,birth_date,iin,phone,email,iban,bank,city\n");
    synth::IdentityGenerator generator(options.seed);
    for (std::size_t i = 0; i < options.count; ++i) print_row(generator.next());
    return std::fflush(stdout) == 0 ? kExitOk : kExitFailed;
}

}  // namespace izshi::synth_cli
