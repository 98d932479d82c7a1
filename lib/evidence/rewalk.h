#pragma once
// The scanners that come after ingest (find-pii, find-software) read an item's files again with
// the walker that ingested it, so that every walk key they see is one the case holds.
#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <string>
#include <vector>

#include "core/error.h"
#include "evidence/content.h"
#include "evidence/image_source.h"
#include "evidence/records.h"

namespace izshi::evidence {

// An evidence item whose ingest finished, as a scanner sees it.
struct IngestedItem {
    int64_t id = 0;
    std::string label, kind;           // kind "image" or "logical"
    std::vector<std::string> sources;  // the first is what the walker opens
};

// The complete items of the case by id, or only those named in 'only' (an id that names no
// complete item is a usage error).
Expected<std::vector<IngestedItem>> complete_items(SQLite::Database& db, const std::vector<int64_t>& only);

// Walks the item ('kind' "image" or "logical", 'source' its first path) and hands the files'
// bytes to 'observer' without hashing them again. A file the sink says is recorded already is
// not read (sinks use that to choose the files they want). 'image', when given, keeps the opened
// image for reading regions afterwards.
Expected<void> walk_again(const std::string& kind, const std::string& source, WalkSink& sink, ContentObserver& observer,
                          TskImage* image = nullptr);

}  // namespace izshi::evidence
