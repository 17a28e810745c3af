// What timeline schedule run|next|once|history|status do (PRODUCT §4, docs/scheduling.md), in
// the timeline-schedule program (schedule_args.h).
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
#include "base/json_text.h"
#include "base/utf8.h"
#include "base/lookup.h"
#include "base/suggest.h"
#include "cli/commands.h"
#include "cli/schedule_args.h"
#include "cli/exit_codes.h"
#include "cli/output.h"
#include "mail/mail.h"
#include "schedule/clock.h"
#include "schedule/config.h"
#include "schedule/process.h"
#include "schedule/scheduler.h"
#include "schedule/state.h"
#include "schedule/store.h"

namespace timeline::cli {
namespace {

using namespace timeline::schedule;


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

// The program that writes reports: timeline, whose path it passed as the first argument when
// it handed the command over (schedule_exec.cpp), else this one (it has every command).
std::string& report_program() {
    static std::string program = "/proc/self/exe";
    return program;
}

// The report of one slot, written in a child process:
// `timeline report --template T --format F [--lang L] --as-of DATE -o OUTPUT --data DIR…`.
// The child writes OUTPUT atomically; a scheduler killed meanwhile takes the child with it.
Outcome run_report_process(const Task& task, std::stop_token stop) {
    const Job& job = *task.job;
    // The schedules file's folder is the project: its report-templates/ come first. A name
    // found nowhere is passed on, for the report to say so in the run log.
    std::string tmpl = job.template_name;
    if (!names_a_file(tmpl))
        if (const auto found = find_in_places("report-templates/" + tmpl + ".json", lookup_places(job.project))) tmpl = *found;
    std::vector<std::string> argv = {report_program(), "report", "--template", tmpl, "--format", job.format};
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

// Where the state is: --state, else the schedules file's "state", else the default.
std::optional<StateLocation> state_location(const ScheduleArgs& a, const Config& config, const char* command) {
    const std::string text = !a.state.empty() ? a.state : !config.state.empty() ? config.state : kDefaultStateDir;
    std::string why;
    auto where = parse_state_location(text, why);
    if (!where) std::cerr << "timeline schedule " << command << ": --state: " << why << '\n';
    return where;
}

// The state a scheduler works on: SQLite under the directory's lock (one scheduler per
// directory), or the shared PostgreSQL database (the database is the lock). Prints why not
// and returns an exit status otherwise.
struct OpenState {
    DirLock lock;
    std::unique_ptr<Store> store;
};

int open_state(const StateLocation& where, OpenState& out) {
    if (where.kind == StateLocation::Kind::sqlite) {
        std::string message;
        switch (DirLock::acquire(where.dir, out.lock, message)) {
            case DirLock::Result::busy:
                std::cerr << "timeline schedule: " << message << "; not starting a second one\n";
                return kInternal;
            case DirLock::Result::error:
                std::cerr << "timeline schedule: " << message << '\n';
                return kInternal;
            case DirLock::Result::acquired:
                break;
        }
    }
    Diagnostics diags;
    out.store = Store::open(where, make_node_id(), diags);
    print_diagnostics(std::cerr, diags, DiagnosticFormat::text);
    if (!out.store) {
        for (const Diagnostic& d : diags.items())
            if (d.code == "state-version" || d.code == "state-invalid") return kInvalidInput;
        return kInternal;
    }
    return kSuccess;
}

// One attempt to send a brief by e-mail (mail/mail.h), the slot named in the job's zone; the
// scheduler keeps the attempts and retries (schedule/delivery.h).
DeliveryOutcome send_mail(const DeliveryRequest& request, const Config& config) {
    if (!request.email) return {DeliveryOutcome::Kind::permanent, "the job has no e-mail settings"};
    mail::Brief brief;
    brief.file = std::filesystem::absolute(request.output);
    brief.lang = request.lang;
    brief.job = request.job;
    const Job* job = config.job(request.job);
    brief.slot_local = job ? format_local_short(*job->zone, request.slot) : request.slot_local;
    const mail::Outcome outcome = mail::deliver(*request.email, brief);
    switch (outcome.status) {
        case mail::Status::sent: return {DeliveryOutcome::Kind::ok, outcome.detail};
        case mail::Status::transient: return {DeliveryOutcome::Kind::transient, outcome.detail};
        case mail::Status::permanent: break;
    }
    return {DeliveryOutcome::Kind::permanent, outcome.detail};
}

// The scheduler's delivery hook for the jobs of `config`.
Deliverer mailer(const Config& config) {
    return [&config](const DeliveryRequest& request) { return send_mail(request, config); };
}

void print_delivery(const RunRecord& r, const DeliveryOutcome& o, const Config& config) {
    const Job* job = config.job(r.job);
    std::cerr << "timeline schedule: " << r.job << ' '
              << (job ? format_local_short(*job->zone, r.slot) : format_utc(r.slot)) << ": delivery "
              << r.delivery_attempts << ": " << delivered_name(r.delivered);
    if (o.kind != DeliveryOutcome::Kind::ok) std::cerr << ": " << o.message;
    if (r.next_delivery) std::cerr << " (next attempt " << format_utc(*r.next_delivery) << ")";
    std::cerr << '\n';
}

std::optional<std::chrono::milliseconds> lease_option(const ScheduleArgs& a, const char* command) {
    if (!(a.lease >= 1 && a.lease <= 86400)) {
        std::cerr << "timeline schedule " << command << ": --lease must be between 1 and 86400 seconds, got " << a.lease
                  << '\n';
        return std::nullopt;
    }
    return std::chrono::milliseconds{static_cast<long long>(a.lease * 1000)};
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
    const auto lease = lease_option(a, "run");
    if (!lease) return kUsage;
    const auto where = state_location(a, *config, "run");
    if (!where) return kUsage;
    OpenState state;
    if (const int rc = open_state(*where, state); rc != kSuccess) return rc;
    std::vector<const Job*> jobs;
    for (const Job& j : config->jobs) jobs.push_back(&j);
    SchedulerOptions options;
    options.until = until;
    options.lease = *lease;
    options.poll = std::min<std::chrono::milliseconds>(std::chrono::milliseconds{2000}, *lease / 4);
    Scheduler scheduler(jobs, *state.store, *clock, run_report_process, options);
    scheduler.observer = [&config](const RunRecord& r) { print_record(r, *config); };
    scheduler.deliverer = mailer(*config);
    scheduler.on_delivery = [&config](const RunRecord& r, const DeliveryOutcome& o) { print_delivery(r, o, *config); };
    // A service logs problems as they happen, not when it stops.
    scheduler.on_diagnostic = [](const Diagnostic& d) { std::cerr << format_text(d) << '\n'; };
    std::cerr << "timeline schedule: " << plural(jobs.size(), "job") << " from " << a.config << ", state in "
              << state.store->describe();
    if (state.store->shared()) std::cerr << " (shared; this node is " << state.store->node() << ")";
    std::cerr << '\n';
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
    const auto lease = lease_option(a, "once");
    if (!lease) return kUsage;
    const auto where = state_location(a, *config, "once");
    if (!where) return kUsage;
    OpenState state;
    if (const int rc = open_state(*where, state); rc != kSuccess) return rc;
    Store& store = *state.store;

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
        options.lease = *lease;
        Scheduler scheduler({job}, store, *clock, runner, options);
        scheduler.observer = [&](const RunRecord& r) {
            print_record(r, *config);
            records.push_back(r);
            codes.push_back(r.status == "lost" || r.status == "missed" ? 0 : last_code);
        };
        scheduler.deliverer = mailer(*config);
        scheduler.on_delivery = [&config](const RunRecord& r, const DeliveryOutcome& o) { print_delivery(r, o, *config); };
        {
            SignalWatcher signals(scheduler, std::chrono::seconds{a.grace});
            scheduler.run(diags);
        }
        if (std::none_of(records.begin(), records.end(), [](const RunRecord& r) { return r.status != "missed"; })) {
            std::cerr << "timeline schedule once: " << job->id << ": nothing due";
            try {
                const auto row = store.job(job->id);
                bool held = false;
                for (const auto& [id, claim] : store.claims())
                    if (id == job->id && !claim.node.empty() && claim.node != store.node()) {
                        std::cerr << " (slot " << format_local_short(*job->zone, claim.slot) << " is being run by node "
                                  << claim.node << ")";
                        held = true;
                    }
                if (!held && row && row->done_through)
                    std::cerr << " (done through " << format_local_short(*job->zone, *row->done_through) << ")";
            } catch (const std::exception& e) {
                std::cerr << " (" << e.what() << ")";
            }
            std::cerr << '\n';
        }
    } else {
        // An explicit slot runs even if it ran before: the same file is written again; but not
        // while a node of a cluster is running it.
        Task task;
        task.job = job;
        task.slot = *slot;
        task.output = job->output_for(slot->at);
        task.as_of = job->as_of(slot->at);
        if (std::string why; !job->output_confined(task.output, why)) {
            std::cerr << "timeline schedule once: " << job->id << ": " << why << '\n';
            return kInvalidInput;
        }
        try {
            const std::string holder = store.with_job(job->id, [&](JobTransaction& tx) -> std::string {
                const auto claim = tx.slot(slot->at);
                if (claim && store.shared() && claim->state != "released" && !claim->node.empty() &&
                    claim->lease_until_ms > tx.lease_now_ms())
                    return claim->node;
                return {};
            });
            if (!holder.empty()) {
                std::cerr << "timeline schedule once: " << job->id << ": slot " << format_local_short(*job->zone, slot->at)
                          << " is being run by node " << holder << "; not running it a second time\n";
                return kInternal;
            }
        } catch (const std::exception& e) {
            std::cerr << "timeline schedule once: " << store.describe() << ": " << e.what() << '\n';
            return kInternal;
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
            if (o.ok && job->email) {
                r.delivered = Delivered::pending;
                r.next_delivery = r.end;
            }
            try {
                store.with_job(job->id, [&](JobTransaction& tx) {
                    tx.append_run(r);
                    if (!o.ok) return;
                    JobRow& js = tx.row;
                    if (!js.last_completed || *js.last_completed < slot->at) {
                        js.last_completed = slot->at;
                        js.last_output = task.output;
                    }
                    const auto pending = js.done_through ? job->next_slot(*js.done_through) : std::nullopt;
                    if (pending && pending->at == slot->at && !tx.slot(slot->at)) {
                        js.done_through = slot->at;
                        js.last_status = "ok";
                    }
                });
            } catch (const std::exception& e) {
                diags.error("state-write", std::string("the state database failed: ") + e.what(), store.describe());
            }
            print_record(r, *config);
            records.push_back(r);
            codes.push_back(o.code);
            if (o.ok) break;
            if (attempt <= job->retries && a.clock.empty()) std::this_thread::sleep_for(job->backoff(attempt));
        }
        if (records.back().status == "ok" && job->email) {
            // The delivery of this brief: attempted now; retried by a running scheduler.
            SchedulerOptions options;
            options.mode = RunMode::drain;
            options.lease = *lease;
            Scheduler deliveries({job}, store, *clock, [](const Task&, std::stop_token) { return Outcome{}; }, options);
            deliveries.deliverer = mailer(*config);
            deliveries.on_delivery = [&config](const RunRecord& r, const DeliveryOutcome& o) { print_delivery(r, o, *config); };
            deliveries.run_deliveries(diags);
        }
    }
    print_diagnostics(std::cerr, diags, DiagnosticFormat::text);
    if (diags.has_errors()) return kInternal;
    return failure_code(records, codes);
}

const std::vector<std::string>& statuses() {
    static const std::vector<std::string> s = {"ok", "retry", "failed", "missed", "abandoned", "lost"};
    return s;
}

// The schedules file, when there is one: history and status read the state without it,
// but use it for the jobs' zones and names. An explicit --config must load.
std::optional<Config> optional_config(const ScheduleArgs& a, const CLI::App* cmd, bool& failed) {
    failed = false;
    std::error_code ec;
    if (cmd->get_option("--config")->count() == 0 && !std::filesystem::exists(a.config, ec)) return Config{};
    auto config = load(a.config);
    failed = !config;
    return config;
}

// Prints rows as columns separated by two spaces, each as wide as its widest cell.
void print_table(const std::vector<std::vector<std::string>>& rows) {
    std::vector<std::size_t> width;
    for (const auto& row : rows)
        for (std::size_t k = 0; k < row.size(); ++k) {
            if (width.size() <= k) width.push_back(0);
            width[k] = std::max(width[k], utf8::display_width(row[k]));
        }
    for (const auto& row : rows) {
        std::string line;
        for (std::size_t k = 0; k < row.size(); ++k) {
            line += row[k];
            if (k + 1 < row.size()) line += std::string(width[k] - utf8::display_width(row[k]) + 2, ' ');
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        std::cout << line << '\n';
    }
}

int run_history(const ScheduleArgs& a) {
    bool failed = false;
    const auto config = optional_config(a, a.history, failed);
    if (failed) return kInvalidInput;
    if (a.format != "text" && a.format != "json") {
        std::cerr << "timeline schedule history: --format: \"" << a.format << "\" is not text or json"
                  << did_you_mean(a.format, {"text", "json"}) << '\n';
        return kUsage;
    }
    if (!a.status.empty() && std::find(statuses().begin(), statuses().end(), a.status) == statuses().end()) {
        std::cerr << "timeline schedule history: --status: no status \"" << a.status << "\" (ok, retry, failed, missed, abandoned, lost)"
                  << did_you_mean(a.status, statuses()) << '\n';
        return kUsage;
    }
    const auto where = state_location(a, *config, "history");
    if (!where) return kUsage;
    Diagnostics diags;
    const auto store = Store::open_existing(*where, diags);
    print_diagnostics(std::cerr, diags, DiagnosticFormat::text);
    if (!store) return kInternal;
    HistoryFilter filter;
    filter.job = a.job;
    filter.status = a.status;
    try {
        if (!a.job.empty()) {
            std::vector<std::string> known = job_ids(*config);
            for (const auto& [id, row] : store->jobs()) known.push_back(id);
            if (std::find(known.begin(), known.end(), a.job) == known.end()) {
                std::cerr << "timeline schedule history: --job: no job \"" << a.job << "\" in " << a.config << " or in the state"
                          << did_you_mean(a.job, known) << '\n';
                return kUsage;
            }
        }
        if (!a.since.empty()) {
            const Job* job = a.job.empty() ? nullptr : config->job(a.job);
            filter.since = parse_arg_time(a.since, "--since", job ? *job->zone : utc());
            if (!filter.since) return kUsage;
        }
        const auto records = store->history(filter);
        if (a.format == "json") {
            for (const RunRecord& r : records) std::cout << to_json_line(r);
            return kSuccess;
        }
        std::vector<std::vector<std::string>> rows = {
            {"SLOT", "JOB", "ATTEMPT", "STATUS", "NODE", "DELIVERED", "OUTPUT OR ERROR"}};
        for (const RunRecord& r : records) {
            const Job* job = config->job(r.job);
            auto when = [&](Instant t) { return job ? format_local_short(*job->zone, t) : format_utc(t); };
            std::string slot = when(r.slot);
            if (r.through && r.count > 1) slot += " … " + when(*r.through) + " (" + std::to_string(r.count) + ")";
            std::string delivered = delivered_name(r.delivered);
            if (r.delivery_attempts > 0) delivered += " (" + plural(static_cast<std::size_t>(r.delivery_attempts), "attempt") + ")";
            std::string detail = r.status == "ok" ? r.output : r.error;
            if (r.status == "ok" && !r.delivery_error.empty()) detail += "; delivery: " + r.delivery_error;
            rows.push_back({slot, r.job, r.attempt ? std::to_string(r.attempt) : "-", r.status, r.node.empty() ? "-" : r.node,
                            delivered, detail});
        }
        print_table(rows);
        if (records.empty()) std::cerr << "timeline schedule history: no runs recorded in " << store->describe() << '\n';
    } catch (const std::exception& e) {
        std::cerr << "timeline schedule history: " << store->describe() << ": " << e.what() << '\n';
        return kInternal;
    }
    return kSuccess;
}

int run_status(const ScheduleArgs& a) {
    bool failed = false;
    const auto config = optional_config(a, a.status_cmd, failed);
    if (failed) return kInvalidInput;
    if (a.format != "text" && a.format != "json") {
        std::cerr << "timeline schedule status: --format: \"" << a.format << "\" is not text or json"
                  << did_you_mean(a.format, {"text", "json"}) << '\n';
        return kUsage;
    }
    if (!a.job.empty() && !config->job(a.job)) {
        std::cerr << "timeline schedule status: --job: no job \"" << a.job << "\" in " << a.config
                  << did_you_mean(a.job, job_ids(*config)) << '\n';
        return kUsage;
    }
    bool clock_ok = true;
    auto clock = make_clock(a, clock_ok);
    if (!clock_ok) return kUsage;
    const auto where = state_location(a, *config, "status");
    if (!where) return kUsage;
    Diagnostics diags;
    const auto store = Store::open_existing(*where, diags);
    print_diagnostics(std::cerr, diags, DiagnosticFormat::text);
    if (!store) return kInternal;
    try {
        const auto rows = store->jobs();
        const auto claims = store->claims();
        const std::int64_t lease_now = store->lease_now_ms();
        const Instant now = clock->now();
        std::vector<std::vector<std::string>> table = {{"JOB", "NEXT SLOT", "LAST RESULT", "CLAIM"}};
        for (const Job& job : config->jobs) {
            if (!a.job.empty() && job.id != a.job) continue;
            const JobRow* row = nullptr;
            for (const auto& [id, r] : rows)
                if (id == job.id) row = &r;
            const auto next = job.next_slot(row && row->done_through ? *row->done_through : now);
            std::string last = row && !row->last_status.empty() ? row->last_status : std::string("-");
            if (row && row->last_completed) last += " (last brief " + format_local_short(*job.zone, *row->last_completed) + ")";
            std::string claim = "-";
            std::string claim_json = "null";
            for (const auto& [id, c] : claims) {
                if (id != job.id) continue;
                const long long left = (c.lease_until_ms - lease_now) / 1000;
                const bool live = !c.node.empty() && (!store->shared() || c.lease_until_ms > lease_now);
                if (c.node.empty())
                    claim = format_local_short(*job.zone, c.slot) + " released: runs again";
                else
                    claim = format_local_short(*job.zone, c.slot) + " " + c.state + " by " + c.node +
                            (store->shared() ? (live ? " (lease " + std::to_string(left) + " s left)" : " (lease expired)")
                                             : "");
                claim_json = "{\"slot\":" + json_quote(format_utc(c.slot)) + ",\"state\":" + json_quote(c.state) +
                             ",\"node\":" + (c.node.empty() ? std::string("null") : json_quote(c.node)) +
                             ",\"attempts\":" + std::to_string(c.attempts) +
                             ",\"lease_expired\":" + (live || c.node.empty() ? "false" : "true") + "}";
            }
            if (a.format == "json") {
                std::cout << "{\"job\":" << json_quote(job.id) << ",\"next_slot\":"
                          << (next ? json_quote(format_utc(next->at)) : std::string("null")) << ",\"done_through\":"
                          << (row && row->done_through ? json_quote(format_utc(*row->done_through)) : std::string("null"))
                          << ",\"last_status\":" << (row && !row->last_status.empty() ? json_quote(row->last_status) : std::string("null"))
                          << ",\"last_completed\":"
                          << (row && row->last_completed ? json_quote(format_utc(*row->last_completed)) : std::string("null"))
                          << ",\"claim\":" << claim_json << "}\n";
                continue;
            }
            table.push_back({job.id + (job.enabled ? "" : " (disabled)"),
                             next ? format_local_short(*job.zone, next->at) : std::string("-"), last, claim});
        }
        if (a.format == "text") {
            std::cout << "state: " << store->describe() << (store->shared() ? " (shared)" : "") << '\n';
            print_table(table);
        }
    } catch (const std::exception& e) {
        std::cerr << "timeline schedule status: " << store->describe() << ": " << e.what() << '\n';
        return kInternal;
    }
    return kSuccess;
}

}  // namespace

int run_schedule_command(const ScheduleArgs& a, char** argv) {
    if (argv[0] && argv[0][0] == '/') report_program() = argv[0];
    if (a.run->parsed()) return run_service(a);
    if (a.next->parsed()) return run_next(a);
    if (a.once->parsed()) return run_once(a);
    if (a.history->parsed()) return run_history(a);
    if (a.status_cmd->parsed()) return run_status(a);
    return -1;
}

}  // namespace timeline::cli
