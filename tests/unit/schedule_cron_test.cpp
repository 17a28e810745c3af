// Unit tests of cron expressions (src/schedule/cron.h): syntax, names, macros, day
// matching, and the diagnostics of invalid expressions.
#include <string>

#include <catch2/catch.hpp>

#include "schedule/cron.h"

namespace {

using namespace timeline::schedule;
using namespace date;
using std::chrono::hours;
using std::chrono::minutes;

Cron cron(const std::string& text) {
    CronError error;
    auto c = Cron::parse(text, error);
    INFO(text << ": " << error.message);
    REQUIRE(c);
    return *c;
}

CronError error_of(const std::string& text) {
    CronError error;
    const auto c = Cron::parse(text, error);
    INFO(text);
    REQUIRE_FALSE(c);
    return error;
}

local_seconds at(int y, unsigned m, unsigned d, int h = 0, int mi = 0) {
    return local_days{year{y} / month{m} / day{d}} + hours{h} + minutes{mi};
}

}  // namespace

TEST_CASE("cron: steps, ranges and lists", "[schedule]") {
    const Cron c = cron("*/15 9-17 * * MON-FRI");
    CHECK(c.matches(at(2026, 3, 9, 9, 0)));     // Monday
    CHECK(c.matches(at(2026, 3, 9, 17, 45)));
    CHECK_FALSE(c.matches(at(2026, 3, 9, 18, 0)));
    CHECK_FALSE(c.matches(at(2026, 3, 9, 9, 10)));
    CHECK_FALSE(c.matches(at(2026, 3, 8, 10, 0)));  // Sunday
    const Cron lists = cron("0,30 8,20 1,15 * *");
    CHECK(lists.matches(at(2026, 4, 15, 20, 30)));
    CHECK_FALSE(lists.matches(at(2026, 4, 16, 20, 30)));
    const Cron stepped = cron("5/20 10-20/5 * * *");  // minutes 5,25,45; hours 10,15,20
    CHECK(stepped.matches(at(2026, 1, 1, 15, 45)));
    CHECK_FALSE(stepped.matches(at(2026, 1, 1, 11, 5)));
}

TEST_CASE("cron: month and weekday names in any case; 7 is Sunday", "[schedule]") {
    const Cron c = cron("30 7 * jan,Jul sun");
    CHECK(c.matches(at(2026, 1, 4, 7, 30)));   // Sunday 4 January
    CHECK_FALSE(c.matches(at(2026, 2, 1, 7, 30)));  // Sunday, February
    CHECK(cron("0 12 * * 7").matches(at(2026, 3, 8, 12, 0)));
    CHECK(cron("0 12 * * 0").matches(at(2026, 3, 8, 12, 0)));
    CHECK(cron("0 0 * * FRI-SUN").matches(at(2026, 3, 8)));  // names in a range
}

TEST_CASE("cron: macros", "[schedule]") {
    CHECK(cron("@hourly").next_match(at(2026, 1, 1, 10, 1)) == at(2026, 1, 1, 11, 0));
    CHECK(cron("@daily").next_match(at(2026, 1, 1, 10, 1)) == at(2026, 1, 2));
    CHECK(cron("@midnight").next_match(at(2026, 1, 1, 0, 0)) == at(2026, 1, 1));
    CHECK(cron("@weekly").next_match(at(2026, 1, 1)) == at(2026, 1, 4));  // Sunday
    CHECK(cron("@monthly").next_match(at(2026, 1, 2)) == at(2026, 2, 1));
    CHECK(cron("@yearly").next_match(at(2026, 1, 2)) == at(2027, 1, 1));
}

TEST_CASE("cron: day-of-month and day-of-week both restricted match either (Vixie cron)", "[schedule]") {
    const Cron c = cron("0 9 1 * MON");
    CHECK(c.matches(at(2026, 4, 1, 9)));  // Wednesday the 1st
    CHECK(c.matches(at(2026, 4, 6, 9)));  // a Monday
    CHECK_FALSE(c.matches(at(2026, 4, 7, 9)));
    const Cron star = cron("0 9 */2 * MON");  // "*/2" counts as unrestricted: both must match
    CHECK_FALSE(star.matches(at(2026, 4, 6, 9)));  // Monday the 6th (even day)
    CHECK(star.matches(at(2026, 4, 13, 9)));      // Monday the 13th
}

TEST_CASE("cron: next match across months and leap days", "[schedule]") {
    CHECK(cron("0 0 29 2 *").next_match(at(2026, 3, 1)) == at(2028, 2, 29));
    CHECK(cron("0 0 31 * *").next_match(at(2026, 4, 1)) == at(2026, 5, 31));
    CHECK(cron("59 23 * * *").next_match(at(2026, 12, 31, 23, 59)) == at(2026, 12, 31, 23, 59));
}

TEST_CASE("cron: invalid expressions say what and where", "[schedule]") {
    struct Case {
        const char* text;
        std::size_t offset;
        const char* message;
    };
    const Case cases[] = {
        {"60 * * * *", 0, "minute 60 is out of range 0-59"},
        {"0 24 * * *", 2, "hour 24 is out of range 0-23"},
        {"0 0 0 * *", 4, "day-of-month 0 is out of range 1-31"},
        {"0 0 * 13 *", 6, "month 13 is out of range 1-12"},
        {"0 0 * * 8", 8, "day-of-week 8 is out of range 0-7"},
        {"* * * *", 0, "expected 5 fields (minute hour day-of-month month day-of-week), found 4"},
        {"* * * * * *", 0, "expected 5 fields (minute hour day-of-month month day-of-week), found 6"},
        {"", 0, "expected 5 fields (minute hour day-of-month month day-of-week), found 0"},
        {"0 0 * * FOO", 8, "unknown day-of-week name \"FOO\" (use SUN,MON,TUE,WED,THU,FRI,SAT)"},
        {"0 0 * JANUARY *", 6, "unknown month name \"JANUARY\" (use JAN,FEB,MAR,APR,MAY,JUN,JUL,AUG,SEP,OCT,NOV,DEC)"},
        {"a * * * *", 0, "expected a number for minute, found \"a\""},
        {"5-2 * * * *", 0, "minute range 5-2 is reversed (5 > 2)"},
        {"*/0 * * * *", 2, "minute step 0 is out of range 1-60"},
        {"*/ * * * *", 2, "a step needs a number after \"/\" in minute \"*/\""},
        {"1,,2 * * * *", 2, "empty element in the minute list \"1,,2\""},
        {"0 9-x * * *", 4, "expected a number for hour, found \"x\""},
        {"1x * * * *", 1, "unexpected \"x\" in minute \"1x\""},
        {"0 0 30 2 *", 0, "\"0 0 30 2 *\" never matches a date (day-of-month 30 does not occur in month 2)"},
        {"@reboot", 0, "@reboot is not supported: a schedule names times, not start-ups"},
        {"@often", 0, "unknown macro \"@often\" (use @hourly, @daily, @midnight, @weekly, @monthly, @yearly or @annually)"},
    };
    for (const Case& c : cases) {
        const CronError e = error_of(c.text);
        INFO(c.text);
        CHECK(e.message == c.message);
        CHECK(e.offset == c.offset);
    }
}
