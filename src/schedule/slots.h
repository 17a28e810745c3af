// Slots: the instants at which a job fires, computed in the job's IANA time zone with the
// system tz database (Howard Hinnant's date/tz, tzdata).
//
// A slot is named by the cron expression in local (wall-clock) time. Rule for the days a
// zone changes its offset (docs/scheduling.md, "Daylight saving"):
//   * a local time that does not exist (skipped by a spring-forward gap) fires once, at the
//     first valid instant after the gap (the moment of the change);
//   * a local time that occurs twice (fall-back) fires once, at its first occurrence;
//   * several local times that land on the same instant fire once.
// The mapping local -> instant is then non-decreasing, so slots are found in order.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include <date/date.h>
#include <date/tz.h>

#include "schedule/cron.h"

namespace timeline::schedule {

using Instant = date::sys_seconds;

enum class SlotKind {
    exact,    // the local time exists once
    shifted,  // the local time fell into a gap; fires at the end of the gap
    repeated  // the local time occurs twice; fires at the first occurrence
};

struct Slot {
    Instant at{};                 // when it fires (UTC)
    date::local_seconds local{};  // the local time named by the expression
    SlotKind kind = SlotKind::exact;
};

// The instant a local time stands for, by the rule above.
Slot resolve_local(const date::time_zone& zone, date::local_seconds local);

// The first slot strictly after `after`, or nullopt if the expression never fires again.
std::optional<Slot> next_slot(const Cron& cron, const date::time_zone& zone, Instant after);

// The last slot at or before `at`, or nullopt if none within a year and a day.
std::optional<Slot> slot_at_or_before(const Cron& cron, const date::time_zone& zone, Instant at);

// The zone of an IANA name, or nullptr if the tz database does not know it.
const date::time_zone* find_zone(const std::string& name);

// "2026-03-08T07:00:00Z"
std::string format_utc(Instant t);
// "2026-03-08T03:00:00-04:00" (the wall clock of `t` in `zone`, with its offset)
std::string format_local(const date::time_zone& zone, Instant t);
// "2026-03-08 03:00 EDT" (for people)
std::string format_local_short(const date::time_zone& zone, Instant t);
// strftime-like formatting (date::format) of `t` as wall-clock time in `zone`.
std::string format_in_zone(const date::time_zone& zone, Instant t, const std::string& fmt);

// Parses a time given on the command line: "2026-03-08T07:00:00Z", "2026-03-08T15:00+08:00",
// "2026-03-08T15:00" or "2026-03-08 15:00" (wall clock in `zone`, resolved by the rule
// above) or "2026-03-08" (local midnight). Seconds are optional. nullopt if malformed.
std::optional<Instant> parse_time(std::string_view text, const date::time_zone& zone);

}  // namespace timeline::schedule
