// The time axis of a timeline: days as numbers, axis segments with breaks over long empty
// gaps, and ticks whose unit adapts to the room a period gets (months … centuries), with
// labels in Chinese and English ("4月" / "Apr", "2018年" / "2018").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <date/date.h>

#include "draw/setter.h"
#include "model/template.h"

namespace timeline::graphics::axis {

// Days since 1970-01-01, the axis' unit.
int day_number(date::sys_days day);

// The mean length of a month in days, and floor division (for negative month indices too).
inline constexpr double kDaysPerMonth = 30.436875;
constexpr int floor_div(int a, int b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }
// Month index (year × 12 + month − 1) of a day, and the first day of a month index.
int month_index(int day);
int month_start(int month_index);

// Tick units as a step in months: a month, a quarter, a half-year, a year, 2, 5, 10, 20,
// 50 and 100 years.
enum class Unit { month = 1, quarter = 3, half = 6, year = 12, years2 = 24, years5 = 60, decade = 120,
                  decades2 = 240, decades5 = 600, century = 1200 };
inline int months(Unit u) { return static_cast<int>(u); }
const char* unit_name(Unit u);

// Label of the period of `unit` that starts at month index `m` (sub-year units: "4月" / "Apr",
// "二季度" / "Q2", "上半年" / "H1"; a year or more: the year, "2018年" / "2018").
std::string period_label(int m, Unit unit, Lang lang);
// A year in the year tier above sub-year labels: "2018年" / "2018".
std::string year_label(int year, Lang lang);

// Start and end (exclusive) of a stretch of days snapped outward to whole periods of `unit`.
int floor_to(int day, Unit unit);
int ceil_to(int day_exclusive, Unit unit);

// One label of the axis, centred at x (period labels on their period, labels of multi-year
// units on their tick): its lines in display order (zh over en in `bi`).
struct TickLabel {
    double x = 0;
    std::vector<std::string> lines;
    bool year_tier = false;  // the upper tier (years above months, quarters, halves)
};

// The ticks of one axis segment [first_day, end_day) drawn from x0 to x1.
struct SegmentTicks {
    Unit unit = Unit::year;
    std::vector<double> ticks;      // x of period boundaries inside the segment
    std::vector<TickLabel> labels;  // not yet checked against neighbours
};

// The widest label of each unit in the languages of `mode`, measured once per timeline.
// In `bi` a sub-year label shows both languages (two lines); a year is written once as its
// numeral ("2018"), which reads the same in both.
struct LabelWidths {
    LangMode mode = LangMode::bi;
    double of[10] = {};  // by index in kUnits
};
LabelWidths label_widths(LangMode mode, draw::Setter& setter, const draw::TextStyle& ts);

inline constexpr Unit kUnits[10] = {Unit::month,  Unit::quarter, Unit::half,     Unit::year,     Unit::years2,
                                    Unit::years5, Unit::decade,  Unit::decades2, Unit::decades5, Unit::century};

// The finest unit whose labels fit the room one period gets on a segment of `width` points
// for days [first_day, end_day) (labels at least 5 pt apart). With `preferred` (the unit of
// the box before), that unit when it is coarser and the segment spans at least two of its
// periods, so that continued boxes keep their ticks.
Unit choose_unit(int first_day, int end_day, double width, const LabelWidths& widths,
                 std::optional<Unit> preferred = std::nullopt);

// The ticks and labels of a segment in the chosen unit.
SegmentTicks segment_ticks(int first_day, int end_day, double x0, double x1, const LabelWidths& widths);
// The ticks and labels of a segment in a given unit, labelled for `mode`.
SegmentTicks segment_ticks(int first_day, int end_day, double x0, double x1, Unit unit, LangMode mode);

// A piece of the axis: days [first, end) drawn from x0 to x1.
struct Segment {
    int first = 0;
    int end = 0;
    double x0 = 0;
    double x1 = 0;
    Unit unit = Unit::year;  // of its ticks, once chosen
    double x(double day) const { return x0 + (day - first) / static_cast<double>(end - first) * (x1 - x0); }
};

// A span of days [first, end) that something covers.
struct Span {
    int first = 0;
    int end = 0;
    double count = 1;  // how many things it stands for (spans alike may come as one)
};

// Splits the covered spans into axis segments across [x0, x1]: a gap longer than a fifth of
// the whole range (and at least `min_gap_days`) becomes a break of `break_width` points;
// every segment gets room in proportion to its length, but at least a tenth of the total, and
// its ends are snapped to the unit its ticks will use.
std::vector<Segment> make_segments(std::vector<Span> spans, double x0, double x1, double break_width,
                                   const LabelWidths& widths, int min_gap_days = 3 * 365);

}  // namespace timeline::graphics::axis
