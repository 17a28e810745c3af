// Printing diagnostics (text or JSON lines) and results.
#pragma once

#include <iosfwd>
#include <string>

#include "base/diagnostic.h"

namespace timeline::cli {

enum class DiagnosticFormat { text, json };

// --quiet: no progress and no lines saying what was done; diagnostics still appear.
void set_quiet(bool quiet);
bool quiet();

// Prints a line saying what was done ("timeline report: wrote out/brief-2026-11-23.pdf") to
// standard error, unless --quiet.
void note(const std::string& line);

// "1 error", "2 errors".
std::string plural(std::size_t n, const char* word);

// Prints every diagnostic to `out`, sorted, followed (text format) by a summary line
// such as "2 errors, 1 warning" when there is anything to report.
void print_diagnostics(std::ostream& out, Diagnostics diags, DiagnosticFormat format);

}  // namespace timeline::cli
