#include "evidence/rewalk.h"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>

#include "evidence/logical_walker.h"
#include "evidence/tsk_walker.h"

namespace izshi::evidence {

Expected<std::vector<IngestedItem>> complete_items(SQLite::Database& db, const std::vector<int64_t>& only) {
    SQLite::Statement query(db, "SELECT id, label, kind, sources FROM evidence WHERE state = 'complete' ORDER BY id");
    std::vector<IngestedItem> items;
    while (query.executeStep()) {
        IngestedItem item{query.getColumn(0).getInt64(), query.getColumn(1).getString(), query.getColumn(2).getString(),
                          nlohmann::json::parse(query.getColumn(3).getString()).get<std::vector<std::string>>()};
        if (only.empty() || std::find(only.begin(), only.end(), item.id) != only.end()) items.push_back(std::move(item));
    }
    for (auto id : only)
        if (std::none_of(items.begin(), items.end(), [&](const IngestedItem& item) { return item.id == id; }))
            return fail(ErrorKind::usage, fmt::format("{}: no complete evidence item {}", db.getFilename(), id));
    return items;
}

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
