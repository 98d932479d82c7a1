#include "software/rule_set.h"

#include <yara.h>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <mutex>
#include <sstream>
#include <unordered_map>

#include "hashing/multi_hasher.h"

namespace izshi::software {

namespace fs = std::filesystem;

namespace {

constexpr std::array<std::string_view, 4> kStrengths = {"installer", "installed", "configured", "used"};
constexpr std::array<std::string_view, 5> kIndicators = {"path", "content", "pe", "registry", "package"};

void initialise_yara() {
    static std::once_flag once;
    std::call_once(once, [] { yr_initialize(); });
}

// The externals every rule may use; their values are set per artifact by RuleScanner.
void define_externals(YR_COMPILER* compiler) {
    for (const char* name : {"artifact", "filepath", "filename", "extension", "evidence_label"})
        yr_compiler_define_string_variable(compiler, name, "");
    yr_compiler_define_integer_variable(compiler, "file_size", 0);
}

struct CompileErrors {
    std::string file;
    std::vector<RuleProblem> problems;
};

void on_compile_message(int level, const char* file_name, int line, const YR_RULE*, const char* message, void* data) {
    if (level != YARA_ERROR_LEVEL_ERROR) return;
    auto* errors = static_cast<CompileErrors*>(data);
    errors->problems.push_back({file_name ? file_name : errors->file, line, message});
}

std::string meta_string(const YR_RULE* rule, std::string_view key) {
    const YR_META* meta;
    yr_rule_metas_foreach(rule, meta) {
        if (meta->type == META_TYPE_STRING && key == meta->identifier) return meta->string;
    }
    return "";
}

// A reporting rule must say what it found: tool, category and one of the strengths.
std::optional<std::string> missing_meta(const YR_RULE* rule) {
    for (auto key : {"tool", "category", "strength"})
        if (meta_string(rule, key).empty()) return fmt::format("rule {} has no meta '{}'", rule->identifier, key);
    auto strength = meta_string(rule, "strength");
    if (std::find(kStrengths.begin(), kStrengths.end(), strength) == kStrengths.end())
        return fmt::format("rule {}: strength '{}' is not one of installer, installed, configured, used", rule->identifier,
                           strength);
    auto indicator = meta_string(rule, "indicator");
    if (!indicator.empty() && std::find(kIndicators.begin(), kIndicators.end(), indicator) == kIndicators.end())
        return fmt::format("rule {}: indicator '{}' is not one of path, content, pe, registry, package", rule->identifier,
                           indicator);
    return std::nullopt;
}

struct CompilerDeleter {
    void operator()(YR_COMPILER* compiler) const { yr_compiler_destroy(compiler); }
};
using Compiler = std::unique_ptr<YR_COMPILER, CompilerDeleter>;

Compiler new_compiler(CompileErrors* errors) {
    YR_COMPILER* raw = nullptr;
    if (yr_compiler_create(&raw) != ERROR_SUCCESS) return nullptr;
    Compiler compiler(raw);
    yr_compiler_set_callback(raw, on_compile_message, errors);
    define_externals(raw);
    return compiler;
}

// Compiles one file alone first: a file with an error would leave the shared compiler unusable.
std::vector<RuleProblem> check_file(const std::string& name, const std::string& text) {
    CompileErrors errors{name, {}};
    auto compiler = new_compiler(&errors);
    if (!compiler) return {{name, 0, "cannot create a YARA compiler"}};
    if (yr_compiler_add_string(compiler.get(), text.c_str(), nullptr) != 0 || !errors.problems.empty()) {
        for (auto& p : errors.problems) p.file = name;  // add_string knows no file name
        return errors.problems;
    }
    YR_RULES* rules = nullptr;
    if (yr_compiler_get_rules(compiler.get(), &rules) != ERROR_SUCCESS) return {{name, 0, "YARA could not finish the rules"}};
    std::vector<RuleProblem> problems;
    const YR_RULE* rule;
    yr_rules_foreach(rules, rule) {
        if (RULE_IS_PRIVATE(rule)) continue;
        if (auto missing = missing_meta(rule)) problems.push_back({name, 0, *missing});
    }
    yr_rules_destroy(rules);
    return problems;
}

std::vector<std::pair<std::string, std::string>> user_rule_files(const fs::path& dir, std::vector<RuleProblem>& problems) {
    std::vector<std::pair<std::string, std::string>> out;
    std::error_code error;
    if (!fs::is_directory(dir, error)) {
        problems.push_back({dir.string(), 0, "not a folder of rules"});
        return out;
    }
    std::vector<fs::path> paths;
    for (auto it = fs::recursive_directory_iterator(dir, error); !error && it != fs::recursive_directory_iterator(); it.increment(error))
        if (it->is_regular_file() && (it->path().extension() == ".yar" || it->path().extension() == ".yara")) paths.push_back(it->path());
    std::sort(paths.begin(), paths.end());
    for (const auto& path : paths) {
        std::ifstream in(path, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        // The absolute path names the file (and its YARA namespace): never the same as a shipped file's.
        auto name = fs::absolute(path).lexically_normal().string();
        if (!in) problems.push_back({name, 0, "cannot read"});
        else out.emplace_back(name, text.str());
    }
    return out;
}

// Whether a rule file imports a module ("import \"pe\"").
bool imports_module(const std::string& text) {
    for (size_t at = text.find("import"); at != std::string::npos; at = text.find("import", at + 1)) {
        auto line = text.rfind('\n', at);
        line = line == std::string::npos ? 0 : line + 1;
        bool line_start = text.find_first_not_of(" \t", line) == at;
        auto rest = text.find_first_not_of(" \t", at + 6);
        if (line_start && rest != std::string::npos && text[rest] == '"') return true;
    }
    return false;
}

void collect_rules(YR_RULES* compiled, std::vector<RuleInfo>& out) {
    const YR_RULE* rule;
    yr_rules_foreach(compiled, rule) {
        if (RULE_IS_PRIVATE(rule)) continue;
        out.push_back({rule->identifier, rule->ns->name, meta_string(rule, "tool"), meta_string(rule, "category"),
                       meta_string(rule, "strength"), meta_string(rule, "indicator"), meta_string(rule, "reference")});
    }
}

}  // namespace

Expected<std::shared_ptr<const RuleSet>> RuleSet::load(const std::vector<fs::path>& user_dirs,
                                                       std::vector<RuleProblem>& problems) {
    initialise_yara();
    auto files = shipped_rules();
    for (const auto& dir : user_dirs) {
        auto more = user_rule_files(dir, problems);
        files.insert(files.end(), more.begin(), more.end());
    }
    CompileErrors errors;
    Compiler plain = new_compiler(&errors), modules = new_compiler(&errors);
    if (!plain || !modules) return fail(ErrorKind::input, "cannot create a YARA compiler");
    bool any_module = false;
    hashing::MultiHasher digest({hashing::Algorithm::sha256});
    for (const auto& [name, text] : files) {
        auto found = check_file(name, text);
        if (!found.empty()) {
            problems.insert(problems.end(), found.begin(), found.end());
            continue;
        }
        // One namespace per file: two files may use the same rule name.
        errors.file = name;
        bool module = imports_module(text);
        any_module |= module;
        if (yr_compiler_add_string((module ? modules : plain).get(), text.c_str(), name.c_str()) != 0)
            return fail(ErrorKind::input, name + ": compiled alone but not with the others");
        digest.update(name);
        digest.update(text);
    }
    std::shared_ptr<RuleSet> set(new RuleSet());
    if (yr_compiler_get_rules(plain.get(), &set->compiled_) != ERROR_SUCCESS ||
        (any_module && yr_compiler_get_rules(modules.get(), &set->with_modules_) != ERROR_SUCCESS))
        return fail(ErrorKind::input, "YARA could not finish the rules");
    collect_rules(set->compiled_, set->rules_);
    if (set->with_modules_) collect_rules(set->with_modules_, set->rules_);
    set->digest_ = digest.finish().front();
    return std::shared_ptr<const RuleSet>(std::move(set));
}

RuleSet::~RuleSet() {
    if (compiled_) yr_rules_destroy(compiled_);
    if (with_modules_) yr_rules_destroy(with_modules_);
}

const RuleInfo* RuleSet::info(const YR_RULE* rule) const {
    for (const auto& r : rules_)
        if (r.name == rule->identifier && r.source == rule->ns->name) return &r;
    return nullptr;
}

namespace {

struct ScanState {
    const RuleSet* rules;
    std::vector<RuleMatch>* matches;
};

int on_scan_message(YR_SCAN_CONTEXT* context, int message, void* data, void* user_data) {
    if (message != CALLBACK_MSG_RULE_MATCHING) return CALLBACK_CONTINUE;
    auto* state = static_cast<ScanState*>(user_data);
    auto* rule = static_cast<YR_RULE*>(data);
    const RuleInfo* info = state->rules->info(rule);
    if (!info) return CALLBACK_CONTINUE;
    RuleMatch match{info, {}};
    const YR_STRING* string;
    yr_rule_strings_foreach(rule, string) {
        const YR_MATCH* hit;
        yr_string_matches_foreach(context, string, hit) {
            match.strings.emplace_back(string->identifier);
            break;
        }
    }
    state->matches->push_back(std::move(match));
    return CALLBACK_CONTINUE;
}

}  // namespace

namespace {

YR_SCANNER* new_scanner(YR_RULES* rules) {
    YR_SCANNER* scanner = nullptr;
    if (!rules || yr_scanner_create(rules, &scanner) != ERROR_SUCCESS) return nullptr;
    yr_scanner_set_timeout(scanner, 30);
    // Only matching rules call back; which strings matched is enough (no need to find every match).
    yr_scanner_set_flags(scanner, SCAN_FLAGS_REPORT_RULES_MATCHING | SCAN_FLAGS_FAST_MODE);
    return scanner;
}

// YARA's result: ERROR_SUCCESS, or why the scan stopped (a timeout, too many matches).
int run_scanner(YR_SCANNER* scanner, const Artifact& artifact, std::span<const unsigned char> content, ScanState& state) {
    if (!scanner) return ERROR_SUCCESS;
    yr_scanner_define_string_variable(scanner, "artifact", artifact.kind.c_str());
    yr_scanner_define_string_variable(scanner, "filepath", artifact.path.c_str());
    yr_scanner_define_string_variable(scanner, "filename", artifact.name.c_str());
    yr_scanner_define_string_variable(scanner, "extension", artifact.extension.c_str());
    yr_scanner_define_string_variable(scanner, "evidence_label", artifact.evidence_label.c_str());
    yr_scanner_define_integer_variable(scanner, "file_size", artifact.size);
    yr_scanner_set_callback(scanner, on_scan_message, &state);
    static const uint8_t nothing = 0;
    return yr_scanner_scan_mem(scanner, content.empty() ? &nothing : content.data(), content.size());
}

}  // namespace

RuleScanner::RuleScanner(std::shared_ptr<const RuleSet> rules)
    : rules_(std::move(rules)), scanner_(new_scanner(rules_->compiled())),
      module_scanner_(new_scanner(rules_->compiled_with_modules())) {}

RuleScanner::~RuleScanner() {
    if (scanner_) yr_scanner_destroy(scanner_);
    if (module_scanner_) yr_scanner_destroy(module_scanner_);
}

std::vector<RuleMatch> RuleScanner::scan(const Artifact& artifact, std::span<const unsigned char> content) {
    matches_.clear();
    problem_.clear();
    ScanState state{rules_.get(), &matches_};
    int result = run_scanner(scanner_, artifact, content, state);
    if (result == ERROR_SUCCESS && !content.empty()) result = run_scanner(module_scanner_, artifact, content, state);
    if (result == ERROR_SCAN_TIMEOUT) problem_ = "the rules did not finish within 30 s: some may not have been tried";
    else if (result != ERROR_SUCCESS) problem_ = fmt::format("YARA stopped the scan (error {})", result);
    return matches_;
}

}  // namespace izshi::software
