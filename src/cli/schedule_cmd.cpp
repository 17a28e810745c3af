// The options of timeline schedule run|next|once|history|status (PRODUCT §4,
// docs/scheduling.md); what they do is run_schedule_command (schedule_args.h).
#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "cli/schedule_args.h"

namespace timeline::cli {
namespace {

ScheduleArgs& args() {
    static ScheduleArgs a;
    return a;
}

}  // namespace

std::function<int()> add_schedule_commands(CLI::App& app, char** argv) {
    ScheduleArgs& a = args();
    CLI::App* schedule = app.add_subcommand("schedule", "write briefs on a schedule (schedules.json)");
    schedule->require_subcommand(1);
    auto common = [&a](CLI::App* cmd) {
        cmd->add_option("--config", a.config, "schedules file (default schedules.json)")->type_name("FILE");
    };
    auto state_option = [&a](CLI::App* cmd) {
        cmd->add_option("--state", a.state,
                        "state: a directory (SQLite state.db inside, default .timeline/schedule or the schedules file's "
                        "\"state\") or postgresql://USER@HOST:PORT/DB shared by several schedulers")
            ->type_name("DIR|URL");
    };
    auto with_state = [&a, state_option](CLI::App* cmd) {
        state_option(cmd);
        cmd->add_option("--grace", a.grace, "seconds a stop signal waits for running reports (default 60)")
            ->type_name("SECONDS");
        cmd->add_option("--lease", a.lease,
                        "seconds a claim on a slot holds without renewal on a shared state; a node that stops "
                        "renewing loses its slot to another (default 60)")
            ->type_name("SECONDS");
    };
    auto with_clock = [&a](CLI::App* cmd) {
        cmd->add_option("--clock", a.clock, "start a simulated clock at TIME instead of the system clock (testing)")
            ->type_name("TIME");
    };
    auto format_option = [&a](CLI::App* cmd) {
        cmd->add_option("--format", a.format, "text (a table) or json (one object per line)")->type_name("text|json");
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

    a.history = schedule->add_subcommand("history", "print the run history: every attempt, missed slots, deliveries");
    common(a.history);
    state_option(a.history);
    a.history->add_option("--job", a.job, "only this job")->type_name("ID");
    a.history->add_option("--status", a.status, "only runs with this status (ok, retry, failed, missed, abandoned, lost)")
        ->type_name("STATUS");
    a.history->add_option("--since", a.since, "only slots from TIME on")->type_name("TIME");
    format_option(a.history);

    a.status_cmd = schedule->add_subcommand("status", "print each job's next slot, last result and which node holds it");
    common(a.status_cmd);
    state_option(a.status_cmd);
    with_clock(a.status_cmd);
    a.status_cmd->add_option("--job", a.job, "only this job")->type_name("ID");
    format_option(a.status_cmd);

    return [&a, argv]() -> int {
        const bool any = a.run->parsed() || a.next->parsed() || a.once->parsed() || a.history->parsed() ||
                         a.status_cmd->parsed();
        return any ? run_schedule_command(a, argv) : -1;
    };
}

}  // namespace timeline::cli
