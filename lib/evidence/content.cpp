#include "evidence/content.h"

#include <algorithm>

namespace izshi::evidence {

void ContentDigester::begin() {
    head_.clear();
    hasher_.finish();  // discard anything from an abandoned file
}

void ContentDigester::update(std::span<const unsigned char> bytes) {
    if (head_.size() < magic_window) {
        size_t take = std::min(bytes.size(), magic_window - head_.size());
        head_.insert(head_.end(), bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(take));
    }
    hasher_.update(bytes);
}

void ContentDigester::finish(FileRecord& record) {
    record.digests = hasher_.finish_trio();
    auto type = typer_.type(head_, record.name);
    record.mime = std::move(type.mime);
    record.description = std::move(type.description);
    record.extension_mismatch = type.extension_mismatch;
}

}  // namespace izshi::evidence
