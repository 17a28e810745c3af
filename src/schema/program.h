// Internal representation shared by the registry, the compiler and the evaluator.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "schema/format.h"
#include "schema/regex.h"
#include "schema/validator.h"
#include "schema/value.h"

namespace timeline::schema::detail {

// A schema value inside a registered document.
struct Location {
    std::size_t doc = 0;
    std::string pointer;  // RFC 6901, escaped
};

struct RegistryData {
    struct Document {
        std::string uri;  // without fragment
        std::shared_ptr<const json::Tree> tree;
        json::Value root() const { return tree->root(); }
    };
    std::vector<Document> documents;
    // Absolute URI (no fragment, or a plain-name fragment) -> schema location.
    std::map<std::string, Location> ids;
    std::vector<SchemaRegistry::Loader> loaders;
    std::size_t anonymous = 0;

    std::size_t add(const std::string& uri, std::shared_ptr<const json::Tree> document);
    // Finds a URI (without fragment) among registered ids, else asks the loaders.
    std::optional<Location> find_or_load(const std::string& uri, std::string& error);
};

// Bits of the "type" keyword.
enum TypeBit : std::uint8_t {
    t_null = 1, t_boolean = 2, t_object = 4, t_array = 8, t_number = 16, t_string = 32, t_integer = 64
};

// Keywords in evaluation order (the order they appear in the schema). `members` stands for
// properties, patternProperties and additionalProperties together.
enum class Kw : std::uint8_t {
    type, enum_, const_, multiple_of, maximum, exclusive_maximum, minimum, exclusive_minimum,
    max_length, min_length, pattern, format, items, contains, max_items, min_items, unique_items,
    members, property_names, required, max_properties, min_properties, dependencies, all_of,
    any_of, one_of, not_, if_
};

// Hashes member names given as std::string or std::string_view alike.
struct NameHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

struct Node {
    enum class Form : std::uint8_t { always, never, ref, keywords };
    Form form = Form::always;
    std::size_t doc = 0;
    std::string location;  // schema_pointer of this subschema (see Error::schema_pointer)
    std::string pointer;   // JSON pointer of this subschema in its document
    int ref = -1;

    std::vector<Kw> order;
    std::uint8_t types = 0;
    json::Value enum_values;  // the array of allowed values (in a tree Program::documents keeps)
    std::string enum_list;    // "exact, about, over"
    json::Value const_value;
    Number multiple_of, maximum, exclusive_maximum, minimum, exclusive_minimum;
    std::size_t max_length = 0, min_length = 0, max_items = 0, min_items = 0, max_properties = 0,
                min_properties = 0;
    std::optional<Pattern> pattern;
    Format format = Format::date;

    int items = -1;                // schema form
    std::vector<int> items_array;  // array form
    bool items_is_array = false;
    int additional_items = -1;
    int contains = -1;

    bool has_properties = false, has_additional = false;
    std::unordered_map<std::string, int, NameHash, std::equal_to<>> properties;
    std::vector<std::string> property_names_list;  // in schema order, for messages
    std::vector<std::pair<Pattern, int>> pattern_properties;
    int additional_properties = -1;
    int property_names = -1;

    std::vector<std::string> required;
    struct Dependency {
        std::string name;
        std::vector<std::string> fields;
        int schema = -1;
    };
    std::vector<Dependency> dependencies;

    std::vector<int> all_of, any_of, one_of;
    int not_ = -1, if_ = -1, then_ = -1, else_ = -1;
};

struct Program {
    std::vector<Node> nodes;
    int root = 0;
    std::string base_uri;
    // The schema documents compiled from, which enum and const values lie in.
    std::vector<std::shared_ptr<const json::Tree>> documents;
};

}  // namespace timeline::schema::detail
