#include "cli/output.h"

#include <iostream>

#include "cli/exit_codes.h"

namespace timeline::cli {

int exit_code_for(const Diagnostics& diags) {
    bool io = false;
    for (const auto& d : diags.items())
        if (d.severity == Severity::error && d.code.rfind("io-", 0) == 0) io = true;
    if (io) return kInternal;
    return diags.has_errors() ? kInvalidInput : kSuccess;
}

namespace {
bool g_quiet = false;
}  // namespace

void set_quiet(bool quiet) { g_quiet = quiet; }
bool quiet() { return g_quiet; }

void note(const std::string& line) {
    if (!g_quiet) std::cerr << line << '\n';
}

std::string plural(std::size_t n, const char* word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

void print_diagnostics(std::ostream& out, Diagnostics diags, DiagnosticFormat format) {
    diags.sort();
    for (const auto& d : diags.items()) out << (format == DiagnosticFormat::json ? format_json(d) : format_text(d)) << '\n';
    if (format == DiagnosticFormat::text && !diags.empty()) {
        out << plural(diags.count(Severity::error), "error") << ", " << plural(diags.count(Severity::warning), "warning")
            << '\n';
    }
}

}  // namespace timeline::cli
