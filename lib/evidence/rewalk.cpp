#include "evidence/rewalk.h"

#include <filesystem>

#include "evidence/logical_walker.h"
#include "evidence/tsk_walker.h"

namespace izshi::evidence {

Expected<void> walk_again(const std::string& kind, const std::string& source, WalkSink& sink, ContentObserver& observer,
                          TskImage* image) {
    WalkCounters counters;
    if (kind == "image") {
        auto opened = open_image(source);
        if (!opened) return std::unexpected(opened.error());
        TskWalker walker(**opened, sink, counters, 1);
        walker.set_content_observer(&observer, false);
        walker.walk();
        if (image) *image = std::move(*opened);
        return {};
    }
    std::error_code missing;
    if (!std::filesystem::exists(source, missing))
        return fail(ErrorKind::input, source + ": evidence source not found (moved or not mounted?)");
    LogicalWalker walker(sink, counters);
    walker.set_content_observer(&observer, false);
    walker.walk(source);
    return {};
}

}  // namespace izshi::evidence
