#include "hashing/hash_run.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace izshi::hashing {

namespace fs = std::filesystem;

namespace {

// Like hashdeep, which prints realpath(): the same file gets the same name however it was reached.
std::string printed_name(const fs::path& path, const TargetOptions& options) {
    if (options.relative_names) return path.native();
    std::error_code error;
    auto canonical = fs::canonical(path, error);
    return (error ? fs::absolute(path) : canonical).lexically_normal().native();
}

// 'printed' is the folder's printed name: a plain entry of it is printed as printed/name, which is
// what realpath() would give without resolving every component again for each of many files.
void collect_folder(const fs::path& folder, const std::string& printed, const TargetOptions& options,
                    TargetList& out) {
    std::error_code error;
    fs::directory_iterator it(folder, error);
    if (error) {
        out.problems.push_back({ErrorKind::input, folder.string() + ": cannot read folder: " + error.message()});
        return;
    }
    std::vector<fs::directory_entry> entries;
    for (; it != fs::directory_iterator(); it.increment(error)) {
        if (error) {
            out.problems.push_back({ErrorKind::input, folder.string() + ": " + error.message()});
            break;
        }
        entries.push_back(*it);
    }
    std::sort(entries.begin(), entries.end(),
              [](const auto& a, const auto& b) { return a.path().filename().native() < b.path().filename().native(); });
    for (const auto& entry : entries) {
        std::error_code ignored;
        auto child = printed + (printed.ends_with('/') ? "" : "/") + entry.path().filename().native();
        if (entry.is_symlink(ignored)) {
            if (options.follow_file_links && fs::is_regular_file(entry.path(), ignored))
                out.files.push_back({entry.path(), printed_name(entry.path(), options)});
        } else if (entry.is_directory(ignored)) {
            collect_folder(entry.path(), child, options, out);
        } else if (entry.is_regular_file(ignored)) {
            out.files.push_back({entry.path(), child});
        }
    }
}

}  // namespace

TargetList collect_targets(const std::vector<fs::path>& paths, const TargetOptions& options) {
    TargetList out;
    for (const auto& path : paths) {
        std::error_code error;
        auto status = fs::status(path, error);
        if (error || !fs::exists(status)) {
            out.problems.push_back({ErrorKind::input, path.string() + ": no such file or folder"});
        } else if (fs::is_directory(status)) {
            if (options.recursive) collect_folder(path, printed_name(path, options), options, out);
            else out.problems.push_back({ErrorKind::input, path.string() + ": is a folder (use -r to hash its files)"});
        } else {
            out.files.push_back({path, printed_name(path, options)});
        }
    }
    return out;
}

namespace {

// Results arrive from the workers in any order; the caller consumes them in target order.
class OrderedResults {
public:
    explicit OrderedResults(size_t count) : slots_(count) {}
    void put(size_t index, FileHash result) {
        std::lock_guard lock(mutex_);
        slots_[index] = std::move(result);
        if (index == next_) ready_.notify_one();
    }
    FileHash take(size_t index) {
        std::unique_lock lock(mutex_);
        next_ = index;
        ready_.wait(lock, [&] { return slots_[index].has_value(); });
        FileHash result = std::move(*slots_[index]);
        slots_[index].reset();
        return result;
    }

private:
    std::vector<std::optional<FileHash>> slots_;
    size_t next_ = 0;
    std::mutex mutex_;
    std::condition_variable ready_;
};


}  // namespace

void hash_targets(const std::vector<HashTarget>& targets, const HashRunOptions& options,
                  const std::function<void(const FileHash&)>& deliver) {
    unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    FileReadPolicy policy;
    // One big file with spare cores: give each algorithm its own core. With many files the cores are
    // already busy with other files.
    policy.allow_spread = threads > 1;
    policy.progress = options.progress;
    OrderedResults results(targets.size());
    std::atomic<size_t> next{0};
    std::vector<std::jthread> workers;
    for (size_t w = 0; w < std::min<size_t>(threads, targets.size()); ++w)
        workers.emplace_back([&] {
            for (size_t i; (i = next++) < targets.size();) {
                FileHash result{&targets[i]};
                auto digest = hash_file(targets[i].path, options.algorithms, policy);
                if (digest) {
                    result.size = digest->size;
                    result.hex = std::move(digest->hex);
                } else {
                    result.error = digest.error();
                }
                results.put(i, std::move(result));
            }
        });
    for (size_t i = 0; i < targets.size(); ++i) deliver(results.take(i));
}

}  // namespace izshi::hashing
