// The template and the theme of a command, found as src/base/lookup.h says.
#pragma once

#include <optional>
#include <string>

namespace timeline::cli {

// The file of --template NAME|FILE, looked up from `project` ("" = the working directory).
// Prints where it looked (and the closest name) and returns nullopt when there is none.
std::optional<std::string> template_file(const std::string& name_or_file, const std::string& project = "");

// The theme file: `given` (--theme FILE) when set, else report-templates/theme.json looked up
// from `project`. Prints where it looked (unless `say_missing` is false) and returns nullopt
// when there is none.
std::optional<std::string> theme_file(const std::string& given, const std::string& project = "",
                                      bool say_missing = true);

}  // namespace timeline::cli
