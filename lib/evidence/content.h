#pragma once
// Everything ingest learns from a file's bytes in one read: MD5, SHA-1, SHA-256 and the type.
#include <span>
#include <string>
#include <vector>

#include "evidence/file_typer.h"
#include "evidence/records.h"
#include "hashing/multi_hasher.h"

namespace izshi::evidence {

inline constexpr size_t read_block_size = 1 << 20;

// Another reader of every file's bytes during the same read (the PII scanner): the walkers hash
// and type each file, and an observer sees the very same blocks (SPEC §10: every byte read once).
class ContentObserver {
public:
    virtual ~ContentObserver() = default;
    // A new file's content starts; whatever an earlier, unfinished file left is dropped.
    virtual void begin(const std::string& walk_key) = 0;
    virtual void update(std::span<const unsigned char> bytes) = 0;
    virtual void end() = 0;  // the whole content was read
};

class ContentDigester {
public:
    ContentDigester() : hasher_(hashing::MultiHasher::evidence_trio()) {}

    // 'hash_too' false: the observer is the only reader (find-pii over an ingested item), so the
    // digests, already in the case, are not computed again.
    void set_observer(ContentObserver* observer, bool hash_too = true) {
        observer_ = observer;
        hash_ = hash_too;
    }
    void begin(const std::string& walk_key);
    void update(std::span<const unsigned char> bytes);
    // Fills the digests into the record; the caller types head() (now, or later in a TypingPipeline).
    void finish(FileRecord& record) {
        record.digests = hash_ ? hasher_.finish_trio() : hashing::Digests{};
        if (observer_) observer_->end();
    }
    // Fills digests and type; the record's name decides the extension check.
    void finish_and_type(FileRecord& record, FileTyper& typer);
    // The bytes seen so far, when the whole content fitted in the magic window.
    const std::vector<unsigned char>& head() const { return head_; }

private:
    hashing::MultiHasher hasher_;
    std::vector<unsigned char> head_;
    ContentObserver* observer_ = nullptr;
    bool hash_ = true;
};

}  // namespace izshi::evidence
