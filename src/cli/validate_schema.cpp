#include "cli/validate_schema.h"

#include <filesystem>

#include "base/files.h"
#include "json/parse.h"
#include "builtin/schemas.h"
#include "schema/validator.h"

namespace timeline::cli {
namespace {

std::optional<json::Document> read_json(const std::string& file, Diagnostics& diags) {
    const auto text = read_file(file, diags);
    if (!text) return std::nullopt;
    json::ParseLimits limits;
    limits.big_integers = json::BigIntegers::as_double;  // any JSON, not only data sets
    const std::size_t before = diags.count(Severity::error);
    auto doc = json::parse(*text, file, diags, limits);
    if (diags.count(Severity::error) != before) return std::nullopt;
    return doc;
}

}  // namespace

void validate_against_schema(const std::string& schema_file, const std::vector<std::string>& instances,
                             Diagnostics& diags) {
    namespace fs = std::filesystem;
    const auto schema_doc = read_json(schema_file, diags);
    if (!schema_doc) return;
    std::error_code ec;
    const fs::path abs = fs::absolute(schema_file, ec);
    schema::SchemaRegistry registry;
    // Sibling schema files are found by relative "$ref"s such as "common.schema.json#/x".
    const std::string dir_uri = schema::SchemaRegistry::file_uri(abs.parent_path().string()) + "/";
    registry.map_directory(dir_uri, abs.parent_path().string());
    std::vector<std::string> errors;
    const auto validator =
        schema::Validator::compile(schema_doc->tree(), schema::SchemaRegistry::file_uri(abs.string()), registry, errors);
    if (!validator) {
        for (const auto& e : errors) diags.error("schema-invalid", "invalid schema: " + e, schema_file);
        return;
    }
    for (const auto& file : instances) {
        const auto doc = read_json(file, diags);
        if (!doc) continue;
        for (const auto& e : validator->validate(doc->value())) {
            const SourcePos pos = at_member_name(e.keyword) ? doc->key_position(e.instance_pointer) : doc->position(e.instance_pointer);
            diags.add({Severity::error, schema_code(e.keyword), file, pos, e.instance_pointer, {}, e.message});
        }
    }
}

}  // namespace timeline::cli
