// `timeline validate --schema FILE INSTANCE...`: any JSON file against any JSON Schema.
#pragma once

#include <string>
#include <vector>

#include "base/diagnostic.h"

namespace timeline::cli {

// Validates each instance file against the schema file. Schemas in the same directory as
// the schema file can be referenced by relative "$ref"s. Problems go to `diags` with
// file:line:column and JSON pointer.
void validate_against_schema(const std::string& schema_file, const std::vector<std::string>& instances,
                             Diagnostics& diags);

}  // namespace timeline::cli
