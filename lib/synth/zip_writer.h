// Writes small zip files (XLSX packages, PyTorch-style .pth checkpoints) with libarchive.
#pragma once

#include <expected>
#include <filesystem>
#include <string>
#include <vector>

#include "core/error.h"

namespace izshi::synth {

struct ZipMember {
    std::string name;  // path inside the archive, '/'-separated
    std::string bytes;
};

enum class ZipCompression { deflate, store };

// Members are written in the given order with a fixed timestamp, so the same input
// always gives a byte-identical file.
Expected<void> write_zip(const std::filesystem::path& path, const std::vector<ZipMember>& members,
                         ZipCompression compression = ZipCompression::deflate);

}  // namespace izshi::synth
