// Where report templates and themes are found (docs/install.md "Lookup"). Each place is a
// folder laid out like a project: a template NAME is report-templates/NAME.json, the theme
// report-templates/theme.json. Places, first match wins:
//   1. the current project (the working directory, or the folder of a schedules file);
//   2. each folder of $TIMELINE_PATH (colon-separated, in order);
//   3. $XDG_CONFIG_HOME/timeline (default ~/.config/timeline): the user's own;
//   4. /etc/timeline: the machine's;
//   5. the installed share/timeline: beside the program (../share/timeline from its
//      folder), then the folder the build was configured to install to.
// An explicit file (--template FILE, --theme FILE) bypasses the lookup.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace timeline {

// Whether a --template/--theme value (or a schedules file's "template") is a file rather than
// a name to look up: it contains '/', ends in ".json", or is "-" (standard input).
bool names_a_file(const std::string& name_or_file);

struct Place {
    std::string dir;     // "" for the current directory
    std::string origin;  // "project", "TIMELINE_PATH", "XDG_CONFIG_HOME", "/etc", "installed"
};

// The places in lookup order; `project` is the project folder ("" for the working directory).
// Folders that do not exist are left out, the project and TIMELINE_PATH folders excepted.
std::vector<Place> lookup_places(const std::string& project = "");

// `relative` joined to a place ("report-templates/brief.json" in "" stays as it is).
std::string in_place(const Place& place, const std::string& relative);

// The first place that holds the file `relative`, as a path; nullopt when none does.
std::optional<std::string> find_in_places(const std::string& relative, const std::vector<Place>& places);

// The names of the files `folder/*.json` of every place (without ".json"), each once, sorted.
std::vector<std::string> names_in_places(const std::string& folder, const std::vector<Place>& places);

// "report-templates/brief.json, /etc/timeline/report-templates/brief.json, …": where
// `relative` was looked for, for a "not found" message.
std::string searched(const std::string& relative, const std::vector<Place>& places);

// The installed share/timeline folder (schemas for editors, templates, theme), if there is one.
std::optional<std::string> installed_share();

}  // namespace timeline
