// The state files of the scheduler before its state moved into a database (state.json: per
// job the last slot dealt with; runs.jsonl: the run log), read once so that Store::open can
// import them. The files are left where they are.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "schedule/store.h"

namespace timeline::schedule {

struct ImportedState {
    std::map<std::string, JobRow> jobs;
    std::map<std::string, Instant> in_progress;  // slots that started and did not finish
    std::vector<RunRecord> runs;
    std::string summary;  // what was imported, recorded in the database's meta table
};

// Reads DIR/state.json and DIR/runs.jsonl (both optional). A state.json that is not one is
// an error (state-invalid); a run-log line that is cut short or not a record is skipped
// with a warning (run-log-torn, run-log-invalid) naming its line.
std::optional<ImportedState> read_json_state(const std::string& dir, Diagnostics& diags);

}  // namespace timeline::schedule
