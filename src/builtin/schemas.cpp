#include "builtin/schemas.h"

#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>

#include "builtin/embedded_schemas.h"
#include "json/parse.h"
#include "schema/validator.h"

namespace timeline {
namespace {

// The compiled-in schemas live under this base URI, so their relative "$ref"s and "$id"s
// ("common.schema.json#/definitions/text") resolve among themselves.
constexpr const char* kBase = "file:///timeline-builtin/schemas/";

class Compiled final : public BuiltinSchemas {
public:
    Compiled() {
        for (const auto& s : embedded_schemas()) {
            Diagnostics diags;
            json::ParseLimits limits;
            limits.big_integers = json::BigIntegers::as_double;
            auto doc = json::parse(s.text, std::string(s.name), diags, limits);
            if (!doc || diags.has_errors()) fail(std::string(s.name) + ": " + (diags.empty() ? "" : format_text(diags.items()[0])));
            registry_.add(kBase + std::string(s.name), doc->tree());
            docs_.emplace(std::string(s.name), doc->tree());
        }
    }

    std::vector<SchemaProblem> validate(std::string_view name, json::Value root) const override {
        return problems(validator(name), root);
    }

    std::vector<SchemaProblem> validate_record(std::string_view kind, json::Value record) const override {
        static const std::map<std::string, std::string, std::less<>> files = {
            {"units", "unit.schema.json"},       {"lanes", "lane.schema.json"},   {"metrics", "metric.schema.json"},
            {"sources", "source.schema.json"},   {"entities", "entity.schema.json"}, {"eras", "era.schema.json"},
            {"events", "event.schema.json"},     {"figures", "figure.schema.json"},
        };
        const auto it = files.find(kind);
        if (it == files.end()) fail("no schema for record kind " + std::string(kind));
        return problems(validator(it->second), record);
    }

private:
    std::map<std::string, std::shared_ptr<const json::Tree>, std::less<>> docs_;
    mutable schema::SchemaRegistry registry_;
    mutable std::mutex mutex_;
    mutable std::map<std::string, std::unique_ptr<schema::Validator>, std::less<>> compiled_;

    [[noreturn]] static void fail(const std::string& what) {
        std::cerr << "timeline: internal error: built-in schema does not compile: " << what << '\n';
        std::abort();
    }

    const schema::Validator& validator(std::string_view name) const {
        std::lock_guard lock(mutex_);
        auto it = compiled_.find(name);
        if (it != compiled_.end()) return *it->second;
        const auto doc = docs_.find(name);
        if (doc == docs_.end()) fail(std::string(name) + " is not compiled in");
        std::vector<std::string> errors;
        auto v = schema::Validator::compile(doc->second, kBase + std::string(name), registry_, errors);
        if (!v) fail(std::string(name) + ": " + (errors.empty() ? std::string("unknown problem") : errors.front()));
        return *compiled_.emplace(std::string(name), std::make_unique<schema::Validator>(std::move(*v))).first->second;
    }

    static std::vector<SchemaProblem> problems(const schema::Validator& v, json::Value x) {
        std::vector<SchemaProblem> out;
        for (const auto& e : v.validate(x)) {
            SchemaProblem p;
            p.pointer = e.instance_pointer;
            p.code = schema_code(e.keyword);
            p.message = e.message;
            p.at_member_name = at_member_name(e.keyword);
            p.schema_pointer = e.schema_pointer;
            out.push_back(std::move(p));
        }
        return out;
    }
};

}  // namespace

const BuiltinSchemas& schemas() {
    static const Compiled compiled;
    return compiled;
}

std::string schema_code(std::string_view keyword) {
    static const std::map<std::string, std::string, std::less<>> codes = {
        {"additionalProperties", "unknown-field"},
        {"false", "unknown-field"},
        {"required", "missing-field"},
        {"type", "wrong-type"},
        {"enum", "value-not-allowed"},
        {"const", "value-not-allowed"},
        {"pattern", "bad-format"},
        {"format", "bad-format"},
        {schema::kUncheckedPattern, "pattern-unchecked"},
    };
    const auto it = codes.find(keyword);
    if (it != codes.end()) return it->second;
    return "schema-" + std::string(keyword);
}

bool at_member_name(std::string_view keyword) {
    return keyword == "additionalProperties" || keyword == "propertyNames" || keyword == "false";
}

std::size_t check_document(std::string_view name, const json::Document& doc, const std::string& file,
                           Diagnostics& diags) {
    const auto found = schemas().validate(name, doc.value());
    for (const auto& p : found) {
        const SourcePos pos = p.at_member_name ? doc.key_position(p.pointer) : doc.position(p.pointer);
        diags.add({Severity::error, p.code, file, pos, p.pointer, {}, p.message});
    }
    return found.size();
}

}  // namespace timeline
