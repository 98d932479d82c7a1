#include "evidence/ewf_metadata.h"

#include <libewf.h>

#include <fmt/format.h>
#include <fstream>

#include "core/text.h"

namespace izshi::evidence {

namespace {

std::string ewf_error_text(libewf_error_t* error) {
    char text[512] = "unknown libewf error";
    if (error) {
        libewf_error_sprint(error, text, sizeof text);
        libewf_error_free(&error);
    }
    return text;
}

std::optional<std::string> hex_if_set(const uint8_t* digest, size_t length) {
    bool all_zero = true;
    for (size_t i = 0; i < length; ++i) all_zero = all_zero && digest[i] == 0;
    if (all_zero) return std::nullopt;
    return to_hex(std::span(digest, length));
}

// The header fields an examiner fills in at acquisition (libewf.h lists them).
constexpr const char* header_fields[] = {"case_number",   "description",   "examiner_name", "evidence_number",
                                         "notes",         "acquiry_date",  "system_date",   "acquiry_operating_system",
                                         "acquiry_software_version", "model", "serial_number"};

void read_headers(libewf_handle_t* handle, EwfMetadata& metadata) {
    for (const char* field : header_fields) {
        uint8_t value[1024] = {};
        libewf_error_t* error = nullptr;
        int found = libewf_handle_get_utf8_header_value(handle, reinterpret_cast<const uint8_t*>(field),
                                                        std::strlen(field), value, sizeof value, &error);
        if (error) libewf_error_free(&error);
        if (found == 1 && value[0]) metadata.headers[field] = reinterpret_cast<char*>(value);
    }
}

}  // namespace

bool looks_like_ewf(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    char signature[8] = {};
    in.read(signature, sizeof signature);
    return std::memcmp(signature, "EVF\x09\x0d\x0a\xff\x00", 8) == 0 ||
           std::memcmp(signature, "EVF2\x0d\x0a\x81\x00", 8) == 0;
}

Expected<EwfMetadata> read_ewf_metadata(const std::filesystem::path& first_segment) {
    char** names = nullptr;
    int count = 0;
    libewf_error_t* error = nullptr;
    auto first = first_segment.string();
    if (libewf_glob(first.c_str(), first.size(), LIBEWF_FORMAT_UNKNOWN, &names, &count, &error) != 1)
        return fail(ErrorKind::input, fmt::format("{}: cannot find the E01 segments: {}", first, ewf_error_text(error)));
    libewf_handle_t* handle = nullptr;
    libewf_handle_initialize(&handle, nullptr);
    EwfMetadata metadata;
    bool opened = libewf_handle_open(handle, names, count, LIBEWF_OPEN_READ, &error) == 1;
    std::string open_error = opened ? "" : ewf_error_text(error);
    if (opened) {
        uint8_t md5[16] = {}, sha1[20] = {};
        if (libewf_handle_get_md5_hash(handle, md5, sizeof md5, nullptr) == 1) metadata.stored_md5 = hex_if_set(md5, 16);
        if (libewf_handle_get_sha1_hash(handle, sha1, sizeof sha1, nullptr) == 1)
            metadata.stored_sha1 = hex_if_set(sha1, 20);
        read_headers(handle, metadata);
        libewf_handle_close(handle, nullptr);
    }
    libewf_handle_free(&handle, nullptr);
    libewf_glob_free(names, count, nullptr);
    if (!opened) return fail(ErrorKind::input, fmt::format("{}: cannot open the E01: {}", first, open_error));
    return metadata;
}

}  // namespace izshi::evidence
