// Reading a report template file, validated against schemas/template.schema.json (compiled
// in). Finding the file of a template name is the command line's (src/base/lookup.h).
#pragma once

#include <optional>
#include <string>

#include "base/diagnostic.h"
#include "json/parse.h"
#include "model/template.h"

namespace timeline {

struct LoadedTemplate {
    ReportTemplate tmpl;
    json::Document document;  // for positions of placeholders
    std::string digest;       // hex MD5 of the file's bytes (a brief's document id)
};

// Reads `file` ("-": standard input). Returns nullopt after adding diagnostics.
std::optional<LoadedTemplate> load_template(const std::string& file, Diagnostics& diags);

}  // namespace timeline
