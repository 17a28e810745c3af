// What the scheduler keeps in its state directory (docs/scheduling.md, "State"):
//   state.json  per job, the last slot dealt with; replaced atomically after every slot
//   runs.jsonl  the run log, one JSON object per line, appended
//   lock        held (flock) by the one scheduler that uses the directory
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "base/diagnostic.h"
#include "schedule/slots.h"

namespace timeline::schedule {

struct JobState {
    // Slots at or before this instant have been dealt with (run, failed after its retries,
    // or missed by the catch-up policy); later slots are pending. Set to the start time when
    // the scheduler first sees a job, so that slots before a job existed are not "missed".
    std::optional<Instant> done_through;
    std::optional<Instant> in_progress;     // a slot started and not yet dealt with: runs again
    std::optional<Instant> last_completed;  // the last slot whose report was written
    std::string last_status;                // of the last slot dealt with
    std::string last_output;
};

class State {
public:
    explicit State(std::string dir);

    // Reads state.json; a missing file is an empty state. Adds a diagnostic and returns
    // false if it cannot be read or is not a state file.
    bool load(Diagnostics& diags);
    // Writes state.json atomically (temporary file, fsync, rename).
    bool save(Diagnostics& diags) const;

    JobState& job(const std::string& id) { return jobs_[id]; }
    const JobState* find(const std::string& id) const;
    const std::string& dir() const { return dir_; }
    std::string file() const { return dir_ + "/state.json"; }

private:
    std::string dir_;
    std::map<std::string, JobState> jobs_;
};

// An exclusive lock on a state directory (flock on DIR/lock, released by the kernel when
// the process ends, even by kill -9). The holder's pid is written into the file.
class DirLock {
public:
    enum class Result { acquired, busy, error };
    // `message` tells who holds it (busy) or what failed (error).
    static Result acquire(const std::string& dir, DirLock& lock, std::string& message);
    DirLock() = default;
    DirLock(const DirLock&) = delete;
    DirLock& operator=(const DirLock&) = delete;
    DirLock(DirLock&& o) noexcept : fd_(o.fd_) { o.fd_ = -1; }
    DirLock& operator=(DirLock&& o) noexcept;
    ~DirLock();
    bool held() const { return fd_ >= 0; }

private:
    int fd_ = -1;
};

// One line of the run log.
struct RunRecord {
    std::string job;
    Instant slot{};
    std::string slot_local;  // wall clock with offset
    int attempt = 0;         // 1-based; 0 when the slot did not run
    std::optional<Instant> start;
    std::optional<Instant> end;
    std::string status;  // ok, retry, failed, missed, abandoned
    std::string output;
    std::string error;
    // Missed slots are one record per range: `slot` is the first, `through` the last, `count`
    // how many (1 for a single slot). Unset for the other statuses.
    std::optional<Instant> through;
    std::uint64_t count = 0;
};

std::string to_json_line(const RunRecord& r);

// Appends records to DIR/runs.jsonl (O_APPEND, one write per line). A log that does not end
// with a line break (a write cut short by a crash or a full disk) is first ended with one,
// so the new record is a line of its own ("run-log-torn" warning, with the torn line's
// length); a write of our own that is cut short is truncated away.
class RunLog {
public:
    explicit RunLog(std::string path) : path_(std::move(path)) {}
    bool append(const RunRecord& r, Diagnostics& diags) const;
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

}  // namespace timeline::schedule
