// The starter project of `timeline init` (share/starter/ of the source tree), compiled in so
// that init works wherever the program is.
#pragma once

#include <string_view>
#include <vector>

namespace timeline {

struct StarterFile {
    std::string_view name;  // path inside the project, e.g. "data/library.json"
    std::string_view text;
};

const std::vector<StarterFile>& starter_files();

}  // namespace timeline
