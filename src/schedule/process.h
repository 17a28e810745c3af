// Running a report in a child process: its own process group (a Ctrl-C on the terminal
// reaches only the scheduler, which decides), killed if the scheduler dies (even by
// kill -9), stopped on request or after a timeout, its stderr kept for the run log.
#pragma once

#include <chrono>
#include <stop_token>
#include <string>
#include <vector>

namespace timeline::schedule {

struct ProcessResult {
    enum class End { exited, signalled, timed_out, stopped, failed_to_start } end = End::exited;
    int status = 0;      // exit status (exited) or signal number (signalled)
    std::string output;  // the last few KB of stdout and stderr together
    std::string error;   // failed_to_start: why
};

// Runs argv[0] with arguments argv (execv: no PATH lookup, no shell). On `stop` the process
// group gets SIGTERM, then SIGKILL after `kill_after`; after `timeout` it gets SIGKILL.
ProcessResult run_process(const std::vector<std::string>& argv, std::chrono::milliseconds timeout, std::stop_token stop,
                          std::chrono::milliseconds kill_after = std::chrono::milliseconds{2000});

// One line of a process's output for the run log: the first line that mentions an error,
// else the last non-empty line.
std::string summary_line(const std::string& output);

}  // namespace timeline::schedule
