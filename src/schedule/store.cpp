#include "schedule/store.h"

#include <unistd.h>

#include <cctype>
#include <filesystem>
#include <mutex>
#include <random>
#include <stdexcept>
#include <variant>

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/RecordSet.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>
#include <Poco/Exception.h>

#include "base/json_text.h"
#include "schedule/store_import.h"

namespace timeline::schedule {

namespace fs = std::filesystem;
using Poco::Int64;
using Poco::Data::RecordSet;
using Poco::Data::Session;
using Poco::Data::Statement;

namespace {

// Everything that differs between SQLite and PostgreSQL.
struct Dialect {
    StateLocation::Kind kind;

    bool pg() const { return kind == StateLocation::Kind::postgresql; }
    const char* connector() const { return pg() ? "PostgreSQL" : "SQLite"; }
    // Statements are written with "?" placeholders; PostgreSQL numbers them ($1, $2, …).
    std::string sql(const std::string& text) const {
        if (!pg()) return text;
        std::string out;
        int n = 0;
        for (const char c : text) {
            if (c == '?') out += "$" + std::to_string(++n);
            else out += c;
        }
        return out;
    }
    const char* serial_key() const { return pg() ? "BIGSERIAL PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT"; }
    // A transaction that decides about a job: SQLite takes the database's write lock at
    // once (so two connections never both read, then both write); PostgreSQL locks the
    // job's row (FOR UPDATE) when it is read.
    const char* begin() const { return pg() ? "BEGIN" : "BEGIN IMMEDIATE"; }
    const char* for_update() const { return pg() ? " FOR UPDATE" : ""; }
    // Creating the tables: two PostgreSQL nodes starting together must not both create them.
    const char* schema_lock() const {
        return pg() ? "DO $$ BEGIN PERFORM pg_advisory_xact_lock(7316273046512318); END $$" : nullptr;
    }
    const char* upsert_slot() const {
        return "INSERT INTO slots (job, slot, state, node, lease_until, attempts, retry_at) VALUES (?, ?, ?, ?, ?, ?, "
               "NULLIF(CAST(? AS BIGINT), 0)) ON CONFLICT (job, slot) DO UPDATE SET state = excluded.state, node = "
               "excluded.node, lease_until = excluded.lease_until, attempts = excluded.attempts, retry_at = "
               "excluded.retry_at";
    }
};

using Param = std::variant<Int64, std::string>;

Int64 seconds(Instant t) { return t.time_since_epoch().count(); }
Int64 seconds(const std::optional<Instant>& t) { return t ? seconds(*t) : 0; }
std::optional<Instant> instant(Int64 s) {
    if (s == 0) return std::nullopt;
    return Instant{std::chrono::seconds{s}};
}

std::string text_of(const Poco::Dynamic::Var& v) { return v.isEmpty() ? std::string() : v.convert<std::string>(); }
Int64 int_of(const Poco::Dynamic::Var& v) { return v.isEmpty() ? 0 : v.convert<Int64>(); }

void register_connectors() {
    static std::once_flag once;
    std::call_once(once, [] {
        Poco::Data::SQLite::Connector::registerConnector();
        Poco::Data::PostgreSQL::Connector::registerConnector();
    });
}

const char* const kRunColumns =
    "id, job, slot, slot_local, attempt, COALESCE(started, 0), COALESCE(ended, 0), status, output, error, "
    "COALESCE(through, 0), count, node, delivered, delivery_attempts, COALESCE(next_delivery, 0), delivery_error";

// The columns of a slot's claim, in the order slot_from() reads them.
const char* const kSlotColumns = "slot, state, node, lease_until, attempts, COALESCE(retry_at, 0)";

SlotRow slot_from(const RecordSet& rs, std::size_t row, std::size_t first = 0) {
    SlotRow s;
    s.slot = *instant(int_of(rs.value(first, row)));
    s.state = text_of(rs.value(first + 1, row));
    s.node = text_of(rs.value(first + 2, row));
    s.lease_until_ms = int_of(rs.value(first + 3, row));
    s.attempts = static_cast<int>(int_of(rs.value(first + 4, row)));
    s.retry_at = instant(int_of(rs.value(first + 5, row)));
    return s;
}

RunRecord run_from(const RecordSet& rs, std::size_t row) {
    RunRecord r;
    r.id = int_of(rs.value(0, row));
    r.job = text_of(rs.value(1, row));
    r.slot = *instant(int_of(rs.value(2, row)));
    r.slot_local = text_of(rs.value(3, row));
    r.attempt = static_cast<int>(int_of(rs.value(4, row)));
    r.start = instant(int_of(rs.value(5, row)));
    r.end = instant(int_of(rs.value(6, row)));
    r.status = text_of(rs.value(7, row));
    r.output = text_of(rs.value(8, row));
    r.error = text_of(rs.value(9, row));
    r.through = instant(int_of(rs.value(10, row)));
    r.count = static_cast<std::uint64_t>(int_of(rs.value(11, row)));
    r.node = text_of(rs.value(12, row));
    r.delivered = delivered_from(text_of(rs.value(13, row)));
    r.delivery_attempts = static_cast<int>(int_of(rs.value(14, row)));
    r.next_delivery = instant(int_of(rs.value(15, row)));
    r.delivery_error = text_of(rs.value(16, row));
    return r;
}

// The tables of each schema version: migrations[k] takes version k to k + 1.
std::vector<std::vector<std::string>> migrations(const Dialect& d) {
    return {{
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        "CREATE TABLE jobs (job TEXT PRIMARY KEY, done_through BIGINT, skip_through BIGINT, last_completed BIGINT, "
        "last_status TEXT NOT NULL DEFAULT '', last_output TEXT NOT NULL DEFAULT '')",
        "CREATE TABLE slots (job TEXT NOT NULL, slot BIGINT NOT NULL, state TEXT NOT NULL, node TEXT NOT NULL DEFAULT "
        "'', lease_until BIGINT NOT NULL DEFAULT 0, attempts INTEGER NOT NULL DEFAULT 0, retry_at BIGINT, PRIMARY KEY "
        "(job, slot))",
        std::string("CREATE TABLE runs (id ") + d.serial_key() +
            ", job TEXT NOT NULL, slot BIGINT NOT NULL, slot_local TEXT NOT NULL, attempt INTEGER NOT NULL, started "
            "BIGINT, ended BIGINT, status TEXT NOT NULL, output TEXT NOT NULL DEFAULT '', error TEXT NOT NULL DEFAULT "
            "'', through BIGINT, count BIGINT NOT NULL DEFAULT 0, node TEXT NOT NULL DEFAULT '', delivered TEXT NOT "
            "NULL DEFAULT 'none', delivery_attempts INTEGER NOT NULL DEFAULT 0, next_delivery BIGINT, delivery_error "
            "TEXT NOT NULL DEFAULT '', delivery_node TEXT NOT NULL DEFAULT '', delivery_lease BIGINT NOT NULL DEFAULT "
            "0)",
        "CREATE INDEX runs_by_slot ON runs (job, slot)",
        "CREATE INDEX runs_by_delivery ON runs (delivered, next_delivery)",
        "CREATE TABLE deliveries (run_id BIGINT NOT NULL, attempt INTEGER NOT NULL, at BIGINT NOT NULL, node TEXT NOT "
        "NULL, outcome TEXT NOT NULL, message TEXT NOT NULL DEFAULT '', PRIMARY KEY (run_id, attempt))",
    }};
}

}  // namespace

struct Store::Impl {
    Dialect dialect;
    std::unique_ptr<Session> session;

    StateLocation where;
    bool suspect = false;  // a statement failed: the connection may be gone (a server restart)

    // A PostgreSQL connection lost (the server restarted, the network failed) is not mended
    // by libpq: after a failure, the next statement first checks it and connects afresh.
    void ensure();
    // Ends a failed transaction on the connection it began on (a failed statement leaves
    // PostgreSQL's transaction aborted, which is no sign of a lost connection).
    void rollback() {
        if (!session) return;
        try {
            Statement stmt(*session);
            stmt << "ROLLBACK";
            stmt.execute();
            suspect = false;
        } catch (const Poco::Exception&) {
            suspect = dialect.pg();
        }
    }
    // Runs a statement; a failure marks the connection for a check before the next one.
    template <typename F>
    auto run(const std::string& text, const std::vector<Param>& params, F&& then) {
        ensure();
        try {
            Statement stmt(*session);
            stmt << dialect.sql(text);
            for (const Param& p : params)
                std::visit([&stmt](const auto& v) { stmt.addBind(Poco::Data::Keywords::bind(v)); }, p);
            return then(stmt);
        } catch (const Poco::Exception&) {
            suspect = dialect.pg();
            throw;
        }
    }
    std::size_t exec(const std::string& text, const std::vector<Param>& params = {}) {
        return run(text, params, [](Statement& stmt) { return stmt.execute(); });
    }
    RecordSet query(const std::string& text, const std::vector<Param>& params = {}) {
        return run(text, params, [](Statement& stmt) {
            stmt.execute();
            return RecordSet(stmt);
        });
    }
    Int64 lease_now_ms() {
        if (!dialect.pg())
            return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
                .count();
        // The server's clock: the nodes of a cluster measure leases on one clock.
        const RecordSet rs = query("SELECT CAST(FLOOR(EXTRACT(EPOCH FROM clock_timestamp()) * 1000) AS BIGINT)");
        return int_of(rs.value(0, 0));
    }
    // The version of the tables; 0 before they exist.
    int schema_version() {
        const RecordSet exists = query(dialect.pg() ? "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = "
                                                      "'schema_version' AND table_schema = current_schema()"
                                                    : "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND "
                                                      "name = 'schema_version'");
        if (int_of(exists.value(0, 0)) == 0) return 0;
        const RecordSet rs = query("SELECT COALESCE(MAX(version), 0) FROM schema_version");
        return static_cast<int>(int_of(rs.value(0, 0)));
    }
};

namespace {

// Runs `f`, turning the database's exceptions into std::runtime_error with its message.
template <typename F>
auto guarded(F&& f) {
    try {
        return f();
    } catch (const Poco::Exception& e) {
        throw std::runtime_error(e.displayText());
    }
}

}  // namespace

std::optional<StateLocation> parse_state_location(const std::string& text, std::string& error) {
    StateLocation loc;
    if (text.rfind("postgresql://", 0) == 0 || text.rfind("postgres://", 0) == 0) {
        loc.kind = StateLocation::Kind::postgresql;
        const std::size_t from = text.find("://") + 3;
        const std::size_t at = text.find('@', from);
        const std::size_t slash = text.find('/', from);
        const std::string user = at != std::string::npos && (slash == std::string::npos || at < slash)
                                     ? text.substr(from, at - from)
                                     : std::string();
        if (user.find(':') != std::string::npos) {
            error = "the state URL " + text.substr(0, from) + user.substr(0, user.find(':')) +
                    ":…@… carries a password: leave it out (postgresql://USER@HOST:PORT/DB) and give it in PGPASSWORD "
                    "or ~/.pgpass";
            return std::nullopt;
        }
        if (text.find("password=") != std::string::npos) {
            error = "the state URL carries a password (password=…): give it in PGPASSWORD or ~/.pgpass instead";
            return std::nullopt;
        }
        if (slash == std::string::npos || slash + 1 >= text.size() || text[slash + 1] == '?') {
            error = "the state URL " + text + " names no database: write postgresql://USER@HOST:PORT/DB";
            return std::nullopt;
        }
        loc.url = text;
        return loc;
    }
    if (text.find("://") != std::string::npos) {
        error = "the state \"" + text + "\" is neither a directory nor a postgresql://USER@HOST:PORT/DB URL";
        return std::nullopt;
    }
    if (text.empty()) {
        error = "the state is empty: name a directory or a postgresql:// URL";
        return std::nullopt;
    }
    loc.dir = text;
    return loc;
}

std::string make_node_id() {
    char host[256] = {};
    if (::gethostname(host, sizeof host - 1) != 0) std::snprintf(host, sizeof host, "unknown");
    std::random_device rd;
    char tail[16];
    std::snprintf(tail, sizeof tail, "%06x", static_cast<unsigned>(rd()) & 0xffffffu);
    return std::string(host) + ":" + std::to_string(::getpid()) + ":" + tail;
}

Store::Store(StateLocation where, std::string node)
    : where_(std::move(where)), node_(std::move(node)), impl_(std::make_unique<Impl>()) {
    impl_->dialect.kind = where_.kind;
    impl_->where = where_;
}

Store::~Store() = default;

std::string Store::describe() const { return shared() ? where_.url : where_.database_file(); }

namespace {

// Poco's PostgreSQL connector takes libpq's keyword form, not a URL:
// postgresql://USER@HOST:PORT/DB?sslmode=require -> user=USER host=HOST port=PORT dbname=DB sslmode=require.
// No password: libpq reads PGPASSWORD or ~/.pgpass.
std::string keyword_form(const std::string& url) {
    auto quote = [](const std::string& v) {
        std::string out = "'";
        for (const char c : v) {
            if (c == '\'' || c == '\\') out += '\\';
            out += c;
        }
        return out + "'";
    };
    auto decode = [](const std::string& v) {
        std::string out;
        for (std::size_t k = 0; k < v.size(); ++k) {
            if (v[k] == '%' && k + 2 < v.size() && std::isxdigit(static_cast<unsigned char>(v[k + 1])) &&
                std::isxdigit(static_cast<unsigned char>(v[k + 2]))) {
                out += static_cast<char>(std::stoi(v.substr(k + 1, 2), nullptr, 16));
                k += 2;
            } else {
                out += v[k];
            }
        }
        return out;
    };
    std::string rest = url.substr(url.find("://") + 3);
    std::string query;
    if (const auto q = rest.find('?'); q != std::string::npos) {
        query = rest.substr(q + 1);
        rest = rest.substr(0, q);
    }
    std::string db;
    if (const auto slash = rest.find('/'); slash != std::string::npos) {
        db = rest.substr(slash + 1);
        rest = rest.substr(0, slash);
    }
    std::string out;
    auto add = [&](const std::string& key, const std::string& value) {
        if (value.empty()) return;
        out += (out.empty() ? "" : " ") + key + "=" + quote(decode(value));
    };
    if (const auto at = rest.rfind('@'); at != std::string::npos) {
        add("user", rest.substr(0, at));
        rest = rest.substr(at + 1);
    }
    std::string host = rest;
    std::string port;
    if (!rest.empty() && rest.front() == '[') {  // [IPv6]:PORT
        const auto close = rest.find(']');
        host = rest.substr(1, close - 1);
        if (close + 1 < rest.size() && rest[close + 1] == ':') port = rest.substr(close + 2);
    } else if (const auto colon = rest.rfind(':'); colon != std::string::npos) {
        host = rest.substr(0, colon);
        port = rest.substr(colon + 1);
    }
    add("host", host);
    add("port", port);
    add("dbname", db);
    for (std::size_t from = 0; from < query.size();) {
        const auto amp = query.find('&', from);
        const std::string pair = query.substr(from, amp == std::string::npos ? std::string::npos : amp - from);
        if (const auto eq = pair.find('='); eq != std::string::npos) add(pair.substr(0, eq), pair.substr(eq + 1));
        if (amp == std::string::npos) break;
        from = amp + 1;
    }
    return out;
}

std::unique_ptr<Session> connect(const StateLocation& where) {
    register_connectors();
    if (where.kind == StateLocation::Kind::postgresql) {
        auto s = std::make_unique<Session>("PostgreSQL", keyword_form(where.url));
        // Notices ("relation … already exists, skipping") are not for the operator.
        *s << "SET client_min_messages = warning", Poco::Data::Keywords::now;
        return s;
    }
    auto s = std::make_unique<Session>("SQLite", where.database_file());
    // Readers (history, status) and the scheduler share the file: wait for each other
    // rather than fail, and let readers read while the scheduler writes.
    *s << "PRAGMA busy_timeout = 30000", Poco::Data::Keywords::now;
    Statement wal(*s);
    wal << "PRAGMA journal_mode = WAL";
    wal.execute();
    return s;
}

}  // namespace

void Store::Impl::ensure() {
    if (session && !suspect) return;
    if (session) {
        suspect = false;
        try {
            Statement ping(*session);
            ping << "SELECT 1";
            ping.execute();
            return;
        } catch (const Poco::Exception&) {
            session.reset();
        }
    }
    session = connect(where);
}

std::unique_ptr<Store> Store::open(const StateLocation& where, const std::string& node, Diagnostics& diags) {
    std::unique_ptr<Store> store(new Store(where, node));
    const std::string file = store->describe();
    if (where.kind == StateLocation::Kind::sqlite) {
        std::error_code ec;
        fs::create_directories(where.dir, ec);
        if (ec) {
            diags.error("state-open", "cannot create the state directory " + where.dir + ": " + ec.message(), where.dir);
            return nullptr;
        }
    }
    Impl& db = *store->impl_;
    try {
        db.session = connect(where);
        const auto& d = db.dialect;
        db.exec(d.begin());
        try {
            if (const char* lock = d.schema_lock()) db.exec(lock);
            const int version = db.schema_version();
            const auto steps = migrations(d);
            if (version > static_cast<int>(steps.size())) {
                db.rollback();
                diags.error("state-version",
                            "the state database has schema version " + std::to_string(version) +
                                ", newer than this timeline knows (" + std::to_string(steps.size()) +
                                "): it was written by a newer timeline; run that one, or upgrade this one",
                            file);
                return nullptr;
            }
            if (version == 0) db.exec("CREATE TABLE schema_version (version INTEGER NOT NULL)");
            for (int v = version; v < static_cast<int>(steps.size()); ++v) {
                for (const std::string& stmt : steps[static_cast<std::size_t>(v)]) db.exec(stmt);
                db.exec("DELETE FROM schema_version");
                db.exec("INSERT INTO schema_version (version) VALUES (?)", {Int64{v + 1}});
            }
            if (where.kind == StateLocation::Kind::sqlite) {
                const RecordSet done = db.query("SELECT COUNT(*) FROM meta WHERE key = 'imported'");
                if (int_of(done.value(0, 0)) == 0) {
                    const auto old = read_json_state(where.dir, diags);
                    if (!old) {
                        db.rollback();
                        return nullptr;
                    }
                    store->import(*old);
                    db.exec("INSERT INTO meta (key, value) VALUES ('imported', ?)", {old->summary});
                }
            }
            db.exec("COMMIT");
        } catch (...) {
            db.rollback();
            throw;
        }
    } catch (const Poco::Exception& e) {
        diags.error("state-open", "cannot open the state database: " + e.displayText(), file);
        return nullptr;
    } catch (const std::exception& e) {
        diags.error("state-open", std::string("cannot open the state database: ") + e.what(), file);
        return nullptr;
    }
    return store;
}

// Writes what an older scheduler left in state.json and runs.jsonl (inside open()'s transaction).
void Store::import(const ImportedState& old) {
    for (const auto& [id, r] : old.jobs) {
        impl_->exec("INSERT INTO jobs (job, done_through, last_completed, last_status, last_output) VALUES (?, "
                    "NULLIF(CAST(? AS BIGINT), 0), NULLIF(CAST(? AS BIGINT), 0), ?, ?)",
                    {id, seconds(r.done_through), seconds(r.last_completed), r.last_status, r.last_output});
    }
    // A slot that was in progress runs again at the next start: a released claim.
    for (const auto& [id, slot] : old.in_progress)
        impl_->exec(impl_->dialect.upsert_slot(),
                    {id, seconds(slot), std::string("released"), std::string(), Int64{0}, Int64{0}, Int64{0}});
    // Their node is unknown ("" in the history, not this one).
    const std::string self = std::exchange(node_, std::string());
    for (RunRecord r : old.runs) append_run(r);
    node_ = self;
}

std::unique_ptr<Store> Store::open_existing(const StateLocation& where, Diagnostics& diags) {
    std::unique_ptr<Store> store(new Store(where, ""));
    const std::string file = store->describe();
    if (where.kind == StateLocation::Kind::sqlite) {
        std::error_code ec;
        if (!fs::exists(store->describe(), ec)) {
            // Not yet converted: open (and import) it, so that the history of an older
            // scheduler is shown too. Without anything to import this makes an empty state.
            return open(where, "", diags);
        }
    }
    Impl& db = *store->impl_;
    try {
        db.session = connect(where);
        const int version = db.schema_version();
        if (version > kSchemaVersion) {
            diags.error("state-version",
                        "the state database has schema version " + std::to_string(version) +
                            ", newer than this timeline knows (" + std::to_string(kSchemaVersion) +
                            "): it was written by a newer timeline; run that one, or upgrade this one",
                        file);
            return nullptr;
        }
        if (version < kSchemaVersion) {
            store.reset();
            return open(where, "", diags);
        }
    } catch (const Poco::Exception& e) {
        diags.error("state-open", "cannot open the state database: " + e.displayText(), file);
        return nullptr;
    }
    return store;
}

std::unique_ptr<Store> Store::connect_again(Diagnostics& diags) const {
    std::unique_ptr<Store> store(new Store(where_, node_));
    try {
        store->impl_->session = connect(where_);
    } catch (const Poco::Exception& e) {
        diags.error("state-open", "cannot open the state database: " + e.displayText(), describe());
        return nullptr;
    }
    return store;
}

void Store::begin_job(JobTransaction& tx) {
    guarded([&] {
        Impl& db = *impl_;
        db.exec(db.dialect.begin());
        try {
            db.exec("INSERT INTO jobs (job) VALUES (?) ON CONFLICT (job) DO NOTHING", {tx.job_});
            const RecordSet rs = db.query(std::string("SELECT COALESCE(done_through, 0), COALESCE(skip_through, 0), "
                                                      "COALESCE(last_completed, 0), last_status, last_output FROM jobs "
                                                      "WHERE job = ?") +
                                              db.dialect.for_update(),
                                          {tx.job_});
            tx.row.done_through = instant(int_of(rs.value(0, 0)));
            tx.row.skip_through = instant(int_of(rs.value(1, 0)));
            tx.row.last_completed = instant(int_of(rs.value(2, 0)));
            tx.row.last_status = text_of(rs.value(3, 0));
            tx.row.last_output = text_of(rs.value(4, 0));
            tx.fresh = !tx.row.done_through;
        } catch (...) {
            db.rollback();
            throw;
        }
        return 0;
    });
}

void Store::commit_job(JobTransaction& tx) {
    guarded([&] {
        const JobRow& r = tx.row;
        impl_->exec("UPDATE jobs SET done_through = NULLIF(CAST(? AS BIGINT), 0), skip_through = NULLIF(CAST(? AS "
                    "BIGINT), 0), last_completed = NULLIF(CAST(? AS BIGINT), 0), last_status = ?, last_output = ? "
                    "WHERE job = ?",
                    {seconds(r.done_through), seconds(r.skip_through), seconds(r.last_completed), r.last_status,
                     r.last_output, tx.job_});
        impl_->exec("COMMIT");
        return 0;
    });
}

void Store::rollback() { impl_->rollback(); }

std::optional<SlotRow> JobTransaction::slot(Instant slot) {
    return guarded([&]() -> std::optional<SlotRow> {
        const RecordSet rs = store_.impl_->query(
            std::string("SELECT ") + kSlotColumns + " FROM slots WHERE job = ? AND slot = ?", {job_, seconds(slot)});
        if (rs.rowCount() == 0) return std::nullopt;
        return slot_from(rs, 0);
    });
}

std::vector<SlotRow> JobTransaction::slots() {
    return guarded([&] {
        const RecordSet rs = store_.impl_->query(
            std::string("SELECT ") + kSlotColumns + " FROM slots WHERE job = ? ORDER BY slot", {job_});
        std::vector<SlotRow> out;
        for (std::size_t k = 0; k < rs.rowCount(); ++k) out.push_back(slot_from(rs, k));
        return out;
    });
}

void JobTransaction::put_slot(const SlotRow& s) {
    guarded([&] {
        return store_.impl_->exec(store_.impl_->dialect.upsert_slot(),
                                  {job_, seconds(s.slot), s.state, s.node, Int64{s.lease_until_ms}, Int64{s.attempts},
                                   seconds(s.retry_at)});
    });
}

void JobTransaction::remove_slot(Instant slot) {
    guarded([&] { return store_.impl_->exec("DELETE FROM slots WHERE job = ? AND slot = ?", {job_, seconds(slot)}); });
}

std::int64_t JobTransaction::append_run(RunRecord& r) {
    store_.append_run(r);
    return r.id;
}

std::int64_t JobTransaction::lease_now_ms() { return store_.lease_now_ms(); }

std::int64_t Store::lease_now_ms() {
    return guarded([&] { return impl_->lease_now_ms(); });
}

void Store::append_run(RunRecord& r) {
    guarded([&] {
        if (r.node.empty()) r.node = node_;
        const std::string values =
            "(?, ?, ?, ?, NULLIF(CAST(? AS BIGINT), 0), NULLIF(CAST(? AS BIGINT), 0), ?, ?, ?, NULLIF(CAST(? AS "
            "BIGINT), 0), ?, ?, ?, ?, NULLIF(CAST(? AS BIGINT), 0), ?)";
        const std::vector<Param> params = {r.job,          seconds(r.slot),
                                           r.slot_local,   Int64{r.attempt},
                                           seconds(r.start), seconds(r.end),
                                           r.status,       r.output,
                                           r.error,        seconds(r.through),
                                           static_cast<Int64>(r.count), r.node,
                                           std::string(delivered_name(r.delivered)), Int64{r.delivery_attempts},
                                           seconds(r.next_delivery), r.delivery_error};
        const std::string insert =
            "INSERT INTO runs (job, slot, slot_local, attempt, started, ended, status, output, error, through, count, "
            "node, delivered, delivery_attempts, next_delivery, delivery_error) VALUES " +
            values;
        if (impl_->dialect.pg()) {
            const RecordSet rs = impl_->query(insert + " RETURNING id", params);
            r.id = int_of(rs.value(0, 0));
        } else {
            impl_->exec(insert, params);
            const RecordSet rs = impl_->query("SELECT last_insert_rowid()");
            r.id = int_of(rs.value(0, 0));
        }
        return 0;
    });
}

std::optional<JobRow> Store::job(const std::string& id) {
    for (auto& [name, row] : jobs())
        if (name == id) return row;
    return std::nullopt;
}

std::vector<std::pair<std::string, JobRow>> Store::jobs() {
    return guarded([&] {
        const RecordSet rs = impl_->query(
            "SELECT job, COALESCE(done_through, 0), COALESCE(skip_through, 0), COALESCE(last_completed, 0), "
            "last_status, last_output FROM jobs ORDER BY job");
        std::vector<std::pair<std::string, JobRow>> out;
        for (std::size_t k = 0; k < rs.rowCount(); ++k) {
            JobRow r;
            r.done_through = instant(int_of(rs.value(1, k)));
            r.skip_through = instant(int_of(rs.value(2, k)));
            r.last_completed = instant(int_of(rs.value(3, k)));
            r.last_status = text_of(rs.value(4, k));
            r.last_output = text_of(rs.value(5, k));
            if (r.done_through) out.emplace_back(text_of(rs.value(0, k)), r);
        }
        return out;
    });
}

std::vector<std::pair<std::string, SlotRow>> Store::claims() {
    return guarded([&] {
        const RecordSet rs = impl_->query(std::string("SELECT job, ") + kSlotColumns + " FROM slots ORDER BY job, slot");
        std::vector<std::pair<std::string, SlotRow>> out;
        for (std::size_t k = 0; k < rs.rowCount(); ++k) out.emplace_back(text_of(rs.value(0, k)), slot_from(rs, k, 1));
        return out;
    });
}

std::size_t Store::renew_leases(std::chrono::milliseconds lease) {
    return guarded([&] {
        const Int64 until = impl_->lease_now_ms() + lease.count();
        const std::size_t slots =
            impl_->exec("UPDATE slots SET lease_until = ? WHERE node = ? AND state <> 'released'", {until, node_});
        const std::size_t deliveries = impl_->exec(
            "UPDATE runs SET delivery_lease = ? WHERE delivery_node = ? AND delivered = 'pending' AND delivery_lease > 0",
            {until, node_});
        return slots + deliveries;
    });
}

void Store::start_attempt(const std::string& job, Instant slot, int attempt) {
    guarded([&] {
        return impl_->exec("UPDATE slots SET attempts = ?, state = 'running' WHERE job = ? AND slot = ? AND node = ?",
                           {Int64{attempt}, job, seconds(slot), node_});
    });
}

void Store::release_claims() {
    guarded([&] {
        return impl_->exec("UPDATE slots SET node = '', lease_until = 0, state = 'released' WHERE node = ?", {node_});
    });
}

std::vector<RunRecord> Store::history(const HistoryFilter& filter) {
    return guarded([&] {
        std::string sql = std::string("SELECT ") + kRunColumns + " FROM runs WHERE 1 = 1";
        std::vector<Param> params;
        if (!filter.job.empty()) {
            sql += " AND job = ?";
            params.emplace_back(filter.job);
        }
        if (!filter.status.empty()) {
            sql += " AND status = ?";
            params.emplace_back(filter.status);
        }
        if (filter.since) {
            sql += " AND COALESCE(through, slot) >= CAST(? AS BIGINT)";
            params.emplace_back(seconds(*filter.since));
        }
        sql += " ORDER BY id";
        const RecordSet rs = impl_->query(sql, params);
        std::vector<RunRecord> out;
        out.reserve(rs.rowCount());
        for (std::size_t k = 0; k < rs.rowCount(); ++k) out.push_back(run_from(rs, k));
        return out;
    });
}

std::optional<RunRecord> Store::claim_delivery(Instant now, std::chrono::milliseconds lease) {
    return guarded([&]() -> std::optional<RunRecord> {
        const Int64 lease_now = impl_->lease_now_ms();
        const RecordSet due = impl_->query(
            "SELECT id FROM runs WHERE delivered = 'pending' AND COALESCE(next_delivery, 0) <= CAST(? AS BIGINT) AND "
            "delivery_lease < CAST(? AS BIGINT) ORDER BY next_delivery, id LIMIT 8",
            {seconds(now), lease_now});
        for (std::size_t k = 0; k < due.rowCount(); ++k) {
            const Int64 id = int_of(due.value(0, k));
            // Taken by whoever updates first: the condition is checked again under the row's lock.
            const std::size_t taken = impl_->exec(
                "UPDATE runs SET delivery_node = ?, delivery_lease = ? WHERE id = ? AND delivered = 'pending' AND "
                "delivery_lease < CAST(? AS BIGINT)",
                {node_, Int64{lease_now + lease.count()}, id, lease_now});
            if (taken != 1) continue;
            const RecordSet rs = impl_->query(std::string("SELECT ") + kRunColumns + " FROM runs WHERE id = ?", {id});
            return run_from(rs, 0);
        }
        return std::nullopt;
    });
}

void Store::record_delivery(const RunRecord& run, Instant at, const DeliveryOutcome& outcome, Delivered delivered,
                            std::optional<Instant> next) {
    guarded([&] {
        const int attempt = run.delivery_attempts + 1;
        const char* kind = outcome.kind == DeliveryOutcome::Kind::ok          ? "ok"
                           : outcome.kind == DeliveryOutcome::Kind::transient ? "transient"
                                                                              : "permanent";
        impl_->exec(impl_->dialect.begin());
        try {
            impl_->exec("INSERT INTO deliveries (run_id, attempt, at, node, outcome, message) VALUES (?, ?, ?, ?, ?, ?)",
                        {Int64{run.id}, Int64{attempt}, seconds(at), node_, std::string(kind), outcome.message});
            impl_->exec("UPDATE runs SET delivered = ?, delivery_attempts = ?, next_delivery = NULLIF(CAST(? AS BIGINT), "
                        "0), delivery_error = ?, delivery_node = '', delivery_lease = 0 WHERE id = ?",
                        {std::string(delivered_name(delivered)), Int64{attempt}, seconds(next), outcome.message,
                         Int64{run.id}});
            impl_->exec("COMMIT");
        } catch (...) {
            rollback();
            throw;
        }
        return 0;
    });
}

std::optional<Instant> Store::next_delivery_time() {
    return guarded([&] {
        const RecordSet rs =
            impl_->query("SELECT COALESCE(MIN(COALESCE(next_delivery, 1)), 0) FROM runs WHERE delivered = 'pending'");
        return instant(int_of(rs.value(0, 0)));
    });
}

std::string to_json_line(const RunRecord& r) {
    auto time = [](const std::optional<Instant>& t) { return t ? json_quote(format_utc(*t)) : std::string("null"); };
    std::string out = "{\"job\":" + json_quote(r.job) + ",\"slot\":" + json_quote(format_utc(r.slot));
    out += ",\"slot_local\":" + json_quote(r.slot_local);
    out += ",\"attempt\":" + std::to_string(r.attempt);
    out += ",\"start\":" + time(r.start);
    out += ",\"end\":" + time(r.end);
    out += ",\"status\":" + json_quote(r.status);
    out += ",\"output\":" + (r.output.empty() ? std::string("null") : json_quote(r.output));
    out += ",\"error\":" + (r.error.empty() ? std::string("null") : json_quote(r.error));
    if (r.through) {
        out += ",\"through\":" + json_quote(format_utc(*r.through));
        out += ",\"count\":" + std::to_string(r.count);
    }
    out += ",\"node\":" + (r.node.empty() ? std::string("null") : json_quote(r.node));
    out += ",\"delivered\":" + json_quote(delivered_name(r.delivered));
    out += ",\"delivery_attempts\":" + std::to_string(r.delivery_attempts);
    out += ",\"next_delivery\":" + time(r.next_delivery);
    out += ",\"delivery_error\":" + (r.delivery_error.empty() ? std::string("null") : json_quote(r.delivery_error));
    out += "}\n";
    return out;
}

}  // namespace timeline::schedule
