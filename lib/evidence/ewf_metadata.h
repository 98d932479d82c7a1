#pragma once
// What an E01 says about itself: the acquisition hashes and the examiner's header fields (libewf).
#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "core/error.h"

namespace izshi::evidence {

struct EwfMetadata {
    std::optional<std::string> stored_md5, stored_sha1;
    std::map<std::string, std::string> headers;  // case_number, examiner_name, acquiry_date, model, ...
};

bool looks_like_ewf(const std::filesystem::path& path);
Expected<EwfMetadata> read_ewf_metadata(const std::filesystem::path& first_segment);

}  // namespace izshi::evidence
