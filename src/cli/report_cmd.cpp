#include <chrono>
#include <filesystem>
#include <iostream>

#include "base/files.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/output.h"
#include "cli/pdf_report.h"
#include "export/render.h"
#include "load/template.h"
#include "model/template.h"
#include "report/build.h"

namespace timeline::cli {
namespace {

std::optional<LangMode> lang_mode(const std::string& s) {
    if (s == "bi") return LangMode::bi;
    if (s == "zh") return LangMode::zh;
    if (s == "en") return LangMode::en;
    return std::nullopt;
}

// --as-of: a whole day (YYYY-MM-DD); default today (UTC).
std::optional<date::sys_days> as_of_day(const std::string& text) {
    if (text.empty()) return date::floor<date::days>(std::chrono::system_clock::now());
    std::string error;
    const auto when = parse_when(text, error);
    if (!when || when->interval || when->precision() != Precision::day || when->approximate() || when->uncertain()) {
        std::cerr << "timeline: --as-of: expected a day such as 2026-11-23, got \"" << text << "\"\n";
        return std::nullopt;
    }
    return *when->first_day();
}

}  // namespace

int run_report(const Options& o) {
    report::BuildOptions build;
    if (!o.lang.empty()) build.mode = lang_mode(o.lang);
    const auto as_of = as_of_day(o.as_of);
    if (!as_of || !parse_filter_date(o.from, "--from", build.from) || !parse_filter_date(o.to, "--to", build.to)) return kUsage;
    build.as_of = *as_of;

    Diagnostics diags;
    const LoadedData loaded = load_checked(o, diags);
    auto tmpl = diags.has_errors() ? std::nullopt : load_template(o.template_name, diags);
    report::Document doc;
    if (tmpl) {
        for (const auto& d : diags.items())
            if (d.severity == Severity::warning) build.check_warnings.push_back(d);
        doc = report::build_document(loaded.dataset, tmpl->tmpl, tmpl->document, build, diags);
    }
    if (diags.has_errors()) {
        print_diagnostics(std::cerr, diags, DiagnosticFormat::text);
        std::cerr << "timeline report: nothing written\n";
        return exit_code_for(diags);
    }
    print_diagnostics(std::cerr, diags, DiagnosticFormat::text);

    std::string path = o.output;
    if (path.empty()) path = "out/" + tmpl->tmpl.id + "-" + date::format("%F", doc.as_of) + "." + o.report_format;
    if (o.report_format == "pdf") {
        if (path == "-") {
            std::cerr << "timeline report: -o -: a PDF is not written to standard output; name a file\n";
            return kUsage;
        }
        Diagnostics pdf_diags;
        PdfOptions pdf;
        pdf.theme = o.theme;
        pdf.strict = o.strict;
        pdf.inputs_digest = loaded.digest + tmpl->digest + "|" + date::format("%F", doc.as_of) + "|" +
                            lang_mode_name(doc.mode) + "|" + o.from + "|" + o.to;
        const bool ok = write_pdf_report(doc, pdf, path, pdf_diags);
        print_diagnostics(std::cerr, pdf_diags, DiagnosticFormat::text);
        if (!ok) {
            std::cerr << "timeline report: nothing written\n";
            return pdf_diags.has_errors() ? exit_code_for(pdf_diags) : kInternal;
        }
        std::cerr << "timeline report: wrote " << path << '\n';
        return kSuccess;
    }

    std::string content;
    if (o.report_format == "json") content = exporter::render_json(doc);
    else if (o.report_format == "txt") content = exporter::render_text(doc);
    else content = exporter::render_markdown(doc);

    if (path == "-") {
        std::cout << content;
        return kSuccess;
    }
    std::error_code ec;
    const auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    Diagnostics io;
    if (!write_file_atomic(path, content, io)) {
        print_diagnostics(std::cerr, io, DiagnosticFormat::text);
        return kInternal;
    }
    std::cerr << "timeline report: wrote " << path << '\n';
    return kSuccess;
}

int run_stats(const Options& o) {
    const LangMode mode = o.lang.empty() ? LangMode::bi : *lang_mode(o.lang);
    Diagnostics diags;
    const LoadedData loaded = load_checked(o, diags);
    if (diags.has_errors()) {
        print_diagnostics(std::cerr, diags, DiagnosticFormat::text);
        return exit_code_for(diags);
    }
    ReportTemplate t;
    t.id = "stats";
    t.lang = mode;
    SectionSpec s;
    s.type = SectionType::statistics;
    if (!o.metric.empty()) {
        if (!loaded.dataset.metric(o.metric)) {
            std::cerr << "timeline stats: --metric: no metric \"" << o.metric << "\" in the data\n";
            return kUsage;
        }
        s.metrics.push_back(o.metric);
    } else {
        for (const auto& m : loaded.dataset.metrics) s.metrics.push_back(m.id);
    }
    t.sections.push_back(s);
    report::BuildOptions build;
    build.mode = mode;
    build.as_of = date::floor<date::days>(std::chrono::system_clock::now());
    const json::Document no_source{Poco::Dynamic::Var(), std::string()};
    const report::Document doc = report::build_document(loaded.dataset, t, no_source, build, diags);
    print_diagnostics(std::cerr, diags, DiagnosticFormat::text);
    for (const auto& block : doc.sections.front().blocks)
        if (const auto* table = std::get_if<report::Table>(&block)) std::cout << exporter::render_text_table(*table, mode) << '\n';
    return exit_code_for(diags);
}

}  // namespace timeline::cli
