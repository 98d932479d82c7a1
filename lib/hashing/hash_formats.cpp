#include "hashing/hash_formats.h"

#include <fmt/format.h>

#include "core/text.h"

namespace izshi::hashing {

Expected<OutputFormat> parse_output_format(std::string_view name) {
    if (name == "hashdeep") return OutputFormat::hashdeep;
    if (name == "sum") return OutputFormat::sum;
    if (name == "json") return OutputFormat::json;
    if (name == "dfxml") return OutputFormat::dfxml;
    return fail(ErrorKind::usage, "unknown output format '" + std::string(name) + "' (hashdeep, sum, json, dfxml)");
}

std::string hashdeep_column(Algorithm algorithm) { return std::string(algorithm_name(algorithm)); }

LineName escape_line_name(std::string_view name, std::string_view must_escape) {
    if (name.find_first_of(must_escape) == std::string_view::npos) return {std::string(name), false};
    LineName out{{}, true};
    for (char c : name) {
        if (c == '\\') out.text += "\\\\";
        else if (c == '\n') out.text += "\\n";
        else if (c == '\r') out.text += "\\r";
        else out.text.push_back(c);
    }
    return out;
}

std::optional<std::string> unescape_line_name(std::string_view text) {
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\\') {
            out.push_back(text[i]);
            continue;
        }
        if (++i == text.size()) return std::nullopt;
        switch (text[i]) {
        case '\\': out.push_back('\\'); break;
        case 'n': out.push_back('\n'); break;
        case 'r': out.push_back('\r'); break;
        default: return std::nullopt;
        }
    }
    return out;
}

namespace {

// hashdeep-1.0: a header naming the columns, then size,digest...,name. hashdeep itself splits on
// the first commas only, so commas and quotes in names need no escape; a name with a new line
// cannot be read by hashdeep at all, and gets the coreutils escape so that izshi can.
class HashdeepWriter : public HashWriter {
public:
    HashdeepWriter(std::ostream& out, const RunDescription& run) : out_(out), run_(run) {}
    void begin() override {
        out_ << "%%%% HASHDEEP-1.0\n%%%% size";
        for (auto algorithm : run_.algorithms) out_ << ',' << hashdeep_column(algorithm);
        out_ << ",filename\n## Invoked from: " << run_.invoked_from << "\n## $ " << run_.command_line << "\n## \n";
    }
    void file(const FileHash& hashed) override {
        auto name = escape_line_name(hashed.target->name, "\n\r");
        if (name.escaped) out_ << '\\';
        out_ << hashed.size;
        for (const auto& hex : hashed.hex) out_ << ',' << hex;
        out_ << ',' << name.text << '\n';
    }

private:
    std::ostream& out_;
    const RunDescription& run_;
};

// `sha256sum` style: "digest  name", escaped as coreutils 9 does for \, new line and CR.
class SumWriter : public HashWriter {
public:
    explicit SumWriter(std::ostream& out) : out_(out) {}
    void file(const FileHash& hashed) override {
        auto name = escape_line_name(hashed.target->name, "\\\n\r");
        out_ << (name.escaped ? "\\" : "") << hashed.hex.front() << "  " << name.text << '\n';
    }

private:
    std::ostream& out_;
};

class JsonWriter : public HashWriter {
public:
    JsonWriter(std::ostream& out, const RunDescription& run) : out_(out), run_(run) {}
    void begin() override {
        std::vector<std::string> names;
        for (auto algorithm : run_.algorithms) names.emplace_back(algorithm_name(algorithm));
        out_ << fmt::format("{{\"tool\":\"izshi\",\"version\":{},\"started\":{},\"algorithms\":{},\"files\":[",
                            json_quote(IZSHI_VERSION), json_quote(run_.started_utc), json_string_array(names));
    }
    void file(const FileHash& hashed) override {
        const auto& name = hashed.target->name;
        out_ << (files_++ ? ",\n" : "\n") << "{\"path\":" << json_quote(name);
        // JSON strings are Unicode: a name that is not valid UTF-8 also gets its exact bytes.
        if (!is_valid_utf8(name))
            out_ << ",\"path_bytes\":\"" << to_hex(std::span(reinterpret_cast<const unsigned char*>(name.data()), name.size()))
                 << '"';
        out_ << ",\"size\":" << hashed.size;
        for (size_t i = 0; i < run_.algorithms.size(); ++i)
            out_ << ",\"" << algorithm_name(run_.algorithms[i]) << "\":\"" << hashed.hex[i] << '"';
        out_ << '}';
    }
    void problem(const Error& error) override { problems_.push_back(error.message); }
    void end() override {
        out_ << "\n],\"errors\":" << json_string_array(problems_) << ",\"summary\":{\"files\":" << files_
             << ",\"errors\":" << problems_.size() << "}}\n";
    }

private:
    std::ostream& out_;
    const RunDescription& run_;
    size_t files_ = 0;
    std::vector<std::string> problems_;
};

// DFXML 1.2 as fiwalk and hashdeep -d write it: one fileobject per file.
class DfxmlWriter : public HashWriter {
public:
    DfxmlWriter(std::ostream& out, const RunDescription& run) : out_(out), run_(run) {}
    void begin() override {
        out_ << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                "<dfxml xmloutputversion=\"1.2.0\" version=\"1.2.0\"\n"
                "       xmlns=\"http://www.forensicswiki.org/wiki/Category:Digital_Forensics_XML\"\n"
                "       xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
                "  <metadata>\n    <dc:type>Hash List</dc:type>\n  </metadata>\n"
                "  <creator version=\"1.0\">\n    <program>izshi</program>\n    <version>"
             << IZSHI_VERSION << "</version>\n    <execution_environment>\n      <cwd>" << xml_escape(run_.invoked_from)
             << "</cwd>\n      <command_line>" << xml_escape(run_.command_line) << "</command_line>\n      <start_time>"
             << run_.started_utc << "</start_time>\n    </execution_environment>\n  </creator>\n";
    }
    void file(const FileHash& hashed) override {
        out_ << "  <fileobject>\n    <filename>" << xml_escape(hashed.target->name) << "</filename>\n    <filesize>"
             << hashed.size << "</filesize>\n";
        for (size_t i = 0; i < run_.algorithms.size(); ++i)
            out_ << "    <hashdigest type=\"" << algorithm_name(run_.algorithms[i]) << "\">" << hashed.hex[i]
                 << "</hashdigest>\n";
        out_ << "  </fileobject>\n";
    }
    void end() override { out_ << "</dfxml>\n"; }

private:
    std::ostream& out_;
    const RunDescription& run_;
};

}  // namespace

std::unique_ptr<HashWriter> make_hash_writer(OutputFormat format, std::ostream& out, const RunDescription& run) {
    switch (format) {
    case OutputFormat::hashdeep: return std::make_unique<HashdeepWriter>(out, run);
    case OutputFormat::sum: return std::make_unique<SumWriter>(out);
    case OutputFormat::json: return std::make_unique<JsonWriter>(out, run);
    case OutputFormat::dfxml: return std::make_unique<DfxmlWriter>(out, run);
    }
    return nullptr;
}

}  // namespace izshi::hashing
