// Writes seed inputs for fuzz_schema from JSON-Schema-Test-Suite files: one file per test,
// "SCHEMA\0INSTANCE". Usage: fuzz_schema_seeds OUTDIR SUITE_FILE...
#include <fstream>
#include <iostream>
#include <string>

#include "base/files.h"
#include "json/parse.h"

int main(int argc, char** argv) {
    using namespace timeline;
    if (argc < 2) {
        std::cerr << "usage: fuzz_schema_seeds OUTDIR SUITE_FILE...\n";
        return 2;
    }
    const std::string out = argv[1];
    int written = 0;
    for (int k = 2; k < argc; ++k) {
        Diagnostics diags;
        const auto text = read_file(argv[k], diags);
        json::ParseLimits limits;
        limits.big_integers = json::BigIntegers::as_double;
        const auto doc = text ? json::parse(*text, argv[k], diags, limits) : std::nullopt;
        if (!doc || !doc->value().is_array()) continue;
        const json::Value groups = doc->value();
        for (std::size_t g = 0; g < groups.size(); ++g) {
            const json::Value group = groups.item(g);
            if (!group.is_object() || !group.has("schema") || !group.find("tests").is_array()) continue;
            const std::string schema = json::to_text(group.find("schema"));
            const json::Value tests = group.find("tests");
            for (std::size_t t = 0; t < tests.size(); ++t) {
                const json::Value test = tests.item(t);
                if (!test.is_object() || !test.has("data")) continue;
                std::ofstream(out + "/suite-" + std::to_string(written++), std::ios::binary)
                    << schema << '\0' << json::to_text(test.find("data"));
            }
        }
    }
    std::cout << written << " seeds\n";
    return 0;
}
