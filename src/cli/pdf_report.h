// The PDF output of `timeline report`: the pipeline from the report model to the file.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "base/diagnostic.h"
#include "base/progress.h"
#include "report/document.h"
#include "text/fonts.h"
#include "theme/theme.h"

namespace timeline::cli {

struct PdfOptions {
    bool strict = false;  // characters no font covers are errors, not warnings
    // Digest of every input besides the theme (data files, template, options such as --as-of),
    // so that the document id changes exactly when the inputs do.
    std::string inputs_digest;
};

// A theme and its fonts, opened (fontconfig's configuration, the font files): independent of
// the data, so `timeline report` does it on a thread of its own while the data loads. The
// diagnostics are kept for the report to print in their place.
struct ThemeFonts {
    std::optional<theme::Theme> theme;
    std::unique_ptr<text::FontSet> fonts;  // null when the theme or a font is unusable
    Diagnostics diags;
};
ThemeFonts load_theme_fonts(const std::string& theme_file);

// Typesets the document with the theme and its fonts and writes it to `path` atomically, or
// to standard output for "-". Returns false with diagnostics (and writes nothing) when the
// theme or a font is missing or unusable, a character is not covered with `strict`, or
// writing fails. `progress` shows the phases (typesetting, writing) on a terminal.
bool write_pdf_report(const report::Document& doc, ThemeFonts& theme_fonts, const PdfOptions& options,
                      const std::string& path, Diagnostics& diags, Progress& progress);

}  // namespace timeline::cli
