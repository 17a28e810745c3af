// `timeline schedule …` in the timeline program: the command line is handed whole to the
// program timeline-schedule (schedule_args.h), found beside this one (the build tree), in
// ../libexec/timeline/ from this one's folder (an installation moved elsewhere), or where the
// build installs it. Its first argument is this program's path, which it runs for each report.
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "cli/exit_codes.h"
#include "cli/schedule_args.h"

namespace timeline::cli {

int run_schedule_command(const ScheduleArgs&, char** argv) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path self = fs::read_symlink("/proc/self/exe", ec);
    std::vector<fs::path> candidates;
    if (!ec) {
        candidates.push_back(self.parent_path() / "timeline-schedule");
        candidates.push_back((self.parent_path().parent_path() / TL_LIBEXEC_RELATIVE / "timeline-schedule").lexically_normal());
    }
    candidates.push_back(fs::path(TL_LIBEXEC_FULL) / "timeline-schedule");
    const std::string self_name = ec ? std::string(argv[0]) : self.string();
    std::vector<char*> args;
    args.push_back(const_cast<char*>(self_name.c_str()));
    for (char** a = argv + 1; *a; ++a) args.push_back(*a);
    args.push_back(nullptr);
    std::string tried;
    int error = ENOENT;
    for (const fs::path& c : candidates) {
        if (::access(c.c_str(), X_OK) != 0) {
            tried += (tried.empty() ? "" : ", ") + c.string();
            continue;
        }
        std::cout.flush();
        ::execv(c.c_str(), args.data());
        error = errno;  // found but cannot be run
        tried += (tried.empty() ? "" : ", ") + c.string();
    }
    std::cerr << "timeline schedule: cannot run the scheduler program timeline-schedule (" << std::strerror(error)
              << "; looked for " << tried << "): reinstall timeline, or build the target timeline-schedule\n";
    return kInternal;
}

}  // namespace timeline::cli
