#include "schedule/scheduler.h"

#include <algorithm>
#include <filesystem>

#include "base/files.h"

namespace timeline::schedule {

namespace fs = std::filesystem;

struct Scheduler::Lane {
    const Job* job = nullptr;
    std::optional<Slot> current;  // the slot this node holds (its claim)
    std::optional<Instant> retry_at;
    int attempt_base = 0;  // attempts on `current` before this node took it (by a node that died)
    int attempts = 0;      // this node's attempts on `current`
    bool running = false;
    bool held = false;  // another node holds the slot due: look again later
    std::optional<Outcome> unrecorded;  // finished, but the state could not be written: try again
    Instant started{};
    std::string output;
    std::stop_source stop;
    std::thread thread;
};

struct Scheduler::Delivery {
    RunRecord run;
    const Job* job = nullptr;
    std::optional<DeliveryOutcome> outcome;  // set by the thread when done
    std::thread thread;
};

Scheduler::Scheduler(std::vector<const Job*> jobs, Store& store, Clock& clock, Runner runner, SchedulerOptions options)
    : store_(store), clock_(clock), runner_(std::move(runner)), options_(options) {
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
    if (delivery_ && delivery_->thread.joinable()) delivery_->thread.join();
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

void Scheduler::failed_store(const std::exception& e, Diagnostics& diags) {
    Diagnostics found;
    found.error("state-write", std::string("the state database failed: ") + e.what() + "; trying again",
                store_.describe());
    report(diags, found);
}

void Scheduler::observe(const std::vector<RunRecord>& records) {
    if (observer)
        for (const RunRecord& r : records) observer(r);
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

// Whether a claim on a slot is held by a live node other than `self`. On a state that only
// one scheduler uses (SQLite, under the directory lock) every other claim is left over from
// a scheduler that ended, and none is live.
bool live_elsewhere(const SlotRow& row, const Store& store, std::int64_t lease_now) {
    if (!store.shared() || row.state == "released" || row.node.empty() || row.node == store.node()) return false;
    return row.lease_until_ms > lease_now;
}

}  // namespace

// A state written while the clock was ahead: reported, then forgotten, so that the job is
// treated as new from now (first_sight). Returns whether it was reset. Only for a state
// that one scheduler uses: on a shared state, a node whose clock is behind the others' does
// not reset theirs (its slots simply are not due yet on its clock).
bool Scheduler::reset_if_future(Lane& lane, JobTransaction& tx, Instant now, Diagnostics& diags) {
    if (store_.shared()) return false;
    JobRow& row = tx.row;
    const Instant limit = now + options_.future_tolerance;
    const bool done_ahead = row.done_through && *row.done_through > limit;
    const auto claims = tx.slots();
    const bool progress_ahead = !claims.empty() && claims.back().slot > limit;
    if (!done_ahead && !progress_ahead) return false;
    const Instant ahead = done_ahead ? *row.done_through : claims.back().slot;
    Diagnostics found;
    found.warning("state-future",
                  "job " + lane.job->id + ": the state says " + (done_ahead ? "done through " : "in progress at ") +
                      format_utc(ahead) + ", " + days_ahead(ahead, now) + " ahead of the clock (" + format_utc(now) +
                      "): it was written while the clock was wrong; reset, the job runs again from now on (slots "
                      "before now are not caught up)",
                  store_.describe(), {}, "/jobs/" + lane.job->id);
    report(diags, found);
    row.done_through.reset();
    row.skip_through.reset();
    for (const SlotRow& s : claims) tx.remove_slot(s.slot);
    lane.current.reset();
    lane.retry_at.reset();
    lane.attempts = 0;
    lane.attempt_base = 0;
    return true;
}

// A job without state: slots before now predate it (or its state was reset), none is missed.
void Scheduler::first_sight(Lane& lane, JobRow& row, Instant now) {
    if (options_.mode == RunMode::drain) {
        // `once`: the slot due now runs.
        const auto latest = slot_at_or_before(lane.job->cron, *lane.job->zone, now);
        row.done_through = latest ? latest->at - std::chrono::seconds{1} : now;
    } else {
        row.done_through = now;
    }
}

// Slots missed while no scheduler ran: those after the job's `done_through` and before
// `threshold` (service: the start time; drain: the latest slot due now, which runs in any
// case). A slot that was being worked on (it has a claim) always runs; the policy decides
// about the rest: none runs none, latest the last one, all the last `catch_up_max`. The
// others are one "missed" record per job, counted without being held in memory. On a shared
// state, a job whose next slot another node holds is being run: nothing of it is missed.
void Scheduler::catch_up(Instant start, Diagnostics& diags) {
    for (Lane& lane : lanes_) {
        const Job& job = *lane.job;
        std::vector<RunRecord> records;
        try {
            store_.with_job(job.id, [&](JobTransaction& tx) {
                JobRow& row = tx.row;
                if (row.done_through) reset_if_future(lane, tx, start, diags);
                if (!row.done_through) {
                    first_sight(lane, row, start);
                    return;
                }
                Instant threshold = start;
                if (options_.mode == RunMode::drain) {
                    const auto latest = slot_at_or_before(job.cron, *job.zone, start);
                    if (!latest) return;
                    threshold = latest->at;
                }
                auto s = job.next_slot(row.skip_through.value_or(*row.done_through));
                if (!s || s->at >= threshold) return;
                bool in_progress = false;
                if (!row.skip_through) {
                    if (const auto claim = tx.slot(s->at)) {
                        if (live_elsewhere(*claim, store_, tx.lease_now_ms())) return;
                        in_progress = true;
                        s = job.next_slot(s->at);
                    }
                } else {
                    in_progress = true;
                }
                const std::size_t keep = job.catch_up == CatchUp::none     ? 0
                                         : job.catch_up == CatchUp::latest ? 1
                                                                           : static_cast<std::size_t>(job.catch_up_max);
                MissedSlots missed(keep);
                for (; s && s->at < threshold; s = job.next_slot(s->at)) missed.add(*s);
                if (missed.passed() == 0) return;
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
                          (job.catch_up == CatchUp::all ? ", at most " + std::to_string(job.catch_up_max) + " run" : "") +
                          ")";
                tx.append_run(r);
                records.push_back(r);
                if (in_progress)
                    row.skip_through = last.at;
                else
                    row.done_through = last.at;
            });
        } catch (const std::exception& e) {
            failed_store(e, diags);
            continue;
        }
        observe(records);
    }
}

// Takes the job's next slot if it is due and no live node holds it. `due` is set to when to
// look again (not_due: the slot's time).
Scheduler::Claimed Scheduler::claim(Lane& lane, Instant now, Diagnostics& diags, std::optional<Instant>& due) {
    const Job& job = *lane.job;
    std::vector<RunRecord> records;
    Claimed result = Claimed::none;
    try {
        result = store_.with_job(job.id, [&](JobTransaction& tx) {
            JobRow& row = tx.row;
            if (row.done_through) reset_if_future(lane, tx, now, diags);
            if (!row.done_through) first_sight(lane, row, now);
            const auto s = job.next_slot(*row.done_through);
            if (!s) return Claimed::none;
            if (s->at > now || (options_.until && s->at > *options_.until)) {
                due = s->at;
                return Claimed::not_due;
            }
            const auto old = tx.slot(s->at);
            const std::int64_t lease_now = tx.lease_now_ms();
            if (old && live_elsewhere(*old, store_, lease_now)) return Claimed::held;
            SlotRow mine;
            mine.slot = s->at;
            mine.state = "running";
            mine.node = store_.node();
            mine.lease_until_ms = lease_now + options_.lease.count();
            mine.attempts = old ? old->attempts : 0;
            lane.retry_at.reset();
            if (old && old->state == "retry" && old->retry_at && *old->retry_at > now) {
                mine.state = "retry";
                mine.retry_at = old->retry_at;
                lane.retry_at = old->retry_at;
            }
            if (old && old->state == "running" && !old->node.empty() && old->node != store_.node()) {
                // Its node stopped (killed, or cut off from the database) while a report ran.
                RunRecord r;
                r.job = job.id;
                r.slot = s->at;
                r.slot_local = format_local(*job.zone, s->at);
                r.attempt = old->attempts;
                r.status = "lost";
                r.node = old->node;
                r.output = job.output_for(s->at);
                r.error = store_.shared() ? "node " + old->node + " stopped renewing its claim while the report ran; "
                                                "taken over by " + store_.node()
                                          : std::string("the scheduler ended while the report ran; it runs again");
                tx.append_run(r);
                records.push_back(r);
            }
            tx.put_slot(mine);
            lane.current = *s;
            lane.attempt_base = mine.attempts;
            lane.attempts = 0;
            lane.output = job.output_for(s->at);
            return Claimed::claimed;
        });
    } catch (const std::exception& e) {
        failed_store(e, diags);
        return Claimed::held;  // look again after a while
    }
    observe(records);
    return result;
}

void Scheduler::start(Lane& lane, std::size_t index, Instant now, Diagnostics& diags) {
    const Job& job = *lane.job;
    ++lane.attempts;
    try {
        store_.start_attempt(job.id, lane.current->at, lane.attempt_base + lane.attempts);
    } catch (const std::exception& e) {
        failed_store(e, diags);  // the attempt runs all the same; only its number may be recounted
    }
    lane.running = true;
    lane.retry_at.reset();
    lane.started = now;
    lane.stop = std::stop_source{};
    Task task;
    task.job = &job;
    task.slot = *lane.current;
    task.output = lane.output;
    task.as_of = job.as_of(lane.current->at);
    task.attempt = lane.attempt_base + lane.attempts;
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

// Records the end of an attempt. Returns false when the state could not be written (the
// caller tries again later).
bool Scheduler::finish(Lane& lane, const Outcome& outcome, Instant now, Diagnostics& diags) {
    const Job& job = *lane.job;
    const Slot slot = *lane.current;
    RunRecord r;
    r.job = job.id;
    r.slot = slot.at;
    r.slot_local = format_local(*job.zone, slot.at);
    r.attempt = lane.attempt_base + lane.attempts;
    r.start = lane.started;
    r.end = now;
    r.output = lane.output;
    r.error = outcome.ok ? std::string() : outcome.error.empty() ? std::string("failed") : outcome.error;
    enum class Next { done, retry, release, lost } next = Next::done;
    if (outcome.ok) {
        r.status = "ok";
        if (job.email && deliverer) {
            r.delivered = Delivered::pending;
            r.next_delivery = now;
        }
    } else if (abandon_ && lane.stop.stop_requested()) {
        // Interrupted on request: the slot runs again (at the next start, or on another node).
        r.status = "abandoned";
        next = Next::release;
    } else if (lane.attempts <= job.retries && !outcome.final) {
        r.status = "retry";
        next = stop_ ? Next::release : Next::retry;
    } else {
        r.status = "failed";
    }
    const std::optional<Instant> retry_at =
        next == Next::retry ? std::optional<Instant>(now + job.backoff(lane.attempts)) : std::nullopt;
    try {
        store_.with_job(job.id, [&](JobTransaction& tx) {
            const auto claim = tx.slot(slot.at);
            if (!claim || claim->node != store_.node()) {
                // Another node took the slot over meanwhile (this one could not renew its claim
                // in time): the slot is theirs; this attempt is history only.
                r.error = "this node's claim expired while the report ran and " +
                          (claim && !claim->node.empty() ? "node " + claim->node : std::string("another node")) +
                          " took the slot over" + (outcome.ok ? " (the brief was written)" : ": " + r.error);
                r.status = "lost";
                r.delivered = Delivered::none;
                r.next_delivery.reset();
                next = Next::lost;
                tx.append_run(r);
                return;
            }
            JobRow& row = tx.row;
            if (next == Next::done) {
                row.done_through = std::max(slot.at, row.skip_through.value_or(slot.at));
                row.skip_through.reset();
                row.last_status = r.status;
                if (outcome.ok) {
                    row.last_completed = slot.at;
                    row.last_output = lane.output;
                }
                tx.remove_slot(slot.at);
            } else {
                SlotRow s = *claim;
                s.attempts = lane.attempt_base + lane.attempts;
                if (next == Next::retry) {
                    s.state = "retry";
                    s.retry_at = retry_at;
                } else {
                    s.state = "released";
                    s.node.clear();
                    s.lease_until_ms = 0;
                    s.retry_at.reset();
                }
                tx.put_slot(s);
            }
            tx.append_run(r);
        });
    } catch (const std::exception& e) {
        failed_store(e, diags);
        return false;
    }
    if (next == Next::retry) {
        lane.retry_at = retry_at;
    } else {
        lane.current.reset();
        lane.retry_at.reset();
        lane.attempts = 0;
        lane.attempt_base = 0;
    }
    observe({r});
    return true;
}

// Starts the oldest delivery due (of this scheduler's jobs) on its own thread; returns when
// the next one is due.
std::optional<Instant> Scheduler::deliver(Instant now, Diagnostics& diags) {
    if (!deliverer) return std::nullopt;
    if (std::none_of(lanes_.begin(), lanes_.end(), [](const Lane& l) { return l.job->email.has_value(); }))
        return std::nullopt;
    try {
        if (!delivery_) {
            for (;;) {
                const auto run = store_.claim_delivery(now, options_.lease);
                if (!run) break;
                const auto lane = std::find_if(lanes_.begin(), lanes_.end(),
                                               [&](const Lane& l) { return l.job->id == run->job && l.job->email; });
                if (lane == lanes_.end()) {
                    // Not a job of this scheduler (or no longer with "email"): given up.
                    store_.record_delivery(*run, now,
                                           {DeliveryOutcome::Kind::permanent,
                                            "the job " + run->job + " has no \"email\" in the schedules file any more"},
                                           Delivered::failed, std::nullopt);
                    continue;
                }
                delivery_ = std::make_unique<Delivery>();
                delivery_->run = *run;
                delivery_->job = lane->job;
                DeliveryRequest request;
                request.job = run->job;
                request.email = &*lane->job->email;
                request.output = run->output;
                request.format = lane->job->format;
                request.lang = lane->job->lang;
                request.slot = run->slot;
                request.slot_local = run->slot_local;
                request.attempt = run->delivery_attempts + 1;
                delivery_->thread = std::thread([this, request, d = delivery_.get()] {
                    DeliveryOutcome outcome;
                    try {
                        outcome = deliverer(request);
                    } catch (const std::exception& e) {
                        outcome = {DeliveryOutcome::Kind::transient, std::string("internal error: ") + e.what()};
                    }
                    std::lock_guard<std::mutex> g(mu_);
                    d->outcome = std::move(outcome);
                    cv_.notify_all();
                });
                break;
            }
        }
        return store_.next_delivery_time();
    } catch (const std::exception& e) {
        failed_store(e, diags);
        return std::nullopt;
    }
}

// Records the outcome of the delivery that ended.
void Scheduler::delivered(Instant now, Diagnostics& diags) {
    if (!delivery_ || !delivery_->outcome) return;
    if (delivery_->thread.joinable()) delivery_->thread.join();
    const DeliveryOutcome outcome = *delivery_->outcome;
    RunRecord run = delivery_->run;
    const int attempt = run.delivery_attempts + 1;
    Delivered state = Delivered::sent;
    std::optional<Instant> next;
    if (outcome.kind == DeliveryOutcome::Kind::transient && attempt < options_.delivery.max_attempts) {
        state = Delivered::pending;
        next = now + options_.delivery.delay_after(attempt);
    } else if (outcome.kind != DeliveryOutcome::Kind::ok) {
        state = Delivered::failed;
    }
    try {
        store_.record_delivery(run, now, outcome, state, next);
    } catch (const std::exception& e) {
        failed_store(e, diags);
        // The claim runs out and the delivery is tried again.
    }
    delivery_.reset();
    run.delivered = state;
    run.delivery_attempts = attempt;
    run.next_delivery = next;
    run.delivery_error = outcome.kind == DeliveryOutcome::Kind::ok ? std::string() : outcome.message;
    if (on_delivery) on_delivery(run, outcome);
}

// Renews this node's claims every third of the lease, on a connection of its own, while the
// scheduler runs (shared state only).
void Scheduler::heartbeat(std::stop_token stop, Diagnostics& found) {
    std::unique_ptr<Store> own;
    std::mutex m;
    std::condition_variable_any cv;
    const auto every = std::max(options_.lease / 3, std::chrono::milliseconds{100});
    while (!stop.stop_requested()) {
        try {
            if (!own) {
                Diagnostics d;
                own = store_.connect_again(d);
                if (!own) throw std::runtime_error(d.empty() ? "cannot connect" : d.items()[0].message);
            }
            own->renew_leases(options_.lease);
        } catch (const std::exception& e) {
            own.reset();
            std::lock_guard<std::mutex> g(heartbeat_mu_);
            found.warning("lease-renew",
                          std::string("cannot renew this node's claims: ") + e.what() +
                              "; another node takes them over if this lasts longer than the lease",
                          store_.describe());
        }
        std::unique_lock<std::mutex> lock(m);
        cv.wait_for(lock, stop, every, [] { return false; });
    }
}

void Scheduler::run_deliveries(Diagnostics& diags) {
    std::unique_lock<std::mutex> lock(mu_);
    for (;;) {
        const Instant now = clock_.now();
        deliver(now, diags);
        if (!delivery_) break;
        cv_.wait(lock, [this] { return delivery_->outcome.has_value(); });
        delivered(clock_.now(), diags);
    }
}

void Scheduler::run(Diagnostics& diags) {
    Diagnostics beats;
    std::jthread beat;
    if (store_.shared()) beat = std::jthread([this, &beats](std::stop_token stop) { heartbeat(stop, beats); });
    std::unique_lock<std::mutex> lock(mu_);
    catch_up(clock_.now(), diags);
    bool abandoned_sent = false;
    for (;;) {
        const Instant now = clock_.now();
        const bool stop_seen = stop_;
        const bool abandon_seen = abandon_;
        {
            std::lock_guard<std::mutex> g(heartbeat_mu_);
            report(diags, beats);
            beats = Diagnostics{};
        }
        std::vector<Done> done;
        done.swap(done_);
        for (const Done& d : done) {
            Lane& lane = lanes_[d.lane];
            if (lane.thread.joinable()) lane.thread.join();
            lane.running = false;
            lane.unrecorded = d.outcome;
        }
        bool retry_store = false;
        for (Lane& lane : lanes_)
            if (lane.unrecorded) {
                if (finish(lane, *lane.unrecorded, now, diags))
                    lane.unrecorded.reset();
                else
                    retry_store = true;
            }
        delivered(now, diags);
        if (abandon_ && !abandoned_sent) {
            for (Lane& lane : lanes_)
                if (lane.running) lane.stop.request_stop();
            abandoned_sent = true;
        }
        std::optional<Instant> wake;
        bool poll = retry_store;
        auto wake_at = [&wake](Instant t) { wake = wake ? std::min(*wake, t) : t; };
        if (!stop_) {
            for (std::size_t k = 0; k < lanes_.size(); ++k) {
                Lane& lane = lanes_[k];
                if (lane.running || lane.unrecorded) continue;
                lane.held = false;
                if (!lane.current) {
                    std::optional<Instant> due;
                    switch (claim(lane, now, diags, due)) {
                        case Claimed::claimed: break;
                        case Claimed::held:
                            lane.held = true;
                            // `once` leaves a slot another node runs to that node.
                            if (options_.mode == RunMode::service) poll = true;
                            continue;
                        case Claimed::not_due:
                            if (options_.mode == RunMode::service && due) wake_at(*due);
                            continue;
                        case Claimed::none: continue;
                    }
                }
                const Instant when = lane.retry_at.value_or(lane.current->at);
                const bool in_range = !options_.until || when <= *options_.until;
                if (when <= now && in_range) {
                    start(lane, k, now, diags);
                } else if (in_range && (options_.mode == RunMode::service || lane.retry_at)) {
                    wake_at(when);
                }
            }
            if (const auto next = deliver(now, diags)) {
                if (*next > now && (options_.mode == RunMode::service)) wake_at(*next);
            }
        }
        const bool busy = std::any_of(lanes_.begin(), lanes_.end(), [](const Lane& l) { return l.running; }) ||
                          (delivery_ != nullptr);
        if (!busy && !poll) {
            if (stop_) break;
            if (options_.until && now >= *options_.until) break;
            if (options_.mode == RunMode::drain && !wake) break;
        }
        if (stop_ && !busy && poll) break;
        if (options_.until && options_.mode == RunMode::service) wake_at(*options_.until);
        clock_.wait_until(
            lock, cv_, wake,
            [&] {
                return !done_.empty() || stop_ != stop_seen || abandon_ != abandon_seen ||
                       (delivery_ && delivery_->outcome);
            },
            busy, poll ? std::optional<std::chrono::milliseconds>(options_.poll) : std::nullopt);
    }
    // Slots this node still holds (a retry that was waiting) go back to the pool.
    try {
        store_.release_claims();
    } catch (const std::exception& e) {
        failed_store(e, diags);
    }
    lock.unlock();
    if (beat.joinable()) {
        beat.request_stop();
        beat.join();
    }
    report(diags, beats);
}

}  // namespace timeline::schedule
