#pragma once
// The scanners that come after ingest (find-pii, find-software) read an item's files again with
// the walker that ingested it, so that every walk key they see is one the case holds.
#include <string>

#include "core/error.h"
#include "evidence/content.h"
#include "evidence/image_source.h"
#include "evidence/records.h"

namespace izshi::evidence {

// Walks the item ('kind' "image" or "logical", 'source' its first path) and hands the files'
// bytes to 'observer' without hashing them again. A file the sink says is recorded already is
// not read (sinks use that to choose the files they want). 'image', when given, keeps the opened
// image for reading regions afterwards.
Expected<void> walk_again(const std::string& kind, const std::string& source, WalkSink& sink, ContentObserver& observer,
                          TskImage* image = nullptr);

}  // namespace izshi::evidence
