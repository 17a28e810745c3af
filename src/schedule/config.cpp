#include "schedule/config.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <regex>
#include <set>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "base/files.h"
#include "base/json_text.h"
#include "base/lookup.h"
#include "json/parse.h"
#include "pocojson/values.h"
#include "builtin/schemas.h"
#include "schedule/store.h"

namespace timeline::schedule {

namespace fs = std::filesystem;
using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

const char* catch_up_name(CatchUp c) {
    switch (c) {
        case CatchUp::none: return "none";
        case CatchUp::all: return "all";
        default: return "latest";
    }
}

const Job* Config::job(const std::string& id) const {
    for (const Job& j : jobs)
        if (j.id == id) return &j;
    return nullptr;
}

std::string Job::output_for(Instant slot) const {
    std::string error;
    std::size_t offset = 0;
    const auto name = expand_output(output, *this, slot, error, offset);
    if (!name) return {};
    const fs::path p(*name);
    if (p.is_absolute() || output_root.empty()) return p.lexically_normal().string();
    return (fs::path(output_root) / p).lexically_normal().string();
}

namespace {

// Whether `path` is `root` or lies below it (both absolute and normal).
bool within(const fs::path& path, const fs::path& root) {
    auto r = root.begin();
    auto p = path.begin();
    for (; r != root.end() && !r->empty(); ++r, ++p)
        if (p == path.end() || *p != *r) return false;
    return true;
}

// How an expanded output pattern leaves the output root `root` by its text, or "".
std::string escapes_root(const std::string& expanded, const std::string& root) {
    const fs::path p(expanded);
    if (p.is_absolute()) return "is an absolute path, not one inside the output root " + root;
    for (const auto& part : p)
        if (part == "..") return "leaves the output root " + root + " by \"..\"";
    return {};
}

}  // namespace

bool Job::output_confined(const std::string& out, std::string& why) const {
    if (output_outside_root_allowed) return true;
    std::error_code ec;
    const fs::path root = fs::weakly_canonical(fs::absolute(output_root.empty() ? fs::path(".") : fs::path(output_root)), ec);
    const fs::path real = ec ? fs::path() : fs::weakly_canonical(fs::absolute(out), ec);
    if (ec) {
        why = "cannot resolve " + out + ": " + ec.message();
        return false;
    }
    if (within(real, root)) return true;
    why = "output " + out + " is " + real.string() + " once symbolic links are followed, outside the output root " +
          root.string() + "; nothing written (set \"allow_output_outside_root\": true to allow it)";
    return false;
}

std::string Job::as_of(Instant slot) const { return format_in_zone(*zone, slot, "%Y-%m-%d"); }

std::chrono::seconds Job::backoff(int n) const {
    std::chrono::seconds d = retry_delay;
    for (int k = 1; k < n && d < retry_delay_max; ++k) d *= 2;
    return std::min(d, retry_delay_max);
}

std::optional<std::string> expand_output(const std::string& pattern, const Job& job, Instant slot, std::string& error,
                                         std::size_t& error_offset) {
    std::string out;
    for (std::size_t k = 0; k < pattern.size(); ++k) {
        const char c = pattern[k];
        if (c == '}') {
            error = "unmatched \"}\" (write placeholders as {job}, {slot:%Y-%m-%d}, …)";
            error_offset = k;
            return std::nullopt;
        }
        if (c != '{') {
            out += c;
            continue;
        }
        const std::size_t close = pattern.find('}', k);
        if (close == std::string::npos) {
            error = "unclosed \"{\"";
            error_offset = k;
            return std::nullopt;
        }
        const std::string name = pattern.substr(k + 1, close - k - 1);
        if (name == "job") out += job.id;
        else if (name == "template") out += job.template_name.substr(job.template_name.find_last_of('/') + 1);
        else if (name == "format") out += job.format;
        else if (name == "lang") out += job.lang.empty() ? "default" : job.lang;
        else if (name == "slot" || name.rfind("slot:", 0) == 0) {
            const std::string fmt = name == "slot" ? "%Y-%m-%dT%H%M" : name.substr(5);
            if (fmt.empty()) {
                error = "{slot:} needs a format such as %Y-%m-%d";
                error_offset = k;
                return std::nullopt;
            }
            const std::string text = format_in_zone(*job.zone, slot, fmt);
            if (text.find('/') != std::string::npos && fmt.find('/') == std::string::npos) {
                error = "the slot format \"" + fmt + "\" gives a \"/\"";
                error_offset = k;
                return std::nullopt;
            }
            out += text;
        } else {
            error = "unknown placeholder {" + name + "} (use {job}, {slot:FORMAT}, {template}, {format} or {lang})";
            error_offset = k;
            return std::nullopt;
        }
        k = close;
    }
    return out;
}

namespace {

// A setting of a job, from the job or else from "defaults", with the pointer it came from.
struct Setting {
    Var value;
    std::string pointer;
    bool present = false;
};

class Reader {
public:
    Reader(const std::string& file, const json::Document& doc, const std::string& output_root, Diagnostics& diags)
        : file_(file), doc_(doc), output_root_(output_root), diags_(diags) {
        const Object::Ptr root = json::to_var(doc.value()).extract<Object::Ptr>();
        if (root->has("defaults")) defaults_ = root->getObject("defaults");
    }

    Setting get(const Object::Ptr& job, const std::string& job_pointer, const std::string& key) const {
        if (job->has(key)) return {job->get(key), pointer_append(job_pointer, key), true};
        if (defaults_ && defaults_->has(key)) return {defaults_->get(key), pointer_append("/defaults", key), true};
        return {};
    }

    void error(const std::string& code, const std::string& pointer, const std::string& message, SourcePos pos = {}) {
        diags_.add({Severity::error, code, file_, pos.known() ? pos : doc_.position(pointer), pointer, {}, message});
    }

    std::optional<Job> job(const Object::Ptr& o, const std::string& ptr) {
        Job j;
        bool ok = true;
        j.id = o->getValue<std::string>("id");
        const std::string cron_text = o->getValue<std::string>("cron");
        CronError ce;
        auto cron = Cron::parse(cron_text, ce);
        if (!cron) {
            const std::string cp = pointer_append(ptr, "cron");
            error("cron-invalid", cp, "cron \"" + cron_text + "\": " + ce.message, doc_.position_in_string(cp, ce.offset));
            ok = false;
        } else {
            j.cron = *cron;
        }
        if (auto s = get(o, ptr, "timezone"); s.present) {
            j.zone_name = s.value.extract<std::string>();
            j.zone = find_zone(j.zone_name);
            if (!j.zone) {
                error("timezone-unknown", s.pointer,
                      "unknown time zone \"" + j.zone_name + "\" (an IANA name such as Asia/Shanghai, Europe/London)");
                ok = false;
            }
        } else {
            j.zone = find_zone(j.zone_name);
            if (!j.zone) {
                error("timezone-unknown", ptr, "the tz database has no zone " + j.zone_name + " (is tzdata installed?)");
                ok = false;
            }
        }
        if (auto s = get(o, ptr, "template"); s.present) j.template_name = s.value.extract<std::string>();
        if (auto s = get(o, ptr, "format"); s.present) j.format = s.value.extract<std::string>();
        if (auto s = get(o, ptr, "lang"); s.present) j.lang = s.value.extract<std::string>();
        if (auto s = get(o, ptr, "data"); s.present) {
            j.data_dirs.clear();
            const Array::Ptr a = s.value.extract<Array::Ptr>();
            for (std::size_t k = 0; k < a->size(); ++k) j.data_dirs.push_back(a->getElement<std::string>(static_cast<unsigned>(k)));
        }
        auto seconds = [&](const char* key, std::chrono::seconds& out) {
            if (auto s = get(o, ptr, key); s.present) out = std::chrono::seconds{s.value.convert<Poco::Int64>()};
        };
        if (auto s = get(o, ptr, "retries"); s.present) j.retries = static_cast<int>(s.value.convert<Poco::Int64>());
        seconds("retry_delay_seconds", j.retry_delay);
        seconds("retry_delay_max_seconds", j.retry_delay_max);
        seconds("timeout_seconds", j.timeout);
        if (j.retry_delay_max < j.retry_delay) j.retry_delay_max = j.retry_delay;
        if (auto s = get(o, ptr, "catch_up"); s.present) {
            const std::string c = s.value.extract<std::string>();
            j.catch_up = c == "none" ? CatchUp::none : c == "all" ? CatchUp::all : CatchUp::latest;
        }
        if (auto s = get(o, ptr, "catch_up_max"); s.present) j.catch_up_max = static_cast<int>(s.value.convert<Poco::Int64>());
        if (auto s = get(o, ptr, "enabled"); s.present) j.enabled = s.value.extract<bool>();
        if (auto s = get(o, ptr, "allow_output_outside_root"); s.present) j.output_outside_root_allowed = s.value.extract<bool>();
        if (auto s = get(o, ptr, "email"); s.present) {
            j.email = email(s.value.extract<Object::Ptr>(), s.pointer);
            if (!j.email) ok = false;
        }
        j.output_root = output_root_;
        Setting out = get(o, ptr, "output");
        j.output = out.present ? out.value.extract<std::string>() : kDefaultOutput;
        if (ok) ok = check_output(j, out.present ? out.pointer : ptr, out.present);
        if (!ok) return std::nullopt;
        return j;
    }

private:
    // An e-mail address as a mail server takes it: local@domain, or "Name <local@domain>".
    static bool address_ok(const std::string& text) {
        static const std::regex plain(R"re([^\s@<>(),;:"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*)re");
        static const std::regex named(R"re([^<>]*<([^<>]+)>\s*)re");
        std::smatch m;
        if (std::regex_match(text, m, named)) return std::regex_match(m[1].str(), plain);
        return std::regex_match(text, plain);
    }

    std::optional<EmailConfig> email(const Object::Ptr& o, const std::string& ptr) {
        EmailConfig e;
        bool ok = true;
        if (o->has("password")) {
            error("email-password", pointer_append(ptr, "password"),
                  "a password never stands in schedules.json: put it in an environment variable and name that "
                  "variable in \"password_env\" (e.g. \"password_env\": \"TIMELINE_SMTP_PASSWORD\")");
            ok = false;
        }
        auto addresses = [&](const char* key, std::vector<std::string>& out) {
            if (!o->has(key)) return;
            const Array::Ptr a = o->getArray(key);
            for (std::size_t k = 0; k < a->size(); ++k) {
                const std::string text = a->getElement<std::string>(static_cast<unsigned>(k));
                if (!address_ok(text)) {
                    error("email-address", pointer_append(pointer_append(ptr, key), k),
                          "\"" + text + "\" is not an e-mail address (write staff@example.org or \"Name <staff@example.org>\")");
                    ok = false;
                }
                out.push_back(text);
            }
        };
        addresses("to", e.to);
        addresses("cc", e.cc);
        e.from = o->getValue<std::string>("from");
        if (!address_ok(e.from)) {
            error("email-address", pointer_append(ptr, "from"),
                  "\"" + e.from + "\" is not an e-mail address (write briefs@example.org or \"Name <briefs@example.org>\")");
            ok = false;
        }
        e.server = o->getValue<std::string>("server");
        static const std::regex server(R"re((smtps?)://([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\]):([0-9]{1,5})/?)re");
        std::smatch m;
        bool tls = false;  // smtps://: TLS from the start
        if (std::regex_match(e.server, m, server) && std::stoi(m[3].str()) >= 1 && std::stoi(m[3].str()) <= 65535) {
            tls = m[1].str() == "smtps";
        } else {
            error("email-server", pointer_append(ptr, "server"),
                  "server \"" + e.server + "\" is not smtp://HOST:PORT or smtps://HOST:PORT (e.g. smtp://mail.example.org:587)");
            ok = false;
        }
        if (o->has("starttls")) e.starttls = o->getValue<bool>("starttls");
        if (tls && e.starttls) {
            error("email-server", pointer_append(ptr, "starttls"),
                  "\"starttls\" upgrades a plain smtp:// connection; smtps:// is encrypted from the start: drop one of them");
            ok = false;
        }
        if (o->has("user")) e.user = o->getValue<std::string>("user");
        if (o->has("password_env")) {
            e.password_env = o->getValue<std::string>("password_env");
            static const std::regex name("[A-Za-z_][A-Za-z0-9_]*");
            if (!std::regex_match(e.password_env, name)) {
                error("email-password", pointer_append(ptr, "password_env"),
                      "\"" + e.password_env + "\" is not the name of an environment variable (letters, digits and _, e.g. TIMELINE_SMTP_PASSWORD)");
                ok = false;
            }
            if (e.user.empty()) {
                error("email-password", pointer_append(ptr, "password_env"), "\"password_env\" needs a \"user\" to log in as");
                ok = false;
            }
        }
        if (o->has("password_file")) {
            e.password_file = o->getValue<std::string>("password_file");
            if (!e.password_env.empty() || e.user.empty()) {
                error("email-password", pointer_append(ptr, "password_file"),
                      e.user.empty() ? "\"password_file\" needs a \"user\" to log in as"
                                     : "give the password either in \"password_env\" or in \"password_file\", not both");
                ok = false;
            }
        }
        if (o->has("attach_limit_mb")) e.attach_limit_mb = o->get("attach_limit_mb").convert<double>();
        if (!ok) return std::nullopt;
        return e;
    }

    // The pattern must expand, and two consecutive slots must never share a file: that
    // would overwrite one brief with the next (a slot's file is its identity).
    bool check_output(const Job& j, const std::string& pointer, bool in_file) {
        std::string err;
        std::size_t offset = 0;
        // Sample slots through a year with both DST changes of most zones.
        std::optional<Slot> prev;
        std::optional<std::string> prev_name;
        Instant t = date::sys_days{date::year{2026} / 1 / 1};
        for (int k = 0; k < 400; ++k) {
            const auto s = j.next_slot(t);
            if (!s) break;
            auto name = expand_output(j.output, j, s->at, err, offset);
            if (!name) {
                error("output-pattern", pointer, "output \"" + j.output + "\": " + err,
                      in_file ? doc_.position_in_string(pointer, offset) : SourcePos{});
                return false;
            }
            if (prev_name && *prev_name == *name) {
                error("output-collision", pointer,
                      "output \"" + j.output + "\" gives slots " + format_local_short(*j.zone, prev->at) + " and " +
                          format_local_short(*j.zone, s->at) + " the same file " + *name +
                          " (add the time to {slot:…}, e.g. {slot:%Y-%m-%d-%H%M})");
                return false;
            }
            if (name->empty() || name->back() == '/') {
                error("output-pattern", pointer, "output \"" + j.output + "\" does not name a file");
                return false;
            }
            const std::string root = output_root_.empty() ? "(the directory of " + file_ + ")" : output_root_;
            if (const std::string why = escapes_root(*name, root); !why.empty() && !j.output_outside_root_allowed) {
                error("output-outside-root", pointer,
                      "output \"" + j.output + "\"" + (*name == j.output ? "" : " (" + *name + ")") + " " + why +
                          ": write a path relative to it, or set \"allow_output_outside_root\": true",
                      in_file ? doc_.position_in_string(pointer, 0) : SourcePos{});
                return false;
            }
            prev = s;
            prev_name = std::move(name);
            t = s->at;
            if (k > 40 && t > date::sys_days{date::year{2027} / 1 / 1}) break;
        }
        return true;
    }

    const std::string& file_;
    const json::Document& doc_;
    const std::string& output_root_;
    Diagnostics& diags_;
    Object::Ptr defaults_;
};

}  // namespace

namespace {

// Joins the job's relative data and template paths to the folder of its schedules file
// (outputs are relative to the output root, see Job::output_for).
void in_project(Job& j, const std::string& project) {
    j.project = project;
    if (project.empty()) return;
    auto join = [&project](std::string& path) {
        if (!std::filesystem::path(path).is_absolute()) path = (std::filesystem::path(project) / path).lexically_normal().string();
    };
    for (auto& d : j.data_dirs) join(d);
    if (names_a_file(j.template_name) && j.template_name != "-") join(j.template_name);
    if (j.email && !j.email->password_file.empty()) join(j.email->password_file);
}

}  // namespace

std::optional<Config> load_config(const std::string& file, Diagnostics& diags) {
    const auto content = read_file(file, diags);
    if (!content) return std::nullopt;
    const std::size_t before = diags.count(Severity::error);
    auto doc = json::parse(*content, file, diags);
    if (!doc || diags.count(Severity::error) != before) return std::nullopt;
    if (check_document("schedules.schema.json", *doc, file, diags) > 0) return std::nullopt;

    Config config;
    config.file = file;
    const Object::Ptr root = json::to_var(doc->value()).extract<Object::Ptr>();
    const fs::path dir = fs::path(file).parent_path();
    config.output_root = dir.string();
    if (root->has("output_root")) {
        const fs::path given(root->getValue<std::string>("output_root"));
        config.output_root = (given.is_absolute() ? given : dir / given).lexically_normal().string();
    }
    Reader reader(file, *doc, config.output_root, diags);
    if (root->has("state")) {
        const std::string text = root->getValue<std::string>("state");
        std::string why;
        if (const auto where = parse_state_location(text, why)) {
            config.state = where->kind == StateLocation::Kind::postgresql || fs::path(text).is_absolute()
                               ? text
                               : (dir / text).lexically_normal().string();
        } else {
            reader.error("state-location", "/state", why);
        }
    }
    const Array::Ptr jobs = json::to_var(doc->value()).extract<Object::Ptr>()->getArray("jobs");
    std::map<std::string, std::string> ids;  // id -> pointer of its first use
    for (std::size_t k = 0; k < jobs->size(); ++k) {
        const std::string ptr = pointer_append("/jobs", k);
        const Object::Ptr o = jobs->getObject(static_cast<unsigned>(k));
        const std::string id = o->getValue<std::string>("id");
        if (const auto [it, fresh] = ids.emplace(id, ptr); !fresh) {
            reader.error("duplicate-id", pointer_append(ptr, "id"),
                         "job id \"" + id + "\" is already used by " + it->second);
            continue;
        }
        if (auto j = reader.job(o, ptr)) config.jobs.push_back(std::move(*j));
    }
    if (diags.count(Severity::error) != before) return std::nullopt;
    const std::string project = file == "-" ? std::string() : std::filesystem::path(file).parent_path().string();
    for (Job& j : config.jobs) in_project(j, project);
    return config;
}

}  // namespace timeline::schedule
