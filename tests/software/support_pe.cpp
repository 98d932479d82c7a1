#include "software/support_pe.h"

#include <fmt/format.h>

#include <fstream>
#include <stdexcept>

#include "support/support.h"

namespace izshi::test {

std::filesystem::path windows_program(const std::map<std::string, std::string>& version_strings) {
    std::string values, key;
    for (const auto& [name, value] : version_strings) {
        values += fmt::format("      VALUE \"{}\", \"{}\"\n", name, value);
        key += name + "=" + value + ";";
    }
    auto dir = std::filesystem::path(IZSHI_BINARY_DIR) / "pe-fixtures" / std::to_string(std::hash<std::string>{}(key));
    auto program = dir / "program.exe";
    if (std::filesystem::exists(program)) return program;
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "version.rc") << "1 VERSIONINFO\nFILEVERSION 1,0,0,0\nBEGIN\n  BLOCK \"StringFileInfo\"\n  BEGIN\n"
                                         "    BLOCK \"040904b0\"\n    BEGIN\n"
                                      << values
                                      << "    END\n  END\n  BLOCK \"VarFileInfo\"\n  BEGIN\n"
                                         "    VALUE \"Translation\", 0x409, 1200\n  END\nEND\n";
    std::ofstream(dir / "main.c") << "int main(void) { return 0; }\n";
    auto d = shell_quote(dir.string());
    auto built = run_command("cd " + d + " && x86_64-w64-mingw32-windres version.rc -O coff -o version.o && "
                             "x86_64-w64-mingw32-gcc -o program.tmp.exe main.c version.o && mv program.tmp.exe program.exe");
    if (built.exit_code != 0) throw std::runtime_error("mingw-w64 could not build a PE: " + built.err);
    return program;
}

}  // namespace izshi::test
