// Writes seed inputs for fuzz_schema from JSON-Schema-Test-Suite files: one file per test,
// "SCHEMA\0INSTANCE". Usage: fuzz_schema_seeds OUTDIR SUITE_FILE...
#include <fstream>
#include <iostream>
#include <string>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "base/files.h"
#include "json/parse.h"

int main(int argc, char** argv) {
    using namespace timeline;
    using Poco::JSON::Array;
    using Poco::JSON::Object;
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
        if (!doc || doc->root().type() != typeid(Array::Ptr)) continue;
        const auto groups = doc->root().extract<Array::Ptr>();
        for (std::size_t g = 0; g < groups->size(); ++g) {
            const auto group = groups->getObject(static_cast<unsigned>(g));
            if (!group || !group->has("schema") || !group->isArray("tests")) continue;
            const std::string schema = json::to_string(group->get("schema"));
            const auto tests = group->getArray("tests");
            for (std::size_t t = 0; t < tests->size(); ++t) {
                const auto test = tests->getObject(static_cast<unsigned>(t));
                if (!test || !test->has("data")) continue;
                std::ofstream(out + "/suite-" + std::to_string(written++), std::ios::binary)
                    << schema << '\0' << json::to_string(test->get("data"));
            }
        }
    }
    std::cout << written << " seeds\n";
    return 0;
}
