// Runs the JSON Schema test suite (draft-07) against timeline::schema::Validator.
//
//   schema_suite [SUITE_DIR] [-v]
//
// Prints one line per file ("PASS  ref.json  27/27"), the descriptions of failing tests,
// the files skipped with the reason, then "schema suite: N passed, M failed, K skipped".
// Exits 1 when a test of a required file (tests/draft7/*.json) fails, 2 when the suite
// cannot be read. Remote references to http://localhost:1234/ are served from the suite's
// remotes/ directory through the registry; nothing goes to the network.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/files.h"
#include "json/parse.h"
#include "schema/validator.h"

namespace fs = std::filesystem;
using timeline::json::Value;
using timeline::schema::SchemaRegistry;
using timeline::schema::Validator;

namespace {

// Optional files that are not run, with the reason.
const std::map<std::string, std::string> kSkipped = {
    {"optional/content.json",
     "contentMediaType and contentEncoding are annotations in draft-07 and are not asserted"},
    {"optional/format/idn-hostname.json",
     "format \"idn-hostname\" is not checked (it needs the IDNA2008 code point tables)"},
};

std::optional<timeline::json::Document> load_json(const std::string& path, std::string& error) {
    timeline::Diagnostics diags;
    const std::optional<std::string> text = timeline::read_file(path, diags);
    if (!text) {
        error = "cannot read " + path;
        return std::nullopt;
    }
    timeline::json::ParseLimits limits;
    limits.big_integers = timeline::json::BigIntegers::as_double;
    std::optional<timeline::json::Document> doc = timeline::json::parse(*text, path, diags, limits);
    if (!doc || diags.has_errors()) {
        error = path + ": " + (diags.empty() ? std::string("not JSON") : timeline::format_text(diags.items().front()));
        return std::nullopt;
    }
    return doc;
}

std::string get_string(Value o, const std::string& key) {
    const Value v = o.find(key);
    return v.is_string() ? std::string(v.str()) : std::string();
}

struct FileResult {
    int passed = 0;
    int failed = 0;
    std::vector<std::string> failures;
};

FileResult run_file(const std::string& path, const std::string& remotes, bool verbose) {
    FileResult result;
    std::string error;
    const std::optional<timeline::json::Document> root = load_json(path, error);
    const Value groups = root ? root->value() : Value();
    if (!groups.is_array()) {
        result.failed = 1;
        result.failures.push_back(error.empty() ? "the file is not an array of test groups" : error);
        return result;
    }
    for (std::size_t g = 0; g < groups.size(); ++g) {
        const Value group = groups.item(g);
        if (!group.is_object()) continue;
        const std::string group_name = get_string(group, "description");
        const Value tests = group.find("tests");
        if (!tests.is_array()) continue;

        SchemaRegistry registry;
        registry.map_directory("http://localhost:1234/", remotes);
        std::vector<std::string> schema_errors;
        const std::optional<Validator> validator = Validator::compile(timeline::json::copy_of(group.find("schema")), "", registry, schema_errors);

        for (std::size_t t = 0; t < tests.size(); ++t) {
            const Value test = tests.item(t);
            if (!test.is_object()) continue;
            const std::string name = group_name + " / " + get_string(test, "description");
            if (!validator) {
                ++result.failed;
                result.failures.push_back(name + ": schema not compiled: " +
                                          (schema_errors.empty() ? std::string("?") : schema_errors.front()));
                continue;
            }
            const bool expected = test.find("valid").boolean();
            const Value data = test.find("data");
            const std::vector<timeline::schema::Error> errors = validator->validate(data);
            const bool valid = errors.empty();
            const bool quick = validator->is_valid(data);
            if (valid == expected && quick == valid) {
                ++result.passed;
                if (verbose && !errors.empty())
                    for (const auto& e : errors)
                        std::cout << "      . " << name << ": " << e.instance_pointer << " [" << e.keyword << "] " << e.message << "\n";
                continue;
            }
            ++result.failed;
            std::string why = expected ? "expected valid, got: " : "expected invalid, got valid";
            if (expected && !errors.empty()) why += errors.front().message;
            if (quick != valid) why += " (is_valid disagrees with validate)";
            result.failures.push_back(name + ": " + why);
        }
    }
    return result;
}

}  // namespace

int main(int argc, char** argv) {
    std::string suite = TL_SCHEMA_SUITE_DIR;
    bool verbose = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "-v") verbose = true;
        else suite = arg;
    }
    const fs::path tests = fs::path(suite) / "tests" / "draft7";
    const std::string remotes = (fs::path(suite) / "remotes").string();
    if (!fs::is_directory(tests)) {
        std::cerr << "schema_suite: " << tests.string()
                  << " not found (install the Debian package json-schema-test-suite)\n";
        return 2;
    }

    std::vector<std::string> files;  // relative to tests/draft7
    for (const auto& entry : fs::recursive_directory_iterator(tests))
        if (entry.is_regular_file() && entry.path().extension() == ".json")
            files.push_back(fs::relative(entry.path(), tests).generic_string());
    std::sort(files.begin(), files.end(), [](const std::string& a, const std::string& b) {
        const bool oa = a.rfind("optional/", 0) == 0;
        const bool ob = b.rfind("optional/", 0) == 0;
        return oa != ob ? ob : a < b;
    });

    int passed = 0;
    int failed = 0;
    int skipped = 0;
    int required_failed = 0;
    std::vector<std::string> skip_lines;
    for (const std::string& file : files) {
        const std::string path = (tests / file).string();
        if (auto it = kSkipped.find(file); it != kSkipped.end()) {
            std::string error;
            int count = 0;
            if (const std::optional<timeline::json::Document> root = load_json(path, error))
                for (std::size_t g = 0; g < root->value().size(); ++g)
                    if (const Value t = root->value().item(g).find("tests"); t.is_array()) count += static_cast<int>(t.size());
            skipped += count;
            std::printf("SKIP  %s  %d tests: %s\n", file.c_str(), count, it->second.c_str());
            continue;
        }
        const FileResult r = run_file(path, remotes, verbose);
        passed += r.passed;
        failed += r.failed;
        if (file.rfind("optional/", 0) != 0) required_failed += r.failed;
        std::printf("%s  %s  %d/%d\n", r.failed ? "FAIL" : "PASS", file.c_str(), r.passed, r.passed + r.failed);
        for (const std::string& f : r.failures) std::printf("      - %s\n", f.c_str());
    }
    std::printf("schema suite: %d passed, %d failed, %d skipped\n", passed, failed, skipped);
    return required_failed ? 1 : 0;
}
