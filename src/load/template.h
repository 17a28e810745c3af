// Reading report templates: report-templates/NAME.json or any file, validated against
// schemas/template.schema.json (compiled in).
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

// `name_or_file`: a path (contains '/' or ends in ".json") or a template name looked up as
// report-templates/NAME.json. Returns nullopt after adding diagnostics.
std::optional<LoadedTemplate> load_template(const std::string& name_or_file, Diagnostics& diags);

}  // namespace timeline
