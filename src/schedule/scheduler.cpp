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

void Scheduler::record(const RunRecord& r, Diagnostics& diags) {
    log_.append(r, diags);
    if (observer) observer(r);
}

void Scheduler::save(Diagnostics& diags) { state_.save(diags); }

// Slots missed while the scheduler was down: those after the job's `done_through` and
// before `threshold` (service: the start time; drain: the latest slot due now, which runs
// in any case). An interrupted slot (`in_progress`) always runs again; the policy decides
// about the rest.
void Scheduler::catch_up(Instant start, Diagnostics& diags) {
    bool changed = false;
    for (Lane& lane : lanes_) {
        const Job& job = *lane.job;
        JobState& js = state_.job(job.id);
        Instant threshold = start;
        if (options_.mode == RunMode::drain) {
            const auto latest = slot_at_or_before(job.cron, *job.zone, start);
            if (!latest) {
                if (!js.done_through) js.done_through = start, changed = true;
                continue;
            }
            threshold = latest->at;
            if (!js.done_through) js.done_through = threshold - std::chrono::seconds{1}, changed = true;
        }
        if (!js.done_through) {
            // First sight of this job: slots before now are not missed, they predate it.
            js.done_through = start;
            changed = true;
            continue;
        }
        std::vector<Slot> missed;
        for (auto s = job.next_slot(*js.done_through); s && s->at < threshold; s = job.next_slot(s->at)) missed.push_back(*s);
        if (missed.empty()) continue;
        std::size_t first = 0;
        if (js.in_progress && *js.in_progress == missed.front().at) {
            lane.current = missed.front();
            lane.output = job.output_for(missed.front().at);
            first = 1;
        }
        std::size_t skip_end = first;  // missed[first, skip_end) are passed over
        if (job.catch_up == CatchUp::none) skip_end = missed.size();
        else if (job.catch_up == CatchUp::latest) skip_end = std::max(first, missed.size() - 1);
        for (std::size_t k = first; k < skip_end; ++k) {
            RunRecord r;
            r.job = job.id;
            r.slot = missed[k].at;
            r.slot_local = format_local(*job.zone, missed[k].at);
            r.status = "missed";
            r.output = job.output_for(missed[k].at);
            r.error = std::string("the scheduler was not running (catch_up: ") + catch_up_name(job.catch_up) + ")";
            record(r, diags);
        }
        if (skip_end > first) {
            const Instant through = missed[skip_end - 1].at;
            if (lane.current) {
                lane.skip_through = through;
            } else {
                js.done_through = through;
                changed = true;
            }
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
    } else if (lane.attempts <= job.retries) {
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
