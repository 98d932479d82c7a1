// `report --format case`: the case as CASE/UCO 1.4 JSON-LD (https://caseontology.org), for partner
// tools that read the ontology. The context is inline, so the document expands without a network.
// Written node by node: a case of a million files is streamed, not built in memory.
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "custody/custody_log.h"
#include "report/report.h"
#include "report/row_writer.h"

namespace izshi::report {

namespace {

using nlohmann::json;

const json kContext = {
    {"kb", "http://example.org/kb/"},
    {"case-investigation", "https://ontology.caseontology.org/case/investigation/"},
    {"uco-action", "https://ontology.unifiedcyberontology.org/uco/action/"},
    {"uco-core", "https://ontology.unifiedcyberontology.org/uco/core/"},
    {"uco-identity", "https://ontology.unifiedcyberontology.org/uco/identity/"},
    {"uco-observable", "https://ontology.unifiedcyberontology.org/uco/observable/"},
    {"uco-tool", "https://ontology.unifiedcyberontology.org/uco/tool/"},
    {"uco-types", "https://ontology.unifiedcyberontology.org/uco/types/"},
    {"uco-vocabulary", "https://ontology.unifiedcyberontology.org/uco/vocabulary/"},
    {"xsd", "http://www.w3.org/2001/XMLSchema#"},
};

json typed(const char* type, json value) { return {{"@type", type}, {"@value", std::move(value)}}; }

json id_of(const std::string& id) { return {{"@id", id}}; }

std::string node_id(const std::string& kind, const std::string& key) { return "kb:" + kind + "-" + key; }

// Hashes in UCO's form; empty columns left out.
json hashes(const std::vector<std::pair<const char*, std::string>>& digests) {
    json out = json::array();
    for (const auto& [method, value] : digests)
        if (!value.empty())
            out.push_back({{"@type", "uco-types:Hash"},
                           {"uco-types:hashMethod", typed("uco-vocabulary:HashNameVocab", method)},
                           {"uco-types:hashValue", typed("xsd:hexBinary", value)}});
    return out;
}

class Graph {
public:
    explicit Graph(std::ostream& out) : out_(out) {}
    void add(const json& node) {
        out_ << (first_ ? "\n  " : ",\n  ") << node.dump();
        first_ = false;
    }

private:
    std::ostream& out_;
    bool first_ = true;
};

void add_evidence(SQLite::Database& db, Graph& graph, json& investigation_objects) {
    SQLite::Statement items(db, "SELECT id, label, exhibit, kind, format, size, md5, sha1, sha256, seized_from, seized_at, "
                                "seized_by FROM evidence ORDER BY id");
    while (items.executeStep()) {
        auto id = node_id("evidence", std::to_string(items.getColumn(0).getInt64()));
        json facet = {{"@id", id + "-content"}, {"@type", "uco-observable:ContentDataFacet"},
                      {"uco-observable:hash", hashes({{"MD5", text_of(items.getColumn(6))}, {"SHA1", text_of(items.getColumn(7))},
                                                      {"SHA256", text_of(items.getColumn(8))}})}};
        if (!items.getColumn(5).isNull()) facet["uco-observable:sizeInBytes"] = typed("xsd:integer", items.getColumn(5).getInt64());
        graph.add({{"@id", id}, {"@type", "uco-observable:ObservableObject"}, {"uco-core:name", text_of(items.getColumn(1))},
                   {"uco-core:description", fmt::format("{} evidence item, {}", text_of(items.getColumn(3)), text_of(items.getColumn(4)))},
                   {"uco-core:hasFacet", json::array({facet})}});
        auto provenance = node_id("provenance", std::to_string(items.getColumn(0).getInt64()));
        json record = {{"@id", provenance}, {"@type", "case-investigation:ProvenanceRecord"},
                       {"uco-core:object", json::array({id_of(id)})},
                       {"uco-core:description", fmt::format("seized from {} at {} by {}", text_of(items.getColumn(9)),
                                                            text_of(items.getColumn(10)), text_of(items.getColumn(11)))}};
        if (!items.getColumn(2).isNull()) record["case-investigation:exhibitNumber"] = text_of(items.getColumn(2));
        graph.add(record);
        investigation_objects.push_back(id_of(provenance));
    }
}

void add_files(SQLite::Database& db, Graph& graph) {
    SQLite::Statement files(db, "SELECT id, evidence_id, path, name, kind, size, mtime, atime, ctime, crtime, mime, md5, sha1, sha256 "
                                "FROM files ORDER BY id");
    while (files.executeStep()) {
        auto id = node_id("file", std::to_string(files.getColumn(0).getInt64()));
        json facet = {{"@id", id + "-file"}, {"@type", "uco-observable:FileFacet"}, {"uco-observable:fileName", text_of(files.getColumn(3))},
                      {"uco-observable:filePath", text_of(files.getColumn(2))},
                      {"uco-observable:isDirectory", files.getColumn(4).getString() == "dir"}};
        if (!files.getColumn(5).isNull()) facet["uco-observable:sizeInBytes"] = typed("xsd:integer", files.getColumn(5).getInt64());
        const std::pair<const char*, int> times[] = {{"uco-observable:modifiedTime", 6}, {"uco-observable:accessedTime", 7},
                                                     {"uco-observable:metadataChangeTime", 8}, {"uco-observable:createdTime", 9}};
        for (const auto& [property, column] : times)
            if (!files.getColumn(column).isNull()) facet[property] = typed("xsd:dateTime", files.getColumn(column).getString());
        json content = {{"@id", id + "-content"}, {"@type", "uco-observable:ContentDataFacet"},
                        {"uco-observable:hash", hashes({{"MD5", text_of(files.getColumn(11))}, {"SHA1", text_of(files.getColumn(12))},
                                                        {"SHA256", text_of(files.getColumn(13))}})}};
        if (!files.getColumn(10).isNull()) content["uco-observable:mimeType"] = text_of(files.getColumn(10));
        graph.add({{"@id", id}, {"@type", "uco-observable:File"}, {"uco-core:hasFacet", json::array({facet, content})},
                   {"uco-core:description", fmt::format("in evidence item {}", files.getColumn(1).getInt64())}});
    }
}

// One InvestigativeAction per custody event: who (performer), with what (izshi of that version),
// on what (the evidence item its seal names), and its details.
void add_actions(SQLite::Database& db, Graph& graph, json& investigation_objects) {
    std::map<std::string, std::string> people, tools;
    for (const auto& event : custody::read_events(db)) {
        auto& person = people[event.examiner];
        if (person.empty()) {
            person = node_id("person", std::to_string(people.size()));
            graph.add({{"@id", person}, {"@type", "uco-identity:Person"}, {"uco-core:name", event.examiner}});
        }
        auto& tool = tools[event.tool_version];
        if (tool.empty()) {
            tool = node_id("tool", std::to_string(tools.size()));
            auto version = event.tool_version.starts_with("izshi ") ? event.tool_version.substr(6) : event.tool_version;
            graph.add({{"@id", tool}, {"@type", "uco-tool:Tool"}, {"uco-core:name", "izshi"}, {"uco-tool:version", version}});
        }
        auto id = node_id("action", event.chain + "-" + std::to_string(event.chain_seq));
        json action = {{"@id", id}, {"@type", "case-investigation:InvestigativeAction"}, {"uco-core:name", event.action},
                       {"uco-action:startTime", typed("xsd:dateTime", event.time_utc)},
                       {"uco-action:performer", id_of(person)}, {"uco-action:instrument", id_of(tool)},
                       {"uco-core:description", event.details}};
        auto colon = event.covers.find(':');
        if (colon != std::string::npos && event.covers.substr(0, colon) != "numbers") {
            auto evidence = id_of(node_id("evidence", event.covers.substr(colon + 1)));
            action["uco-action:object"] = json::array({evidence});
            if (event.action.starts_with("ingest")) action["uco-action:result"] = json::array({evidence});
        }
        graph.add(action);
        investigation_objects.push_back(id_of(id));
    }
}

}  // namespace

void write_case_report(casefile::CaseFile& file, std::ostream& out) {
    auto& db = file.db();
    out << "{\n \"@context\": " << kContext.dump() << ",\n \"@graph\": [";
    Graph graph(out);
    json objects = json::array();
    add_evidence(db, graph, objects);
    add_files(db, graph);
    add_actions(db, graph, objects);
    graph.add({{"@id", node_id("investigation", file.info().uid)}, {"@type", "case-investigation:Investigation"},
               {"uco-core:name", file.info().title}, {"uco-core:description", "izshi case " + file.info().uid},
               {"uco-core:object", objects}});
    out << "\n ]\n}\n";
}

}  // namespace izshi::report
