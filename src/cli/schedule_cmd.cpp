// timeline schedule run|next|once (PRODUCT §4, docs/scheduling.md).
#include <pthread.h>
#include <signal.h>
#include <time.h>

#include <atomic>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <memory>
#include <thread>

#include <CLI/CLI.hpp>

#include "base/files.h"
#include "base/lookup.h"
#include "base/suggest.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/output.h"
#include "schedule/clock.h"
#include "schedule/config.h"
#include "schedule/process.h"
#include "schedule/scheduler.h"
#include "schedule/state.h"

namespace timeline::cli {
namespace {

using namespace timeline::schedule;

struct ScheduleArgs {
    std::string config = "schedules.json";
    std::string state = ".timeline/schedule";
    std::string job;
    int count = 5;
    std::string from;
    std::string slot;
    std::string clock;  // start a simulated clock here (tests; needs --until for run)
    std::string until;
    int grace = 60;
    CLI::App* run = nullptr;
    CLI::App* next = nullptr;
    CLI::App* once = nullptr;
};

ScheduleArgs& args() {
    static ScheduleArgs a;
    return a;
}

const date::time_zone& utc() {
    static const date::time_zone* z = date::locate_zone("UTC");
    return *z;
}

std::vector<std::string> job_ids(const Config& config) {
    std::vector<std::string> ids;
    for (const Job& j : config.jobs) ids.push_back(j.id);
    return ids;
}

std::optional<Config> load(const std::string& file) {
    Diagnostics diags;
    auto config = load_config(file, diags);
    print_diagnostics(std::cerr, diags, DiagnosticFormat::text);
    return config;
}

// The report of one slot, written by this same program in a child process:
// `timeline report --template T --format F [--lang L] --as-of DATE -o OUTPUT --data DIR…`.
// The child writes OUTPUT atomically; a scheduler killed meanwhile takes the child with it.
Outcome run_report_process(const Task& task, std::stop_token stop) {
    const Job& job = *task.job;
    // The schedules file's folder is the project: its report-templates/ come first. A name
    // found nowhere is passed on, for the report to say so in the run log.
    std::string tmpl = job.template_name;
    if (!names_a_file(tmpl))
        if (const auto found = find_in_places("report-templates/" + tmpl + ".json", lookup_places(job.project))) tmpl = *found;
    std::vector<std::string> argv = {"/proc/self/exe", "report", "--template", tmpl, "--format", job.format};
    if (job.format == "pdf")
        if (const auto theme = find_in_places("report-templates/theme.json", lookup_places(job.project)))
            argv.insert(argv.end(), {"--theme", *theme});
    if (!job.lang.empty()) argv.insert(argv.end(), {"--lang", job.lang});
    argv.insert(argv.end(), {"--as-of", task.as_of, "-o", task.output});
    for (const auto& d : job.data_dirs) argv.insert(argv.end(), {"--data", d});
    const ProcessResult r = run_process(argv, job.timeout, stop);
    Outcome o;
    switch (r.end) {
        case ProcessResult::End::exited:
            o.code = r.status;
            if (r.status == 0) {
                std::error_code ec;
                if (std::filesystem::is_regular_file(task.output, ec)) {
                    o.ok = true;
                } else {
                    o.error = "the report command succeeded but " + task.output + " does not exist";
                    o.code = kInternal;
                }
            } else {
                const std::string line = summary_line(r.output);
                o.error = (line.empty() ? std::string("report failed") : line) + " (exit status " + std::to_string(r.status) + ")";
            }
            break;
        case ProcessResult::End::signalled:
            o.error = "report killed by signal " + std::to_string(r.status);
            o.code = kInternal;
            break;
        case ProcessResult::End::timed_out:
            o.error = "report timed out after " + std::to_string(job.timeout.count()) + " s";
            o.code = kInternal;
            break;
        case ProcessResult::End::stopped:
            o.error = "report stopped by the scheduler's shutdown";
            o.code = kInternal;
            break;
        case ProcessResult::End::failed_to_start:
            o.error = "cannot start the report: " + r.error;
            o.code = kInternal;
            break;
    }
    return o;
}

void print_record(const RunRecord& r, const Config& config) {
    const Job* job = config.job(r.job);
    auto when = [&](Instant t) { return job ? format_local_short(*job->zone, t) : format_utc(t); };
    std::cerr << "timeline schedule: " << r.job << ' ' << when(r.slot) << ": " << r.status;
    if (r.through && r.count > 1) std::cerr << " (" << r.count << " slots from " << when(r.slot) << " to " << when(*r.through) << ")";
    if (r.attempt > 1) std::cerr << " (attempt " << r.attempt << ")";
    if (r.status == "ok") std::cerr << " -> " << r.output;
    if (!r.error.empty()) std::cerr << ": " << r.error;
    std::cerr << '\n';
}

// Signals are taken by one thread with sigwait: the first SIGTERM/SIGINT stops the scheduler
// (running reports finish), a second one or the end of the grace period abandons them.
class SignalWatcher {
public:
    SignalWatcher(Scheduler& scheduler, std::chrono::seconds grace) : scheduler_(scheduler), grace_(grace) {
        sigemptyset(&set_);
        sigaddset(&set_, SIGTERM);
        sigaddset(&set_, SIGINT);
        sigaddset(&set_, SIGHUP);
        pthread_sigmask(SIG_BLOCK, &set_, &old_);
        thread_ = std::thread([this] { watch(); });
    }
    ~SignalWatcher() {
        done_ = true;
        thread_.join();
        pthread_sigmask(SIG_SETMASK, &old_, nullptr);
    }
    bool stopped() const { return stops_ > 0; }

private:
    void watch() {
        std::optional<std::chrono::steady_clock::time_point> first;
        while (!done_) {
            timespec wait{0, 200 * 1000 * 1000};
            const int sig = sigtimedwait(&set_, nullptr, &wait);
            if (sig > 0) {
                ++stops_;
                if (stops_ == 1) {
                    std::cerr << "timeline schedule: " << (sig == SIGINT ? "interrupt" : "stop signal")
                              << ": finishing running reports (again to abandon them)\n";
                    scheduler_.request_stop();
                    first = std::chrono::steady_clock::now();
                } else {
                    std::cerr << "timeline schedule: abandoning running reports; their slots run again at the next start\n";
                    scheduler_.request_abandon();
                }
            } else if (first && std::chrono::steady_clock::now() - *first > grace_ && stops_ == 1) {
                std::cerr << "timeline schedule: running reports did not finish within " << grace_.count()
                          << " s: abandoning them\n";
                scheduler_.request_abandon();
                ++stops_;
            }
        }
    }

    Scheduler& scheduler_;
    std::chrono::seconds grace_;
    sigset_t set_{};
    sigset_t old_{};
    std::atomic<bool> done_{false};
    std::atomic<int> stops_{0};
    std::thread thread_;
};

std::optional<Instant> parse_arg_time(const std::string& text, const char* option, const date::time_zone& zone) {
    const auto t = parse_time(text, zone);
    if (!t)
        std::cerr << "timeline schedule: " << option << ": expected a time such as 2026-03-08T08:00, 2026-03-08T00:00Z"
                  << " or 2026-03-08T08:00+08:00, got \"" << text << "\"\n";
    return t;
}

std::unique_ptr<Clock> make_clock(const ScheduleArgs& a, bool& ok) {
    ok = true;
    if (a.clock.empty()) return std::make_unique<SystemClock>();
    const auto t = parse_arg_time(a.clock, "--clock", utc());
    if (!t) {
        ok = false;
        return nullptr;
    }
    return std::make_unique<SimulatedClock>(*t);
}

// Takes the state directory's lock and reads the state; prints why not and returns an exit
// status otherwise.
int open_state(const ScheduleArgs& a, DirLock& lock, State& state) {
    std::string message;
    switch (DirLock::acquire(a.state, lock, message)) {
        case DirLock::Result::busy:
            std::cerr << "timeline schedule: " << message << "; not starting a second one\n";
            return kInternal;
        case DirLock::Result::error:
            std::cerr << "timeline schedule: " << message << '\n';
            return kInternal;
        case DirLock::Result::acquired:
            break;
    }
    Diagnostics diags;
    if (!state.load(diags)) {
        print_diagnostics(std::cerr, diags, DiagnosticFormat::text);
        return exit_code_for(diags) == kSuccess ? kInternal : exit_code_for(diags);
    }
    return kSuccess;
}

int run_service(const ScheduleArgs& a) {
    const auto config = load(a.config);
    if (!config) return kInvalidInput;
    bool clock_ok = true;
    auto clock = make_clock(a, clock_ok);
    if (!clock_ok) return kUsage;
    std::optional<Instant> until;
    if (!a.until.empty()) {
        until = parse_arg_time(a.until, "--until", utc());
        if (!until) return kUsage;
    }
    if (!a.clock.empty() && !until) {
        std::cerr << "timeline schedule run: --clock needs --until (a simulated clock never waits)\n";
        return kUsage;
    }
    if (const Instant start = clock->now(); until && *until < start) {
        std::cerr << "timeline schedule run: --until " << format_utc(*until) << " is before the start ("
                  << (a.clock.empty() ? "now, " : "--clock ") << format_utc(start) << "); nothing would run\n";
        return kUsage;
    }
    DirLock lock;
    State state(a.state);
    if (const int rc = open_state(a, lock, state); rc != kSuccess) return rc;
    RunLog log(a.state + "/runs.jsonl");
    std::vector<const Job*> jobs;
    for (const Job& j : config->jobs) jobs.push_back(&j);
    SchedulerOptions options;
    options.until = until;
    Scheduler scheduler(jobs, state, log, *clock, run_report_process, options);
    scheduler.observer = [&config](const RunRecord& r) { print_record(r, *config); };
    // A service logs problems as they happen, not when it stops.
    scheduler.on_diagnostic = [](const Diagnostic& d) { std::cerr << format_text(d) << '\n'; };
    std::cerr << "timeline schedule: " << plural(jobs.size(), "job") << " from " << a.config << ", state in " << a.state
              << '\n';
    Diagnostics diags;
    {
        SignalWatcher signals(scheduler, std::chrono::seconds{a.grace});
        scheduler.run(diags);
    }
    std::cerr << "timeline schedule: stopped";
    if (!diags.empty())
        std::cerr << " (" << plural(diags.count(Severity::error), "error") << ", "
                  << plural(diags.count(Severity::warning), "warning") << ")";
    std::cerr << '\n';
    return diags.has_errors() ? kInternal : kSuccess;
}

int run_next(const ScheduleArgs& a) {
    const auto config = load(a.config);
    if (!config) return kInvalidInput;
    if (!a.job.empty() && !config->job(a.job)) {
        std::cerr << "timeline schedule next: --job: no job \"" << a.job << "\" in " << a.config
                  << did_you_mean(a.job, job_ids(*config)) << '\n';
        return kUsage;
    }
    if (a.count < 1) {
        std::cerr << "timeline schedule next: --count must be at least 1\n";
        return kUsage;
    }
    bool clock_ok = true;
    auto clock = make_clock(a, clock_ok);
    if (!clock_ok) return kUsage;
    for (const Job& job : config->jobs) {
        if (!a.job.empty() && job.id != a.job) continue;
        Instant from = clock->now();
        if (!a.from.empty()) {
            const auto t = parse_arg_time(a.from, "--from", *job.zone);
            if (!t) return kUsage;
            from = *t - std::chrono::seconds{1};  // a slot exactly at --from is shown
        }
        std::cout << job.id << ": \"" << job.cron.text() << "\" in " << job.zone_name << ", catch-up "
                  << catch_up_name(job.catch_up) << (job.enabled ? "" : " (disabled)") << '\n';
        auto s = job.next_slot(from);
        for (int k = 0; k < a.count && s; ++k, s = job.next_slot(s->at)) {
            std::cout << "  " << format_in_zone(*job.zone, s->at, "%Y-%m-%d %a %H:%M %Z (%Ez)") << "  "
                      << format_utc(s->at) << "  " << job.output_for(s->at);
            if (s->kind == SlotKind::shifted)
                std::cout << "  [" << date::format("%H:%M", s->local) << " skipped by a DST change: runs at the end of the gap]";
            else if (s->kind == SlotKind::repeated)
                std::cout << "  [" << date::format("%H:%M", s->local) << " occurs twice: runs at the first]";
            std::cout << '\n';
        }
    }
    return kSuccess;
}

int failure_code(const std::vector<RunRecord>& records, const std::vector<int>& codes) {
    for (std::size_t k = 0; k < records.size(); ++k)
        if (records[k].status == "failed" || records[k].status == "abandoned")
            return codes[k] == kInvalidInput ? kInvalidInput : kInternal;
    return kSuccess;
}

int run_once(const ScheduleArgs& a) {
    const auto config = load(a.config);
    if (!config) return kInvalidInput;
    const Job* job = config->job(a.job);
    if (!job) {
        std::cerr << "timeline schedule once: --job: no job \"" << a.job << "\" in " << a.config
                  << did_you_mean(a.job, job_ids(*config)) << '\n';
        return kUsage;
    }
    bool clock_ok = true;
    auto clock = make_clock(a, clock_ok);
    if (!clock_ok) return kUsage;
    std::optional<Slot> slot;
    if (!a.slot.empty()) {
        const auto t = parse_arg_time(a.slot, "--slot", *job->zone);
        if (!t) return kUsage;
        slot = job->next_slot(*t - std::chrono::seconds{1});
        if (!slot || slot->at != *t) {
            std::cerr << "timeline schedule once: --slot: " << format_local_short(*job->zone, *t) << " is not a slot of job "
                      << job->id << " (\"" << job->cron.text() << "\" in " << job->zone_name << ")";
            if (slot) std::cerr << "; the next one is " << format_local_short(*job->zone, slot->at);
            std::cerr << '\n';
            return kUsage;
        }
    }
    DirLock lock;
    State state(a.state);
    if (const int rc = open_state(a, lock, state); rc != kSuccess) return rc;
    RunLog log(a.state + "/runs.jsonl");

    std::vector<RunRecord> records;
    std::vector<int> codes;
    Diagnostics diags;
    if (!slot) {
        // The slot due now (and, by the job's catch-up policy, the ones missed before it).
        int last_code = 0;
        auto runner = [&last_code](const Task& t, std::stop_token stop) {
            Outcome o = run_report_process(t, stop);
            last_code = o.code;
            return o;
        };
        SchedulerOptions options;
        options.mode = RunMode::drain;
        Scheduler scheduler({job}, state, log, *clock, runner, options);
        scheduler.observer = [&](const RunRecord& r) {
            print_record(r, *config);
            records.push_back(r);
            codes.push_back(last_code);
        };
        {
            SignalWatcher signals(scheduler, std::chrono::seconds{a.grace});
            scheduler.run(diags);
        }
        if (records.empty()) {
            const JobState* js = state.find(job->id);
            std::cerr << "timeline schedule once: " << job->id << ": nothing due";
            if (js && js->done_through) std::cerr << " (done through " << format_local_short(*job->zone, *js->done_through) << ")";
            std::cerr << '\n';
        }
    } else {
        // An explicit slot runs even if it ran before: the same file is written again.
        JobState& js = state.job(job->id);
        Task task;
        task.job = job;
        task.slot = *slot;
        task.output = job->output_for(slot->at);
        task.as_of = job->as_of(slot->at);
        if (std::string why; !job->output_confined(task.output, why)) {
            std::cerr << "timeline schedule once: " << job->id << ": " << why << '\n';
            return kInvalidInput;
        }
        std::error_code ec;
        const auto parent = std::filesystem::path(task.output).parent_path();
        if (!parent.empty()) std::filesystem::create_directories(parent, ec);
        for (int attempt = 1; attempt <= job->retries + 1; ++attempt) {
            remove_temp_files(task.output, TempFiles::all);
            task.attempt = attempt;
            RunRecord r;
            r.job = job->id;
            r.slot = slot->at;
            r.slot_local = format_local(*job->zone, slot->at);
            r.attempt = attempt;
            r.start = clock->now();
            const Outcome o = run_report_process(task, std::stop_token{});
            r.end = clock->now();
            r.output = task.output;
            r.error = o.error;
            r.status = o.ok ? "ok" : attempt <= job->retries ? "retry" : "failed";
            log.append(r, diags);
            print_record(r, *config);
            records.push_back(r);
            codes.push_back(o.code);
            if (o.ok) {
                if (!js.last_completed || *js.last_completed < slot->at) {
                    js.last_completed = slot->at;
                    js.last_output = task.output;
                }
                const auto pending = js.done_through ? job->next_slot(*js.done_through) : std::nullopt;
                if (pending && pending->at == slot->at) {
                    js.done_through = slot->at;
                    js.in_progress.reset();
                    js.last_status = "ok";
                }
                state.save(diags);
                break;
            }
            if (attempt <= job->retries && a.clock.empty()) std::this_thread::sleep_for(job->backoff(attempt));
        }
    }
    print_diagnostics(std::cerr, diags, DiagnosticFormat::text);
    if (diags.has_errors()) return kInternal;
    return failure_code(records, codes);
}

}  // namespace

std::function<int()> add_schedule_commands(CLI::App& app) {
    ScheduleArgs& a = args();
    CLI::App* schedule = app.add_subcommand("schedule", "write briefs on a schedule (schedules.json)");
    schedule->require_subcommand(1);
    auto common = [&a](CLI::App* cmd) {
        cmd->add_option("--config", a.config, "schedules file (default schedules.json)")->type_name("FILE");
    };
    auto with_state = [&a](CLI::App* cmd) {
        cmd->add_option("--state", a.state, "state directory: state.json, runs.jsonl, lock (default .timeline/schedule)")
            ->type_name("DIR");
        cmd->add_option("--grace", a.grace, "seconds a stop signal waits for running reports (default 60)")
            ->type_name("SECONDS");
    };
    auto with_clock = [&a](CLI::App* cmd) {
        cmd->add_option("--clock", a.clock, "start a simulated clock at TIME instead of the system clock (testing)")
            ->type_name("TIME");
    };
    a.run = schedule->add_subcommand("run", "run the scheduler in the foreground until SIGTERM or SIGINT");
    common(a.run);
    with_state(a.run);
    with_clock(a.run);
    a.run->add_option("--until", a.until, "stop when the clock reaches TIME")->type_name("TIME");

    a.next = schedule->add_subcommand("next", "print the coming slots with their local and UTC times");
    common(a.next);
    with_clock(a.next);
    a.next->add_option("--job", a.job, "only this job")->type_name("ID");
    a.next->add_option("--count", a.count, "slots per job (default 5)")->type_name("N");
    a.next->add_option("--from", a.from, "list slots from TIME on (default now)")->type_name("TIME");

    a.once = schedule->add_subcommand("once", "run one job's due slot (or --slot) and exit: for cron or systemd timers");
    common(a.once);
    with_state(a.once);
    with_clock(a.once);
    a.once->add_option("--job", a.job, "the job")->required()->type_name("ID");
    a.once->add_option("--slot", a.slot, "run this slot (even if it ran before) instead of the one due now")
        ->type_name("TIME");

    return [&a]() -> int {
        if (a.run->parsed()) return run_service(a);
        if (a.next->parsed()) return run_next(a);
        if (a.once->parsed()) return run_once(a);
        return -1;
    };
}

}  // namespace timeline::cli
