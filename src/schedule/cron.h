// Cron expressions: the five fields of crontab(5) (minute hour day-of-month month
// day-of-week) with lists, ranges, steps and month and weekday names, plus the macros
// @hourly, @daily (@midnight), @weekly, @monthly and @yearly (@annually).
//
// Day matching follows Vixie cron: when both day-of-month and day-of-week are restricted
// (neither starts with '*'), a day matches if either field matches; otherwise both must.
#pragma once

#include <bitset>
#include <optional>
#include <string>
#include <string_view>

#include <date/date.h>

namespace timeline::schedule {

// A problem in an expression; `offset` is the byte offset in the expression text where the
// offending part starts (so a caller can point at it).
struct CronError {
    std::size_t offset = 0;
    std::string message;
};

class Cron {
public:
    // Parses an expression; returns nullopt and fills `error` when it is not valid.
    static std::optional<Cron> parse(std::string_view text, CronError& error);

    // Whether the local minute `t` (seconds ignored) matches.
    bool matches(date::local_seconds t) const;

    // The first matching local minute at or after `t` (rounded up to a whole minute), or
    // nullopt if none comes within `horizon_years` (e.g. "0 0 30 2 *" never matches).
    std::optional<date::local_seconds> next_match(date::local_seconds t, int horizon_years = 9) const;

    const std::string& text() const { return text_; }

private:
    bool day_matches(date::year_month_day ymd, date::weekday wd) const;

    std::string text_;
    std::bitset<60> minutes_;
    std::bitset<24> hours_;
    std::bitset<32> days_;     // 1..31
    std::bitset<13> months_;   // 1..12
    std::bitset<7> weekdays_;  // 0 = Sunday
    bool days_star_ = true;
    bool weekdays_star_ = true;
};

}  // namespace timeline::schedule
