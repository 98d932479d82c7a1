// Writes the synthetic "seized laptop" folder tree that sample images are built from,
// and the manifest that says exactly what is in it (ground truth for ingest and
// find-pii tests). Everything in it is generated; no real person's data is used.
#pragma once

#include <cstdint>
#include <expected>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "synth/identity.h"

namespace izshi::synth {

// Paths inside the tree, '/'-separated and relative to its root.
namespace tree_paths {
inline constexpr std::string_view kClientsCsv = "Users/operator/Documents/clients_almaty.csv";
inline constexpr std::string_view kClientsXlsx = "Users/operator/Documents/base_2024.xlsx";
inline constexpr std::string_view kNoteUtf16 = "Users/operator/Documents/note_utf16.txt";
inline constexpr std::string_view kCrmDatabase = "Users/operator/AppData/Roaming/crm/clients.db";
inline constexpr std::string_view kMicrosipIni = "Users/operator/AppData/Roaming/MicroSIP/MicroSIP.ini";
inline constexpr std::string_view kVictimsList = "Users/operator/Desktop/to_delete_victims.txt";
inline constexpr std::string_view kDecoys = "Users/operator/Documents/drafts/decoys.txt";
inline constexpr std::string_view kCp1251Export = "Users/operator/Documents/export_1251.txt";
inline constexpr std::string_view kLeakZip = "Users/operator/Downloads/leak_2024.zip";
inline constexpr std::string_view kCallList = "Users/operator/Documents/crm/obzvon_march.csv";
inline constexpr std::string_view kVoicemodExe = "Program Files/Voicemod Desktop/VoicemodDesktop.exe";
inline constexpr std::string_view kMorphvoxExe = "Program Files (x86)/Screaming Bee/MorphVOX Pro/MorphVOXPro.exe";
inline constexpr std::string_view kRvcWeights = "AI/RVC/assets/weights/operator_voice.pth";
inline constexpr std::string_view kRvcIndex = "AI/RVC/logs/operator/added_IVF256_Flat_nprobe_1_operator_v2.index";
inline constexpr std::string_view kRvcWebui = "AI/RVC/go-webui.bat";
inline constexpr std::string_view kDeepFaceLive = "AI/DeepFaceLive/DeepFaceLive.bat";
inline constexpr std::string_view kDfmModel = "AI/DeepFaceLive/userdata/dfm_models/Bank_Officer.dfm";
// Look-alikes find-software must not report: a course's ONNX model, a "voice" folder of notes, a browser.
inline constexpr std::string_view kCourseModel = "Users/operator/Documents/Courses/ML/lesson3/model.onnx";
inline constexpr std::string_view kVoiceNotes = "Users/operator/Music/voice/notes.txt";
inline constexpr std::string_view kFirefoxExe = "Program Files/Mozilla Firefox/firefox.exe";
}  // namespace tree_paths

// How many people each file holds; the slices of the identity pool they take are laid
// out in laptop_tree.cpp (the CSV and XLSX share 50 people on purpose).
namespace tree_sizes {
inline constexpr int kCsvRows = 150;
inline constexpr int kXlsxRows = 120;
inline constexpr int kCrmRows = 60;
inline constexpr int kNotePeople = 3;
inline constexpr int kVictims = 12;
inline constexpr int kCalls = 24;
inline constexpr int kCallListRows = 20;
}  // namespace tree_sizes

struct TreeFile {
    std::string path;  // relative, '/'-separated
    std::uint64_t size = 0;
    std::string sha256;           // lower-case hex
    std::string kind;             // csv, xlsx, utf16-text, sqlite, softphone-ini, text, voice-changer
    std::vector<int> identities;  // Identity::index of everyone whose data the file holds
    // The image builder deletes this file after copying it (samples/make-sample.sh).
    bool deleted_in_images = false;
};

// One call of the MicroSIP log, as the ground truth of what match-numbers must find.
struct CallTruth {
    std::string e164;
    std::int64_t unix_time = 0;
    int type = 0;  // 0 outgoing, 1 incoming, 2 missed
};

struct TreeManifest {
    std::uint64_t seed = 0;
    std::vector<Identity> identities;
    std::vector<TreeFile> files;
    std::vector<CallTruth> calls;  // the MicroSIP [Calls] section, in order
};

// The number of identities the laptop draws from its seed; generators that add people who are not
// on the laptop (a second phone, watchlists) draw theirs after these from the same seed.
int laptop_pool_size();

// Writes (or overwrites) every file of the tree under `root` and returns the manifest.
// Files and folders get fixed timestamps, so the same seed gives the same tree.
Expected<TreeManifest> write_laptop_tree(const std::filesystem::path& root, std::uint64_t seed);

std::string manifest_json(const TreeManifest& manifest);
Expected<void> write_manifest(const TreeManifest& manifest, const std::filesystem::path& path);

// Lower-case hex SHA-256 of a file's bytes.

}  // namespace izshi::synth
