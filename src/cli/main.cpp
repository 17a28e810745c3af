// timeline: dated records and figures -> bilingual briefs. Command line (PRODUCT §3).
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "check/checks.h"
#include "cli/exit_codes.h"
#include "cli/list.h"
#include "cli/output.h"
#include "cli/validate_schema.h"
#include "load/dataset.h"

namespace timeline::cli {
namespace {

struct Options {
    std::vector<std::string> data_dirs{"data"};
    bool strict = false;
    std::string diagnostics = "text";
    std::string schema;
    std::vector<std::string> instances;
    std::string list_kind;
    std::string format = "text";
    std::string from;
    std::string to;
    std::string lane;
};

DiagnosticFormat diagnostic_format(const Options& o) {
    return o.diagnostics == "json" ? DiagnosticFormat::json : DiagnosticFormat::text;
}

// Loads the data directories and runs the checks after the schema.
LoadedData load_checked(const Options& o, Diagnostics& diags) {
    LoadedData loaded = load_dataset(o.data_dirs, diags);
    CheckOptions check;
    check.strictness = o.strict ? Strictness::strict : Strictness::normal;
    check.locate = [&loaded](const Origin& origin) { return loaded.sources.position(origin.file, origin.pointer); };
    check_dataset(loaded.dataset, diags, check);
    loaded.sources.locate(diags);
    if (o.strict) {
        for (auto& d : diags.items())
            if (d.severity == Severity::warning) d.severity = Severity::error;
    }
    return loaded;
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
            std::cerr << "timeline validate: " << plural(loaded.files.size(), "file") << ", "
                      << plural(ds.events.size(), "event") << ", " << plural(ds.figures.size(), "figure") << ", "
                      << plural(ds.record_count(), "record") << " in all: valid\n";
        }
        return exit_code_for(diags);
    }
    print_diagnostics(diagnostic_format(o) == DiagnosticFormat::json ? std::cout : std::cerr, diags,
                      diagnostic_format(o));
    return exit_code_for(diags);
}

// Parses --from/--to; a bad date is a usage error.
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
        std::cerr << "timeline list: --lane: no lane \"" << o.lane << "\" in the data\n";
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
    CLI::App app{"timeline: dated records and statistical figures -> bilingual briefs"};
    app.require_subcommand(1);
    Options o;

    auto add_data = [&o](CLI::App* cmd) {
        cmd->add_option("--data", o.data_dirs, "data directory (repeatable; default: data)")->type_name("DIR");
    };

    CLI::App* validate = app.add_subcommand("validate", "check data files (or any JSON file against a schema)");
    add_data(validate);
    validate->add_flag("--strict", o.strict, "warnings and missing translations are errors");
    validate->add_option("--diagnostics", o.diagnostics, "diagnostics format")
        ->check(CLI::IsMember({"text", "json"}))
        ->type_name("text|json");
    validate->add_option("--schema", o.schema, "validate INSTANCE files against this JSON Schema (draft-07)")
        ->type_name("FILE");
    validate->add_option("instances", o.instances, "JSON files to check against --schema")->type_name("INSTANCE");

    CLI::App* list = app.add_subcommand("list", "list records in date order");
    add_data(list);
    list->add_option("kind", o.list_kind, "what to list")
        ->required()
        ->check(CLI::IsMember({"events", "figures", "sources", "entities"}))
        ->type_name("events|figures|sources|entities");
    list->add_option("--format", o.format, "output format")->check(CLI::IsMember({"text", "json"}))->type_name("text|json");
    list->add_option("--from", o.from, "only records whose date reaches this date or later")->type_name("WHEN");
    list->add_option("--to", o.to, "only records whose date starts by the end of this date")->type_name("WHEN");
    list->add_option("--lane", o.lane, "only events of this lane")->type_name("ID");
    list->add_flag("--strict", o.strict, "warnings and missing translations are errors");

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return kUsage;
    }
    if (validate->parsed()) return run_validate(o);
    if (list->parsed()) return run_list(o);
    return kUsage;
}

}  // namespace
}  // namespace timeline::cli

int main(int argc, char** argv) {
    try {
        return timeline::cli::run(argc, argv);
    } catch (const std::exception& e) {
        std::cerr << "timeline: internal error: " << e.what() << '\n';
        return timeline::cli::kInternal;
    }
}
