// JSON Schema draft-07 validation of JSON values (json/tree.h). A schema is compiled once (keywords parsed, regular expressions built,
// every $ref resolved) and then validates any number of instances without touching the
// schema text again. See docs/schema-validator.md for what is supported.
//
//   timeline::schema::SchemaRegistry registry;
//   registry.add(file_uri("/abs/schemas/event.schema.json"), event_schema.tree());
//   std::vector<std::string> problems;
//   auto v = timeline::schema::Validator::compile(dataset_schema.tree(),
//       file_uri("/abs/schemas/dataset.schema.json"), registry, problems);
//   for (const auto& e : v->validate(document.value())) ...
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "json/tree.h"

namespace timeline::schema {

struct Error {
    // RFC 6901 pointer to the offending value in the instance ("" for the root). For an
    // unknown or misnamed field it points at that member; for a missing required field, at
    // the object that lacks it.
    std::string instance_pointer;
    // Where the failing keyword stands: a JSON pointer ("/properties/lane/enum") when it is
    // in the compiled schema document, "<document uri>#<pointer>" when it is in another one.
    std::string schema_pointer;
    // The keyword that failed ("type", "required", "additionalProperties", ...). "false" for
    // a `false` subschema, including a member forbidden by one (`field "x" is not allowed`);
    // "propertyNames" for every problem with a member's name. additionalProperties and
    // propertyNames errors, and "false" errors about a member, point at that member: a
    // caller showing positions should show its key. kUncheckedPattern when a pattern could
    // not be checked within the matcher's limits (pattern or patternProperties).
    std::string keyword;
    // One user-facing sentence without trailing period, e.g. `missing required field "lane"`.
    std::string message;
};

// The keyword of an error about a pattern that could not be checked (Error::keyword):
// matching it against the value ran out of time (or stack): an error, never a guess.
inline constexpr const char* kUncheckedPattern = "patternUnchecked";

namespace detail {
struct RegistryData;
struct Program;
class Compiler;
}  // namespace detail

// Schema documents by URI, for $ref to other documents. A registry may be shared by several
// compilations; a compiled Validator no longer needs it. The draft-07 meta-schema
// (http://json-schema.org/draft-07/schema#) is built in. Not thread-safe.
class SchemaRegistry {
public:
    // Returns the JSON document registered (or loadable) for a URI; nullptr (with `error` set
    // when it could not be read) when it has none. Used for URIs that nothing was registered
    // under.
    using Loader = std::function<std::shared_ptr<const json::Tree>(const std::string& uri, std::string& error)>;

    SchemaRegistry();
    ~SchemaRegistry();
    SchemaRegistry(SchemaRegistry&&) noexcept;
    SchemaRegistry& operator=(SchemaRegistry&&) noexcept;

    // Registers a schema document under an absolute URI (its fragment is ignored). The
    // document's own "$id" and the "$id"s of its subschemas are registered as well. Adding
    // a URI again replaces the earlier document.
    void add(const std::string& uri, std::shared_ptr<const json::Tree> document);

    // Consulted in order for a URI that no document or "$id" is registered under.
    void add_loader(Loader loader);

    // Serves URIs that start with `uri_prefix` (e.g. "http://localhost:1234/") from files
    // under `directory`, parsed with timeline::json::parse (big integers as doubles). The
    // rest of the URI, percent-decoded, is the relative path; ".." segments are refused.
    void map_directory(const std::string& uri_prefix, const std::string& directory);

    // Whether a document or "$id" is registered under the URI (fragment ignored unless it
    // is a plain-name fragment such as "#foo").
    bool contains(const std::string& uri) const;

    // "file:///abs/path" for an absolute file system path, percent-encoded as needed.
    static std::string file_uri(const std::string& absolute_path);

private:
    friend class detail::Compiler;
    friend class Validator;
    std::unique_ptr<detail::RegistryData> data_;
};

// A compiled schema. Copies share the compiled program; validate() is const and keeps no
// state between calls, so one Validator may be used from several threads at once.
class Validator {
public:
    // Compiles a schema document. `base_uri` is the document's absolute URI (e.g.
    // "file:///abs/path/schemas/dataset.schema.json"); an empty one gets a private URN. The
    // document is registered in `registry` under that URI (and its "$id"). Problems with
    // the schema (malformed keywords, invalid patterns, $refs that cannot be resolved, $ref
    // cycles that never advance in the instance) are appended to `errors` as
    // "<uri>#<pointer>: <message>", and nullopt is returned.
    static std::optional<Validator> compile(std::shared_ptr<const json::Tree> schema, const std::string& base_uri,
                                            SchemaRegistry& registry, std::vector<std::string>& errors);

    // All errors of an instance, ordered by instance location (document order), then by
    // keyword order in the schema. Empty when the instance is valid.
    std::vector<Error> validate(json::Value instance) const;

    // Whether the instance is valid; stops at the first failure and builds no message.
    bool is_valid(json::Value instance) const;

    // The absolute URI the schema was compiled under.
    const std::string& base_uri() const;

private:
    Validator() = default;
    std::shared_ptr<const detail::Program> program_;
};

}  // namespace timeline::schema
