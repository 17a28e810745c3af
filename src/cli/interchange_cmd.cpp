// `timeline import timelinejs FILE` and `timeline export timelinejs` (docs/timelinejs.md).
#include <filesystem>
#include <iostream>
#include <set>

#include <CLI/CLI.hpp>

#include "base/files.h"
#include "check/checks.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/output.h"
#include "interchange/timelinejs.h"
#include "load/dataset.h"

namespace timeline::cli {
namespace {

namespace fs = std::filesystem;

constexpr const char* kFormats = "timelinejs";

struct InterchangeArgs {
    CLI::App* import = nullptr;
    CLI::App* import_tljs = nullptr;
    CLI::App* export_ = nullptr;
    CLI::App* export_tljs = nullptr;
    std::string file;
    std::string output = "-";
    std::string lang;
    std::string source;
    std::string source_title;
    std::string source_publisher;
    std::vector<std::string> data_dirs;
    bool skip_invalid = false;
    std::string diagnostics = "text";
};

InterchangeArgs& args() {
    static InterchangeArgs a;
    return a;
}

DiagnosticFormat format_of(const InterchangeArgs& a) {
    return a.diagnostics == "json" ? DiagnosticFormat::json : DiagnosticFormat::text;
}

bool same_file(const std::string& a, const std::string& b) {
    std::error_code ec;
    return fs::exists(a, ec) && fs::exists(b, ec) && fs::equivalent(a, b, ec);
}

// Writes the result to standard output ("-") or atomically to a file.
bool write_output(const std::string& path, const std::string& content, Diagnostics& diags) {
    if (path == "-") {
        std::cout << content << std::flush;
        if (!std::cout) {
            diags.error("io-write", "cannot write to standard output", "-");
            return false;
        }
        return true;
    }
    std::error_code ec;
    const auto parent = fs::path(path).parent_path();
    if (!parent.empty()) fs::create_directories(parent, ec);
    return write_file_atomic(path, content, diags);
}

// A subcommand's parent named without a format, or with one it does not know.
int unknown_format(const char* command, CLI::App* cmd) {
    const auto extras = cmd->remaining();
    if (extras.empty())
        std::cerr << "timeline " << command << ": name the format: timeline " << command << " " << kFormats
                  << (std::string(command) == "import" ? " FILE" : "") << " (formats: " << kFormats << ")\n";
    else
        std::cerr << "timeline " << command << ": unknown format \"" << extras.front() << "\" (formats: " << kFormats
                  << "); see timeline " << command << " --help\n";
    return kUsage;
}

int run_import(const InterchangeArgs& a) {
    if (a.output != "-" && fs::path(a.output).extension() != ".json") {
        std::cerr << "timeline import: -o " << a.output << ": a data set file is named *.json\n";
        return kUsage;
    }
    if (a.output != "-" && same_file(a.output, a.file)) {
        std::cerr << "timeline import: -o names the input file; write the data set to another file\n";
        return kUsage;
    }
    interchange::ImportOptions options;
    options.lang = a.lang == "zh" ? interchange::LangChoice::zh
                   : a.lang == "en" ? interchange::LangChoice::en
                                    : interchange::LangChoice::detect;
    options.source = a.source;
    options.source_title = a.source_title;
    options.source_publisher = a.source_publisher;

    Diagnostics diags;
    // The data set the file joins: its files, without the one the output replaces.
    std::vector<std::string> context;
    if (!a.data_dirs.empty()) {
        for (const auto& f : data_files(a.data_dirs, diags))
            if (a.output == "-" || !same_file(f, a.output)) context.push_back(f);
        Diagnostics ignored;  // reported by the check of the result below
        const LoadedData joined = load_files(context, ignored);
        const Dataset& ds = joined.dataset;
        auto take = [&options](const auto& records) {
            for (const auto& r : records) options.taken_ids.insert(r.id);
        };
        take(ds.units), take(ds.lanes), take(ds.metrics), take(ds.sources), take(ds.entities), take(ds.eras);
        take(ds.events), take(ds.figures);
        options.lanes = ds.lanes;
        if (ds.info) options.titled_by = ds.info->origin.file;
    }
    const auto text = read_file(a.file, diags);
    std::optional<interchange::ImportResult> result;
    if (text && !diags.has_errors()) result = interchange::import_timelinejs(*text, a.file, options, diags);
    const bool slides_left_out = diags.has_errors();
    const std::size_t errors_before_check = diags.count(Severity::error);

    // The result is checked as `timeline validate` checks it, with the data set it joins.
    if (result) {
        LoadedData checked = load_files(context, diags, nullptr, {{a.output, result->json}});
        CheckOptions check;
        check.locate = [&checked](const Origin& o) { return checked.sources.position(o.file, o.pointer); };
        check_dataset(checked.dataset, diags, check);
        checked.sources.locate(diags);
    }
    print_diagnostics(std::cerr, diags, format_of(a));

    const bool checked_ok = result && diags.count(Severity::error) == errors_before_check &&
                            (!slides_left_out || a.skip_invalid);
    if (result) {
        const auto& s = result->summary;
        std::cerr << "timeline import: " << plural(s.slides, s.rows ? "row" : "slide") << " read: " << (s.title ? "the title, " : "")
                  << plural(s.events, "event") << " and " << plural(s.eras, "era") << " imported, " << s.skipped
                  << " left out";
        if (s.lanes) std::cerr << "; " << plural(s.lanes, "new lane");
        std::cerr << '\n';
    }
    if (!checked_ok) {
        if (result && slides_left_out && !a.skip_invalid)
            std::cerr << "timeline import: nothing written (--skip-invalid writes what can be imported)\n";
        else
            std::cerr << "timeline import: nothing written\n";
        return exit_code_for(diags);
    }
    Diagnostics io;
    if (!write_output(a.output, result->json, io)) {
        print_diagnostics(std::cerr, io, format_of(a));
        return kInternal;
    }
    if (a.output != "-") std::cerr << "timeline import: wrote " << a.output << '\n';
    return exit_code_for(diags);
}

int run_export(const InterchangeArgs& a) {
    Options o;
    if (!a.data_dirs.empty()) o.data_dirs = a.data_dirs;
    Diagnostics diags;
    const LoadedData loaded = load_checked(o, diags);
    if (diags.has_errors()) {
        print_diagnostics(std::cerr, diags, format_of(a));
        std::cerr << "timeline export: nothing written\n";
        return exit_code_for(diags);
    }
    const LangMode mode = a.lang == "zh" ? LangMode::zh : a.lang == "en" ? LangMode::en : LangMode::bi;
    interchange::ExportSummary summary;
    const std::string json = interchange::export_timelinejs(loaded.dataset, mode, diags, &summary);
    loaded.sources.locate(diags);
    print_diagnostics(std::cerr, diags, format_of(a));
    Diagnostics io;
    if (!write_output(a.output, json, io)) {
        print_diagnostics(std::cerr, io, format_of(a));
        return kInternal;
    }
    std::cerr << "timeline export: " << plural(summary.events, "event") << " and " << plural(summary.eras, "era")
              << (a.output == "-" ? "" : " written to " + a.output) << '\n';
    return kSuccess;
}

}  // namespace

std::function<int()> add_interchange_commands(CLI::App& app) {
    InterchangeArgs& a = args();
    auto diagnostics = [&a](CLI::App* cmd) {
        cmd->add_option("--diagnostics", a.diagnostics, "diagnostics format (on standard error)")
            ->check(CLI::IsMember({"text", "json"}))
            ->type_name("text|json");
    };

    a.import = app.add_subcommand("import", "convert another program's timeline into a data set file");
    a.import->allow_extras();
    a.import->footer(std::string("Formats: ") + kFormats +
                     " (TimelineJS3 JSON, or the TimelineJS Google-Sheets template saved as CSV)");
    a.import_tljs = a.import->add_subcommand(
        "timelinejs", "a TimelineJS3 JSON file or its Google-Sheets CSV export -> one data set file");
    CLI::App* i = a.import_tljs;
    i->add_option("file", a.file, "the TimelineJS file (.json or .csv)")->required()->type_name("FILE");
    i->add_option("-o,--output", a.output, "the data set file to write (default -: standard output)")
        ->type_name("OUT.json");
    i->add_option("--lang", a.lang, "language of the texts (default auto: Han characters are Chinese)")
        ->check(CLI::IsMember({"auto", "zh", "en"}))
        ->type_name("auto|zh|en");
    i->add_option("--source", a.source, "cite this source of the data set instead of creating one")->type_name("ID");
    i->add_option("--source-title", a.source_title, "title of the source created (default: the title slide's)")
        ->type_name("TEXT");
    i->add_option("--source-publisher", a.source_publisher,
                  "publisher of the source created (default: \"TimelineJS timeline\")")
        ->type_name("TEXT");
    i->add_option("--data", a.data_dirs,
                  "the data set the file joins (repeatable): ids stay unique, lanes are reused, and the result is "
                  "checked with it")
        ->type_name("DIR");
    i->add_flag("--skip-invalid", a.skip_invalid,
                "write the slides that can be imported even when others cannot (exit status stays 1)");
    diagnostics(i);
    i->get_option("--source")->excludes("--source-title")->excludes("--source-publisher");

    a.export_ = app.add_subcommand("export", "write the data set in another program's format");
    a.export_->allow_extras();
    a.export_->footer(std::string("Formats: ") + kFormats + " (TimelineJS3 JSON)");
    a.export_tljs = a.export_->add_subcommand("timelinejs", "the data set's events and eras as TimelineJS3 JSON");
    CLI::App* e = a.export_tljs;
    e->add_option("--data", a.data_dirs, "data directory (repeatable; default: data)")->type_name("DIR");
    e->add_option("-o,--output", a.output, "the file to write (default -: standard output)")->type_name("FILE");
    e->add_option("--lang", a.lang, "language of the texts (default bi: both, marked with lang attributes)")
        ->check(CLI::IsMember({"bi", "zh", "en"}))
        ->type_name("bi|zh|en");
    diagnostics(e);

    // The parents allow extras (to name an unknown format), so arguments the format's
    // command does not know end up there.
    auto unexpected = [](const char* command, CLI::App* parent, CLI::App* cmd) {
        auto extras = cmd->remaining();
        const auto more = parent->remaining();
        extras.insert(extras.end(), more.begin(), more.end());
        if (extras.empty()) return false;
        std::cerr << "timeline " << command << ": unexpected argument \"" << extras.front() << "\"; see timeline "
                  << command << " --help\n";
        return true;
    };
    return [&a, unexpected]() -> int {
        if (a.import_tljs->parsed() && unexpected("import timelinejs", a.import, a.import_tljs)) return kUsage;
        if (a.export_tljs->parsed() && unexpected("export timelinejs", a.export_, a.export_tljs)) return kUsage;
        if (a.import_tljs->parsed()) return run_import(a);
        if (a.import->parsed()) return unknown_format("import", a.import);
        if (a.export_tljs->parsed()) return run_export(a);
        if (a.export_->parsed()) return unknown_format("export", a.export_);
        return -1;
    };
}

}  // namespace timeline::cli
