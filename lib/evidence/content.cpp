#include "evidence/content.h"

#include <algorithm>

namespace izshi::evidence {

void ContentDigester::begin(const std::string& walk_key) {
    head_.clear();
    hasher_.finish();  // discard anything from an abandoned file
    if (observer_) observer_->begin(walk_key);
}

void ContentDigester::update(std::span<const unsigned char> bytes) {
    if (head_.size() < magic_window) {
        size_t take = std::min(bytes.size(), magic_window - head_.size());
        head_.insert(head_.end(), bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(take));
    }
    if (hash_) hasher_.update(bytes);
    if (observer_) observer_->update(bytes);
}

void ContentDigester::finish_and_type(FileRecord& record, FileTyper& typer) {
    finish(record);
    auto type = typer.type(head_, record.name);
    record.mime = std::move(type.mime);
    record.description = std::move(type.description);
    record.extension_mismatch = type.extension_mismatch;
}

}  // namespace izshi::evidence
