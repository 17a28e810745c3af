#include <time.h>
#include <unistd.h>

#include <ctime>
#include <filesystem>
#include <future>
#include <iostream>

#include "base/ending.h"
#include "base/files.h"
#include "base/suggest.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/output.h"
#include "cli/pdf_report.h"
#include "cli/resources.h"
#include "cli/stdout.h"
#include "export/render.h"
#include "load/template.h"
#include "model/template.h"
#include "report/build.h"
#include "theme/theme.h"

namespace timeline::cli {
namespace {

std::optional<LangMode> lang_mode(const std::string& s) {
    if (s == "bi") return LangMode::bi;
    if (s == "zh") return LangMode::zh;
    if (s == "en") return LangMode::en;
    return std::nullopt;
}

// --as-of: a whole day (YYYY-MM-DD); default today in the local time zone.
std::optional<date::sys_days> as_of_day(const std::string& text) {
    if (text.empty()) return today_local();
    std::string error;
    const auto when = parse_when(text, error);
    if (!when || when->interval || when->precision() != Precision::day || when->approximate() || when->uncertain()) {
        if (!when)
            std::cerr << "timeline: --as-of: " << error
                      << (when_hint(text).empty() ? "; expected a day such as 2026-11-23\n" : "\n");
        else std::cerr << "timeline: --as-of: expected a day such as 2026-11-23, got \"" << text << "\"\n";
        return std::nullopt;
    }
    return *when->first_day();
}

}  // namespace

date::sys_days today_local() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    ::localtime_r(&now, &local);  // the zone of TZ, else /etc/localtime
    return date::sys_days{date::year{local.tm_year + 1900} / (local.tm_mon + 1) / local.tm_mday};
}

int run_report(const Options& o) {
    report::BuildOptions build;
    if (!o.lang.empty()) build.mode = lang_mode(o.lang);
    const auto as_of = as_of_day(o.as_of);
    if (!as_of || !parse_filter_date(o.from, "--from", build.from) || !parse_filter_date(o.to, "--to", build.to)) return kUsage;
    build.as_of = *as_of;
    if (o.report_format == "pdf" && o.output == "-" && stdout_is_terminal()) {
        std::cerr << "timeline report: -o -: standard output is a terminal; redirect it (-o - > brief.pdf, -o - | lp) "
                     "or name a file\n";
        return kUsage;
    }
    const auto template_path = template_file(o.template_name);
    if (!template_path) return kUsage;

    // The theme and its fonts open on a thread of their own while the data loads (a theme on
    // standard input waits: the data may come from there too). A theme that is not there is
    // reported at once, not after the data has been read.
    std::optional<std::string> theme_path;
    std::future<ThemeFonts> theme_ahead;
    if (o.report_format == "pdf") {
        theme_path = theme_file(o.theme);
        if (!theme_path) return kInternal;
        if (*theme_path != "-" && ::access(theme_path->c_str(), R_OK) != 0) {
            Diagnostics unreadable;  // reading it says why
            theme::load(*theme_path, unreadable);
            print_diagnostics(std::cerr, unreadable, DiagnosticFormat::text);
            std::cerr << "timeline report: nothing written\n";
            return unreadable.has_errors() ? exit_code_for(unreadable) : kInternal;
        }
        if (*theme_path != "-") theme_ahead = std::async(std::launch::async, load_theme_fonts, *theme_path);
    }

    Diagnostics diags;
    // What the brief is made from lives until the process ends (base/ending.h).
    LoadedData& loaded = keep_until_exit(load_checked(o, diags));
    auto tmpl = diags.has_errors() ? std::nullopt : load_template(*template_path, diags);
    report::Document& doc = keep_until_exit(report::Document{});
    Progress progress(!quiet());
    // Warnings of the data checks are the operator's (standard error), never the reader's:
    // they name records and files.
    if (tmpl) {
        progress.update("building the report", 0, 0);
        // The records go to the report model (nothing reads them after it is built).
        doc = report::build_document(std::move(loaded.dataset), tmpl->tmpl, tmpl->document, build, diags);
    }
    if (diags.has_errors()) {
        progress.clear();
        print_diagnostics(std::cerr, diags, DiagnosticFormat::text);
        std::cerr << "timeline report: nothing written\n";
        return exit_code_for(diags);
    }

    std::string path = o.output;
    if (path.empty()) path = "out/" + tmpl->tmpl.id + "-" + date::format("%F", doc.as_of) + "." + o.report_format;
    if (o.report_format == "pdf") {
        Diagnostics pdf_diags;
        progress.update("loading fonts", 0, 0);
        ThemeFonts& theme_fonts = keep_until_exit(theme_ahead.valid() ? theme_ahead.get() : load_theme_fonts(*theme_path));
        PdfOptions pdf;
        pdf.strict = o.strict;
        pdf.inputs_digest = loaded.digest + tmpl->digest + "|" + date::format("%F", doc.as_of) + "|" +
                            lang_mode_name(doc.mode) + "|" + o.from + "|" + o.to;
        const bool ok = write_pdf_report(doc, theme_fonts, pdf, path, pdf_diags, progress);
        progress.clear();
        diags.append(pdf_diags);
        print_diagnostics(std::cerr, diags, DiagnosticFormat::text);
        if (!ok) {
            std::cerr << "timeline report: nothing written\n";
            return pdf_diags.has_errors() ? exit_code_for(pdf_diags) : kInternal;
        }
        if (path != "-") note("timeline report: wrote " + path);
        return kSuccess;
    }
    progress.clear();
    print_diagnostics(std::cerr, diags, DiagnosticFormat::text);

    std::string content;
    if (o.report_format == "json") content = exporter::render_json(doc);
    else if (o.report_format == "txt") content = exporter::render_text(doc);
    else content = exporter::render_markdown(doc);

    if (path == "-") {
        write_stdout(content);
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
    note("timeline report: wrote " + path);
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
    s.lane_counts = true;
    if (!o.metric.empty()) {
        if (!loaded.dataset.metric(o.metric)) {
            std::vector<std::string> metrics;
            for (const auto& m : loaded.dataset.metrics) metrics.push_back(m.id);
            std::cerr << "timeline stats: --metric: no metric \"" << o.metric << "\" in the data"
                      << did_you_mean(o.metric, metrics) << '\n';
            return kUsage;
        }
        s.metrics.push_back(o.metric);
    } else {
        for (const auto& m : loaded.dataset.metrics) s.metrics.push_back(m.id);
    }
    t.sections.push_back(s);
    // The notes that explain the table (the † of derived dates, bounds, growth not computed).
    SectionSpec notes;
    notes.type = SectionType::data_notes;
    t.sections.push_back(notes);
    report::BuildOptions build;
    build.mode = mode;
    build.as_of = today_local();
    const json::Document no_source{json::copy_of(json::Value()), std::string()};
    const report::Document doc = report::build_document(loaded.dataset, t, no_source, build, diags);
    print_diagnostics(std::cerr, diags, DiagnosticFormat::text);
    for (const auto& block : doc.sections.front().blocks)
        if (const auto* table = std::get_if<report::Table>(&block)) std::cout << exporter::render_text_table(*table, mode) << '\n';
    for (const auto& block : doc.sections.back().blocks)
        if (const auto* list = std::get_if<report::List>(&block))
            for (const auto& item : list->items) {
                const char* bullet = "- ";
                for (const auto& line : exporter::lines(item.text, mode)) {
                    std::cout << bullet << line << '\n';
                    bullet = "  ";
                }
            }
    return exit_code_for(diags);
}

}  // namespace timeline::cli
