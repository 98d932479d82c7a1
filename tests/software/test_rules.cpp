// The shipped rule set, rule by rule: every rule has at least one positive and one negative vector
// in rule-vectors.tsv, and each vector gives what it says. Vectors name a path and, for content
// rules, content: text, a PE built here with version information, or a zip.
#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>

#include "core/text.h"
#include "software/rule_set.h"
#include "software/support_pe.h"
#include "support/support.h"
#include "synth/zip_writer.h"

namespace fs = std::filesystem;
using namespace izshi::software;

namespace {

struct Vector {
    std::string rule;
    bool match = false;
    std::string artifact, filepath, content;
    int line = 0;
};

std::vector<Vector> vectors() {
    std::ifstream in(fs::path(IZSHI_SOURCE_DIR) / "tests/software/rule-vectors.tsv");
    std::vector<Vector> out;
    int line_number = 0;
    for (std::string line; std::getline(in, line);) {
        ++line_number;
        if (line.empty() || line[0] == '#') continue;
        std::vector<std::string> fields;
        std::istringstream parts(line);
        for (std::string field; std::getline(parts, field, '\t');) fields.push_back(field);
        fields.resize(5);
        out.push_back({fields[0], fields[1] == "match", fields[2], fields[3], fields[4], line_number});
    }
    return out;
}

std::string unescape(std::string_view text) {
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\\' || i + 1 == text.size()) {
            out += text[i];
            continue;
        }
        char next = text[++i];
        if (next == 'n') out += '\n';
        else if (next == 'r') out += '\r';
        else if (next == 't') out += '\t';
        else if (next == '\\') out += '\\';
        else if (next == 'x' && i + 2 < text.size()) {
            out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
            i += 2;
        } else {
            out += '\\';
            out += next;
        }
    }
    return out;
}

// "text:...", "pe:Key=Value|Key=Value", "zip:member=text" -> the bytes.
std::string content_of(const std::string& spec, const fs::path& work) {
    if (spec.empty()) return "";
    auto colon = spec.find(':');
    auto kind = spec.substr(0, colon), rest = spec.substr(colon + 1);
    if (kind == "text") return unescape(rest);
    if (kind == "pe") {
        std::map<std::string, std::string> strings;
        std::istringstream pairs(rest);
        for (std::string pair; std::getline(pairs, pair, '|');) strings[pair.substr(0, pair.find('='))] = pair.substr(pair.find('=') + 1);
        return izshi::test::read_file(izshi::test::windows_program(strings));
    }
    auto equals = rest.find('=');
    auto zip = work / "vector.zip";
    REQUIRE(izshi::synth::write_zip(zip, {{rest.substr(0, equals), rest.substr(equals + 1)}}, izshi::synth::ZipCompression::store));
    return izshi::test::read_file(zip);
}

std::set<std::string> matched_rules(RuleScanner& scanner, const Vector& v, const std::string& content) {
    Artifact artifact;
    artifact.kind = v.artifact;
    artifact.path = v.filepath;
    auto slash = v.filepath.find_last_of(v.artifact == "registry" ? "\\" : "/");
    artifact.name = slash == std::string::npos ? v.filepath : v.filepath.substr(slash + 1);
    artifact.extension = v.artifact == "file" ? izshi::lower_extension(artifact.name) : "";
    artifact.size = static_cast<int64_t>(content.size());
    std::set<std::string> names;
    for (const auto& match : scanner.scan(artifact, std::span(reinterpret_cast<const unsigned char*>(content.data()), content.size())))
        names.insert(match.rule->name);
    return names;
}

}  // namespace

TEST_CASE("every shipped rule has a positive and a negative vector, and each vector holds", "[software][rules]") {
    std::vector<RuleProblem> problems;
    auto rules = RuleSet::load({}, problems);
    REQUIRE(rules);
    CHECK(problems.empty());
    REQUIRE((*rules)->rules().size() >= 40);
    izshi::test::TempDir work("rule-vectors");
    RuleScanner scanner(*rules);
    std::map<std::string, std::pair<int, int>> tested;  // rule -> (positives, negatives)
    std::set<std::string> names;
    for (const auto& rule : (*rules)->rules()) names.insert(rule.name);
    for (const auto& v : vectors()) {
        INFO("rule-vectors.tsv line " << v.line << ": " << v.rule << " " << v.filepath);
        REQUIRE(names.count(v.rule) == 1);  // a vector for a rule that does not exist is a broken line
        auto found = matched_rules(scanner, v, content_of(v.content, work.path()));
        CHECK(found.count(v.rule) == (v.match ? 1u : 0u));
        (v.match ? tested[v.rule].first : tested[v.rule].second)++;
    }
    for (const auto& rule : (*rules)->rules()) {
        INFO(rule.name << " (" << rule.source << ")");
        CHECK(tested[rule.name].first >= 1);
        CHECK(tested[rule.name].second >= 1);
        CHECK_FALSE(rule.reference.empty());
    }
}

TEST_CASE("a user rule folder is loaded beside the shipped rules; a broken file is named with its line, the rest run",
          "[software][rules]") {
    izshi::test::TempDir dir("user-rules");
    izshi::test::write_file(dir / "mine/good.yar",
                            "rule our_callcenter_crm {\n  meta:\n    tool = \"CallCRM\" category = \"call-center CRM\" "
                            "strength = \"installed\" reference = \"case 17 notes\"\n  condition:\n"
                            "    artifact == \"file\" and filename == \"callcrm.exe\"\n}\n");
    izshi::test::write_file(dir / "mine/broken.yar", "rule broken {\n  condition:\n    filename ==\n}\n");
    izshi::test::write_file(dir / "mine/no_meta.yara", "rule no_meta { condition: true }\n");
    izshi::test::write_file(dir / "mine/bad_kind.yar",
                            "rule bad_kind { meta: tool = \"X\" category = \"c\" strength = \"used\" indicator = \"filename\" "
                            "condition: false }\n");
    // A file named like a shipped one is a file of its own (its own namespace), not a clash.
    izshi::test::write_file(dir / "mine/rules/voxal.yar",
                            "rule voxal_driver { meta: tool = \"Voxal (ours)\" category = \"voice changer\" "
                            "strength = \"installed\" condition: filename == \"voxal-ours.exe\" }\n");
    std::vector<RuleProblem> problems;
    auto rules = RuleSet::load({dir / "mine"}, problems);
    REQUIRE(rules);
    REQUIRE(problems.size() == 3);
    CHECK(problems[0].file.ends_with("bad_kind.yar"));
    CHECK(problems[0].message.find("indicator 'filename'") != std::string::npos);
    CHECK(problems[1].file.ends_with("broken.yar"));
    CHECK(problems[1].line == 4);
    CHECK(problems[2].file.ends_with("no_meta.yara"));
    CHECK(problems[2].message.find("meta 'tool'") != std::string::npos);
    RuleScanner scanner(*rules);
    Artifact crm{"file", "Program Files/CallCRM/callcrm.exe", "callcrm.exe", "exe", 10, "laptop"};
    auto matches = scanner.scan(crm, {});
    REQUIRE(matches.size() == 1);
    CHECK(matches[0].rule->tool == "CallCRM");
    Artifact voicemod{"file", "Program Files/Voicemod Desktop/VoicemodDesktop.exe", "VoicemodDesktop.exe", "exe", 10, ""};
    CHECK(scanner.scan(voicemod, {}).size() == 1);  // the shipped rules still run
    Artifact ours{"file", "tools/voxal-ours.exe", "voxal-ours.exe", "exe", 10, ""};
    auto our_matches = scanner.scan(ours, {});
    REQUIRE(our_matches.size() == 1);
    CHECK(our_matches[0].rule->tool == "Voxal (ours)");
}
