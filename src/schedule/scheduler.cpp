#include "schedule/scheduler.h"

#include <algorithm>
#include <filesystem>

#include "base/files.h"

namespace timeline::schedule {

namespace fs = std::filesystem;

struct Scheduler::Lane {
    const Job* job = nullptr;
    std::optional<Slot> current;            // the slot being worked on
    std::optional<Instant> skip_through;    // missed slots to pass over once `current` is dealt with
    std::optional<Instant> retry_at;
    int attempts = 0;
    bool running = false;
    Instant started{};
    std::string output;
    std::stop_source stop;
    std::thread thread;
};

Scheduler::Scheduler(std::vector<const Job*> jobs, State& state, const RunLog& log, Clock& clock, Runner runner,
                     SchedulerOptions options)
    : state_(state), log_(log), clock_(clock), runner_(std::move(runner)), options_(options) {
    for (const Job* j : jobs) {
        if (!j->enabled) continue;
        Lane lane;
        lane.job = j;
        lanes_.push_back(std::move(lane));
    }
}

Scheduler::~Scheduler() {
    request_abandon();
    for (Lane& lane : lanes_)
        if (lane.thread.joinable()) lane.thread.join();
}

void Scheduler::request_stop() {
    std::lock_guard<std::mutex> g(mu_);
    stop_ = true;
    cv_.notify_all();
}

void Scheduler::request_abandon() {
    std::lock_guard<std::mutex> g(mu_);
    stop_ = true;
    abandon_ = true;
    cv_.notify_all();
}

void Scheduler::report(Diagnostics& diags, const Diagnostics& found) {
    for (const Diagnostic& d : found.items()) {
        diags.add(d);
        if (on_diagnostic) on_diagnostic(d);
    }
}

void Scheduler::record(const RunRecord& r, Diagnostics& diags) {
    Diagnostics found;
    log_.append(r, found);
    report(diags, found);
    if (observer) observer(r);
}

void Scheduler::save(Diagnostics& diags) {
    Diagnostics found;
    state_.save(found);
    report(diags, found);
}

namespace {

std::string days_ahead(Instant t, Instant now) {
    const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(t - now).count();
    if (minutes >= 2 * 24 * 60) return std::to_string(minutes / (24 * 60)) + " days";
    if (minutes >= 120) return std::to_string(minutes / 60) + " hours";
    return std::to_string(minutes) + " minutes";
}

// Slots missed while the scheduler was down, counted and remembered in constant memory:
// the first one, and the last `keep + 1` (those that run, and the last one passed over).
class MissedSlots {
public:
    explicit MissedSlots(std::size_t keep) : keep_(keep), ring_(keep + 1) {}
    void add(const Slot& s) {
        if (count_ == 0) first_ = s;
        ring_[count_ % ring_.size()] = s;
        ++count_;
    }
    std::uint64_t count() const { return count_; }
    // How many are passed over (logged as missed), and the first and last of them.
    std::uint64_t passed() const { return count_ > keep_ ? count_ - keep_ : 0; }
    const Slot& first() const { return first_; }
    const Slot& last_passed() const { return ring_[(count_ - keep_ - 1) % ring_.size()]; }

private:
    std::size_t keep_;
    std::vector<Slot> ring_;
    std::uint64_t count_ = 0;
    Slot first_;
};

}  // namespace

// A state written while the clock was ahead: reported, then forgotten, so that the job is
// treated as new from now (first_sight). Returns whether it was reset.
bool Scheduler::reset_if_future(Lane& lane, Instant now, Diagnostics& diags) {
    JobState& js = state_.job(lane.job->id);
    const Instant limit = now + options_.future_tolerance;
    const bool done_ahead = js.done_through && *js.done_through > limit;
    const bool progress_ahead = js.in_progress && *js.in_progress > limit;
    if (!done_ahead && !progress_ahead) return false;
    const Instant ahead = done_ahead ? *js.done_through : *js.in_progress;
    Diagnostics found;
    found.warning("state-future",
                  "job " + lane.job->id + ": the state says " + (done_ahead ? "done through " : "in progress at ") +
                      format_utc(ahead) + ", " + days_ahead(ahead, now) + " ahead of the clock (" + format_utc(now) +
                      "): it was written while the clock was wrong; reset, the job runs again from now on (slots "
                      "before now are not caught up)",
                  state_.file(), {}, "/jobs/" + lane.job->id);
    report(diags, found);
    js.done_through.reset();
    js.in_progress.reset();
    lane.current.reset();
    lane.skip_through.reset();
    lane.retry_at.reset();
    lane.attempts = 0;
    return true;
}

// A job without state: slots before now predate it (or its state was reset), none is missed.
void Scheduler::first_sight(Lane& lane, Instant now) {
    JobState& js = state_.job(lane.job->id);
    if (options_.mode == RunMode::drain) {
        // `once`: the slot due now runs.
        const auto latest = slot_at_or_before(lane.job->cron, *lane.job->zone, now);
        js.done_through = latest ? latest->at - std::chrono::seconds{1} : now;
    } else {
        js.done_through = now;
    }
}

// Slots missed while the scheduler was down: those after the job's `done_through` and
// before `threshold` (service: the start time; drain: the latest slot due now, which runs
// in any case). An interrupted slot (`in_progress`) always runs again; the policy decides
// about the rest: none runs none, latest the last one, all the last `catch_up_max`. The
// others are logged as one "missed" record per job, counted without being held in memory.
void Scheduler::catch_up(Instant start, Diagnostics& diags) {
    bool changed = false;
    for (Lane& lane : lanes_) {
        const Job& job = *lane.job;
        JobState& js = state_.job(job.id);
        changed = reset_if_future(lane, start, diags) || changed;
        if (!js.done_through) {
            first_sight(lane, start);
            changed = true;
            continue;
        }
        Instant threshold = start;
        if (options_.mode == RunMode::drain) {
            const auto latest = slot_at_or_before(job.cron, *job.zone, start);
            if (!latest) continue;
            threshold = latest->at;
        }
        auto s = job.next_slot(*js.done_through);
        if (!s || s->at >= threshold) continue;
        if (js.in_progress && *js.in_progress == s->at) {
            lane.current = *s;
            lane.output = job.output_for(s->at);
            s = job.next_slot(s->at);
        }
        const std::size_t keep = job.catch_up == CatchUp::none     ? 0
                                 : job.catch_up == CatchUp::latest ? 1
                                                                   : static_cast<std::size_t>(job.catch_up_max);
        MissedSlots missed(keep);
        for (; s && s->at < threshold; s = job.next_slot(s->at)) missed.add(*s);
        if (missed.passed() == 0) continue;
        const Slot& first = missed.first();
        const Slot& last = missed.last_passed();
        RunRecord r;
        r.job = job.id;
        r.slot = first.at;
        r.slot_local = format_local(*job.zone, first.at);
        r.status = "missed";
        r.through = last.at;
        r.count = missed.passed();
        if (r.count == 1) r.output = job.output_for(first.at);
        r.error = std::string("the scheduler was not running (catch_up: ") + catch_up_name(job.catch_up) +
                  (job.catch_up == CatchUp::all ? ", at most " + std::to_string(job.catch_up_max) + " run" : "") + ")";
        record(r, diags);
        if (lane.current) {
            lane.skip_through = last.at;
        } else {
            js.done_through = last.at;
            changed = true;
        }
    }
    if (changed) save(diags);
}

void Scheduler::start(Lane& lane, std::size_t index, Instant now) {
    const Job& job = *lane.job;
    ++lane.attempts;
    lane.running = true;
    lane.retry_at.reset();
    lane.started = now;
    lane.stop = std::stop_source{};
    Task task;
    task.job = &job;
    task.slot = *lane.current;
    task.output = lane.output;
    task.as_of = job.as_of(lane.current->at);
    task.attempt = lane.attempts;
    // Outputs stay inside the output root, also when a symbolic link has appeared on the way.
    if (std::string why; !job.output_confined(task.output, why)) {
        done_.push_back({index, Outcome{false, why, 0, true}});
        return;
    }
    std::error_code ec;
    const fs::path parent = fs::path(task.output).parent_path();
    if (!parent.empty()) fs::create_directories(parent, ec);
    remove_temp_files(task.output, TempFiles::all);  // left by a killed report of this slot
    lane.thread = std::thread([this, index, task, token = lane.stop.get_token()] {
        Outcome outcome;
        try {
            outcome = runner_(task, token);
        } catch (const std::exception& e) {
            outcome = {false, std::string("internal error: ") + e.what()};
        }
        std::lock_guard<std::mutex> g(mu_);
        done_.push_back({index, std::move(outcome)});
        cv_.notify_all();
    });
}

void Scheduler::finish(Lane& lane, const Outcome& outcome, Instant now, Diagnostics& diags) {
    const Job& job = *lane.job;
    const Slot slot = *lane.current;
    JobState& js = state_.job(job.id);
    RunRecord r;
    r.job = job.id;
    r.slot = slot.at;
    r.slot_local = format_local(*job.zone, slot.at);
    r.attempt = lane.attempts;
    r.start = lane.started;
    r.end = now;
    r.output = lane.output;
    r.error = outcome.ok ? std::string() : outcome.error.empty() ? std::string("failed") : outcome.error;
    auto dealt_with = [&](const char* status) {
        js.done_through = std::max(slot.at, lane.skip_through.value_or(slot.at));
        js.in_progress.reset();
        js.last_status = status;
        if (outcome.ok) {
            js.last_completed = slot.at;
            js.last_output = lane.output;
        }
        lane.current.reset();
        lane.skip_through.reset();
        lane.attempts = 0;
    };
    if (outcome.ok) {
        r.status = "ok";
        dealt_with("ok");
        save(diags);
    } else if (abandon_ && lane.stop.stop_requested()) {
        // Interrupted on request: the slot stays in progress and runs again at the next start.
        r.status = "abandoned";
        lane.current.reset();
    } else if (lane.attempts <= job.retries && !outcome.final) {
        r.status = "retry";
        lane.retry_at = now + job.backoff(lane.attempts);
        if (stop_) lane.current.reset();  // stopping: the slot stays in progress for the next start
    } else {
        r.status = "failed";
        dealt_with("failed");
        save(diags);
    }
    record(r, diags);
}

void Scheduler::run(Diagnostics& diags) {
    std::unique_lock<std::mutex> lock(mu_);
    catch_up(clock_.now(), diags);
    bool abandoned_sent = false;
    for (;;) {
        const Instant now = clock_.now();
        const bool stop_seen = stop_;
        const bool abandon_seen = abandon_;
        std::vector<Done> done;
        done.swap(done_);
        for (const Done& d : done) {
            Lane& lane = lanes_[d.lane];
            if (lane.thread.joinable()) lane.thread.join();
            lane.running = false;
            finish(lane, d.outcome, now, diags);
        }
        if (abandon_ && !abandoned_sent) {
            for (Lane& lane : lanes_)
                if (lane.running) lane.stop.request_stop();
            abandoned_sent = true;
        }
        std::optional<Instant> wake;
        if (!stop_) {
            for (std::size_t k = 0; k < lanes_.size(); ++k) {
                Lane& lane = lanes_[k];
                if (lane.running) continue;
                // The clock went back while we ran (the state is ahead of it): start afresh.
                if (reset_if_future(lane, now, diags)) {
                    first_sight(lane, now);
                    save(diags);
                }
                if (!lane.current) {
                    const JobState& js = state_.job(lane.job->id);
                    const auto s = lane.job->next_slot(*js.done_through);
                    if (!s) continue;
                    lane.current = *s;
                    lane.attempts = 0;
                    lane.retry_at.reset();
                    lane.output = lane.job->output_for(s->at);
                }
                const Instant when = lane.retry_at.value_or(lane.current->at);
                const bool in_range = !options_.until || when <= *options_.until;
                if (when <= now && in_range) {
                    if (lane.attempts == 0) {
                        JobState& js = state_.job(lane.job->id);
                        if (js.in_progress != lane.current->at) {
                            js.in_progress = lane.current->at;
                            save(diags);
                        }
                    }
                    start(lane, k, now);
                } else if (in_range && (options_.mode == RunMode::service || lane.retry_at)) {
                    wake = wake ? std::min(*wake, when) : when;
                }
            }
        }
        const bool busy = std::any_of(lanes_.begin(), lanes_.end(), [](const Lane& l) { return l.running; });
        if (!busy) {
            if (stop_) break;
            if (options_.until && now >= *options_.until) break;
            if (options_.mode == RunMode::drain && !wake) break;
        }
        if (options_.until && options_.mode == RunMode::service) wake = wake ? std::min(*wake, *options_.until) : *options_.until;
        clock_.wait_until(
            lock, cv_, wake,
            [&] { return !done_.empty() || stop_ != stop_seen || abandon_ != abandon_seen; }, busy);
    }
}

}  // namespace timeline::schedule
