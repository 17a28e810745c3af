// The scheduler loop (docs/scheduling.md): fires each job's slots in order, applies the
// catch-up policy to slots missed while it was down, retries failures with backoff, keeps
// the state and the run log. Each job has its own worker thread while a slot runs, so a
// slow or failing job never holds up the others.
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

#include "base/diagnostic.h"
#include "schedule/clock.h"
#include "schedule/config.h"
#include "schedule/state.h"

namespace timeline::schedule {

// One attempt at one slot.
struct Task {
    const Job* job = nullptr;
    Slot slot;
    std::string output;  // the file to write (atomically)
    std::string as_of;   // the report date: the slot's local date
    int attempt = 1;
};

struct Outcome {
    bool ok = false;
    std::string error;  // one line, when !ok
    int code = 0;       // the report command's exit status, when known (0 otherwise)
    bool final = false; // a failure retrying cannot mend (the output is not allowed): no retries
};

// Writes the report of a task. Must write `output` atomically (temporary file + rename) and
// return promptly once `stop` is requested (the result then counts as abandoned).
using Runner = std::function<Outcome(const Task&, std::stop_token stop)>;

enum class RunMode {
    service,  // run until stopped (or until `until`)
    drain     // run the slots due now (with their retries), then return: `schedule once`
};

struct SchedulerOptions {
    RunMode mode = RunMode::service;
    std::optional<Instant> until;  // service: return once the clock reaches this
    // A state time (done_through, in_progress) later than now by more than this was written
    // while the clock was wrong (ahead): it is reported ("state-future") and reset, so the
    // job runs again from now instead of waiting for that time.
    std::chrono::seconds future_tolerance{15 * 60};
};

class Scheduler {
public:
    Scheduler(std::vector<const Job*> jobs, State& state, const RunLog& log, Clock& clock, Runner runner,
              SchedulerOptions options = {});
    ~Scheduler();
    Scheduler(const Scheduler&) = delete;
    Scheduler& operator=(const Scheduler&) = delete;

    // Runs the loop. Problems writing the state or the log are added to `diags` (the loop
    // goes on). Returns when stopped, at `until`, or (drain) when nothing is due.
    void run(Diagnostics& diags);

    // Thread-safe. stop: start nothing new, let running reports finish, then return.
    // abandon: also ask running reports to stop now (their slots stay pending).
    void request_stop();
    void request_abandon();

    // Called (on the scheduler's thread) for every run-log record, e.g. to print it.
    std::function<void(const RunRecord&)> observer;
    // Called (on the scheduler's thread) for every diagnostic as it is added to `diags`, so
    // that a service can log it at once rather than when it stops.
    std::function<void(const Diagnostic&)> on_diagnostic;

private:
    struct Lane;
    struct Done {
        std::size_t lane;
        Outcome outcome;
    };

    void catch_up(Instant start, Diagnostics& diags);
    bool reset_if_future(Lane& lane, Instant now, Diagnostics& diags);
    void first_sight(Lane& lane, Instant now);
    void report(Diagnostics& diags, const Diagnostics& found);
    void start(Lane& lane, std::size_t index, Instant now);
    void finish(Lane& lane, const Outcome& outcome, Instant now, Diagnostics& diags);
    void record(const RunRecord& r, Diagnostics& diags);
    void save(Diagnostics& diags);

    std::vector<Lane> lanes_;
    State& state_;
    const RunLog& log_;
    Clock& clock_;
    Runner runner_;
    SchedulerOptions options_;

    std::mutex mu_;
    std::condition_variable cv_;
    std::vector<Done> done_;
    bool stop_ = false;
    bool abandon_ = false;
};

}  // namespace timeline::schedule
