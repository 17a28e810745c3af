// What the command line says about itself: the help texts shared by --help and the man page
// (dates, exit status, where templates are found), choices with "did you mean", and the check
// for a mistyped command ("unknown command 'reprot' — did you mean 'report'?").
#pragma once

#include <string>
#include <vector>

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace timeline::cli {

// One paragraph each, plain text (the man page formats them too).
extern const char* const kDatesHelp;      // the forms of --from/--to and --as-of
extern const char* const kExitHelp;       // exit status 0-3
extern const char* const kLookupHelp;     // where --template NAME and the theme are found
extern const char* const kEnvironmentHelp;

struct Example {
    std::string command;  // "timeline report --format md -o -"
    std::string does;     // "the brief as Markdown on standard output"
};

// Sets the footer of a command's --help: its examples, then the given paragraphs. The man page
// lists the same examples (examples_of).
void describe(CLI::App* command, std::vector<Example> examples, const std::vector<const char*>& paragraphs);
const std::vector<Example>& examples_of(const CLI::App* command);

// Restricts an option to `values` ("text", "json"): its type is shown as "text|json" (once),
// and a wrong value gets "'jsn' is not one of text, json — did you mean 'json'?".
CLI::Option* choices(CLI::Option* option, const std::vector<std::string>& values);

// Looks at the words where a command is expected (`timeline WORD`, `timeline schedule WORD` …)
// before CLI11 parses: prints "timeline: unknown command 'reprot' — did you mean 'report'?"
// (or names the commands) and returns true when one names no command, or when a command that
// needs one is given none.
bool unknown_command(const CLI::App& app, int argc, char** argv);

// The visible subcommands of an app (hidden ones have an empty group).
std::vector<const CLI::App*> visible_subcommands(const CLI::App& app);

}  // namespace timeline::cli
