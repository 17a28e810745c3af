#include "schedule/state.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include <Poco/JSON/Object.h>

#include "base/files.h"
#include "base/json_text.h"
#include "json/parse.h"

namespace timeline::schedule {

using Poco::JSON::Object;

State::State(std::string dir) : dir_(std::move(dir)) {}

const JobState* State::find(const std::string& id) const {
    const auto it = jobs_.find(id);
    return it == jobs_.end() ? nullptr : &it->second;
}

namespace {

std::optional<Instant> instant_member(const Object::Ptr& o, const std::string& key) {
    if (!o->has(key) || o->get(key).type() != typeid(std::string)) return std::nullopt;
    static const date::time_zone* utc = date::locate_zone("UTC");
    return parse_time(o->getValue<std::string>(key), *utc);
}

std::string str_member(const Object::Ptr& o, const std::string& key) {
    if (!o->has(key) || o->get(key).type() != typeid(std::string)) return {};
    return o->getValue<std::string>(key);
}

}  // namespace

bool State::load(Diagnostics& diags) {
    std::error_code ec;
    if (!std::filesystem::exists(file(), ec)) return true;
    const auto text = read_file(file(), diags);
    if (!text) return false;
    const std::size_t before = diags.count(Severity::error);
    const auto doc = json::parse(*text, file(), diags);
    if (!doc || diags.count(Severity::error) != before) return false;
    if (doc->root.type() != typeid(Object::Ptr) ||
        doc->root.extract<Object::Ptr>()->get("jobs").type() != typeid(Object::Ptr)) {
        diags.error("state-invalid", "not a scheduler state file (no \"jobs\" object)", file());
        return false;
    }
    const Object::Ptr jobs = doc->root.extract<Object::Ptr>()->getObject("jobs");
    for (const auto& id : jobs->getNames()) {
        if (jobs->get(id).type() != typeid(Object::Ptr)) continue;
        const Object::Ptr j = jobs->getObject(id);
        JobState s;
        s.done_through = instant_member(j, "done_through");
        s.in_progress = instant_member(j, "in_progress");
        s.last_completed = instant_member(j, "last_completed");
        s.last_status = str_member(j, "last_status");
        s.last_output = str_member(j, "last_output");
        if (!s.done_through) {
            diags.error("state-invalid", "job \"" + id + "\" has no valid \"done_through\" time", file(), {},
                        "/jobs/" + id);
            return false;
        }
        jobs_[id] = s;
    }
    return true;
}

bool State::save(Diagnostics& diags) const {
    std::string out = "{\n  \"version\": 1,\n  \"jobs\": {";
    bool first = true;
    for (const auto& [id, s] : jobs_) {
        if (!s.done_through) continue;
        out += first ? "\n" : ",\n";
        first = false;
        out += "    " + json_quote(id) + ": {\"done_through\": " + json_quote(format_utc(*s.done_through));
        if (s.in_progress) out += ", \"in_progress\": " + json_quote(format_utc(*s.in_progress));
        if (s.last_completed) out += ", \"last_completed\": " + json_quote(format_utc(*s.last_completed));
        if (!s.last_status.empty()) out += ", \"last_status\": " + json_quote(s.last_status);
        if (!s.last_output.empty()) out += ", \"last_output\": " + json_quote(s.last_output);
        out += "}";
    }
    out += first ? "}\n}\n" : "\n  }\n}\n";
    return write_file_atomic(file(), out, diags);
}

DirLock::Result DirLock::acquire(const std::string& dir, DirLock& lock, std::string& message) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) {
        message = "cannot create state directory " + dir + ": " + ec.message();
        return Result::error;
    }
    const std::string path = dir + "/lock";
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        message = "cannot open " + path + ": " + std::strerror(errno);
        return Result::error;
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        const int err = errno;
        char buf[32] = {};
        const ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
        ::close(fd);
        if (err == EWOULDBLOCK) {
            std::string pid = n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string();
            while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
            message = "another scheduler" + (pid.empty() ? std::string() : " (pid " + pid + ")") +
                      " is using state directory " + dir + " (lock " + path + ")";
            return Result::busy;
        }
        message = "cannot lock " + path + ": " + std::strerror(err);
        return Result::error;
    }
    const std::string pid = std::to_string(::getpid()) + "\n";
    if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, pid.data(), pid.size(), 0) != static_cast<ssize_t>(pid.size())) {
        // The pid is only informative; the lock itself is held.
    }
    lock = DirLock();
    lock.fd_ = fd;
    return Result::acquired;
}

DirLock& DirLock::operator=(DirLock&& o) noexcept {
    if (this != &o) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = o.fd_;
        o.fd_ = -1;
    }
    return *this;
}

DirLock::~DirLock() {
    if (fd_ >= 0) ::close(fd_);
}

std::string to_json_line(const RunRecord& r) {
    std::string out = "{\"job\":" + json_quote(r.job) + ",\"slot\":" + json_quote(format_utc(r.slot));
    out += ",\"slot_local\":" + json_quote(r.slot_local);
    out += ",\"attempt\":" + std::to_string(r.attempt);
    out += ",\"start\":" + (r.start ? json_quote(format_utc(*r.start)) : std::string("null"));
    out += ",\"end\":" + (r.end ? json_quote(format_utc(*r.end)) : std::string("null"));
    out += ",\"status\":" + json_quote(r.status);
    out += ",\"output\":" + (r.output.empty() ? std::string("null") : json_quote(r.output));
    out += ",\"error\":" + (r.error.empty() ? std::string("null") : json_quote(r.error));
    if (r.through) {
        out += ",\"through\":" + json_quote(format_utc(*r.through));
        out += ",\"count\":" + std::to_string(r.count);
    }
    out += "}\n";
    return out;
}

namespace {

// Where the last line of a file that does not end with a line break starts: its offset and
// its line number (1-based).
std::pair<off_t, int> last_line_start(int fd, off_t size) {
    off_t offset = 0;
    int line = 1;
    char buf[65536];
    for (off_t at = 0; at < size;) {
        const ssize_t n = ::pread(fd, buf, static_cast<std::size_t>(std::min<off_t>(size - at, sizeof buf)), at);
        if (n <= 0) break;
        for (ssize_t k = 0; k < n; ++k)
            if (buf[k] == '\n') {
                offset = at + k + 1;
                ++line;
            }
        at += n;
    }
    return {offset, line};
}

}  // namespace

bool RunLog::append(const RunRecord& r, Diagnostics& diags) const {
    std::string line = to_json_line(r);
    const int fd = ::open(path_.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0) {
        diags.error("io-write", std::string("cannot open run log: ") + std::strerror(errno), path_);
        return false;
    }
    // The last line must be whole before another is appended to it.
    struct stat st {};
    const off_t size = ::fstat(fd, &st) == 0 ? st.st_size : 0;
    char last = '\n';
    if (size > 0 && ::pread(fd, &last, 1, size - 1) == 1 && last != '\n') {
        const auto [from, number] = last_line_start(fd, size);
        diags.warning("run-log-torn",
                      "the last line of the run log (" + std::to_string(size - from) +
                          " bytes) has no line break: it was cut short, probably by a crash; ended it so that the next "
                          "record is a line of its own",
                      path_, {number, 1});
        line.insert(line.begin(), '\n');
    }
    const ssize_t n = ::write(fd, line.data(), line.size());
    const int err = errno;
    if (n != static_cast<ssize_t>(line.size())) {
        // Take back a partial record of our own (a full disk), so that the log stays whole lines.
        if (n > 0) (void)!::ftruncate(fd, size);
        ::close(fd);
        diags.error("io-write", std::string("cannot append to run log: ") + (n < 0 ? std::strerror(err) : "short write"),
                    path_);
        return false;
    }
    ::close(fd);
    return true;
}

}  // namespace timeline::schedule
