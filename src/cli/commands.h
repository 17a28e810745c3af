// The commands behind the command line (main.cpp parses; these run).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "load/dataset.h"

namespace CLI {
class App;
}

namespace timeline::cli {

struct Options {
    std::vector<std::string> data_dirs{"data"};
    bool strict = false;
    std::string diagnostics = "text";
    // validate
    std::string schema;
    std::vector<std::string> instances;
    // list
    std::string list_kind;
    std::string format = "text";
    std::string lane;
    // list, report
    std::string from;
    std::string to;
    // report, stats
    std::string template_name = "brief";
    std::string report_format = "pdf";
    std::string lang;  // "" = the template's mode (report) or bi (stats)
    std::string as_of;
    std::string output;
    std::string metric;
    // report, fonts check: "" = report-templates/theme.json, looked up (cli/resources.h)
    std::string theme;
};

// Parses --from/--to (a date of any form); prints the problem and returns false when the
// date is invalid (a usage error).
bool parse_filter_date(const std::string& text, const char* option, std::optional<When>& out);

// Loads the data directories and runs the checks after the schema; with --strict,
// warnings become errors.
LoadedData load_checked(const Options& o, Diagnostics& diags);

int run_report(const Options& o);
int run_stats(const Options& o);
int run_fonts_check(const Options& o);

// Registers `schedule run|next|once` (schedule_cmd.cpp); the returned function runs the one
// that was parsed and returns its exit status, or -1 when no schedule command was given.
std::function<int()> add_schedule_commands(CLI::App& app, char** argv);

// Registers `import timelinejs` and `export timelinejs` (interchange_cmd.cpp), returning the
// same kind of function.
std::function<int()> add_interchange_commands(CLI::App& app);

// Registers `init DIR` (init_cmd.cpp): a starter project.
std::function<int()> add_init_command(CLI::App& app);

// Registers the hidden `__generate man|bash|zsh -o FILE` (generate.cpp): the man page and the
// shell completions, made from the command line's own definition at build time.
std::function<int()> add_generate_command(CLI::App& app);

// Today in the local time zone (TZ respected): the default --as-of.
date::sys_days today_local();

}  // namespace timeline::cli
