#include "software/artifacts.h"

#include <dlfcn.h>
#include <libregf.h>
#include <sys/mman.h>
#include <unistd.h>

#include <fmt/format.h>

#include <memory>
#include <mutex>

#include "core/clock.h"
#include "core/delimited.h"
#include "core/text.h"

namespace izshi::software {

namespace {

// ---- Registry --------------------------------------------------------------------------------

// libregf, loaded on first use into a link-map namespace of its own (dlmopen). Debian's libregf,
// libewf and libvmdk (through libtsk) each carry copies of the libyal support libraries (libcdata,
// libcthreads, libbfio, ...) and export them: linked into one process, one library's calls land in
// another's copies and crash (an E01 closing, a hive opening). In its own namespace libregf and its
// libbfio see only each other. Only the functions used here are looked up.
struct Regf {
#define IZSHI_REGF_FUNCTIONS(X)                                                                                        \
    X(libregf_file_initialize) X(libregf_file_open) X(libregf_file_close) X(libregf_file_free)                          \
    X(libregf_file_get_root_key) X(libregf_key_free) X(libregf_key_get_sub_key_by_utf8_path)                            \
    X(libregf_key_get_number_of_sub_keys) X(libregf_key_get_sub_key) X(libregf_key_get_utf8_name_size)                 \
    X(libregf_key_get_utf8_name) X(libregf_key_get_last_written_time) X(libregf_key_get_value_by_utf8_name)             \
    X(libregf_value_free) X(libregf_value_get_value_type) X(libregf_value_get_value_32bit)                              \
    X(libregf_value_get_value_utf8_string_size) X(libregf_value_get_value_utf8_string)                                  \
    X(libregf_value_get_value_multi_string) X(libregf_multi_string_free) X(libregf_multi_string_get_number_of_strings)  \
    X(libregf_multi_string_get_utf8_string_size) X(libregf_multi_string_get_utf8_string)
#define IZSHI_REGF_MEMBER(name) decltype(&::name) name = nullptr;
    IZSHI_REGF_FUNCTIONS(IZSHI_REGF_MEMBER)
#undef IZSHI_REGF_MEMBER
    std::string problem;  // why libregf could not be loaded; "" when it was
};

const Regf& regf() {
    static Regf loaded;
    static std::once_flag once;
    std::call_once(once, [] {
        void* library = dlmopen(LM_ID_NEWLM, "libregf.so.1", RTLD_NOW | RTLD_LOCAL);
        if (!library) {
            loaded.problem = std::string("libregf could not be loaded (apt-get install libregf1): ") + dlerror();
            return;
        }
#define IZSHI_REGF_LOOKUP(name)                                                       \
    loaded.name = reinterpret_cast<decltype(&::name)>(dlsym(library, #name));        \
    if (!loaded.name) loaded.problem = "libregf has no " #name;
        IZSHI_REGF_FUNCTIONS(IZSHI_REGF_LOOKUP)
#undef IZSHI_REGF_LOOKUP
    });
    return loaded;
}

// Where each kind of key lives, relative to the root of whichever hive holds it.
constexpr std::string_view kUninstallPaths[] = {
    "Microsoft\\Windows\\CurrentVersion\\Uninstall", "WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall",
    "Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall",
    "Software\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall"};
constexpr std::string_view kServicePaths[] = {"ControlSet001\\Services", "ControlSet002\\Services",
                                              "CurrentControlSet\\Services"};
// Audio devices' class: UpperFilters and LowerFilters name the drivers that sit on every sound device.
constexpr std::string_view kAudioClassPaths[] = {
    "ControlSet001\\Control\\Class\\{4d36e96c-e325-11ce-bfc1-08002be10318}",
    "CurrentControlSet\\Control\\Class\\{4d36e96c-e325-11ce-bfc1-08002be10318}"};
constexpr std::string_view kUninstallValues[] = {"DisplayName", "Publisher", "DisplayVersion", "InstallDate",
                                                 "InstallLocation", "DisplayIcon", "UninstallString"};
constexpr std::string_view kServiceValues[] = {"DisplayName", "ImagePath", "Description", "Type", "Start"};
constexpr std::string_view kFilterValues[] = {"UpperFilters", "LowerFilters", "DriverDesc"};

struct KeyFree {
    void operator()(libregf_key_t* key) const { regf().libregf_key_free(&key, nullptr); }
};
using Key = std::unique_ptr<libregf_key_t, KeyFree>;

Key sub_key(libregf_key_t* parent, std::string_view path) {
    libregf_key_t* found = nullptr;
    if (regf().libregf_key_get_sub_key_by_utf8_path(parent, reinterpret_cast<const uint8_t*>(path.data()), path.size(), &found,
                                             nullptr) != 1)
        return nullptr;
    return Key(found);
}

std::string key_name(libregf_key_t* key) {
    size_t size = 0;
    if (regf().libregf_key_get_utf8_name_size(key, &size, nullptr) != 1 || size == 0) return "";
    std::string name(size, '\0');
    if (regf().libregf_key_get_utf8_name(key, reinterpret_cast<uint8_t*>(name.data()), size, nullptr) != 1) return "";
    name.resize(size - 1);
    return name;
}

// A value as text: strings as they are, numbers in decimal, multi-strings joined with ','.
std::string value_text(libregf_key_t* key, std::string_view name) {
    libregf_value_t* raw = nullptr;
    if (regf().libregf_key_get_value_by_utf8_name(key, reinterpret_cast<const uint8_t*>(name.data()), name.size(), &raw,
                                           nullptr) != 1)
        return "";
    std::unique_ptr<libregf_value_t, void (*)(libregf_value_t*)> value(raw, [](libregf_value_t* v) { regf().libregf_value_free(&v, nullptr); });
    uint32_t type = 0;
    regf().libregf_value_get_value_type(raw, &type, nullptr);
    if (type == LIBREGF_VALUE_TYPE_INTEGER_32BIT_LITTLE_ENDIAN) {
        uint32_t number = 0;
        return regf().libregf_value_get_value_32bit(raw, &number, nullptr) == 1 ? std::to_string(number) : "";
    }
    if (type == LIBREGF_VALUE_TYPE_MULTI_VALUE_STRING) {
        libregf_multi_string_t* strings = nullptr;
        if (regf().libregf_value_get_value_multi_string(raw, &strings, nullptr) != 1) return "";
        int count = 0;
        regf().libregf_multi_string_get_number_of_strings(strings, &count, nullptr);
        std::string out;
        for (int i = 0; i < count; ++i) {
            size_t size = 0;
            if (regf().libregf_multi_string_get_utf8_string_size(strings, i, &size, nullptr) != 1 || size == 0) continue;
            std::string one(size, '\0');
            if (regf().libregf_multi_string_get_utf8_string(strings, i, reinterpret_cast<uint8_t*>(one.data()), size, nullptr) == 1)
                out += (out.empty() ? "" : ",") + one.substr(0, size - 1);
        }
        regf().libregf_multi_string_free(&strings, nullptr);
        return out;
    }
    size_t size = 0;
    if (regf().libregf_value_get_value_utf8_string_size(raw, &size, nullptr) != 1 || size == 0) return "";
    std::string text(size, '\0');
    if (regf().libregf_value_get_value_utf8_string(raw, reinterpret_cast<uint8_t*>(text.data()), size, nullptr) != 1) return "";
    text.resize(size - 1);
    return text;
}

std::string written_time(libregf_key_t* key) {
    uint64_t filetime = 0;
    if (regf().libregf_key_get_last_written_time(key, &filetime, nullptr) != 1 || filetime == 0) return "";
    return iso_from_unix(static_cast<int64_t>(filetime / 10000000ULL) - 11644473600LL).value_or("");
}

DerivedArtifact key_artifact(libregf_key_t* key, const std::string& path, std::span<const std::string_view> values) {
    DerivedArtifact out;
    out.artifact.kind = "registry";
    out.artifact.path = path;
    out.artifact.name = key_name(key);
    for (auto name : values)
        if (auto text = value_text(key, name); !text.empty()) out.content += fmt::format("{}={}\n", name, text);
    out.artifact.size = static_cast<int64_t>(out.content.size());
    out.time_utc = written_time(key);
    return out;
}

// Every sub key of 'parent_path' as an artifact.
void add_sub_keys(libregf_key_t* root, std::string_view parent_path, std::span<const std::string_view> values,
                  std::vector<DerivedArtifact>& out) {
    auto parent = sub_key(root, parent_path);
    if (!parent) return;
    int count = 0;
    regf().libregf_key_get_number_of_sub_keys(parent.get(), &count, nullptr);
    for (int i = 0; i < count; ++i) {
        libregf_key_t* raw = nullptr;
        if (regf().libregf_key_get_sub_key(parent.get(), i, &raw, nullptr) != 1) continue;
        Key child(raw);
        out.push_back(key_artifact(child.get(), std::string(parent_path) + "\\" + key_name(child.get()), values));
    }
}

// libregf opens hives by name: the bytes the walk read are given to it as an anonymous in-memory
// file, never a file on disk (nothing of the evidence is written anywhere).
struct HiveFile {
    int fd = -1;
    libregf_file_t* file = nullptr;
    ~HiveFile() {
        if (file) {
            regf().libregf_file_close(file, nullptr);
            regf().libregf_file_free(&file, nullptr);
        }
        if (fd >= 0) ::close(fd);
    }
    bool open(std::span<const unsigned char> bytes) {
        fd = memfd_create("izshi-hive", MFD_CLOEXEC);
        if (fd < 0) return false;
        for (size_t done = 0; done < bytes.size();) {
            auto wrote = ::write(fd, bytes.data() + done, bytes.size() - done);
            if (wrote <= 0) return false;
            done += static_cast<size_t>(wrote);
        }
        auto name = "/proc/self/fd/" + std::to_string(fd);
        return regf().libregf_file_initialize(&file, nullptr) == 1 &&
               regf().libregf_file_open(file, name.c_str(), LIBREGF_OPEN_READ, nullptr) == 1;
    }
};

// ---- Android ---------------------------------------------------------------------------------

// The value of attribute 'name' in one XML start tag.
std::string attribute(std::string_view tag, std::string_view name) {
    auto key = " " + std::string(name) + "=\"";
    auto at = tag.find(key);
    if (at == std::string_view::npos) return "";
    auto start = at + key.size();
    auto end = tag.find('"', start);
    return end == std::string_view::npos ? "" : std::string(tag.substr(start, end - start));
}

DerivedArtifact package_artifact(const std::string& name, std::string content, std::string time_utc) {
    DerivedArtifact out;
    out.artifact.kind = "package";
    out.artifact.path = name;
    out.artifact.name = name;
    out.content = std::move(content);
    out.artifact.size = static_cast<int64_t>(out.content.size());
    out.time_utc = std::move(time_utc);
    return out;
}

}  // namespace

bool looks_like_hive(std::span<const unsigned char> head) {
    return head.size() >= 4 && head[0] == 'r' && head[1] == 'e' && head[2] == 'g' && head[3] == 'f';
}

bool is_android_package_list(std::string_view file_name) {
    return file_name == "packages.xml" || file_name == "packages.list";
}

std::vector<DerivedArtifact> registry_artifacts(std::span<const unsigned char> hive, std::string& problem) {
    std::vector<DerivedArtifact> out;
    if (!regf().problem.empty()) {
        problem = regf().problem;
        return out;
    }
    HiveFile opened;
    if (!opened.open(hive)) {
        problem = "not a readable registry hive";
        return out;
    }
    libregf_key_t* raw_root = nullptr;
    if (regf().libregf_file_get_root_key(opened.file, &raw_root, nullptr) != 1) {
        problem = "the hive has no root key";
        return out;
    }
    Key root(raw_root);
    for (auto path : kUninstallPaths) add_sub_keys(root.get(), path, kUninstallValues, out);
    for (auto path : kServicePaths) add_sub_keys(root.get(), path, kServiceValues, out);
    for (auto path : kAudioClassPaths) {
        if (auto key = sub_key(root.get(), path)) out.push_back(key_artifact(key.get(), std::string(path), kFilterValues));
        add_sub_keys(root.get(), path, kFilterValues, out);
    }
    return out;
}

std::vector<DerivedArtifact> android_package_artifacts(std::string_view file_name, std::span<const unsigned char> bytes,
                                                       std::string& problem) {
    std::vector<DerivedArtifact> out;
    std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    if (file_name == "packages.list") {
        // "name uid debuggable data_dir seinfo gids ...", one package a line.
        for (auto line : split_lines(text)) {
            auto fields = split_fields(line, ' ');
            if (fields.size() < 4 || fields[0].empty()) continue;
            out.push_back(package_artifact(std::string(fields[0]),
                                           fmt::format("package={}\nuid={}\ndata={}\n", fields[0], fields[1], fields[3]), ""));
        }
        return out;
    }
    if (text.starts_with("ABX")) {
        problem = "binary XML (ABX, Android 12 and later) is not read; packages.list is";
        return out;
    }
    for (size_t at = text.find("<package "); at != std::string_view::npos; at = text.find("<package ", at + 1)) {
        auto end = text.find('>', at);
        if (end == std::string_view::npos) break;
        auto tag = text.substr(at, end - at);
        auto name = attribute(tag, "name");
        if (name.empty()) continue;
        // "it": first install time, milliseconds since the epoch in hex.
        std::string installed;
        if (auto it = attribute(tag, "it"); !it.empty()) {
            try {
                installed = iso_from_unix(static_cast<int64_t>(std::stoull(it, nullptr, 16) / 1000)).value_or("");
            } catch (...) {
            }
        }
        out.push_back(package_artifact(name, fmt::format("package={}\ncodePath={}\ninstaller={}\n", name,
                                                         attribute(tag, "codePath"), attribute(tag, "installer")),
                                       installed));
    }
    return out;
}

}  // namespace izshi::software
