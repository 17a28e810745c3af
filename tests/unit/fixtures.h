// Shared test fixtures: the theme's fonts, the seed brief, shell commands.
#pragma once

#include <string>
#include <utility>

#include "model/template.h"
#include "report/document.h"
#include "text/fonts.h"
#include "theme/theme.h"

namespace timeline::testing {

// The theme report-templates/theme.json and its fonts, loaded once.
const theme::Theme& theme();
const text::FontSet& theme_fonts();

// The default brief (report-templates/brief.json) over data/, as of 2026-11-23.
report::Document seed_document(LangMode mode);

// Compares `actual` with the golden file tests/golden/GROUP/NAME.txt; TL_BLESS=1 rewrites
// the file instead (review the diff).
void check_golden(const std::string& group, const std::string& name, const std::string& actual);

// Runs a shell command: its exit status and standard output.
std::pair<int, std::string> shell(const std::string& command);
bool tool_available(const std::string& tool);

}  // namespace timeline::testing
