// The PDF output of `timeline report`: the pipeline from the report model to the file.
#pragma once

#include <string>

#include "base/diagnostic.h"
#include "report/document.h"

namespace timeline::cli {

struct PdfOptions {
    std::string theme = "report-templates/theme.json";
    bool strict = false;  // characters no font covers are errors, not warnings
    // Digest of every input besides the theme (data files, template, options such as --as-of),
    // so that the document id changes exactly when the inputs do.
    std::string inputs_digest;
};

// Loads the theme and its fonts, typesets the document and writes it to `path` atomically.
// Returns false with diagnostics (and writes nothing) when the theme or a font is missing or
// unusable, a character is not covered with `strict`, or writing fails.
bool write_pdf_report(const report::Document& doc, const PdfOptions& options, const std::string& path,
                      Diagnostics& diags);

}  // namespace timeline::cli
