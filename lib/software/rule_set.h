#pragma once
// Detection rules as data (SPEC §6): YARA rules, the shipped set (rules/ in the source tree, built
// into the binary) plus the examiner's own (--rules DIR). Every rule sees an artifact: a file of the
// evidence (its path, and its content when read), a registry key, or an Android package, through
// external variables, and says in its metadata which tool it points to and how strongly.
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/error.h"

// libyara's types, without its header (its macros clash with other headers).
struct YR_RULES;
struct YR_RULE;
struct YR_SCAN_CONTEXT;

namespace izshi::software {

// What a rule says of what it found (its `meta:` section, docs/software.md).
struct RuleInfo {
    std::string name;       // the rule's identifier
    std::string source;     // the file it came from ("rules/voicemod.yar", "/cases/my-rules/x.yar")
    std::string tool;       // "Voicemod"
    std::string category;   // "voice changer", "AI voice conversion", "face swap", "softphone", ...
    std::string strength;   // installer, installed, configured, used
    std::string indicator;  // path, content, pe, registry, package (meta "indicator"; default from the artifact)
    std::string reference;  // where the indicator is documented
};

// A rule file that did not compile: skipped, the others are used.
struct RuleProblem {
    std::string file;
    int line = 0;
    std::string message;
};

// The thing a rule is run against. Externals: artifact ("file", "registry", "package"), filepath,
// filename, extension (lower case, no dot), file_size, evidence_label.
struct Artifact {
    std::string kind = "file";
    std::string path;        // '/'-separated inside the evidence; the key path; the package name
    std::string name;
    std::string extension;
    int64_t size = 0;
    std::string evidence_label;
};

struct RuleMatch {
    const RuleInfo* rule = nullptr;
    std::vector<std::string> strings;  // identifiers of the strings that matched ("$magic")
};

class RuleSet {
public:
    // The shipped rules, then every *.yar and *.yara file under each of 'user_dirs' (sorted by path).
    // A file that does not compile is named in 'problems' with its line and left out. Files that
    // import a module (pe, hash, math, ...) are kept apart: YARA builds a module's objects on every
    // scan, too dear for judging a path, so those rules run only when content is given.
    static Expected<std::shared_ptr<const RuleSet>> load(const std::vector<std::filesystem::path>& user_dirs,
                                                         std::vector<RuleProblem>& problems);
    ~RuleSet();

    const std::vector<RuleInfo>& rules() const { return rules_; }
    // SHA-256 over every rule file used (name and text), so a scan knows when the rules changed.
    const std::string& digest() const { return digest_; }
    ::YR_RULES* compiled() const { return compiled_; }
    ::YR_RULES* compiled_with_modules() const { return with_modules_; }
    const RuleInfo* info(const ::YR_RULE* rule) const;

private:
    RuleSet() = default;
    ::YR_RULES* compiled_ = nullptr;
    ::YR_RULES* with_modules_ = nullptr;
    std::vector<RuleInfo> rules_;
    std::string digest_;
};

// Runs a rule set over artifacts; one per thread (a YARA scanner is not shared).
class RuleScanner {
public:
    explicit RuleScanner(std::shared_ptr<const RuleSet> rules);
    ~RuleScanner();
    RuleScanner(const RuleScanner&) = delete;
    RuleScanner& operator=(const RuleScanner&) = delete;

    // The rules that match the artifact with this content (empty: its path and name alone, and the
    // rules of files that import a module are not run).
    std::vector<RuleMatch> scan(const Artifact& artifact, std::span<const unsigned char> content);
    // Why the last scan did not run every rule to the end; "" when it did.
    const std::string& problem() const { return problem_; }

private:
    std::shared_ptr<const RuleSet> rules_;
    ::YR_SCAN_CONTEXT* scanner_ = nullptr;  // a YR_SCANNER over compiled()
    ::YR_SCAN_CONTEXT* module_scanner_ = nullptr;  // over compiled_with_modules(), when there are such rules
    std::vector<RuleMatch> matches_;
    std::string problem_;
};

// The shipped rule files, built into the binary from rules/ (name, text).
const std::vector<std::pair<std::string, std::string>>& shipped_rules();

}  // namespace izshi::software
