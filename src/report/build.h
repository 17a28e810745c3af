// Building the report model from a template over the data set.
#pragma once

#include <optional>

#include "base/diagnostic.h"
#include "json/parse.h"
#include "model/records.h"
#include "model/template.h"
#include "report/document.h"

namespace timeline::report {

struct BuildOptions {
    std::optional<LangMode> mode;  // overrides the template's language mode
    std::optional<When> from;      // keep events and figures whose span reaches this date or later
    std::optional<When> to;        // keep those whose span starts by the end of this date
    date::sys_days as_of{};        // the report's date
};

// Builds the document. Problems of the template (unknown placeholders, ids that name no
// record) are errors in `diags` with the template file, line:column and pointer;
// `source` gives the positions. The document is complete only when no error was added.
Document build_document(const Dataset& data, const ReportTemplate& tmpl, const json::Document& source,
                        const BuildOptions& options, Diagnostics& diags);
// The same, taking the data set: its records are not copied when none is cut (no from/to).
Document build_document(Dataset&& data, const ReportTemplate& tmpl, const json::Document& source,
                        const BuildOptions& options, Diagnostics& diags);

}  // namespace timeline::report
