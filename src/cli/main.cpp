// timeline: dated records and figures -> bilingual briefs. Command line (PRODUCT §3).
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "base/ending.h"
#include "base/files.h"
#include "base/heap.h"
#include "check/checks.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/help.h"
#include "cli/list.h"
#include "cli/output.h"
#include "cli/stdout.h"
#include "cli/validate_schema.h"
#include "base/suggest.h"
#include "load/dataset.h"

namespace timeline::cli {

bool parse_filter_date(const std::string& text, const char* option, std::optional<When>& out) {
    if (text.empty()) return true;
    std::string error;
    out = parse_when(text, error);
    if (!out) {
        std::cerr << "timeline: " << option << ": " << error << '\n';
        return false;
    }
    return true;
}

LoadedData load_checked(const Options& o, Diagnostics& diags) {
    prepare_heap();
    Progress progress(!quiet());
    LoadedData loaded = load_dataset(o.data_dirs, diags, &progress);
    progress.update("checking records", 0, 0);
    CheckOptions check;
    check.strictness = o.strict ? Strictness::strict : Strictness::normal;
    check.locate = [&loaded](const Origin& origin) { return loaded.sources.position(origin.file, origin.pointer); };
    check.unread_ids = &loaded.unread_ids;
    check_dataset(loaded.dataset, diags, check);
    loaded.sources.locate(diags);
    if (o.strict) {
        for (auto& d : diags.items())
            if (d.severity == Severity::warning) d.severity = Severity::error;
    }
    return loaded;
}

namespace {

DiagnosticFormat diagnostic_format(const Options& o) {
    return o.diagnostics == "json" ? DiagnosticFormat::json : DiagnosticFormat::text;
}

int run_validate(const Options& o) {
    Diagnostics diags;
    if (!o.schema.empty()) {
        validate_against_schema(o.schema, o.instances, diags);
    } else {
        if (!o.instances.empty()) {
            std::cerr << "timeline validate: instance files need --schema FILE (data sets are read with --data DIR)\n";
            return kUsage;
        }
        const LoadedData loaded = load_checked(o, diags);
        print_diagnostics(diagnostic_format(o) == DiagnosticFormat::json ? std::cout : std::cerr, diags,
                          diagnostic_format(o));
        if (!diags.has_errors() && diagnostic_format(o) == DiagnosticFormat::text) {
            const Dataset& ds = loaded.dataset;
            note("timeline validate: " + plural(loaded.files.size(), "file") + ", " + plural(ds.events.size(), "event") +
                 ", " + plural(ds.figures.size(), "figure") + ", " + plural(ds.record_count(), "record") +
                 " in all: valid");
        }
        return exit_code_for(diags);
    }
    print_diagnostics(diagnostic_format(o) == DiagnosticFormat::json ? std::cout : std::cerr, diags,
                      diagnostic_format(o));
    return exit_code_for(diags);
}

int run_list(const Options& o) {
    ListFilter filter;
    if (!parse_filter_date(o.from, "--from", filter.from) || !parse_filter_date(o.to, "--to", filter.to)) return kUsage;
    filter.lane = o.lane;
    Diagnostics diags;
    const LoadedData loaded = load_checked(o, diags);
    if (diags.has_errors()) {
        print_diagnostics(std::cerr, diags, diagnostic_format(o));
        return exit_code_for(diags);
    }
    print_diagnostics(std::cerr, diags, diagnostic_format(o));
    const ListFormat format = o.format == "json" ? ListFormat::json : ListFormat::text;
    if (!o.lane.empty() && !loaded.dataset.lane(o.lane)) {
        std::vector<std::string> lanes;
        for (const auto& l : loaded.dataset.lanes) lanes.push_back(l.id);
        std::cerr << "timeline list: --lane: no lane \"" << o.lane << "\" in the data" << did_you_mean(o.lane, lanes) << '\n';
        return kUsage;
    }
    const Dataset& ds = loaded.dataset;
    if (o.list_kind == "events") list_events(std::cout, ds, filter, format);
    else if (o.list_kind == "figures") list_figures(std::cout, ds, filter, format);
    else if (o.list_kind == "sources") list_sources(std::cout, ds, format);
    else list_entities(std::cout, ds, format);
    return kSuccess;
}

int run(int argc, char** argv) {
    CLI::App app{"timeline: dated records and statistical figures -> printed bilingual (zh/en) briefs", "timeline"};
    app.require_subcommand(1);
    // "timeline list: kind: 'evnets' is not one of … — did you mean 'events'?"
    app.failure_message([](const CLI::App* root, const CLI::Error& e) {
        std::string path = "timeline";
        for (const CLI::App* at = root;;) {
            const auto parsed = at->get_subcommands([](const CLI::App* s) { return s->parsed(); });
            if (parsed.empty()) break;
            at = parsed.front();
            path += " " + at->get_name();
        }
        return path + ": " + e.what() + " (see " + path + " --help)\n";
    });
    app.set_version_flag("--version", "timeline " TL_VERSION);
    bool quiet_flag = false;
    app.add_flag("-q,--quiet", quiet_flag, "no progress and no lines saying what was done; problems are still shown");
    app.fallthrough();  // --quiet after the command (subcommands inherit this)
    Options o;

    auto add_data = [&o](CLI::App* cmd) {
        cmd->add_option("--data", o.data_dirs, "data directory (repeatable; default: data)")->type_name("DIR");
    };
    const std::vector<const char*> dates_and_exit{kDatesHelp, kExitHelp};

    CLI::App* validate = app.add_subcommand("validate", "check data files (or any JSON file against a schema)");
    add_data(validate);
    validate->add_flag("--strict", o.strict, "warnings and missing translations are errors");
    choices(validate->add_option("--diagnostics", o.diagnostics, "diagnostics format (json: one object a line on standard output)"),
            {"text", "json"});
    validate->add_option("--schema", o.schema, "validate INSTANCE files against this JSON Schema (draft-07)")
        ->type_name("FILE");
    validate->add_option("instances", o.instances, "JSON files to check against --schema (- reads standard input)")
        ->type_name("INSTANCE");
    describe(validate, {{"timeline validate", "check every file of data/ and the references between records"},
                             {"timeline validate --data a --data b", "check two folders as one data set"},
                             {"timeline validate --strict", "warnings and missing translations fail too"},
                             {"timeline validate --schema s.json x.json", "check any JSON file against a schema"}},
                            {kExitHelp});

    CLI::App* list = app.add_subcommand("list", "list records in date order");
    add_data(list);
    choices(list->add_option("kind", o.list_kind, "what to list")->required(), {"events", "figures", "sources", "entities"});
    choices(list->add_option("--format", o.format, "output format"), {"text", "json"});
    list->add_option("--from", o.from, "only records whose date reaches this date or later")->type_name("WHEN");
    list->add_option("--to", o.to, "only records whose date starts by the end of this date")->type_name("WHEN");
    list->add_option("--lane", o.lane, "only events of this lane")->type_name("ID");
    list->add_flag("--strict", o.strict, "warnings and missing translations are errors");
    describe(list, {{"timeline list events", "every event, oldest first"},
                         {"timeline list events --from 2019 --to 2019-Q2", "the events of the first half of 2019"},
                         {"timeline list figures --format json", "figures with their resolved dates, as JSON"}},
                        dates_and_exit);

    CLI::App* report = app.add_subcommand("report", "write a brief");
    add_data(report);
    report->add_option("--template", o.template_name, "template name (report-templates/NAME.json, looked up) or file")
        ->type_name("NAME|FILE");
    choices(report->add_option("--format", o.report_format, "output format (default pdf)"), {"pdf", "json", "md", "txt"});
    choices(report->add_option("--lang", o.lang, "languages (default: the template's)"), {"bi", "zh", "en"});
    report->add_option("--from", o.from, "only events and figures whose date reaches this date or later")->type_name("WHEN");
    report->add_option("--to", o.to, "only events and figures whose date starts by the end of this date")->type_name("WHEN");
    report->add_option("--as-of", o.as_of, "the brief's date (default: today in the local time zone)")->type_name("DATE");
    report->add_option("-o,--output", o.output,
                       "output file (default out/TEMPLATE-ASOF.FORMAT; - for standard output, a PDF only when it is "
                       "not a terminal)")
        ->type_name("FILE");
    report->add_flag("--strict", o.strict, "warnings, missing translations and characters no font covers are errors");
    report->add_option("--theme", o.theme, "theme for pdf (default: report-templates/theme.json, looked up)")->type_name("FILE");
    describe(report, {{"timeline report", "the brief of data/ as out/brief-<today>.pdf"},
                           {"timeline report --as-of 2026-11-23 --lang en", "the English brief of that day"},
                           {"timeline report --format md -o -", "the brief as Markdown on standard output"},
                           {"timeline report -o - | lp", "print the PDF without keeping a file"},
                           {"timeline report --template timeline", "the events-only brief"}},
                          {kDatesHelp, kLookupHelp, kExitHelp});

    CLI::App* stats = app.add_subcommand("stats", "print the statistics of the metrics");
    add_data(stats);
    stats->add_option("--metric", o.metric, "only this metric")->type_name("ID");
    choices(stats->add_option("--lang", o.lang, "languages (default bi)"), {"bi", "zh", "en"});
    describe(stats, {{"timeline stats", "first and latest value, multiple, change and CAGR of every metric"},
                          {"timeline stats --metric headcount --lang en", "one metric, in English"}},
                         {kExitHelp});

    CLI::App* fonts = app.add_subcommand("fonts", "font coverage of the data and templates");
    CLI::App* fonts_check = fonts->add_subcommand("check", "report characters no font of the theme covers");
    fonts->require_subcommand(1);
    add_data(fonts_check);
    fonts_check->add_option("--template", o.template_name, "template name or file")->type_name("NAME|FILE");
    fonts_check->add_option("--theme", o.theme, "theme (default: report-templates/theme.json, looked up)")->type_name("FILE");
    fonts_check->add_flag("--strict", o.strict, "an uncovered character is an error");
    describe(fonts_check, {{"timeline fonts check", "every text of data/, the template and the fixed texts"}},
                               {kLookupHelp, kExitHelp});

    const auto run_schedule = add_schedule_commands(app, argv);
    const auto run_interchange = add_interchange_commands(app);
    const auto run_init = add_init_command(app);
    const auto run_generate = add_generate_command(app);

    describe(&app, {{"timeline init brief && cd brief", "start a project with example data"},
                       {"timeline validate", "check the data in data/"},
                       {"timeline report", "write the brief as out/brief-<today>.pdf"},
                       {"timeline report --format md -o -", "the brief as Markdown on standard output"},
                       {"timeline list events --from 2019", "events from 2019 on"},
                       {"timeline schedule next", "when the jobs of schedules.json run next"}},
                      {kDatesHelp, kLookupHelp, kExitHelp,
                       "See 'timeline COMMAND --help' for the options of a command, and man timeline."});

    if (unknown_command(app, argc, argv)) return kUsage;
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return kUsage;
    }
    set_quiet(quiet_flag);
    if (validate->parsed()) return run_validate(o);
    if (list->parsed()) return run_list(o);
    if (report->parsed()) return run_report(o);
    if (stats->parsed()) return run_stats(o);
    if (fonts_check->parsed()) return run_fonts_check(o);
    if (const int code = run_schedule(); code >= 0) return code;
    if (const int code = run_interchange(); code >= 0) return code;
    if (const int code = run_init(); code >= 0) return code;
    if (const int code = run_generate(); code >= 0) return code;
    return kUsage;
}

}  // namespace
}  // namespace timeline::cli

int main(int argc, char** argv) {
    // Every command may write (report, schedule): no silent death on the file size limit,
    // no temporary file left by Ctrl-C or SIGTERM.
    timeline::install_write_guards();
    timeline::cli::install_checked_stdout();
    int status = timeline::cli::kInternal;
    try {
        status = timeline::cli::run(argc, argv);
    } catch (const std::exception& e) {
        std::cerr << "timeline: internal error: " << e.what() << '\n';
    }
    timeline::end_process(timeline::cli::finish_stdout(status));
}
