#include "schedule/store_import.h"

#include <filesystem>
#include <fstream>

#include <Poco/JSON/Object.h>

#include "base/files.h"
#include "json/parse.h"
#include "pocojson/values.h"

namespace timeline::schedule {

using Poco::JSON::Object;

namespace {

const date::time_zone& utc() {
    static const date::time_zone* z = date::locate_zone("UTC");
    return *z;
}

std::optional<Instant> instant_member(const Object::Ptr& o, const std::string& key) {
    if (!o->has(key) || o->get(key).type() != typeid(std::string)) return std::nullopt;
    return parse_time(o->getValue<std::string>(key), utc());
}

std::string str_member(const Object::Ptr& o, const std::string& key) {
    if (!o->has(key) || o->get(key).type() != typeid(std::string)) return {};
    return o->getValue<std::string>(key);
}

bool read_state_file(const std::string& file, ImportedState& out, Diagnostics& diags) {
    const auto text = read_file(file, diags);
    if (!text) return false;
    const std::size_t before = diags.count(Severity::error);
    const auto doc = json::parse(*text, file, diags);
    if (!doc || diags.count(Severity::error) != before) return false;
    const Poco::Dynamic::Var root = json::to_var(doc->value());
    if (root.type() != typeid(Object::Ptr) || root.extract<Object::Ptr>()->get("jobs").type() != typeid(Object::Ptr)) {
        diags.error("state-invalid", "not a scheduler state file (no \"jobs\" object)", file);
        return false;
    }
    const Object::Ptr jobs = root.extract<Object::Ptr>()->getObject("jobs");
    for (const auto& id : jobs->getNames()) {
        if (jobs->get(id).type() != typeid(Object::Ptr)) continue;
        const Object::Ptr j = jobs->getObject(id);
        JobRow s;
        s.done_through = instant_member(j, "done_through");
        s.last_completed = instant_member(j, "last_completed");
        s.last_status = str_member(j, "last_status");
        s.last_output = str_member(j, "last_output");
        if (!s.done_through) {
            diags.error("state-invalid", "job \"" + id + "\" has no valid \"done_through\" time", file, {}, "/jobs/" + id);
            return false;
        }
        if (const auto p = instant_member(j, "in_progress")) out.in_progress[id] = *p;
        out.jobs[id] = s;
    }
    return true;
}

void read_run_log(const std::string& file, ImportedState& out, Diagnostics& diags) {
    std::ifstream in(file, std::ios::binary);
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        const bool last = in.peek() == std::char_traits<char>::eof();
        const bool whole = !in.eof();  // getline stopped at a line break
        if (line.empty()) continue;
        Diagnostics local;
        const auto doc = json::parse(line, file, local);
        Object::Ptr o;
        if (doc && !local.has_errors() && doc->value().is_object()) o = json::to_var(doc->value()).extract<Object::Ptr>();
        const auto slot = o ? instant_member(o, "slot") : std::nullopt;
        if (!o || !slot || str_member(o, "job").empty() || str_member(o, "status").empty()) {
            if (!whole && last)
                diags.warning("run-log-torn",
                              "the last line of the run log (" + std::to_string(line.size()) +
                                  " bytes) was cut short, probably by a crash: not imported",
                              file, {number, 1});
            else
                diags.warning("run-log-invalid", "not a run record: line not imported", file, {number, 1});
            continue;
        }
        RunRecord r;
        r.job = str_member(o, "job");
        r.slot = *slot;
        r.slot_local = str_member(o, "slot_local");
        if (o->has("attempt")) r.attempt = static_cast<int>(o->get("attempt").convert<Poco::Int64>());
        r.start = instant_member(o, "start");
        r.end = instant_member(o, "end");
        r.status = str_member(o, "status");
        r.output = str_member(o, "output");
        r.error = str_member(o, "error");
        r.through = instant_member(o, "through");
        if (o->has("count")) r.count = static_cast<std::uint64_t>(o->get("count").convert<Poco::Int64>());
        out.runs.push_back(std::move(r));
    }
}

}  // namespace

std::optional<ImportedState> read_json_state(const std::string& dir, Diagnostics& diags) {
    ImportedState out;
    std::error_code ec;
    const std::string state = dir + "/state.json";
    const std::string log = dir + "/runs.jsonl";
    const bool has_state = std::filesystem::exists(state, ec);
    const bool has_log = std::filesystem::exists(log, ec);
    if (has_state && !read_state_file(state, out, diags)) return std::nullopt;
    if (has_log) read_run_log(log, out, diags);
    if (!has_state && !has_log) {
        out.summary = "nothing to import (no state.json or runs.jsonl)";
    } else {
        out.summary = "imported";
        if (has_state) out.summary += " state.json (" + std::to_string(out.jobs.size()) + " jobs)";
        if (has_log) out.summary += std::string(has_state ? " and" : "") + " runs.jsonl (" + std::to_string(out.runs.size()) + " records)";
    }
    return out;
}

}  // namespace timeline::schedule
