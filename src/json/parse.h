// A JSON parser (RFC 8259) that builds a tree of values (json/tree.h) and remembers where
// every value stands in the text, so that diagnostics can name file:line:column and a JSON pointer.
//
// Unlike Poco::JSON::Parser it rejects duplicate keys, keeps member order, reports
// invalid UTF-8, lone surrogates, numbers out of range, oversized strings and excessive
// nesting as diagnostics, and never recurses deeper than `max_depth`.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/diagnostic.h"
#include "json/tree.h"

namespace timeline::json {

enum class BigIntegers {
    reject,    // an integer literal outside int64 is an error ("number-out-of-range")
    as_double  // it becomes a double (used for schemas and the schema test suite)
};

struct ParseLimits {
    std::size_t max_depth = 256;                   // nested arrays/objects
    std::size_t max_string_bytes = 1u << 20;       // one string value or key, after unescaping
    BigIntegers big_integers = BigIntegers::reject;
};

// A file longer than this cannot be parsed (offsets are 32-bit); the data limits are lower.
inline constexpr std::size_t kMaxText = 0xFFFFFFFFu;

// A parsed document: its values (json/tree.h) and its text, for positions.
//
// Values may be dropped (drop_values) once they are converted, as a loaded data set does: a
// data set of 100,000 records would keep a million values it almost never needs. The first
// position asked for then parses the text once more.
class Document {
public:
    Document(std::shared_ptr<const Tree> tree, std::string text);

    Value value() const;
    std::shared_ptr<const Tree> tree() const;
    void drop_values();

    // Position of the value at `pointer`, or of its nearest ancestor that has one.
    SourcePos position(const std::string& pointer) const;
    // Position of the member's key when the pointer names an object member, else position().
    SourcePos key_position(const std::string& pointer) const;
    // Position of the character at byte `offset` of the decoded string value at `pointer`
    // (escapes such as \n in the source are accounted for). Falls back to position().
    SourcePos position_in_string(const std::string& pointer, std::size_t offset) const;

private:
    struct Checkpoints;
    SourcePos position_at(std::size_t offset) const;
    std::shared_ptr<const std::string> text_;
    mutable std::shared_ptr<const Tree> tree_;
    mutable std::shared_ptr<const Checkpoints> checkpoints_;
};

// Parses `text`. Problems are added to `diags` with `file` and a position. Returns the
// document unless the text could not be parsed at all; a returned document may still have
// added errors (duplicate keys, invalid UTF-8 in a string), so check diags.has_errors().
std::optional<Document> parse(std::string_view text, const std::string& file, Diagnostics& diags,
                              const ParseLimits& limits = {});

}  // namespace timeline::json
