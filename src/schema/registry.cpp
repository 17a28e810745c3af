#include <utility>

#include "base/json_text.h"
#include "json/parse.h"
#include "schema/program.h"
#include "schema/uri.h"

namespace timeline::schema {

namespace detail {

// The meta-schema of draft-07 (http://json-schema.org/draft-07/schema#).
extern const char* const kDraft07MetaSchema;
const char* const kDraft07MetaSchemaUri = "http://json-schema.org/draft-07/schema";

namespace {

bool is_single_schema_keyword(const std::string& k) {
    return k == "additionalItems" || k == "additionalProperties" || k == "contains" || k == "propertyNames" ||
           k == "not" || k == "if" || k == "then" || k == "else";
}
bool is_schema_array_keyword(const std::string& k) { return k == "allOf" || k == "anyOf" || k == "oneOf"; }
bool is_schema_map_keyword(const std::string& k) {
    return k == "properties" || k == "patternProperties" || k == "definitions" || k == "dependencies";
}

// Registers the "$id"s of a schema and of its subschemas (only where keywords hold schemas).
void scan_ids(RegistryData& r, std::size_t doc, json::Value value, const std::string& pointer, std::string base) {
    if (!value.is_object()) return;
    if (!value.has("$ref")) {
        if (const json::Value id = value.find("$id"); id.is_string()) {
            const std::string text(id.str());
            const std::string absolute = resolve_uri(base, text);
            const std::string frag = fragment_of(absolute);
            if (!frag.empty() && frag[0] != '/') {
                r.ids[absolute] = Location{doc, pointer};  // plain-name fragment
                base = without_fragment(absolute);
                if (!without_fragment(text).empty()) r.ids[base] = Location{doc, pointer};
            } else if (frag.empty()) {
                base = without_fragment(absolute);
                r.ids[base] = Location{doc, pointer};
            }
        }
    }
    for (std::size_t m = 0; m < value.size(); ++m) {
        const std::string k(value.key(m));
        const json::Value v = value.item(m);
        const std::string p = pointer_append(pointer, k);
        if (is_single_schema_keyword(k)) {
            scan_ids(r, doc, v, p, base);
        } else if (k == "items" || is_schema_array_keyword(k)) {
            if (v.is_array()) {
                for (std::size_t i = 0; i < v.size(); ++i) scan_ids(r, doc, v.item(i), pointer_append(p, i), base);
            } else if (k == "items") {
                scan_ids(r, doc, v, p, base);
            }
        } else if (is_schema_map_keyword(k) && v.is_object()) {
            for (std::size_t i = 0; i < v.size(); ++i) scan_ids(r, doc, v.item(i), pointer_append(p, std::string(v.key(i))), base);
        }
    }
}

}  // namespace

std::size_t RegistryData::add(const std::string& uri_text, std::shared_ptr<const json::Tree> document) {
    const std::string uri = without_fragment(uri_text);
    // A replaced document's ids go away with it.
    for (auto it = ids.begin(); it != ids.end();) {
        const Location& loc = it->second;
        if (documents[loc.doc].uri == uri) it = ids.erase(it);
        else ++it;
    }
    const std::size_t index = documents.size();
    documents.push_back(Document{uri, std::move(document)});
    ids[uri] = Location{index, ""};
    scan_ids(*this, index, documents.back().root(), "", uri);
    return index;
}

std::optional<Location> RegistryData::find_or_load(const std::string& uri, std::string& error) {
    auto it = ids.find(uri);
    if (it != ids.end()) return it->second;
    if (uri == kDraft07MetaSchemaUri) {
        Diagnostics diags;
        json::ParseLimits limits;
        limits.big_integers = json::BigIntegers::as_double;
        auto meta = json::parse(kDraft07MetaSchema, uri, diags, limits);
        if (!meta || diags.has_errors()) {
            error = "the built-in draft-07 meta-schema does not parse";
            return std::nullopt;
        }
        add(uri, meta->tree());
        return ids.at(uri);
    }
    std::string last_error;
    for (const auto& loader : loaders) {
        std::string e;
        std::shared_ptr<const json::Tree> doc = loader(uri, e);
        if (doc) {
            add(uri, std::move(doc));
            return ids.at(uri);
        }
        if (!e.empty()) last_error = e;
    }
    error = last_error.empty() ? "no schema is registered under " + uri : last_error;
    return std::nullopt;
}

}  // namespace detail

SchemaRegistry::SchemaRegistry() : data_(std::make_unique<detail::RegistryData>()) {}
SchemaRegistry::~SchemaRegistry() = default;
SchemaRegistry::SchemaRegistry(SchemaRegistry&&) noexcept = default;
SchemaRegistry& SchemaRegistry::operator=(SchemaRegistry&&) noexcept = default;

void SchemaRegistry::add(const std::string& uri, std::shared_ptr<const json::Tree> document) {
    data_->add(uri, std::move(document));
}

void SchemaRegistry::add_loader(Loader loader) {
    data_->loaders.push_back(std::move(loader));
}

bool SchemaRegistry::contains(const std::string& uri) const {
    const std::string frag = detail::fragment_of(uri);
    if (!frag.empty() && frag[0] != '/') return data_->ids.count(uri) > 0;
    return data_->ids.count(detail::without_fragment(uri)) > 0;
}

std::string SchemaRegistry::file_uri(const std::string& absolute_path) {
    return detail::file_uri(absolute_path);
}

}  // namespace timeline::schema
