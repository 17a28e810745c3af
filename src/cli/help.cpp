#include "cli/help.h"

#include <algorithm>
#include <iostream>
#include <map>

#include <CLI/CLI.hpp>

#include "base/suggest.h"

namespace timeline::cli {

const char* const kDatesHelp =
    "Dates (--from, --to): a year 2018, a month 2002-04, a day 2019-05-24, a half year 2019-H1, a quarter "
    "2019-Q3 or a decade 1980s, with '~' after it for approximate and '?' for uncertain. --from 2019 keeps "
    "what reaches into 2019 or later, --to 2019-Q2 what starts by the end of June 2019. --as-of takes a day "
    "such as 2026-11-23; by default it is today in the local time zone (TZ).";

const char* const kExitHelp =
    "Exit status: 0 success; 1 invalid data, template or theme; 2 usage error (unknown command or option, a "
    "bad value); 3 internal or I/O failure (a file or standard output cannot be written).";

const char* const kLookupHelp =
    "Templates and the theme: --template NAME is report-templates/NAME.json and the theme is "
    "report-templates/theme.json, taken from the first of: the current project, each folder of "
    "$TIMELINE_PATH, $XDG_CONFIG_HOME/timeline (~/.config/timeline), /etc/timeline, the installed "
    "share/timeline. A path (containing '/' or ending in .json) is used as it is; '-' reads standard input.";

const char* const kEnvironmentHelp =
    "Environment: TIMELINE_PATH adds folders to look for templates and themes in (separated by ':'); "
    "XDG_CONFIG_HOME is the user's configuration folder (default ~/.config); TZ is the local time zone "
    "of --as-of's default.";

namespace {

// Wraps a paragraph at `width` columns (words are ASCII here).
std::string wrap(const std::string& text, std::size_t width, const std::string& indent) {
    std::string out;
    std::string line;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find(' ', start);
        if (end == std::string::npos) end = text.size();
        const std::string word = text.substr(start, end - start);
        if (!line.empty() && line.size() + 1 + word.size() > width) {
            out += line + "\n";
            line = indent;
        }
        line += (line.empty() || line == indent ? "" : " ") + word;
        start = end + 1;
    }
    if (!line.empty()) out += line + "\n";
    return out;
}

std::string join(const std::vector<std::string>& items, const char* separator) {
    std::string out;
    for (const auto& s : items) out += (out.empty() ? "" : separator) + s;
    return out;
}

std::map<const CLI::App*, std::vector<Example>>& registry() {
    static std::map<const CLI::App*, std::vector<Example>> r;
    return r;
}

}  // namespace

void describe(CLI::App* command, std::vector<Example> examples, const std::vector<const char*>& paragraphs) {
    std::string out;
    if (!examples.empty()) {
        out += "Examples:\n";
        std::size_t width = 0;
        for (const auto& e : examples) width = std::max(width, e.command.size());
        for (const auto& e : examples)
            out += "  " + e.command + std::string(width - e.command.size() + 3, ' ') + e.does + "\n";
    }
    for (const char* p : paragraphs) out += "\n" + wrap(p, 92, "  ");
    command->footer(out);
    registry()[command] = std::move(examples);
}

const std::vector<Example>& examples_of(const CLI::App* command) {
    static const std::vector<Example> none;
    const auto it = registry().find(command);
    return it == registry().end() ? none : it->second;
}

CLI::Option* choices(CLI::Option* option, const std::vector<std::string>& values) {
    option->type_name(join(values, "|"));
    option->check(CLI::Validator(
        [values](std::string& v) -> std::string {
            if (std::find(values.begin(), values.end(), v) != values.end()) return {};
            std::string message = "'" + v + "' is not one of " + join(values, ", ");
            if (const auto s = closest(v, values)) message += " — did you mean '" + *s + "'?";
            return message;
        },
        ""));
    return option;
}

std::vector<const CLI::App*> visible_subcommands(const CLI::App& app) {
    return app.get_subcommands([](const CLI::App* sub) { return !sub->get_group().empty(); });
}

bool unknown_command(const CLI::App& app, int argc, char** argv) {
    const CLI::App* current = &app;
    std::string path = "timeline";
    int i = 1;
    for (; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--" || arg == "-h" || arg == "--help" || arg == "--version") return false;  // CLI11's
        const auto all = current->get_subcommands([](const CLI::App*) { return true; });
        if (all.empty()) return false;  // a command's own arguments
        if (!arg.empty() && arg[0] == '-') continue;  // a flag of the command group (--quiet)
        const auto it = std::find_if(all.begin(), all.end(), [&](const CLI::App* s) { return s->get_name() == arg; });
        if (it != all.end()) {
            current = *it;
            path += " " + arg;
            continue;
        }
        std::vector<std::string> names;
        bool formats = true;
        for (const CLI::App* s : visible_subcommands(*current)) {
            names.push_back(s->get_name());
            formats = formats && s->get_group() == "Formats";
        }
        const char* noun = formats ? "format" : "command";
        std::cerr << path << ": unknown " << noun << " '" << arg << "'";
        if (const auto s = closest(arg, names)) std::cerr << " — did you mean '" << *s << "'?\n";
        else std::cerr << "; the " << noun << "s are " << join(names, ", ") << " (see " << path << " --help)\n";
        return true;
    }
    if (current->get_require_subcommand_min() > 0) {
        std::vector<std::string> names;
        for (const CLI::App* s : visible_subcommands(*current)) names.push_back(s->get_name());
        std::cerr << path << ": name a command: " << join(names, ", ") << " (see " << path << " --help)\n";
        return true;
    }
    return false;
}

}  // namespace timeline::cli
