// Unit tests of schedules.json (src/schedule/config.h): defaults, the schema, and the checks
// after it, each with file, line:column, JSON pointer and a stable code.
#include <filesystem>
#include <fstream>
#include <string>

#include <catch2/catch.hpp>

#include "schedule/config.h"
#include "schedule/store.h"

namespace {

using namespace timeline;
using namespace timeline::schedule;
namespace fs = std::filesystem;

std::string write(const std::string& name, const std::string& text) {
    const fs::path dir = fs::temp_directory_path() / "timeline-schedule-config-test";
    fs::create_directories(dir);
    const std::string path = (dir / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

struct Loaded {
    std::optional<Config> config;
    Diagnostics diags;
};

Loaded load(const std::string& name, const std::string& text) {
    Loaded l;
    l.config = load_config(write(name, text), l.diags);
    return l;
}

const Diagnostic& only(const Loaded& l) {
    INFO((l.diags.empty() ? std::string("no diagnostics") : format_text(l.diags.items()[0])));
    REQUIRE_FALSE(l.config);
    REQUIRE(l.diags.size() == 1);
    return l.diags.items()[0];
}

Instant utc(const std::string& text) { return *parse_time(text, *find_zone("UTC")); }

}  // namespace

TEST_CASE("schedules.json: defaults and per-job settings", "[schedule]") {
    const auto l = load("ok.json", R"({
  "defaults": {"format": "md", "retries": 1, "data": ["d1", "d2"]},
  "jobs": [
    {"id": "a", "cron": "0 8 * * *"},
    {"id": "b", "cron": "30 7 * * MON", "timezone": "Europe/London", "format": "pdf", "lang": "en",
     "output": "reports/{job}-{lang}/{slot:%G-W%V}.{format}", "catch_up": "all", "retry_delay_seconds": 10,
     "retry_delay_max_seconds": 25, "timeout_seconds": 5, "enabled": false}
  ]
})");
    INFO((l.diags.empty() ? "" : format_text(l.diags.items()[0])));
    REQUIRE(l.config);
    const Job& a = l.config->jobs[0];
    CHECK(a.zone_name == "Asia/Shanghai");
    CHECK(a.format == "md");
    CHECK(a.retries == 1);
    CHECK(a.catch_up == CatchUp::latest);
    const std::string dir = (fs::temp_directory_path() / "timeline-schedule-config-test").string();
    CHECK(a.project == dir);
    CHECK(a.data_dirs == std::vector<std::string>{dir + "/d1", dir + "/d2"});
    // Outputs are under the output root, the directory of the schedules file.
    CHECK(a.output_root == dir);
    CHECK(a.output_for(utc("2026-03-08T00:00Z")) == dir + "/out/a/2026-03-08.md");
    CHECK(a.as_of(utc("2026-03-07T16:30Z")) == "2026-03-08");  // the local date in Shanghai
    const Job& b = *l.config->job("b");
    CHECK(b.zone_name == "Europe/London");
    CHECK(b.output_for(utc("2026-03-09T07:30Z")) == dir + "/reports/b-en/2026-W11.pdf");
    CHECK(b.catch_up == CatchUp::all);
    CHECK_FALSE(b.enabled);
    CHECK(b.timeout == std::chrono::seconds{5});
    CHECK(b.backoff(1) == std::chrono::seconds{10});
    CHECK(b.backoff(2) == std::chrono::seconds{20});
    CHECK(b.backoff(3) == std::chrono::seconds{25});
}

TEST_CASE("schedules.json: relative paths are relative to the file", "[schedule]") {
    const auto l = load("paths.json", R"({
  "jobs": [
    {"id": "a", "cron": "0 8 * * *"},
    {"id": "b", "cron": "0 8 * * *", "template": "../shared/brief.json", "data": ["/srv/data", "more"],
     "output": "/srv/out/{job}/{slot:%Y-%m-%d}.pdf", "allow_output_outside_root": true},
    {"id": "c", "cron": "0 8 * * *", "template": "weekly"}
  ]
})");
    REQUIRE(l.config);
    const std::string dir = (fs::temp_directory_path() / "timeline-schedule-config-test").string();
    const Job& a = l.config->jobs[0];
    CHECK(a.template_name == "brief");  // a name is looked up from the project when the report runs
    CHECK(a.data_dirs == std::vector<std::string>{dir + "/data"});
    CHECK(a.output_for(utc("2026-03-08T00:00Z")) == dir + "/out/a/2026-03-08.pdf");
    const Job& b = l.config->jobs[1];
    CHECK(b.template_name == (fs::temp_directory_path() / "shared/brief.json").string());
    CHECK(b.data_dirs == std::vector<std::string>{"/srv/data", dir + "/more"});
    CHECK(b.output_for(utc("2026-03-08T00:00Z")) == "/srv/out/b/2026-03-08.pdf");
    CHECK(l.config->jobs[2].template_name == "weekly");

    // A schedules file in the working directory keeps its paths as they are written.
    const fs::path here = fs::current_path();
    fs::current_path(dir);
    Diagnostics diags;
    const auto local = load_config("paths.json", diags);
    fs::current_path(here);
    REQUIRE(local);
    CHECK(local->jobs[0].project.empty());
    CHECK(local->jobs[0].data_dirs == std::vector<std::string>{"data"});
    CHECK(local->jobs[1].template_name == "../shared/brief.json");
}

TEST_CASE("schedules.json: the example at the project root is valid", "[schedule]") {
    Diagnostics diags;
    const auto config = load_config(std::string(TL_SOURCE_DIR) + "/schedules.json", diags);
    INFO((diags.empty() ? "" : format_text(diags.items()[0])));
    CHECK(config);
}

TEST_CASE("schedules.json: a bad cron expression points into the string", "[schedule]") {
    const auto l = load("cron.json", "{\"jobs\": [\n  {\"id\": \"a\", \"cron\": \"0 25 * * *\"}\n]}\n");
    const Diagnostic& d = only(l);
    CHECK(d.code == "cron-invalid");
    CHECK(d.pointer == "/jobs/0/cron");
    CHECK(d.pos.line == 2);
    CHECK(d.pos.column == 26);  // the "2" of 25
    CHECK(d.message == "cron \"0 25 * * *\": hour 25 is out of range 0-23");
}

TEST_CASE("schedules.json: unknown time zone, with the pointer of the setting", "[schedule]") {
    const auto l = load("tz.json", R"({"defaults": {"timezone": "Asia/Beijing"}, "jobs": [{"id": "a", "cron": "@daily"}]})");
    const Diagnostic& d = only(l);
    CHECK(d.code == "timezone-unknown");
    CHECK(d.pointer == "/defaults/timezone");
    CHECK(d.message == "unknown time zone \"Asia/Beijing\" (an IANA name such as Asia/Shanghai, Europe/London)");
}

TEST_CASE("schedules.json: schema problems", "[schedule]") {
    {
        const auto l = load("field.json", R"({"jobs": [{"id": "a", "cron": "@daily", "crom": "x"}]})");
        const Diagnostic& d = only(l);
        CHECK(d.code == "unknown-field");
        CHECK(d.pointer == "/jobs/0/crom");
        CHECK(d.pos.column == 41);
    }
    {
        const auto l = load("missing.json", R"({"jobs": [{"id": "a"}]})");
        const Diagnostic& d = only(l);
        CHECK(d.code == "missing-field");
        CHECK(d.pointer == "/jobs/0");
    }
    {
        const auto l = load("policy.json", R"({"jobs": [{"id": "a", "cron": "@daily", "catch_up": "some"}]})");
        const Diagnostic& d = only(l);
        CHECK(d.code == "value-not-allowed");
        CHECK(d.pointer == "/jobs/0/catch_up");
    }
    {
        const auto l = load("syntax.json", "{\"jobs\": [}");
        REQUIRE_FALSE(l.config);
        REQUIRE_FALSE(l.diags.empty());
        CHECK(l.diags.items()[0].pos.line == 1);
    }
}

TEST_CASE("schedules.json: duplicate ids", "[schedule]") {
    const auto l = load("dup.json", R"({"jobs": [{"id": "a", "cron": "@daily"}, {"id": "a", "cron": "@hourly"}]})");
    const Diagnostic& d = only(l);
    CHECK(d.code == "duplicate-id");
    CHECK(d.pointer == "/jobs/1/id");
    CHECK(d.message == "job id \"a\" is already used by /jobs/0");
}

TEST_CASE("schedules.json: output patterns", "[schedule]") {
    {
        const auto l = load("ph.json", R"({"jobs": [{"id": "a", "cron": "@daily", "output": "out/{date}.md"}]})");
        const Diagnostic& d = only(l);
        CHECK(d.code == "output-pattern");
        CHECK(d.pointer == "/jobs/0/output");
        CHECK(d.pos.column == 56);  // the "{"
        CHECK(d.message == "output \"out/{date}.md\": unknown placeholder {date} (use {job}, {slot:FORMAT}, {template}, "
                           "{format} or {lang})");
    }
    {
        // Hourly slots named by the day would overwrite each other.
        const auto l = load("collide.json", R"({"jobs": [{"id": "a", "cron": "@hourly"}]})");
        const Diagnostic& d = only(l);
        CHECK(d.code == "output-collision");
        CHECK(d.message == "output \"out/{job}/{slot:%Y-%m-%d}.{format}\" gives slots 2026-01-01 09:00 CST and "
                           "2026-01-01 10:00 CST the same file out/a/2026-01-01.pdf (add the time to {slot:…}, e.g. "
                           "{slot:%Y-%m-%d-%H%M})");
    }
    {
        const auto l = load("hourly.json",
                            R"({"jobs": [{"id": "a", "cron": "@hourly", "output": "out/{job}/{slot:%Y-%m-%d-%H%M}.md"}]})");
        CHECK(l.config);
    }
}

TEST_CASE("schedules.json: outputs stay inside the output root", "[schedule]") {
    const std::string root = (fs::temp_directory_path() / "timeline-schedule-config-test").string();
    struct Bad {
        std::string output;
        std::string why;
    };
    const std::string up = "leaves the output root " + root + " by \"..\"";
    for (const Bad& bad : {Bad{"../../x-{slot:%Y-%m-%d}.md", "(../../x-2026-01-02.md) " + up},
                           Bad{"/tmp/abs-{slot:%Y-%m-%d}.md",
                               "(/tmp/abs-2026-01-02.md) is an absolute path, not one inside the output root " + root},
                           Bad{"out/{slot:..}/{slot:%Y-%m-%d}.md", "(out/../2026-01-02.md) " + up},
                           Bad{"out/{slot:%Y/..}/{job}.md", "(out/2026/../a.md) " + up}}) {
        INFO(bad.output);
        const auto l = load("escape.json", R"({"jobs": [{"id": "a", "cron": "@daily", "output": ")" + bad.output + R"("}]})");
        const Diagnostic& d = only(l);
        CHECK(d.code == "output-outside-root");
        CHECK(d.pointer == "/jobs/0/output");
        CHECK(d.pos.column == 52);  // the first character of the pattern
        CHECK(d.message == "output \"" + bad.output + "\" " + bad.why +
                               ": write a path relative to it, or set \"allow_output_outside_root\": true");
    }
    {
        // Allowed explicitly (for one job, or in "defaults").
        const auto l = load("allowed.json", R"({"jobs": [
            {"id": "a", "cron": "@daily", "output": "/tmp/abs-{slot:%Y-%m-%d}.md", "allow_output_outside_root": true},
            {"id": "b", "cron": "@daily", "output": "../b-{slot:%Y-%m-%d}.md"}],
            "defaults": {"allow_output_outside_root": true}})");
        REQUIRE(l.config);
        CHECK(l.config->job("a")->output_for(utc("2026-03-08T00:00Z")) == "/tmp/abs-2026-03-08.md");
        CHECK(l.config->job("b")->output_for(utc("2026-03-08T00:00Z")) == fs::path(root).parent_path().string() + "/b-2026-03-08.md");
    }
    {
        // "output_root", relative to the file's directory.
        const auto l = load("rooted.json", R"({"output_root": "briefs", "jobs": [{"id": "a", "cron": "@daily"}]})");
        REQUIRE(l.config);
        CHECK(l.config->output_root == root + "/briefs");
        CHECK(l.config->job("a")->output_for(utc("2026-03-08T00:00Z")) == root + "/briefs/out/a/2026-03-08.pdf");
        const auto abs = load("rooted-abs.json", R"({"output_root": "/srv/briefs", "jobs": [{"id": "a", "cron": "@daily"}]})");
        REQUIRE(abs.config);
        CHECK(abs.config->job("a")->output_for(utc("2026-03-08T00:00Z")) == "/srv/briefs/out/a/2026-03-08.pdf");
    }
}

TEST_CASE("an output reaching outside the root through a symbolic link is refused when the slot runs", "[schedule]") {
    const fs::path dir = fs::temp_directory_path() / "timeline-schedule-symlink";
    fs::remove_all(dir);
    fs::create_directories(dir / "elsewhere");
    fs::create_directories(dir / "root");
    const auto file = (dir / "root" / "schedules.json").string();
    std::ofstream(file) << R"({"jobs": [{"id": "a", "cron": "@daily", "format": "md"}]})";
    Diagnostics diags;
    const auto config = load_config(file, diags);
    REQUIRE(config);
    const Job& job = config->jobs[0];
    const std::string out = job.output_for(utc("2026-03-08T00:00Z"));
    std::string why;
    CHECK(job.output_confined(out, why));  // root/out does not exist yet: inside
    fs::create_directory_symlink(dir / "elsewhere", dir / "root" / "out");
    CHECK_FALSE(job.output_confined(out, why));
    CHECK(why == "output " + out + " is " + (dir / "elsewhere" / "a" / "2026-03-08.md").string() +
                     " once symbolic links are followed, outside the output root " + (dir / "root").string() +
                     "; nothing written (set \"allow_output_outside_root\": true to allow it)");
    fs::remove_all(dir);
}

TEST_CASE("schedules.json: e-mail settings from defaults or the job, and the state", "[schedule]") {
    const auto l = load("email.json", R"({
  "state": "var/state",
  "defaults": {"email": {"to": ["Policy Desk <desk@example.org>"], "from": "briefs@example.org",
                         "server": "smtp://mail.example.org:587", "starttls": true, "user": "briefs",
                         "password_env": "TIMELINE_SMTP_PASSWORD"}},
  "jobs": [
    {"id": "a", "cron": "0 8 * * *"},
    {"id": "b", "cron": "0 8 * * *", "email": {"to": ["x@localhost"], "cc": ["y@example.org"], "from": "b@example.org",
                                               "server": "smtps://[::1]:465", "attach_limit_mb": 2.5}}
  ]
})");
    INFO((l.diags.empty() ? "" : format_text(l.diags.items()[0])));
    REQUIRE(l.config);
    CHECK(l.config->state == (fs::temp_directory_path() / "timeline-schedule-config-test/var/state").string());
    const EmailConfig& a = *l.config->jobs[0].email;
    CHECK(a.to == std::vector<std::string>{"Policy Desk <desk@example.org>"});
    CHECK(a.server == "smtp://mail.example.org:587");
    CHECK(a.starttls);
    CHECK(a.password_env == "TIMELINE_SMTP_PASSWORD");
    CHECK(a.attach_limit_mb == 10);
    const EmailConfig& b = *l.config->jobs[1].email;
    CHECK(b.server == "smtps://[::1]:465");
    CHECK_FALSE(b.starttls);
    CHECK(b.cc == std::vector<std::string>{"y@example.org"});
    CHECK(b.attach_limit_mb == 2.5);
}

TEST_CASE("schedules.json: a password in the e-mail settings is refused", "[schedule]") {
    const auto l = load("password.json", R"({"jobs": [{"id": "a", "cron": "0 8 * * *", "email": {"to": ["x@example.org"],
        "from": "b@example.org", "server": "smtp://mail.example.org:25", "user": "u", "password": "hunter2"}}]})");
    const Diagnostic& d = only(l);
    CHECK(d.code == "email-password");
    CHECK(d.pointer == "/jobs/0/email/password");
    CHECK(d.message.find("password_env") != std::string::npos);
}

TEST_CASE("schedules.json: a server without a port is refused", "[schedule]") {
    const auto l = load("server.json", R"({"jobs": [{"id": "a", "cron": "0 8 * * *", "email": {"to": ["x@example.org"],
        "from": "b@example.org", "server": "smtp://mail.example.org"}}]})");
    CHECK(only(l).code == "email-server");
}

TEST_CASE("the state: a directory or a PostgreSQL URL without a password", "[schedule]") {
    std::string why;
    const auto dir = parse_state_location(".timeline/schedule", why);
    REQUIRE(dir);
    CHECK(dir->kind == StateLocation::Kind::sqlite);
    CHECK(dir->database_file() == ".timeline/schedule/state.db");
    const auto url = parse_state_location("postgresql://timeline@db.example.org:5432/briefs?sslmode=require", why);
    REQUIRE(url);
    CHECK(url->kind == StateLocation::Kind::postgresql);
    CHECK_FALSE(parse_state_location("postgresql://timeline:secret@db.example.org:5432/briefs", why));
    CHECK(why == "the state URL postgresql://timeline:…@… carries a password: leave it out "
                 "(postgresql://USER@HOST:PORT/DB) and give it in PGPASSWORD or ~/.pgpass");
    CHECK_FALSE(parse_state_location("postgresql://timeline@db.example.org:5432", why));
    CHECK(why == "the state URL postgresql://timeline@db.example.org:5432 names no database: write "
                 "postgresql://USER@HOST:PORT/DB");
    CHECK_FALSE(parse_state_location("mysql://db/x", why));
}
