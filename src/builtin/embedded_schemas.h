// The schemas of schemas/*.json, compiled into the program so that a data set is always
// checked against the schemas of the binary that reads it.
#pragma once

#include <string_view>
#include <vector>

namespace timeline {

struct EmbeddedSchema {
    std::string_view name;  // file name, e.g. "event.schema.json"
    std::string_view text;
};

const std::vector<EmbeddedSchema>& embedded_schemas();

}  // namespace timeline
