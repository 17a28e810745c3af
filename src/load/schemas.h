// The compiled-in schemas (schemas/*.json), compiled once per process.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <Poco/Dynamic/Var.h>

namespace timeline {

// One schema violation, ready to become a diagnostic.
struct SchemaProblem {
    std::string pointer;          // JSON pointer into the instance
    std::string code;             // "unknown-field", "missing-field", "wrong-type", …
    std::string message;
    bool at_member_name = false;  // point at the member's name rather than its value
};

class BuiltinSchemas {
public:
    virtual ~BuiltinSchemas() = default;
    // A whole data set file against dataset.schema.json.
    virtual std::vector<SchemaProblem> validate_dataset(const Poco::Dynamic::Var& root) const = 0;
    // One record of `kind` ("events", "figures", …) against its record schema.
    virtual std::vector<SchemaProblem> validate_record(std::string_view kind, const Poco::Dynamic::Var& record) const = 0;
    // A report template against template.schema.json.
    virtual std::vector<SchemaProblem> validate_template(const Poco::Dynamic::Var& root) const = 0;
};

// The built-in schemas; compiled on first use. A schema that does not compile is a bug of
// the program (the schemas are part of it) and aborts with a message.
const BuiltinSchemas& schemas();

// Diagnostic code for a JSON Schema keyword ("additionalProperties" -> "unknown-field").
std::string schema_code(std::string_view keyword);

}  // namespace timeline
