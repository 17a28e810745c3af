// The scheduler's state and run history in a database (docs/scheduling.md, "State"), through
// Poco::Data: SQLite in the state directory by default (DIR/state.db), PostgreSQL when the
// state names a postgresql:// URL, so that several schedulers share it. One class for both;
// what differs between the two SQL dialects stands in one place (store.cpp, `Dialect`).
//
// Tables (schema version kSchemaVersion, created and migrated by open()):
//   schema_version  the version of the tables
//   meta            key/value: when state.json and runs.jsonl were imported
//   jobs            per job: done_through, skip_through, last_completed/status/output
//   slots           one row per slot being worked on: the claim (node, lease, attempts)
//   runs            the run history: one row per attempt and per range of missed slots,
//                   with the delivery of the brief
//   deliveries      one row per delivery attempt
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "schedule/delivery.h"
#include "schedule/slots.h"

namespace timeline::schedule {

inline constexpr int kSchemaVersion = 1;
inline constexpr const char* kDefaultStateDir = ".timeline/schedule";

// Where the state lives: a directory (SQLite file inside) or a PostgreSQL URL.
struct StateLocation {
    enum class Kind { sqlite, postgresql };
    Kind kind = Kind::sqlite;
    std::string dir;  // sqlite: the state directory
    std::string url;  // postgresql: postgresql://USER@HOST:PORT/DB
    // For messages: the directory, or the URL.
    const std::string& text() const { return kind == Kind::sqlite ? dir : url; }
    std::string database_file() const { return dir + "/state.db"; }
};

// Reads `--state` or the schedules file's "state". A URL must not carry a password (libpq
// finds it in PGPASSWORD or ~/.pgpass). Returns nullopt and sets `error` otherwise.
std::optional<StateLocation> parse_state_location(const std::string& text, std::string& error);

// One record of the run history.
struct RunRecord {
    std::int64_t id = 0;  // in the history (0 before it is stored)
    std::string job;
    Instant slot{};
    std::string slot_local;  // wall clock with offset
    int attempt = 0;         // 1-based; 0 when the slot did not run
    std::optional<Instant> start;
    std::optional<Instant> end;
    std::string status;  // ok, retry, failed, missed, abandoned, lost
    std::string output;
    std::string error;
    // Missed slots are one record per range: `slot` is the first, `through` the last, `count`
    // how many (1 for a single slot). Unset for the other statuses.
    std::optional<Instant> through;
    std::uint64_t count = 0;
    std::string node;  // the scheduler that ran it
    Delivered delivered = Delivered::none;
    int delivery_attempts = 0;
    std::optional<Instant> next_delivery;
    std::string delivery_error;
};

// The record as one line of JSON (history --format json).
std::string to_json_line(const RunRecord& r);

struct JobRow {
    // Slots at or before this instant have been dealt with (run, failed after its retries,
    // or missed by the catch-up policy); later slots are pending. Unset for a job the state
    // has not seen yet.
    std::optional<Instant> done_through;
    // Missed slots to pass over once the slot being worked on is dealt with (catch-up).
    std::optional<Instant> skip_through;
    std::optional<Instant> last_completed;  // the last slot whose report was written
    std::string last_status;                // of the last slot dealt with
    std::string last_output;
};

// A slot being worked on: its claim.
struct SlotRow {
    Instant slot{};
    std::string state;  // running (a report runs), retry (waiting for the next attempt), released
    std::string node;   // the claim's holder ("" once released)
    std::int64_t lease_until_ms = 0;  // on the lease clock (Store::lease_now_ms)
    int attempts = 0;                 // attempts started so far, by any node
    std::optional<Instant> retry_at;
};

struct HistoryFilter {
    std::string job;
    std::string status;
    std::optional<Instant> since;  // slots at or after this instant
};

// A due delivery claimed by this node.
struct DeliveryClaim {
    RunRecord run;
};

class Store;
struct ImportedState;

// The statements of one job's transaction: the job's row is locked (FOR UPDATE on
// PostgreSQL; the database on SQLite) until the transaction ends, so that the nodes of a
// cluster decide about a job one at a time.
class JobTransaction {
public:
    JobRow row;       // read at the start; written back at commit
    bool fresh = false;  // the job had no state

    std::optional<SlotRow> slot(Instant slot);
    std::vector<SlotRow> slots();  // every slot of the job being worked on
    void put_slot(const SlotRow& s);  // insert or replace the slot's row
    void remove_slot(Instant slot);
    std::int64_t append_run(RunRecord& r);  // sets r.id and r.node
    std::int64_t lease_now_ms();

private:
    friend class Store;
struct ImportedState;
    JobTransaction(Store& store, std::string job) : store_(store), job_(std::move(job)) {}
    Store& store_;
    std::string job_;
};

class Store {
public:
    // Opens (creating and migrating the tables) the state at `where`, as node `node`. For a
    // directory: creates it, and imports state.json and runs.jsonl found there once. Adds
    // diagnostics and returns null when it cannot: a database of a newer schema version is
    // an error (state-version) as is one that cannot be reached (state-open).
    static std::unique_ptr<Store> open(const StateLocation& where, const std::string& node, Diagnostics& diags);
    // Opens an existing state for reading only (history, status): no import, no migration;
    // a missing SQLite state is an empty one.
    static std::unique_ptr<Store> open_existing(const StateLocation& where, Diagnostics& diags);
    // A second connection to the same database (for another thread), as the same node.
    std::unique_ptr<Store> connect_again(Diagnostics& diags) const;
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    const StateLocation& location() const { return where_; }
    // Several schedulers may share the state (PostgreSQL): claims are leases between nodes.
    bool shared() const { return where_.kind == StateLocation::Kind::postgresql; }
    const std::string& node() const { return node_; }
    // For diagnostics: the database file, or the URL.
    std::string describe() const;

    // Runs `work` in one transaction on job `id`'s row (created if missing), commits, and
    // returns its result. Throws std::runtime_error (the database's message) on failure,
    // after rolling back.
    template <typename F>
    auto with_job(const std::string& id, F&& work) {
        JobTransaction tx(*this, id);
        begin_job(tx);
        try {
            if constexpr (std::is_void_v<decltype(work(tx))>) {
                work(tx);
                commit_job(tx);
            } else {
                auto result = work(tx);
                commit_job(tx);
                return result;
            }
        } catch (...) {
            rollback();
            throw;
        }
    }

    std::optional<JobRow> job(const std::string& id);
    std::vector<std::pair<std::string, JobRow>> jobs();
    std::vector<std::pair<std::string, SlotRow>> claims();  // every slot row, by job
    std::int64_t lease_now_ms();

    // Extends the lease of every slot this node holds to now + `lease`; returns how many.
    std::size_t renew_leases(std::chrono::milliseconds lease);
    // Records that attempt `attempt` of a slot this node holds starts (so that a node taking
    // it over counts on from there).
    void start_attempt(const std::string& job, Instant slot, int attempt);
    // Gives up this node's claims (a shutdown: another node, or the next start, runs them).
    void release_claims();

    std::vector<RunRecord> history(const HistoryFilter& filter);
    void append_run(RunRecord& r);  // outside a job transaction (once --slot)

    // Deliveries: the oldest pending one due at `now` whose delivery lease is free is
    // claimed for `lease`; its outcome is then recorded (one row in deliveries, and the run's
    // delivered, attempts, next time, error).
    std::optional<RunRecord> claim_delivery(Instant now, std::chrono::milliseconds lease);
    void record_delivery(const RunRecord& run, Instant at, const DeliveryOutcome& outcome, Delivered delivered,
                         std::optional<Instant> next);
    std::optional<Instant> next_delivery_time();

    struct Impl;

private:
    Store(StateLocation where, std::string node);
    friend class JobTransaction;
    void begin_job(JobTransaction& tx);
    void commit_job(JobTransaction& tx);
    void rollback();
    void import(const ImportedState& old);

    StateLocation where_;
    std::string node_;
    std::unique_ptr<Impl> impl_;
};

// This process's name in a cluster: hostname:pid:random.
std::string make_node_id();

}  // namespace timeline::schedule
