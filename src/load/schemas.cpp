#include "load/schemas.h"

#include <cstdlib>
#include <iostream>
#include <map>

#include "json/parse.h"
#include "load/embedded_schemas.h"
#include "schema/validator.h"

namespace timeline {
namespace {

// The compiled-in schemas live under this base URI, so their relative "$ref"s and "$id"s
// ("common.schema.json#/definitions/text") resolve among themselves.
constexpr const char* kBase = "file:///timeline-builtin/schemas/";

class Compiled final : public BuiltinSchemas {
public:
    Compiled() {
        schema::SchemaRegistry registry;
        std::map<std::string, Poco::Dynamic::Var> docs;
        for (const auto& s : embedded_schemas()) {
            Diagnostics diags;
            json::ParseLimits limits;
            limits.big_integers = json::BigIntegers::as_double;
            auto doc = json::parse(s.text, std::string(s.name), diags, limits);
            if (!doc || diags.has_errors()) fail(std::string(s.name) + ": " + (diags.empty() ? "" : format_text(diags.items()[0])));
            registry.add(kBase + std::string(s.name), doc->root);
            docs.emplace(std::string(s.name), doc->root);
        }
        dataset_ = compile(docs, registry, "dataset.schema.json");
        template_ = compile(docs, registry, "template.schema.json");
        for (const char* kind : {"unit", "lane", "metric", "source", "entity", "era", "event", "figure"}) {
            const std::string plural = std::string(kind) == "entity" ? "entities" : std::string(kind) + "s";
            records_.emplace(plural, compile(docs, registry, std::string(kind) + ".schema.json"));
        }
    }

    std::vector<SchemaProblem> validate_dataset(const Poco::Dynamic::Var& root) const override {
        return problems(dataset_, root);
    }

    std::vector<SchemaProblem> validate_record(std::string_view kind, const Poco::Dynamic::Var& record) const override {
        const auto it = records_.find(std::string(kind));
        if (it == records_.end()) fail("no schema for record kind " + std::string(kind));
        return problems(it->second, record);
    }

    std::vector<SchemaProblem> validate_template(const Poco::Dynamic::Var& root) const override {
        return problems(template_, root);
    }

private:
    std::optional<schema::Validator> dataset_;
    std::optional<schema::Validator> template_;
    std::map<std::string, std::optional<schema::Validator>, std::less<>> records_;

    [[noreturn]] static void fail(const std::string& what) {
        std::cerr << "timeline: internal error: built-in schema does not compile: " << what << '\n';
        std::abort();
    }

    static std::optional<schema::Validator> compile(const std::map<std::string, Poco::Dynamic::Var>& docs,
                                                    schema::SchemaRegistry& registry, const std::string& name) {
        std::vector<std::string> errors;
        auto v = schema::Validator::compile(docs.at(name), kBase + name, registry, errors);
        if (!v) fail(name + ": " + (errors.empty() ? std::string("unknown problem") : errors.front()));
        return v;
    }

    static std::vector<SchemaProblem> problems(const std::optional<schema::Validator>& v, const Poco::Dynamic::Var& x) {
        std::vector<SchemaProblem> out;
        for (const auto& e : v->validate(x)) {
            SchemaProblem p;
            p.pointer = e.instance_pointer;
            p.code = schema_code(e.keyword);
            p.message = e.message;
            p.at_member_name = e.keyword == "additionalProperties" || e.keyword == "propertyNames" || e.keyword == "false";
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

}  // namespace timeline
