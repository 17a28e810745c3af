// Unit tests of the scheduler (src/schedule/scheduler.h) on a simulated clock: a month with
// the scheduler down for three days under each catch-up policy, failing jobs, slow jobs,
// interrupted slots, the lock, the run history in the SQLite state, the import of the JSON
// state of older versions, and deliveries.
#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "base/files.h"
#include "schedule/config.h"
#include "schedule/process.h"
#include "schedule/scheduler.h"
#include "schedule/state.h"
#include "schedule/store.h"

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>

namespace {

using namespace timeline;
using namespace timeline::schedule;
namespace fs = std::filesystem;

struct Sandbox {
    fs::path dir;
    explicit Sandbox(const std::string& name) : dir(fs::temp_directory_path() / ("timeline-schedule-" + name)) {
        fs::remove_all(dir);
        fs::create_directories(dir);
    }
    std::string path(const std::string& rel) const { return (dir / rel).string(); }
};

Config config(const Sandbox& box, const std::string& jobs_json) {
    const std::string file = box.path("schedules.json");
    // Outputs are relative to the output root, the directory of schedules.json: box/out/….
    std::string text = R"({"defaults": {"format": "md", "output": "out/{job}/{slot:%Y-%m-%d}.md", )"
                       R"("retry_delay_seconds": 60}, "jobs": )" + jobs_json + "}";
    std::ofstream(file) << text;
    Diagnostics diags;
    auto c = load_config(file, diags);
    INFO((diags.empty() ? "" : format_text(diags.items()[0])));
    REQUIRE(c);
    return *c;
}

Instant at(const std::string& text) {
    const auto t = parse_time(text, *find_zone("UTC"));
    REQUIRE(t);
    return *t;
}

// Writes each report as a small file, atomically; counts calls per output file.
struct FakeReports {
    std::mutex mu;
    std::map<std::string, int> calls;  // output -> attempts
    std::set<std::string> failing;     // job ids that always fail
    Runner runner() {
        return [this](const Task& t, std::stop_token) -> Outcome {
            {
                std::lock_guard<std::mutex> g(mu);
                ++calls[t.output];
            }
            if (failing.count(t.job->id)) return {false, "the data directory is missing (exit status 1)", 1};
            Diagnostics d;
            if (!write_file_atomic(t.output, t.job->id + " " + t.as_of + "\n", d)) return {false, "write failed", 3};
            return {true, {}, 0};
        };
    }
};

std::vector<const Job*> all(const Config& c) {
    std::vector<const Job*> out;
    for (const Job& j : c.jobs) out.push_back(&j);
    return out;
}

StateLocation state_dir(const Sandbox& box) {
    StateLocation where;
    where.dir = box.path("state");
    return where;
}

// The SQLite state in box/state, opened as a scheduler opens it.
std::unique_ptr<Store> open_store(const Sandbox& box, Diagnostics& diags) {
    auto store = Store::open(state_dir(box), "test-node", diags);
    INFO((diags.empty() ? "" : format_text(diags.items()[0])));
    REQUIRE(store);
    return store;
}

std::unique_ptr<Store> open_store(const Sandbox& box) {
    Diagnostics diags;
    return open_store(box, diags);
}

// Runs a scheduler over [from, until] of simulated time with the state in box/state;
// returns its diagnostics (those of opening the state first).
Diagnostics simulate_with_diagnostics(const Sandbox& box, const Config& c, FakeReports& reports, const std::string& from,
                                      const std::string& until, RunMode mode = RunMode::service) {
    DirLock lock;
    std::string message;
    REQUIRE(DirLock::acquire(box.path("state"), lock, message) == DirLock::Result::acquired);
    Diagnostics diags;
    const auto store = open_store(box, diags);
    SimulatedClock clock(at(from));
    SchedulerOptions options;
    options.mode = mode;
    if (mode == RunMode::service) options.until = at(until);
    Scheduler scheduler(all(c), *store, clock, reports.runner(), options);
    std::vector<std::string> reported;
    scheduler.on_diagnostic = [&reported](const Diagnostic& d) { reported.push_back(format_text(d)); };
    const std::size_t opening = diags.size();
    scheduler.run(diags);
    REQUIRE(reported.size() + opening == diags.size());  // each one reported as it was found
    return diags;
}

// The same, expecting no diagnostics.
void simulate(const Sandbox& box, const Config& c, FakeReports& reports, const std::string& from, const std::string& until) {
    const Diagnostics diags = simulate_with_diagnostics(box, c, reports, from, until);
    INFO((diags.empty() ? "" : format_text(diags.items()[0])));
    REQUIRE(diags.empty());
}

std::set<std::string> files(const Sandbox& box, const std::string& job) {
    std::set<std::string> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(box.path("out/" + job), ec)) out.insert(e.path().filename().string());
    return out;
}

std::set<std::string> days(int first, int last, const std::string& month = "2026-03") {
    std::set<std::string> out;
    for (int d = first; d <= last; ++d) out.insert(month + "-" + (d < 10 ? "0" : "") + std::to_string(d) + ".md");
    return out;
}

// The run history as `timeline schedule history --format json` prints it.
std::vector<std::string> log_lines(const Sandbox& box) {
    std::vector<std::string> out;
    for (const RunRecord& r : open_store(box)->history({})) {
        std::string line = to_json_line(r);
        line.pop_back();
        out.push_back(line);
    }
    return out;
}

JobRow job_row(const Sandbox& box, const std::string& id) {
    const auto row = open_store(box)->job(id);
    REQUIRE(row);
    return *row;
}

int count_with(const std::vector<std::string>& lines, const std::string& a, const std::string& b = "") {
    int n = 0;
    for (const auto& l : lines)
        if (l.find(a) != std::string::npos && l.find(b) != std::string::npos) ++n;
    return n;
}

}  // namespace

TEST_CASE("a simulated month, down for three days: exactly the expected briefs under each catch-up policy",
          "[schedule]") {
    Sandbox box("month");
    const Config c = config(box, R"([
        {"id": "none", "cron": "0 8 * * *", "catch_up": "none"},
        {"id": "latest", "cron": "0 8 * * *", "catch_up": "latest"},
        {"id": "all", "cron": "0 8 * * *", "catch_up": "all"}])");
    FakeReports reports;
    // 1 March 00:00 to 10 March 12:00 Beijing time, then down until 13 March 12:00, then up
    // to the end of the month; then restarted once more (nothing may run twice).
    simulate(box, c, reports, "2026-03-01T00:00+08:00", "2026-03-10T12:00+08:00");
    simulate(box, c, reports, "2026-03-13T12:00+08:00", "2026-03-31T23:59+08:00");
    simulate(box, c, reports, "2026-03-31T23:59+08:00", "2026-03-31T23:59:30+08:00");

    std::set<std::string> none = days(1, 10);
    for (const auto& d : days(14, 31)) none.insert(d);
    std::set<std::string> latest = none;
    latest.insert("2026-03-13.md");
    const std::set<std::string> every = days(1, 31);
    CHECK(files(box, "none") == none);
    CHECK(files(box, "latest") == latest);
    CHECK(files(box, "all") == every);
    for (const auto& [output, n] : reports.calls) {
        INFO(output);
        CHECK(n == 1);  // each slot ran exactly once
    }
    CHECK(reports.calls.size() == none.size() + latest.size() + every.size());

    const auto lines = log_lines(box);
    // Missed slots: one record per job and gap, with the range and the count.
    CHECK(count_with(lines, "\"job\":\"none\"", "\"status\":\"missed\"") == 1);
    CHECK(count_with(lines, "\"job\":\"latest\"", "\"status\":\"missed\"") == 1);
    CHECK(count_with(lines, "\"job\":\"all\"", "\"status\":\"missed\"") == 0);
    CHECK(count_with(lines, "\"status\":\"ok\"") == static_cast<int>(reports.calls.size()));
    CHECK(count_with(lines, "{\"job\":\"none\",\"slot\":\"2026-03-11T00:00:00Z\",\"slot_local\":\"2026-03-11T08:00:00+08:00\","
                            "\"attempt\":0,\"start\":null,\"end\":null,\"status\":\"missed\",\"output\":null,"
                            "\"error\":\"the scheduler was not running (catch_up: none)\","
                            "\"through\":\"2026-03-13T00:00:00Z\",\"count\":3,\"node\":\"test-node\"") == 1);
    CHECK(count_with(lines, "{\"job\":\"latest\",\"slot\":\"2026-03-11T00:00:00Z\",\"slot_local\":\"2026-03-11T08:00:00+08:00\","
                            "\"attempt\":0,\"start\":null,\"end\":null,\"status\":\"missed\"",
                     "\"through\":\"2026-03-12T00:00:00Z\",\"count\":2,") == 1);
    // A run on time starts at its slot.
    CHECK(count_with(lines, "\"slot\":\"2026-03-20T00:00:00Z\"", "\"start\":\"2026-03-20T00:00:00Z\"") == 3);
    // The catch-up runs start when the scheduler comes back.
    CHECK(count_with(lines, "\"slot\":\"2026-03-12T00:00:00Z\"", "\"start\":\"2026-03-13T04:00:00Z\"") == 1);

    for (const char* id : {"none", "latest", "all"}) {
        const JobRow js = job_row(box, id);
        CHECK(format_utc(*js.done_through) == "2026-03-31T00:00:00Z");
        CHECK(js.last_status == "ok");
    }
    CHECK(open_store(box)->claims().empty());  // nothing in progress
    // Nothing is left behind but the briefs.
    for (const auto& e : fs::recursive_directory_iterator(box.path("out")))
        CHECK(e.path().filename().string().find(".tmp-") == std::string::npos);
}

TEST_CASE("a job that always fails is retried with backoff, logged, skipped, and does not hold up others",
          "[schedule]") {
    Sandbox box("failing");
    const Config c = config(box, R"([
        {"id": "good", "cron": "0 8 * * *"},
        {"id": "bad", "cron": "0 8 * * *", "retries": 2},
        {"id": "hourly", "cron": "0 * * * *", "output": "out/{job}/{slot:%Y-%m-%d-%H}.md"}])");
    FakeReports reports;
    reports.failing.insert("bad");
    simulate(box, c, reports, "2026-03-01T00:00+08:00", "2026-03-07T23:00+08:00");
    CHECK(files(box, "good") == days(1, 7));
    CHECK(files(box, "hourly").size() == 7 * 24 - 1);  // 01:00 on the 1st to 23:00 on the 7th
    CHECK(files(box, "bad").empty());
    const auto lines = log_lines(box);
    CHECK(count_with(lines, "\"job\":\"bad\"", "\"status\":\"retry\"") == 14);
    CHECK(count_with(lines, "\"job\":\"bad\"", "\"status\":\"failed\"") == 7);
    CHECK(count_with(lines, "\"job\":\"bad\"", "the data directory is missing") == 21);
    // Backoff: 60 s, then 120 s.
    CHECK(count_with(lines, "\"job\":\"bad\",\"slot\":\"2026-03-03T00:00:00Z\"",
                     "\"attempt\":2,\"start\":\"2026-03-03T00:01:00Z\"") == 1);
    CHECK(count_with(lines, "\"job\":\"bad\",\"slot\":\"2026-03-03T00:00:00Z\"",
                     "\"attempt\":3,\"start\":\"2026-03-03T00:03:00Z\"") == 1);
    // The hourly job ran on time at 09:00 although "bad" was retrying from 08:00.
    CHECK(count_with(lines, "\"job\":\"hourly\",\"slot\":\"2026-03-03T01:00:00Z\"", "\"start\":\"2026-03-03T01:00:00Z\"") == 1);
    for (const auto& [output, n] : reports.calls) {
        INFO(output);
        CHECK(n == (output.find("/bad/") != std::string::npos ? 3 : 1));
    }
    const JobRow bad = job_row(box, "bad");
    CHECK(bad.last_status == "failed");
    CHECK(format_utc(*bad.done_through) == "2026-03-07T00:00:00Z");
    CHECK_FALSE(bad.last_completed);
}

TEST_CASE("a slow report does not hold up another job's slot", "[schedule]") {
    Sandbox box("slow");
    const Config c = config(box, R"([{"id": "slow", "cron": "0 8 * * *"}, {"id": "quick", "cron": "0 8 * * *"}])");
    std::atomic<bool> quick_done{false};
    std::atomic<bool> slow_saw_quick{false};
    Runner runner = [&](const Task& t, std::stop_token) -> Outcome {
        if (t.job->id == "slow") {
            // Finishes only after the other job's report of the same slot has been written.
            for (int k = 0; k < 500 && !quick_done; ++k) std::this_thread::sleep_for(std::chrono::milliseconds{2});
            slow_saw_quick = quick_done.load();
        } else {
            quick_done = true;
        }
        Diagnostics d;
        write_file_atomic(t.output, "x", d);
        return {true, {}, 0};
    };
    const auto store = open_store(box);
    SimulatedClock clock(at("2026-03-01T07:59+08:00"));
    SchedulerOptions options;
    options.until = at("2026-03-01T09:00+08:00");
    Scheduler scheduler(all(c), *store, clock, runner, options);
    Diagnostics diags;
    scheduler.run(diags);
    CHECK(slow_saw_quick);
    CHECK(files(box, "slow") == days(1, 1));
    CHECK(files(box, "quick") == days(1, 1));
}

TEST_CASE("an interrupted slot runs again after a restart, whatever the catch-up policy", "[schedule]") {
    Sandbox box("interrupted");
    const Config c = config(box, R"([{"id": "a", "cron": "0 8 * * *", "catch_up": "none"}])");
    fs::create_directories(box.path("state"));
    // As left by a scheduler killed while writing the brief of 5 March: done through the 4th,
    // the 5th in progress, a temporary file beside the brief.
    std::ofstream(box.path("state/state.json"))
        << R"({"version": 1, "jobs": {"a": {"done_through": "2026-03-04T00:00:00Z", "in_progress": "2026-03-05T00:00:00Z"}}})";
    fs::create_directories(box.path("out/a"));
    std::ofstream(box.path("out/a/.2026-03-05.md.tmp-Ab12Cd")) << "half a brie";
    FakeReports reports;
    simulate(box, c, reports, "2026-03-07T12:00+08:00", "2026-03-08T12:00+08:00");
    CHECK(files(box, "a") == std::set<std::string>{"2026-03-05.md", "2026-03-08.md"});
    const auto lines = log_lines(box);
    CHECK(count_with(lines, "\"slot\":\"2026-03-06T00:00:00Z\"", "\"status\":\"missed\"") == 1);
    CHECK(count_with(lines, "\"status\":\"missed\"", "\"through\":\"2026-03-07T00:00:00Z\",\"count\":2,") == 1);
    CHECK(count_with(lines, "\"slot\":\"2026-03-05T00:00:00Z\"", "\"status\":\"ok\"") == 1);
}

TEST_CASE("a stop abandons running reports and keeps their slot pending", "[schedule]") {
    Sandbox box("abandon");
    const Config c = config(box, R"([{"id": "a", "cron": "0 8 * * *"}])");
    std::atomic<bool> started{false};
    Runner runner = [&](const Task&, std::stop_token stop) -> Outcome {
        started = true;
        while (!stop.stop_requested()) std::this_thread::sleep_for(std::chrono::milliseconds{1});
        return {false, "report stopped by the scheduler's shutdown", 3};
    };
    const auto store = open_store(box);
    SimulatedClock clock(at("2026-03-01T07:59+08:00"));
    Scheduler scheduler(all(c), *store, clock, runner);
    Diagnostics diags;
    std::thread loop([&] { scheduler.run(diags); });
    while (!started) std::this_thread::sleep_for(std::chrono::milliseconds{1});
    scheduler.request_abandon();
    loop.join();
    const auto lines = log_lines(box);
    REQUIRE(lines.size() == 1);
    CHECK(lines[0].find("\"status\":\"abandoned\"") != std::string::npos);
    const auto claims = open_store(box)->claims();
    REQUIRE(claims.size() == 1);
    CHECK(format_utc(claims[0].second.slot) == "2026-03-01T00:00:00Z");
    CHECK(claims[0].second.state == "released");  // runs again at the next start, or on another node
    CHECK(format_utc(*job_row(box, "a").done_through) == "2026-02-28T23:59:00Z");
}

TEST_CASE("drain mode (schedule once) runs the slot due now once", "[schedule]") {
    Sandbox box("drain");
    const Config c = config(box, R"([{"id": "a", "cron": "0 8 * * *"}])");
    FakeReports reports;
    fs::create_directories(box.path("state"));
    for (int k = 0; k < 2; ++k) {
        Diagnostics diags;
        const auto store = open_store(box, diags);
        SimulatedClock clock(at("2026-03-05T08:00:30+08:00"));
        SchedulerOptions options;
        options.mode = RunMode::drain;
        Scheduler scheduler(all(c), *store, clock, reports.runner(), options);
        scheduler.run(diags);
    }
    CHECK(files(box, "a") == days(5, 5));
    CHECK(reports.calls.size() == 1);
    CHECK(reports.calls.begin()->second == 1);
}

TEST_CASE("one scheduler per state directory", "[schedule]") {
    Sandbox box("lock");
    DirLock first;
    DirLock second;
    std::string message;
    REQUIRE(DirLock::acquire(box.path("state"), first, message) == DirLock::Result::acquired);
    CHECK(DirLock::acquire(box.path("state"), second, message) == DirLock::Result::busy);
    CHECK(message == "another scheduler (pid " + std::to_string(::getpid()) + ") is using state directory " +
                         box.path("state") + " (lock " + box.path("state") + "/lock)");
    first = DirLock();
    CHECK(DirLock::acquire(box.path("state"), second, message) == DirLock::Result::acquired);
}

TEST_CASE("partial outputs of an interrupted writer are removed", "[schedule]") {
    Sandbox box("partial");
    std::ofstream(box.path(".b.pdf.tmp-x1Y2z3")) << "%PDF-1.";
    std::ofstream(box.path(".c.pdf.tmp-x1Y2z3")) << "%PDF-1.";
    std::ofstream(box.path("b.pdf")) << "%PDF-1.4 whole";
    CHECK(remove_temp_files(box.path("b.pdf"), TempFiles::all) == 1);
    CHECK(fs::exists(box.path("b.pdf")));
    CHECK(fs::exists(box.path(".c.pdf.tmp-x1Y2z3")));
}

TEST_CASE("child processes: status, output, timeout and stop", "[schedule]") {
    using std::chrono::milliseconds;
    const auto r = run_process({"/bin/sh", "-c", "echo data/x.json:1:2: error: bad; echo nothing written >&2; exit 1"},
                               milliseconds{5000}, std::stop_token{});
    CHECK(r.end == ProcessResult::End::exited);
    CHECK(r.status == 1);
    CHECK(summary_line(r.output) == "data/x.json:1:2: error: bad");
    CHECK(summary_line("a\nb\n\n") == "b");

    const auto t0 = std::chrono::steady_clock::now();
    const auto slow = run_process({"/bin/sleep", "10"}, milliseconds{150}, std::stop_token{});
    CHECK(slow.end == ProcessResult::End::timed_out);
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds{3});

    std::stop_source stop;
    std::thread stopper([&] {
        std::this_thread::sleep_for(milliseconds{100});
        stop.request_stop();
    });
    const auto stopped = run_process({"/bin/sleep", "10"}, milliseconds{10000}, stop.get_token());
    stopper.join();
    CHECK(stopped.end == ProcessResult::End::stopped);

    const auto missing = run_process({"/nonexistent/program"}, milliseconds{5000}, std::stop_token{});
    CHECK(missing.end == ProcessResult::End::exited);
    CHECK(missing.status == 127);
}

// ---------------------------------------------------------------------------------------
// Faults: clock jumps, long downtimes, a torn run log (docs/scheduling.md, "Faults").

TEST_CASE("a forward clock jump, then the clock put right: the state ahead is reported and reset", "[schedule]") {
    Sandbox box("clock-jump");
    const Config c = config(box, R"([{"id": "daily", "cron": "0 8 * * *", "catch_up": "none"}])");
    FakeReports reports;
    simulate(box, c, reports, "2026-03-01T07:00+08:00", "2026-03-02T09:00+08:00");
    // The clock is ten years ahead for a moment: the slots between are missed (one record).
    simulate(box, c, reports, "2036-03-01T07:00+08:00", "2036-03-01T07:00:01+08:00");
    CHECK(format_utc(*job_row(box, "daily").done_through) == "2036-02-29T00:00:00Z");
    // Put right: the state is ahead of the clock. Reported once, reset, and the schedule goes on.
    const Diagnostics diags =
        simulate_with_diagnostics(box, c, reports, "2026-03-03T07:00+08:00", "2026-03-05T09:00+08:00");
    REQUIRE(diags.size() == 1);
    CHECK(format_text(diags.items()[0]) ==
          box.path("state/state.db") +
              " /jobs/daily: warning: job daily: the state says done through 2036-02-29T00:00:00Z, 3650 days ahead of "
              "the clock (2026-03-02T23:00:00Z): it was written while the clock was wrong; reset, the job runs again "
              "from now on (slots before now are not caught up) (state-future)");
    CHECK(files(box, "daily") == days(1, 5));
    const auto lines = log_lines(box);
    CHECK(count_with(lines, "\"status\":\"missed\"") == 1);
    CHECK(count_with(lines, "\"status\":\"missed\"", "\"count\":3651,") == 1);
}

TEST_CASE("a state ahead of the clock within the tolerance is kept", "[schedule]") {
    Sandbox box("clock-skew");
    const Config c = config(box, R"([{"id": "a", "cron": "0 8 * * *"}])");
    fs::create_directories(box.path("state"));
    std::ofstream(box.path("state/state.json"))
        << R"({"version": 1, "jobs": {"a": {"done_through": "2026-03-05T00:10:00Z"}}})";
    FakeReports reports;
    simulate(box, c, reports, "2026-03-05T08:00+08:00", "2026-03-06T09:00+08:00");  // 10 minutes behind it
    CHECK(files(box, "a") == days(6, 6));
}

TEST_CASE("an in-progress slot ahead of the clock is dropped, not run in ten years", "[schedule]") {
    Sandbox box("progress-future");
    const Config c = config(box, R"([{"id": "a", "cron": "0 8 * * *"}])");
    fs::create_directories(box.path("state"));
    std::ofstream(box.path("state/state.json"))
        << R"({"version": 1, "jobs": {"a": {"done_through": "2026-03-04T00:00:00Z", "in_progress": "2036-03-05T00:00:00Z"}}})";
    FakeReports reports;
    const Diagnostics diags = simulate_with_diagnostics(box, c, reports, "2026-03-05T07:00+08:00", "2026-03-06T09:00+08:00");
    REQUIRE(diags.size() == 1);
    CHECK(diags.items()[0].code == "state-future");
    CHECK(diags.items()[0].message.find("in progress at 2036-03-05T00:00:00Z") != std::string::npos);
    CHECK(files(box, "a") == days(5, 6));
}

// A clock that runs simulated time and, at its first wait, is set back by `back`.
class SetBackClock final : public Clock {
public:
    SetBackClock(Instant start, std::chrono::seconds back) : inner_(start), back_(back) {}
    Instant now() override { return inner_.now(); }
    void wait_until(std::unique_lock<std::mutex>& lock, std::condition_variable& cv, std::optional<Instant> deadline,
                    const std::function<bool()>& woken, bool busy, std::optional<std::chrono::milliseconds> poll) override {
        if (!set_back_ && !busy) {
            set_back_ = true;
            inner_.set(inner_.now() - back_);
            return;
        }
        inner_.wait_until(lock, cv, deadline, woken, busy, poll);
    }

private:
    SimulatedClock inner_;
    std::chrono::seconds back_;
    bool set_back_ = false;
};

TEST_CASE("the clock set back while the service runs: the job goes on from the corrected time", "[schedule]") {
    Sandbox box("set-back");
    const Config c = config(box, R"([{"id": "a", "cron": "0 8 * * *"}])");
    const auto store = open_store(box);
    FakeReports reports;
    // Ten years back: from 1 March 2036 07:00 to 1 March 2026 07:00 (Beijing time).
    SetBackClock clock(at("2036-03-01T07:00+08:00"), std::chrono::hours{24 * 3653});
    Scheduler* running = nullptr;
    const Runner fake = reports.runner();
    std::atomic<int> written{0};
    Runner runner = [&](const Task& t, std::stop_token stop) {
        Outcome o = fake(t, stop);
        if (++written == 3) running->request_stop();  // three days after the clock was set back
        return o;
    };
    Scheduler scheduler(all(c), *store, clock, runner);
    running = &scheduler;
    Diagnostics diags;
    scheduler.run(diags);
    REQUIRE(diags.size() == 1);
    CHECK(diags.items()[0].code == "state-future");
    CHECK(files(box, "a") == days(1, 3));
}

TEST_CASE("a year of every-minute slots missed is one run-log record", "[schedule]") {
    Sandbox box("year-down");
    const Config c = config(box, R"([{"id": "m", "cron": "* * * * *", "catch_up": "none",
                                     "output": "out/{job}/{slot:%Y-%m-%d-%H%M}.md"}])");
    FakeReports reports;
    simulate(box, c, reports, "2025-03-01T07:00Z", "2025-03-01T07:00:30Z");
    const auto t0 = std::chrono::steady_clock::now();
    simulate(box, c, reports, "2026-03-01T07:00:30Z", "2026-03-01T07:00:45Z");
    const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    WARN("a year of every-minute slots counted in " << seconds << " s");
    const auto lines = log_lines(box);
    REQUIRE(lines.size() == 1);
    CHECK(lines[0] ==
          "{\"job\":\"m\",\"slot\":\"2025-03-01T07:01:00Z\",\"slot_local\":\"2025-03-01T15:01:00+08:00\",\"attempt\":0,"
          "\"start\":null,\"end\":null,\"status\":\"missed\",\"output\":null,\"error\":\"the scheduler was not running "
          "(catch_up: none)\",\"through\":\"2026-03-01T07:00:00Z\",\"count\":525600,\"node\":\"test-node\","
          "\"delivered\":\"none\",\"delivery_attempts\":0,\"next_delivery\":null,\"delivery_error\":null}");
    CHECK(reports.calls.empty());
}

TEST_CASE("catch_up all runs at most catch_up_max missed slots, the latest, and logs the rest as missed",
          "[schedule]") {
    Sandbox box("capped");
    const Config c = config(box, R"([{"id": "all", "cron": "0 8 * * *", "catch_up": "all", "catch_up_max": 3},
                                     {"id": "default", "cron": "0 8 * * *", "catch_up": "all"}])");
    FakeReports reports;
    simulate(box, c, reports, "2026-03-01T07:00+08:00", "2026-03-01T09:00+08:00");
    simulate(box, c, reports, "2026-03-31T07:00+08:00", "2026-03-31T07:00:01+08:00");
    std::set<std::string> expected = days(1, 1);
    for (const auto& d : days(28, 30)) expected.insert(d);
    CHECK(files(box, "all") == expected);
    expected = days(1, 1);
    for (const auto& d : days(26, 30)) expected.insert(d);
    CHECK(files(box, "default") == expected);  // catch_up_max 5
    const auto lines = log_lines(box);
    CHECK(count_with(lines, "{\"job\":\"all\",\"slot\":\"2026-03-02T00:00:00Z\"",
                     "\"status\":\"missed\",\"output\":null,\"error\":\"the scheduler was not running (catch_up: all, at "
                     "most 3 run)\",\"through\":\"2026-03-27T00:00:00Z\",\"count\":26,") == 1);
    CHECK(count_with(lines, "{\"job\":\"default\",\"slot\":\"2026-03-02T00:00:00Z\"",
                     "\"through\":\"2026-03-25T00:00:00Z\",\"count\":24,") == 1);
}

TEST_CASE("state.json and runs.jsonl of an older version are imported once, a torn last line skipped", "[schedule]") {
    Sandbox box("import");
    const Config c = config(box, R"([{"id": "a", "cron": "0 8 * * *", "catch_up": "none"}])");
    fs::create_directories(box.path("state"));
    std::ofstream(box.path("state/state.json"))
        << R"({"version": 1, "jobs": {"a": {"done_through": "2026-03-02T00:00:00Z", "last_completed": "2026-03-02T00:00:00Z", "last_status": "ok", "last_output": "out/a/2026-03-02.md"}}})";
    const std::string first =
        R"({"job":"a","slot":"2026-03-01T00:00:00Z","slot_local":"2026-03-01T08:00:00+08:00","attempt":1,"start":"2026-03-01T00:00:00Z","end":"2026-03-01T00:00:01Z","status":"ok","output":"out/a/2026-03-01.md","error":null})";
    const std::string second =
        R"({"job":"a","slot":"2026-03-02T00:00:00Z","slot_local":"2026-03-02T08:00:00+08:00","attempt":1,"start":"2026-03-02T00:00:00Z","end":"2026-03-02T00:00:01Z","status":"ok","output":"out/a/2026-03-02.md","error":null})";
    const std::string torn = R"({"job":"a","slot":"2026-03-0)";
    std::ofstream(box.path("state/runs.jsonl")) << first << '\n' << "not a record\n" << second << '\n' << torn;
    FakeReports reports;
    const Diagnostics diags = simulate_with_diagnostics(box, c, reports, "2026-03-03T07:00+08:00", "2026-03-04T09:00+08:00");
    REQUIRE(diags.size() == 2);
    CHECK(format_text(diags.items()[0]) ==
          box.path("state/runs.jsonl") + ":2:1: warning: not a run record: line not imported (run-log-invalid)");
    CHECK(format_text(diags.items()[1]) ==
          box.path("state/runs.jsonl") +
              ":4:1: warning: the last line of the run log (28 bytes) was cut short, probably by a crash: not imported "
              "(run-log-torn)");
    // The state went on from the imported one: 3 and 4 March, nothing missed, nothing again.
    CHECK(files(box, "a") == days(3, 4));
    auto lines = log_lines(box);
    REQUIRE(lines.size() == 4);
    CHECK(lines[0] == first.substr(0, first.size() - 1) +
                          ",\"node\":null,\"delivered\":\"none\",\"delivery_attempts\":0,\"next_delivery\":null,"
                          "\"delivery_error\":null}");
    CHECK(lines[1].rfind(second.substr(0, second.size() - 1), 0) == 0);
    CHECK(count_with(lines, "\"slot\":\"2026-03-04T00:00:00Z\"", "\"status\":\"ok\",") == 1);
    // Imported once: the files are left alone, and a later start does not import them again.
    CHECK(fs::exists(box.path("state/state.json")));
    CHECK(fs::exists(box.path("state/runs.jsonl")));
    simulate(box, c, reports, "2026-03-04T10:00+08:00", "2026-03-04T10:00:01+08:00");
    CHECK(log_lines(box).size() == 4);
}

TEST_CASE("a state database of a newer schema version is refused", "[schedule]") {
    Sandbox box("newer");
    { open_store(box); }
    {
        // As a newer timeline would leave it.
        Poco::Data::SQLite::Connector::registerConnector();
        Poco::Data::Session s("SQLite", box.path("state/state.db"));
        s << "UPDATE schema_version SET version = 7", Poco::Data::Keywords::now;
    }
    Diagnostics diags;
    CHECK_FALSE(Store::open(state_dir(box), "n", diags));
    REQUIRE(diags.size() == 1);
    CHECK(format_text(diags.items()[0]) ==
          box.path("state/state.db") +
              ": error: the state database has schema version 7, newer than this timeline knows (1): it was written by "
              "a newer timeline; run that one, or upgrade this one (state-version)");
}

TEST_CASE("a delivery that fails twice is retried with backoff and sent at the third attempt", "[schedule]") {
    Sandbox box("delivery");
    const Config c = config(box, R"([{"id": "a", "cron": "0 8 * * *",
        "email": {"to": ["staff@example.org"], "from": "briefs@example.org", "server": "smtp://127.0.0.1:2525"}},
        {"id": "b", "cron": "0 8 * * *"}])");
    FakeReports reports;
    std::vector<std::pair<std::string, int>> calls;  // output, attempt
    std::vector<std::string> seen;
    const auto store = open_store(box);
    SimulatedClock clock(at("2026-03-01T07:59+08:00"));
    SchedulerOptions options;
    options.until = at("2026-03-01T09:00+08:00");
    Scheduler scheduler(all(c), *store, clock, reports.runner(), options);
    scheduler.deliverer = [&](const DeliveryRequest& r) -> DeliveryOutcome {
        calls.emplace_back(r.output, r.attempt);
        CHECK(r.email->to == std::vector<std::string>{"staff@example.org"});
        CHECK(fs::exists(r.output));  // the brief is there, written once
        if (r.attempt < 3) return {DeliveryOutcome::Kind::transient, "451 try again later"};
        return {};
    };
    scheduler.on_delivery = [&](const RunRecord& r, const DeliveryOutcome&) {
        seen.push_back(std::string(delivered_name(r.delivered)) + " " + std::to_string(r.delivery_attempts));
    };
    Diagnostics diags;
    scheduler.run(diags);
    CHECK(diags.empty());
    REQUIRE(calls.size() == 3);
    CHECK(calls[0].first == box.path("out/a/2026-03-01.md"));
    CHECK(seen == std::vector<std::string>{"pending 1", "pending 2", "sent 3"});
    CHECK(reports.calls.size() == 2);  // a and b once each: a delivery never writes the brief again
    const auto lines = log_lines(box);
    CHECK(count_with(lines, "\"job\":\"a\"", "\"status\":\"ok\"") == 1);
    CHECK(count_with(lines, "\"job\":\"a\"", "\"delivered\":\"sent\",\"delivery_attempts\":3,\"next_delivery\":null") == 1);
    CHECK(count_with(lines, "\"job\":\"b\"", "\"delivered\":\"none\"") == 1);
}

TEST_CASE("a permanent delivery failure is not retried, and the brief stays", "[schedule]") {
    Sandbox box("delivery-permanent");
    const Config c = config(box, R"([{"id": "a", "cron": "0 8 * * *",
        "email": {"to": ["staff@example.org"], "from": "briefs@example.org", "server": "smtp://127.0.0.1:2525"}}])");
    FakeReports reports;
    int calls = 0;
    const auto store = open_store(box);
    SimulatedClock clock(at("2026-03-01T07:59+08:00"));
    SchedulerOptions options;
    options.until = at("2026-03-03T09:00+08:00");
    Scheduler scheduler(all(c), *store, clock, reports.runner(), options);
    scheduler.deliverer = [&](const DeliveryRequest&) -> DeliveryOutcome {
        ++calls;
        return {DeliveryOutcome::Kind::permanent, "550 no such user"};
    };
    Diagnostics diags;
    scheduler.run(diags);
    CHECK(calls == 3);  // one per slot
    CHECK(files(box, "a") == days(1, 3));
    CHECK(count_with(log_lines(box), "\"delivered\":\"failed\",\"delivery_attempts\":1,", "550 no such user") == 3);
}

TEST_CASE("the delivery backoff doubles up to its limit", "[schedule]") {
    DeliveryPolicy p;
    CHECK(p.delay_after(1) == std::chrono::seconds{60});
    CHECK(p.delay_after(2) == std::chrono::seconds{120});
    CHECK(p.delay_after(6) == std::chrono::seconds{1920});
    CHECK(p.delay_after(7) == std::chrono::seconds{3600});
}

TEST_CASE("a slot another node holds is left to it until its claim expires, then taken over once", "[schedule]") {
    // Two schedulers on one SQLite file stand in for two nodes of a cluster here only through
    // the claim rows: the node of a claim that is not this one's is stale on an unshared state.
    Sandbox box("takeover");
    const Config c = config(box, R"([{"id": "a", "cron": "0 8 * * *"}])");
    {
        const auto store = open_store(box);
        store->with_job("a", [](JobTransaction& tx) {
            tx.row.done_through = at("2026-03-01T00:00:00Z");
            SlotRow s;
            s.slot = at("2026-03-02T00:00:00Z");
            s.state = "running";
            s.node = "dead-node";
            s.lease_until_ms = tx.lease_now_ms() + 3600 * 1000;
            s.attempts = 1;
            tx.put_slot(s);
        });
    }
    FakeReports reports;
    simulate(box, c, reports, "2026-03-02T08:30+08:00", "2026-03-02T09:00+08:00");
    CHECK(files(box, "a") == days(2, 2));
    const auto lines = log_lines(box);
    REQUIRE(lines.size() == 2);
    CHECK(count_with(lines, "\"attempt\":1,", "\"status\":\"lost\"") == 1);
    CHECK(count_with(lines, "\"node\":\"dead-node\"") == 1);
    CHECK(count_with(lines, "\"attempt\":2,", "\"status\":\"ok\"") == 1);
}

TEST_CASE("a slot whose output leads outside the root through a symbolic link fails at once, without retries",
          "[schedule]") {
    Sandbox box("symlink-out");
    const Config c = config(box, R"([{"id": "a", "cron": "0 8 * * *", "retries": 3}])");
    const fs::path elsewhere = box.dir.parent_path() / "timeline-schedule-elsewhere";
    fs::remove_all(elsewhere);
    fs::create_directories(elsewhere);
    fs::create_directory_symlink(elsewhere, box.path("out"));
    FakeReports reports;
    const Diagnostics diags = simulate_with_diagnostics(box, c, reports, "2026-03-01T07:00+08:00", "2026-03-01T09:00+08:00");
    CHECK(diags.empty());
    CHECK(reports.calls.empty());
    CHECK(fs::is_empty(elsewhere));
    const auto lines = log_lines(box);
    REQUIRE(lines.size() == 1);
    CHECK(count_with(lines, "\"attempt\":1,", "\"status\":\"failed\"") == 1);
    CHECK(count_with(lines, "once symbolic links are followed, outside the output root " + fs::canonical(box.dir).string()) == 1);
}
