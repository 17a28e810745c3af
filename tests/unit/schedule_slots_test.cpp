// Unit tests of slots in time zones (src/schedule/slots.h): the daylight-saving changes of
// America/New_York and Europe/London in 2026, and Asia/Shanghai (no DST).
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "schedule/slots.h"

namespace {

using namespace timeline::schedule;
using namespace date;

Cron cron(const std::string& text) {
    CronError error;
    auto c = Cron::parse(text, error);
    REQUIRE(c);
    return *c;
}

const time_zone& zone(const std::string& name) {
    const time_zone* z = find_zone(name);
    REQUIRE(z);
    return *z;
}

Instant utc(const std::string& text) {
    const auto t = parse_time(text, zone("UTC"));
    REQUIRE(t);
    return *t;
}

// The UTC times of the slots after `from`, up to and including `to`.
std::vector<std::string> slots(const std::string& expr, const std::string& tz, const std::string& from, const std::string& to) {
    const Cron c = cron(expr);
    std::vector<std::string> out;
    for (auto s = next_slot(c, zone(tz), utc(from)); s && s->at <= utc(to); s = next_slot(c, zone(tz), s->at))
        out.push_back(format_utc(s->at));
    return out;
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("New York, spring forward: a daily 02:30 runs at 03:00 EDT on the day it does not exist", "[schedule]") {
    // 8 March 2026: 02:00 EST becomes 03:00 EDT.
    CHECK(slots("30 2 * * *", "America/New_York", "2026-03-06T12:00Z", "2026-03-10T12:00Z") ==
          V{"2026-03-07T07:30:00Z", "2026-03-08T07:00:00Z", "2026-03-09T06:30:00Z", "2026-03-10T06:30:00Z"});
    const auto s = next_slot(cron("30 2 * * *"), zone("America/New_York"), utc("2026-03-07T12:00Z"));
    REQUIRE(s);
    CHECK(s->kind == SlotKind::shifted);
    CHECK(format_local(zone("America/New_York"), s->at) == "2026-03-08T03:00:00-04:00");
}

TEST_CASE("New York, spring forward: hourly and half-hourly slots in the gap merge into one", "[schedule]") {
    CHECK(slots("0 * * * *", "America/New_York", "2026-03-08T05:30Z", "2026-03-08T08:00Z") ==
          V{"2026-03-08T06:00:00Z", "2026-03-08T07:00:00Z", "2026-03-08T08:00:00Z"});
    CHECK(slots("*/30 * * * *", "America/New_York", "2026-03-08T06:00Z", "2026-03-08T08:00Z") ==
          V{"2026-03-08T06:30:00Z", "2026-03-08T07:00:00Z", "2026-03-08T07:30:00Z", "2026-03-08T08:00:00Z"});
}

TEST_CASE("New York, fall back: a repeated 01:30 runs once, at its first occurrence (EDT)", "[schedule]") {
    // 1 November 2026: 02:00 EDT becomes 01:00 EST; 01:00-01:59 happen twice.
    CHECK(slots("30 1 * * *", "America/New_York", "2026-10-31T00:00Z", "2026-11-02T12:00Z") ==
          V{"2026-10-31T05:30:00Z", "2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z"});
    CHECK(slots("0 * * * *", "America/New_York", "2026-11-01T03:30Z", "2026-11-01T08:00Z") ==
          V{"2026-11-01T04:00:00Z", "2026-11-01T05:00:00Z", "2026-11-01T07:00:00Z", "2026-11-01T08:00:00Z"});
    const auto s = next_slot(cron("30 1 * * *"), zone("America/New_York"), utc("2026-10-31T12:00Z"));
    REQUIRE(s);
    CHECK(s->kind == SlotKind::repeated);
    CHECK(format_local(zone("America/New_York"), s->at) == "2026-11-01T01:30:00-04:00");
}

TEST_CASE("New York: a slot outside the changed hour keeps its wall-clock time on both sides", "[schedule]") {
    CHECK(slots("0 8 * * *", "America/New_York", "2026-03-07T00:00Z", "2026-03-09T23:00Z") ==
          V{"2026-03-07T13:00:00Z", "2026-03-08T12:00:00Z", "2026-03-09T12:00:00Z"});
    CHECK(slots("0 8 * * *", "America/New_York", "2026-10-31T00:00Z", "2026-11-02T23:00Z") ==
          V{"2026-10-31T12:00:00Z", "2026-11-01T13:00:00Z", "2026-11-02T13:00:00Z"});
}

TEST_CASE("London: 01:30 in the spring gap runs at 02:00 BST; in autumn once, in BST", "[schedule]") {
    // 29 March 2026: 01:00 GMT becomes 02:00 BST. 25 October 2026: 02:00 BST becomes 01:00 GMT.
    CHECK(slots("30 1 * * *", "Europe/London", "2026-03-27T12:00Z", "2026-03-30T12:00Z") ==
          V{"2026-03-28T01:30:00Z", "2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z"});
    CHECK(slots("30 1 * * *", "Europe/London", "2026-10-24T12:00Z", "2026-10-26T12:00Z") ==
          V{"2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z"});
    CHECK(format_local_short(zone("Europe/London"), utc("2026-03-29T01:00Z")) == "2026-03-29 02:00 BST");
    CHECK(slots("15 * * * *", "Europe/London", "2026-10-24T23:30Z", "2026-10-25T03:00Z") ==
          V{"2026-10-25T00:15:00Z", "2026-10-25T02:15:00Z"});  // 01:15 GMT (01:15Z) repeats 01:15 BST
}

TEST_CASE("Shanghai: no daylight saving; 08:00 CST is 00:00 UTC every day of the year", "[schedule]") {
    const Cron c = cron("0 8 * * *");
    const time_zone& z = zone("Asia/Shanghai");
    auto s = next_slot(c, z, utc("2025-12-31T12:00Z"));
    int n = 0;
    for (; s && s->at < utc("2027-01-01T00:00Z"); s = next_slot(c, z, s->at), ++n) {
        INFO(format_utc(s->at));
        CHECK(format_utc(s->at).substr(10) == "T00:00:00Z");
        CHECK(s->kind == SlotKind::exact);
    }
    CHECK(n == 365);
    CHECK(format_local(z, utc("2026-06-01T00:00Z")) == "2026-06-01T08:00:00+08:00");
}

TEST_CASE("slot at or before an instant", "[schedule]") {
    const auto s = slot_at_or_before(cron("0 8 * * *"), zone("Asia/Shanghai"), utc("2026-03-05T03:00Z"));
    REQUIRE(s);
    CHECK(format_utc(s->at) == "2026-03-05T00:00:00Z");
    const auto same = slot_at_or_before(cron("0 8 * * *"), zone("Asia/Shanghai"), utc("2026-03-05T00:00Z"));
    REQUIRE(same);
    CHECK(format_utc(same->at) == "2026-03-05T00:00:00Z");
    const auto minute = slot_at_or_before(cron("* * * * *"), zone("Asia/Shanghai"), utc("2026-03-05T03:00:59Z"));
    REQUIRE(minute);
    CHECK(format_utc(minute->at) == "2026-03-05T03:00:00Z");
    const auto yearly = slot_at_or_before(cron("@yearly"), zone("Asia/Shanghai"), utc("2026-12-31T00:00Z"));
    REQUIRE(yearly);
    CHECK(format_utc(yearly->at) == "2025-12-31T16:00:00Z");
}

TEST_CASE("times on the command line", "[schedule]") {
    const time_zone& ny = zone("America/New_York");
    CHECK(format_utc(*parse_time("2026-03-08T07:00:00Z", ny)) == "2026-03-08T07:00:00Z");
    CHECK(format_utc(*parse_time("2026-03-08T15:00+08:00", ny)) == "2026-03-08T07:00:00Z");
    CHECK(format_utc(*parse_time("2026-03-07 10:00", ny)) == "2026-03-07T15:00:00Z");
    CHECK(format_utc(*parse_time("2026-03-08T02:30", ny)) == "2026-03-08T07:00:00Z");  // in the gap
    CHECK(format_utc(*parse_time("2026-11-01T01:30", ny)) == "2026-11-01T05:30:00Z");  // first of two
    CHECK(format_utc(*parse_time("2026-03-07", ny)) == "2026-03-07T05:00:00Z");
    CHECK_FALSE(parse_time("2026-02-30", ny));
    CHECK_FALSE(parse_time("2026-03-07T25:00", ny));
    CHECK_FALSE(parse_time("yesterday", ny));
    CHECK_FALSE(parse_time("2026-03-07T10:00+8", ny));
}
