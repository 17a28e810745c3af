// The scheduler loop (docs/scheduling.md): fires each job's slots in order, applies the
// catch-up policy to slots missed while it was down, retries failures with backoff, keeps
// the state and the run history (Store), delivers briefs (Deliverer). Each job has its own
// worker thread while a slot runs, so a slow or failing job never holds up the others.
// On a shared state (PostgreSQL) each slot is claimed by one node: the claim is a lease that
// a heartbeat thread renews while the node works on the slot; a slot whose owner stopped
// renewing it is taken over by another node.
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
#include "schedule/delivery.h"
#include "schedule/store.h"

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
    // Shared state: how long a claim holds without being renewed (renewed every third of it),
    // and how often a node looks again at a slot another node holds (both real time).
    std::chrono::milliseconds lease{60 * 1000};
    std::chrono::milliseconds poll{2000};
    DeliveryPolicy delivery;
};

class Scheduler {
public:
    Scheduler(std::vector<const Job*> jobs, Store& store, Clock& clock, Runner runner, SchedulerOptions options = {});
    ~Scheduler();
    Scheduler(const Scheduler&) = delete;
    Scheduler& operator=(const Scheduler&) = delete;

    // Runs the loop. Problems writing the state or the log are added to `diags` (the loop
    // goes on). Returns when stopped, at `until`, or (drain) when nothing is due.
    void run(Diagnostics& diags);
    // Runs the deliveries due now, one after the other, and returns (schedule once --slot).
    void run_deliveries(Diagnostics& diags);

    // Thread-safe. stop: start nothing new, let running reports finish, then return.
    // abandon: also ask running reports to stop now (their slots stay pending).
    void request_stop();
    void request_abandon();

    // Called (on the scheduler's thread) for every record of the run history, e.g. to print it.
    std::function<void(const RunRecord&)> observer;
    // Sends the brief of a job with "email" after its report is written; unset: nothing is
    // delivered (the history says delivered "none").
    Deliverer deliverer;
    // Called (on the scheduler's thread) after each delivery attempt, with the run as it
    // now stands in the history.
    std::function<void(const RunRecord&, const DeliveryOutcome&)> on_delivery;
    // Called (on the scheduler's thread) for every diagnostic as it is added to `diags`, so
    // that a service can log it at once rather than when it stops.
    std::function<void(const Diagnostic&)> on_diagnostic;

private:
    struct Lane;
    struct Done {
        std::size_t lane;
        Outcome outcome;
    };

    struct Delivery;
    enum class Claimed { claimed, held, not_due, none };

    void catch_up(Instant start, Diagnostics& diags);
    bool reset_if_future(Lane& lane, JobTransaction& tx, Instant now, Diagnostics& diags);
    void first_sight(Lane& lane, JobRow& row, Instant now);
    Claimed claim(Lane& lane, Instant now, Diagnostics& diags, std::optional<Instant>& due);
    void report(Diagnostics& diags, const Diagnostics& found);
    void failed_store(const std::exception& e, Diagnostics& diags);
    void start(Lane& lane, std::size_t index, Instant now, Diagnostics& diags);
    bool finish(Lane& lane, const Outcome& outcome, Instant now, Diagnostics& diags);
    void observe(const std::vector<RunRecord>& records);
    std::optional<Instant> deliver(Instant now, Diagnostics& diags);
    void delivered(Instant now, Diagnostics& diags);
    void heartbeat(std::stop_token stop, Diagnostics& found);

    std::vector<Lane> lanes_;
    Store& store_;
    Clock& clock_;
    Runner runner_;
    SchedulerOptions options_;

    std::mutex mu_;
    std::condition_variable cv_;
    std::vector<Done> done_;
    std::unique_ptr<Delivery> delivery_;
    std::mutex heartbeat_mu_;  // guards heartbeat diagnostics
    bool stop_ = false;
    bool abandon_ = false;
};

}  // namespace timeline::schedule
