#pragma once
// Personal data in reports is masked unless the examiner asks to reveal it (SPEC §9): enough stays
// visible to tell values apart and to recognise a known one, not enough to use it.
#include <string>
#include <string_view>

namespace izshi::report {

// "871008401427" -> "8710******27"; "+77012345678" -> "+7 701 *** ** 78";
// "KZ45722S000054326792" -> "KZ4572**********6792"; "4539148803436467" -> "453914******6467";
// "aigerim.s@mail.kz" -> "a***@mail.kz"; a name ("name") -> its initials, "Н. А.". Unknown types keep their first and last two characters.
std::string mask_value(std::string_view type, std::string_view value);

}  // namespace izshi::report
