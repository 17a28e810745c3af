// Partial dates (PRODUCT §1.2, docs/data-format.md "Dates"), after ISO 8601-2 / EDTF.
// A date denotes the whole span of its precision: `2002-04` is 1–30 April 2002.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <date/date.h>

namespace timeline {

enum class Precision { day, month, quarter, half, year, decade };  // finest first

// Years that dates may have (four digits, no year zero).
inline constexpr int min_year = 1;
inline constexpr int max_year = 9999;

// True when `a` is a finer precision than `b` (day is the finest, decade the coarsest).
constexpr bool finer(Precision a, Precision b) { return static_cast<int>(a) < static_cast<int>(b); }

const char* precision_name(Precision p);  // "day", "month", "quarter", "half", "year", "decade"
std::optional<Precision> precision_from_name(std::string_view name);

// One period of some precision: a day, a month, a quarter, a half-year, a year or a decade,
// with its EDTF qualifiers.
struct Period {
    Precision precision = Precision::year;
    date::sys_days first{};  // first day of the span
    date::sys_days last{};   // last day of the span (inclusive)
    bool approximate = false;  // '~'
    bool uncertain = false;    // '?'   ('%' sets both)

    // The period of `precision` containing `day`.
    static Period containing(date::sys_days day, Precision precision);
    // Canonical text: "2019", "2019-05", "2019-05-24", "2019-H1", "2019-Q3", "1980s", plus qualifier.
    std::string iso() const;
    int year() const;  // calendar year of `first`

    friend bool operator==(const Period&, const Period&) = default;
};

// What a `date` field holds: a single period, or an interval whose ends are periods
// (either end may be open). A single period is kept as start == end.
struct When {
    std::optional<Period> start;  // nullopt: open start ("../2019")
    std::optional<Period> end;    // nullopt: open end ("2019-05/..")
    bool interval = false;        // written with '/'
    bool derived = false;         // resolved from a relative date

    // Span in days; open ends are reported as nullopt.
    std::optional<date::sys_days> first_day() const;
    std::optional<date::sys_days> last_day() const;
    // Precision of the start (or of the end when the start is open).
    Precision precision() const;
    bool approximate() const;
    bool uncertain() const;
    // Canonical text as accepted by parse_when: "2019", "2019/2021", "2019-05/..", "../2019-H1".
    std::string iso() const;

    static When single(Period p);

    friend bool operator==(const When&, const When&) = default;  // compares `derived` too
};

// Parses a date string. On failure returns nullopt and sets `error` to a message that
// quotes the input and says what is wrong, e.g. "\"2018-13\" is not a valid date (month 13)".
// An interval's end may not begin before its start begins (start.first <= end.first, hence
// also start.first <= end.last): "2019/2019-06" and "2019-01/2019" are valid, "2019-06/2019"
// and "2019/2018" are not. Success allocates nothing.
std::optional<When> parse_when(std::string_view text, std::string& error);

// For a date string parse_when rejects, what it was most likely meant to be, as the tail of
// its message: `; did you mean "2021-03-05"?` for 2021/3/5, 2021.3.5, 2021-3-5, 2021年3月5日,
// full-width digits, stray spaces or "May 2019"; both readings of an ambiguous 3/5/2021; the
// date of a spreadsheet's serial day number (44256). "" when nothing fits. parse_when
// appends it to its own message.
std::string when_hint(std::string_view text);

// A signed ISO 8601 duration with years, months and days: "-P6Y", "P2Y6M", "P10D", "P0Y".
struct Offset {
    int years = 0;
    int months = 0;
    int days = 0;
    bool negative = false;

    // Canonical text as accepted by parse_offset: "-P6Y", "P2Y6M", "P10D"; zero is "P0Y".
    std::string iso() const;
};
std::optional<Offset> parse_offset(std::string_view text, std::string& error);

// Resolves {"relative_to": "source", "offset", "precision"}: moves the anchor's first day
// by the offset and takes the period of `precision` containing the result. Fails (error
// set) when `precision` is finer than the anchor's precision or the anchor has open ends.
// Years and months move first (the day is clamped to the end of a shorter month), then
// days. The result is a single period with derived = true; it is approximate when
// `approximate` is set or the anchor is approximate, and uncertain when the anchor is.
// A result outside the years 0001–9999 is an error.
std::optional<When> resolve_relative(const When& anchor, const Offset& offset, Precision precision,
                                     bool approximate, std::string& error);

// Total order used everywhere dates are sorted (timelines, tables, series):
// by first day (open start first), then by last day (open end last), then finer
// precision first, then uncertain/approximate after exact, then canonical text.
// In detail: precision is When::precision(), day < month < quarter < half < year < decade;
// qualifiers rank exact < approximate (~) < uncertain (?) < both (%), over both ends;
// canonical text is When::iso() compared byte-wise ("2019" < "2019/2019").
// `derived` is not part of the order. Returns -1, 0 or 1; never allocates.
int compare(const When& a, const When& b);
inline bool operator<(const When& a, const When& b) { return compare(a, b) < 0; }

// True when the spans share at least one day (open ends extend to infinity).
bool overlaps(const When& a, const When& b);

}  // namespace timeline
