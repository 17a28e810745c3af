// The parsed options of `timeline schedule …` and the one function that acts on them.
//
// Scheduling needs the database (Poco::Data with SQLite and libpq) and mail (Poco::Net with
// OpenSSL): two dozen shared libraries that would cost every other command ~30 ms of dynamic
// linking at start-up. So `timeline` defines the schedule options (for --help, the man page
// and the completions) and, when one of them is given, replaces itself with the program
// timeline-schedule (schedule_exec.cpp), which is the same command line built with
// schedule_run.cpp and those libraries.
#pragma once

#include <string>

namespace CLI {
class App;
}

namespace timeline::cli {

struct ScheduleArgs {
    std::string config = "schedules.json";
    std::string state;  // "" = the schedules file's "state", else kDefaultStateDir
    std::string job;
    int count = 5;
    std::string from;
    std::string slot;
    std::string clock;  // start a simulated clock here (tests; needs --until for run)
    std::string until;
    int grace = 60;
    double lease = 60;  // seconds
    std::string status;
    std::string since;
    std::string format = "text";
    CLI::App* run = nullptr;
    CLI::App* next = nullptr;
    CLI::App* once = nullptr;
    CLI::App* history = nullptr;
    CLI::App* status_cmd = nullptr;
};

// Runs the parsed schedule command; `argv` is the program's whole command line.
int run_schedule_command(const ScheduleArgs& a, char** argv);

}  // namespace timeline::cli
