// The JSON Schema validator (src/schema/validator.h): input "SCHEMA\0INSTANCE" (a NUL cannot
// occur in JSON text). Properties: validate() finds errors exactly when is_valid() is false;
// every pattern the validator accepted is one ICU accepts (Match::error would be a bug of
// the translation).
#include <algorithm>

#include "fuzz.h"
#include "json/parse.h"
#include "schema/validator.h"

using namespace timeline;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view in = fuzz::input(data, size);
    const std::size_t nul = in.find('\0');
    const std::string_view schema_text = in.substr(0, nul);
    const std::string_view instance_text = nul == std::string_view::npos ? std::string_view("null") : in.substr(nul + 1);
    json::ParseLimits limits;
    limits.big_integers = json::BigIntegers::as_double;
    limits.max_depth = 64;
    Diagnostics diags;
    const auto schema_doc = json::parse(schema_text, "schema.json", diags, limits);
    if (!schema_doc || diags.has_errors()) return 0;
    schema::SchemaRegistry registry;
    std::vector<std::string> problems;
    const auto validator = schema::Validator::compile(schema_doc->tree(), "file:///fuzz/schema.json", registry, problems);
    if (!validator) {
        FUZZ_CHECK(!problems.empty());
        return 0;
    }
    const auto instance = json::parse(instance_text, "instance.json", diags, limits);
    if (!instance || diags.has_errors()) return 0;
    const auto errors = validator->validate(instance->value());
    FUZZ_CHECK(errors.empty() == validator->is_valid(instance->value()));
    for (const auto& e : errors) {
        FUZZ_CHECK(!e.message.empty());
        FUZZ_CHECK(!(e.keyword == schema::kUncheckedPattern &&
                     e.message.find("engine refused the pattern") != std::string::npos));
    }
    return 0;
}
