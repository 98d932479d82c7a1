#pragma once
// Small Windows programs with version information, built at test time with the mingw-w64 toolchain
// (windres + gcc), so that PE rules are tested on real PE files without shipping any binary.
#include <filesystem>
#include <map>
#include <string>

namespace izshi::test {

// A PE whose VERSIONINFO holds these strings (CompanyName, ProductName, OriginalFilename, ...);
// built once per set of strings into the build folder. Throws when the toolchain is missing.
std::filesystem::path windows_program(const std::map<std::string, std::string>& version_strings);

}  // namespace izshi::test
