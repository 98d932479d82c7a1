#include "synth/laptop_tree.h"

#include "core/text.h"
#include "hashing/multi_hasher.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <algorithm>
#include <array>
#include <chrono>
#include <fmt/format.h>
#include <fstream>
#include <memory>

#include "synth/text.h"
#include "synth/tree_content.h"
#include "synth/xlsx_writer.h"
#include "synth/zip_writer.h"

namespace izshi::synth {
namespace {

namespace fs = std::filesystem;
using namespace tree_sizes;

// Slices of the identity pool, [first, first + count). The XLSX overlaps the CSV by 50
// people: the same victims turning up in two bases is what an analyst must notice.
struct Slice {
    int first;
    int count;
};
constexpr Slice kCsvSlice{0, kCsvRows};
constexpr Slice kXlsxSlice{100, kXlsxRows};
constexpr Slice kCrmSlice{220, kCrmRows};
constexpr Slice kNoteSlice{280, kNotePeople};
constexpr Slice kVictimSlice{283, kVictims};
constexpr int kPoolSize = kVictimSlice.first + kVictimSlice.count;

// 2024-03-15 10:00 UTC: the invented "seizure" day; files get times in the weeks before.
constexpr std::int64_t kSeizureTime = 1710496800;

std::span<const Identity> slice_of(const std::vector<Identity>& pool, Slice s) {
    return std::span<const Identity>(pool).subspan(static_cast<std::size_t>(s.first),
                                                   static_cast<std::size_t>(s.count));
}

std::vector<int> indices_of(std::span<const Identity> people) {
    std::vector<int> out;
    for (const auto& p : people) out.push_back(p.index);
    return out;
}

fs::file_time_type file_time(std::int64_t unix_seconds) {
    return std::chrono::file_clock::from_sys(std::chrono::sys_seconds{std::chrono::seconds{unix_seconds}});
}

// Collects the files as they are written, then hashes them and fixes their times.
class TreeWriter {
public:
    TreeWriter(fs::path root, std::uint64_t seed) : root_(std::move(root)), rng_(seed ^ 0x5EEDF11E5ULL) {
        manifest_.seed = seed;
        manifest_.identities = IdentityGenerator(seed).generate(kPoolSize);
    }

    Expected<TreeManifest> run();

private:
    Expected<void> write_documents();
    Expected<void> write_app_data();
    Expected<void> write_voice_changers();
    Expected<void> write_desktop();
    Expected<void> write_face_swap_and_look_alikes();
    Expected<void> write_crm_database(std::string_view path, std::span<const CrmRow> rows);
    Expected<void> finish();

    Expected<fs::path> prepare(std::string_view relative);
    Expected<void> put(std::string_view relative, const std::string& bytes, std::string kind,
                       std::vector<int> identities = {});
    void record(std::string_view relative, std::string kind, std::vector<int> identities);
    std::span<const Identity> people(Slice s) const { return slice_of(manifest_.identities, s); }

    fs::path root_;
    Rng rng_;
    TreeManifest manifest_;
};

Expected<fs::path> TreeWriter::prepare(std::string_view relative) {
    const fs::path full = root_ / fs::path(std::string(relative));
    std::error_code ec;
    fs::create_directories(full.parent_path(), ec);
    if (ec) return fail(ErrorKind::input, fmt::format("create {}: {}", full.parent_path().string(), ec.message()));
    return full;
}

void TreeWriter::record(std::string_view relative, std::string kind, std::vector<int> identities) {
    TreeFile file;
    file.path = std::string(relative);
    file.kind = std::move(kind);
    // A person called twice is still one person in the file.
    std::sort(identities.begin(), identities.end());
    identities.erase(std::unique(identities.begin(), identities.end()), identities.end());
    file.identities = std::move(identities);
    file.deleted_in_images = relative == tree_paths::kVictimsList;
    manifest_.files.push_back(std::move(file));
}

Expected<void> TreeWriter::put(std::string_view relative, const std::string& bytes, std::string kind,
                               std::vector<int> identities) {
    auto full = prepare(relative);
    if (!full) return std::unexpected(full.error());
    std::ofstream out(*full, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) return fail(ErrorKind::input, "write " + full->string());
    record(relative, std::move(kind), std::move(identities));
    return {};
}

Expected<void> TreeWriter::write_documents() {
    const auto csv_people = people(kCsvSlice);
    if (auto ok = put(tree_paths::kClientsCsv, clients_csv(csv_people, rng_), "csv", indices_of(csv_people)); !ok)
        return ok;

    const auto xlsx_people = people(kXlsxSlice);
    auto xlsx_path = prepare(tree_paths::kClientsXlsx);
    if (!xlsx_path) return std::unexpected(xlsx_path.error());
    if (auto ok = write_xlsx(*xlsx_path, clients_sheet(xlsx_people, rng_)); !ok) return ok;
    record(tree_paths::kClientsXlsx, "xlsx", indices_of(xlsx_people));

    const auto note_people = people(kNoteSlice);
    return put(tree_paths::kNoteUtf16, to_utf16le_with_bom(operator_note(note_people)), "utf16-text",
               indices_of(note_people));
}

Expected<void> TreeWriter::write_crm_database(std::string_view relative, std::span<const CrmRow> rows) {
    auto full = prepare(relative);
    if (!full) return std::unexpected(full.error());
    std::error_code ec;
    fs::remove(*full, ec);  // start from an empty database so reruns give the same file
    try {
        SQLite::Database db(full->string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        db.exec("CREATE TABLE clients(id INTEGER PRIMARY KEY, fio TEXT, iin INTEGER, phone TEXT, note TEXT)");
        SQLite::Transaction transaction(db);
        SQLite::Statement insert(db, "INSERT INTO clients(id, fio, iin, phone, note) VALUES (?, ?, ?, ?, ?)");
        for (const auto& row : rows) {
            insert.bind(1, row.id);
            insert.bind(2, row.fio);
            insert.bind(3, static_cast<int64_t>(row.iin));
            insert.bind(4, row.phone);
            insert.bind(5, row.note);
            insert.exec();
            insert.reset();
        }
        transaction.commit();
    } catch (const SQLite::Exception& e) {
        return fail(ErrorKind::input, fmt::format("sqlite {}: {}", full->string(), e.what()));
    }
    return {};
}

Expected<void> TreeWriter::write_app_data() {
    const auto crm_people = people(kCrmSlice);
    if (auto ok = write_crm_database(tree_paths::kCrmDatabase, crm_rows(crm_people, rng_)); !ok) return ok;
    record(tree_paths::kCrmDatabase, "sqlite", indices_of(crm_people));

    // The operator called every victim and a sample of the CSV clients.
    std::vector<Identity> callees(people(kVictimSlice).begin(), people(kVictimSlice).end());
    while (callees.size() < static_cast<std::size_t>(kCalls))
        callees.push_back(people(kCsvSlice)[rng_.below(kCsvRows)]);
    const auto calls = softphone_calls(callees, rng_);
    for (size_t i = 0; i < calls.size(); ++i)
        manifest_.calls.push_back({callees[i].phone, calls[i].unix_time, calls[i].type});
    return put(tree_paths::kMicrosipIni, microsip_ini(calls), "softphone-ini", indices_of(callees));
}

Expected<void> TreeWriter::write_voice_changers() {
    if (auto ok = put(tree_paths::kVoicemodExe, placeholder_exe("Voicemod Desktop"), "voice-changer"); !ok) return ok;
    if (auto ok = put(tree_paths::kMorphvoxExe, placeholder_exe("Screaming Bee MorphVOX Pro"), "voice-changer"); !ok)
        return ok;
    if (auto ok = put(tree_paths::kRvcIndex, rvc_index_placeholder(), "voice-changer"); !ok) return ok;
    if (auto ok = put(tree_paths::kRvcWebui, rvc_webui_batch(), "voice-changer"); !ok) return ok;
    auto weights = prepare(tree_paths::kRvcWeights);
    if (!weights) return std::unexpected(weights.error());
    // PyTorch stores checkpoint members uncompressed.
    if (auto ok = write_zip(*weights, rvc_weights_members(), ZipCompression::store); !ok) return ok;
    record(tree_paths::kRvcWeights, "voice-changer", {});
    return {};
}

Expected<void> TreeWriter::write_desktop() {
    const auto victims = people(kVictimSlice);
    if (auto ok = put(tree_paths::kVictimsList, victims_list(victims, rng_), "text", indices_of(victims)); !ok) return ok;
    // Look-alikes of the CSV clients' identifiers (no random numbers drawn: the other files stay
    // as they were). Their identities are not listed: nothing in the file is theirs to find.
    if (auto ok = put(tree_paths::kDecoys, decoys_text(people(kCsvSlice).first(20)), "decoys"); !ok) return ok;
    // Two more copies of client data, in the forms find-pii must read: CP1251 text, and a CSV
    // inside a zip. Made from people already in the tree, without random draws.
    const auto cp1251_people = people(kCsvSlice).first(30);
    if (auto ok = put(tree_paths::kCp1251Export, cp1251_export(cp1251_people), "cp1251-text", indices_of(cp1251_people));
        !ok)
        return ok;
    const auto leaked = people(kXlsxSlice).first(40);
    auto zip_path = prepare(tree_paths::kLeakZip);
    if (!zip_path) return std::unexpected(zip_path.error());
    if (auto ok = write_zip(*zip_path, {{"export/dump.csv", leak_dump_csv(leaked)}}); !ok) return ok;
    record(tree_paths::kLeakZip, "zip", indices_of(leaked));
    // The CRM's call list for the operators: the CRM's clients, names and numbers only.
    const auto to_call = people(kCrmSlice).first(kCallListRows);
    return put(tree_paths::kCallList, crm_call_list(to_call), "call-list", indices_of(to_call));
}

// DeepFaceLive with a face model, and files that only look like such tools. Written last and without
// random draws, so the files before them keep their contents and times.
Expected<void> TreeWriter::write_face_swap_and_look_alikes() {
    if (auto ok = put(tree_paths::kDeepFaceLive, "@echo off\r\ncall _internal\\setenv.bat\r\n\"%PYTHON_EXECUTABLE%\" main.py run DeepFaceLive\r\n",
                      "face-swap");
        !ok)
        return ok;
    if (auto ok = put(tree_paths::kDfmModel, dfm_placeholder(), "face-swap"); !ok) return ok;
    if (auto ok = put(tree_paths::kCourseModel, onnx_placeholder("lesson 3: digit classifier"), "look-alike"); !ok) return ok;
    if (auto ok = put(tree_paths::kVoiceNotes, "Voice lessons: breathing, posture, warm-up scales.\n", "look-alike"); !ok)
        return ok;
    return put(tree_paths::kFirefoxExe, placeholder_exe("Mozilla Firefox"), "look-alike");
}

// Hashes every file, then gives files and folders fixed times (folders last, since
// writing into a folder changes its time).
Expected<void> TreeWriter::finish() {
    std::int64_t when = kSeizureTime - 21 * 24 * 3600;
    for (auto& file : manifest_.files) {
        const fs::path full = root_ / fs::path(file.path);
        auto digest = hashing::sha256_of_file(full);
        if (!digest) return std::unexpected(digest.error());
        file.sha256 = *digest;
        std::error_code ec;
        file.size = fs::file_size(full, ec);
        when += rng_.between(3600, 36 * 3600);
        fs::last_write_time(full, file_time(when), ec);
        if (ec) return fail(ErrorKind::input, fmt::format("set time of {}: {}", full.string(), ec.message()));
    }
    std::vector<fs::path> folders;
    for (const auto& entry : fs::recursive_directory_iterator(root_))
        if (entry.is_directory()) folders.push_back(entry.path());
    for (const auto& folder : folders) {
        std::error_code ec;
        fs::last_write_time(folder, file_time(kSeizureTime), ec);
    }
    return {};
}

Expected<TreeManifest> TreeWriter::run() {
    for (auto step : {&TreeWriter::write_documents, &TreeWriter::write_app_data, &TreeWriter::write_voice_changers,
                      &TreeWriter::write_desktop, &TreeWriter::write_face_swap_and_look_alikes, &TreeWriter::finish}) {
        if (auto ok = (this->*step)(); !ok) return std::unexpected(ok.error());
    }
    return std::move(manifest_);
}

std::string identity_json(const Identity& p) {
    return fmt::format(
        "    {{\"index\": {}, \"name\": {}, \"last_name\": {}, \"first_name\": {}, "
        "\"patronymic\": {}, \"sex\": \"{}\", \"birth_date\": \"{}\", \"iin\": \"{}\", "
        "\"phone\": \"{}\", \"email\": {}, \"iban\": \"{}\", \"card\": \"{}\", \"bank\": {}, \"city\": {}}}",
        p.index, json_quote(p.full_name()), json_quote(p.last_name), json_quote(p.first_name),
        json_quote(p.patronymic), p.sex == pii::Sex::male ? "M" : "F", p.birth_date(), p.iin, p.phone,
        json_quote(p.email), p.iban, p.card(), json_quote(p.bank), json_quote(p.city));
}

std::string call_json(const CallTruth& c) {
    return fmt::format("    {{\"e164\": \"{}\", \"unix_time\": {}, \"type\": {}}}", c.e164, c.unix_time, c.type);
}

std::string file_json(const TreeFile& f) {
    return fmt::format(
        "    {{\"path\": {}, \"size\": {}, \"sha256\": \"{}\", \"kind\": \"{}\", "
        "\"deleted_in_images\": {}, \"identities\": [{}]}}",
        json_quote(f.path), f.size, f.sha256, f.kind, f.deleted_in_images ? "true" : "false",
        fmt::join(f.identities, ", "));
}

}  // namespace

int laptop_pool_size() { return kPoolSize; }

Expected<TreeManifest> write_laptop_tree(const fs::path& root, std::uint64_t seed) {
    return TreeWriter(root, seed).run();
}

std::string manifest_json(const TreeManifest& manifest) {
    std::vector<std::string> people, files, calls;
    for (const auto& p : manifest.identities) people.push_back(identity_json(p));
    for (const auto& f : manifest.files) files.push_back(file_json(f));
    for (const auto& c : manifest.calls) calls.push_back(call_json(c));
    return fmt::format(
        "{{\n  \"generator\": \"izshi-synth\",\n  \"seed\": {},\n"
        "  \"note\": \"Synthetic test data: every identity is generated at random and belongs to nobody.\",\n"
        "  \"identities\": [\n{}\n  ],\n  \"files\": [\n{}\n  ],\n  \"calls\": [\n{}\n  ]\n}}\n",
        manifest.seed, fmt::join(people, ",\n"), fmt::join(files, ",\n"), fmt::join(calls, ",\n"));
}

Expected<void> write_manifest(const TreeManifest& manifest, const fs::path& path) {
    std::error_code ec;
    if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << manifest_json(manifest);
    if (!out) return fail(ErrorKind::input, "write " + path.string());
    return {};
}

}  // namespace izshi::synth
