// Folder creation and file deletion inside an NTFS image file, through libntfs-3g.
//
// mkntfs makes an empty volume and ntfscp copies a file into an existing folder, but no
// ntfs-3g command creates a folder or deletes a file without mounting the volume. These
// two calls fill that gap for samples/make-sample.sh. libntfs-3g (Debian ntfs-3g-dev,
// GPL-2+) is optional: without it both calls return an error and the script falls back.
#pragma once

#include <expected>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>

#include "core/error.h"

namespace izshi::synth {

// True when izshi_synth was built with libntfs-3g.
bool ntfs_editing_available();

// Creates each '/'-separated folder path (and its parents) inside the image; existing
// folders are left alone, so the call can be repeated.
Expected<void> ntfs_make_directories(const std::filesystem::path& image, std::span<const std::string> folders);

// Unlinks a file, leaving its MFT record and clusters unallocated but not wiped, which
// is exactly what a recovery tool should then find.
Expected<void> ntfs_delete_file(const std::filesystem::path& image, std::string_view path);

}  // namespace izshi::synth
