// schedules.json: the jobs of the scheduler (schemas/schedules.schema.json, docs/scheduling.md).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <date/tz.h>

#include "base/diagnostic.h"
#include "base/mail_settings.h"
#include "schedule/cron.h"
#include "schedule/slots.h"

namespace timeline::schedule {

enum class CatchUp {
    none,    // slots missed while the scheduler was down are logged as missed, not run
    latest,  // only the most recent missed slot runs; the others are logged as missed
    all      // every missed slot runs, oldest first
};

const char* catch_up_name(CatchUp c);

// Where a job's brief is sent after it is written ("email" of a job): base/mail_settings.h.
using EmailConfig = MailSettings;

inline constexpr const char* kDefaultZone = "Asia/Shanghai";

struct Job {
    std::string id;
    Cron cron;
    std::string zone_name = kDefaultZone;
    const date::time_zone* zone = nullptr;
    std::string project;  // folder of the schedules file ("" = working directory); paths below are resolved in it
    std::string template_name = "brief";  // a name (looked up from `project`) or a file
    std::string format = "pdf";  // pdf, md, txt, json
    std::string lang;            // bi, zh, en; "" = the template's
    std::string output;          // pattern, see expand_output()
    std::vector<std::string> data_dirs{"data"};
    int retries = 2;                          // further attempts after a failure
    std::chrono::seconds retry_delay{60};     // before the first retry; doubles each time
    std::chrono::seconds retry_delay_max{3600};
    std::chrono::seconds timeout{1800};       // a report running longer is stopped and failed
    CatchUp catch_up = CatchUp::latest;
    int catch_up_max = 5;  // catch_up all: at most this many missed slots run (the latest ones)
    bool enabled = true;
    // Outputs are relative to this directory and must stay inside it (Config::output_root),
    // unless the job allows otherwise.
    std::string output_root;
    bool output_outside_root_allowed = false;
    std::optional<EmailConfig> email;  // deliver the brief after each successful slot

    std::optional<Slot> next_slot(Instant after) const { return schedule::next_slot(cron, *zone, after); }
    // The output file of a slot: the expanded pattern, under output_root.
    std::string output_for(Instant slot) const;
    // Whether `output` (as output_for gives it) lies inside the output root once symbolic
    // links are followed (checked before each slot runs: a link may have appeared since the
    // configuration was read). Sets `why` when it does not.
    bool output_confined(const std::string& output, std::string& why) const;
    // The report date of a slot (its local date, YYYY-MM-DD).
    std::string as_of(Instant slot) const;
    // The delay before retry number `n` (1-based): retry_delay * 2^(n-1), at most retry_delay_max.
    std::chrono::seconds backoff(int n) const;
};

inline constexpr const char* kDefaultOutput = "out/{job}/{slot:%Y-%m-%d}.{format}";

struct Config {
    std::string file;
    // Where outputs are written: "output_root" of the file (relative to the file's
    // directory), else the file's directory ("" when that is the working directory).
    std::string output_root;
    // "state" of the file: a directory (joined to the file's directory) or a postgresql://
    // URL; "" when the file names none.
    std::string state;
    std::vector<Job> jobs;
    const Job* job(const std::string& id) const;
};

// Expands an output pattern: {job}, {template}, {format}, {lang} and {slot:FORMAT} (FORMAT
// as for strftime / date::format, in the job's zone; {slot} alone is {slot:%Y-%m-%dT%H%M}).
// Returns nullopt and sets `error` (with the byte offset in `error_offset`) when the
// pattern is malformed.
std::optional<std::string> expand_output(const std::string& pattern, const Job& job, Instant slot, std::string& error,
                                         std::size_t& error_offset);

// Reads and checks a schedules file: JSON syntax, the schema, then what the schema cannot
// say (cron syntax, time zones, unique ids, output patterns that give every slot its own
// file). Relative paths in it (data, output, a template file) are relative to its folder and
// come back joined to it; outputs stay inside the output root: no absolute path, no ".."
// unless "allow_output_outside_root". Returns nullopt after adding diagnostics with
// file:line:column and pointer.
std::optional<Config> load_config(const std::string& file, Diagnostics& diags);

}  // namespace timeline::schedule
