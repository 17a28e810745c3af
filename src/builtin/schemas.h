// The compiled-in schemas (schemas/*.json): every input file of the program (data sets,
// records, report templates, schedules, themes) is checked against the schema compiled into
// the binary that reads it. Each schema is compiled on first use.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "json/parse.h"

namespace timeline {

// One schema violation, ready to become a diagnostic.
struct SchemaProblem {
    std::string pointer;          // JSON pointer into the instance
    std::string code;             // "unknown-field", "missing-field", "wrong-type", …
    std::string message;
    bool at_member_name = false;  // point at the member's name rather than its value
    std::string schema_pointer;   // where the failing keyword is ("...common.schema.json#/definitions/date-string/pattern")
};

class BuiltinSchemas {
public:
    virtual ~BuiltinSchemas() = default;
    // A whole document against the schema file `name` ("dataset.schema.json",
    // "template.schema.json", "schedules.schema.json", "theme.schema.json" …).
    virtual std::vector<SchemaProblem> validate(std::string_view name, json::Value root) const = 0;
    // One record of `kind` ("events", "figures", …) against its record schema.
    virtual std::vector<SchemaProblem> validate_record(std::string_view kind, json::Value record) const = 0;
};

// The built-in schemas. A schema that does not compile is a bug of the program (the schemas
// are part of it) and aborts with a message.
const BuiltinSchemas& schemas();

// Diagnostic code for a JSON Schema keyword ("additionalProperties" -> "unknown-field").
std::string schema_code(std::string_view keyword);
// Whether a keyword's problem is best shown at the member's name ("additionalProperties").
bool at_member_name(std::string_view keyword);

// Checks a parsed document against the built-in schema `name`, adding one error per problem
// with `file`, line:column and JSON pointer. Returns the number of problems.
std::size_t check_document(std::string_view name, const json::Document& doc, const std::string& file,
                           Diagnostics& diags);

}  // namespace timeline
