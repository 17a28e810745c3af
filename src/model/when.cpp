// Partial dates: a hand-written scanner for the date forms of docs/data-format.md "Dates",
// canonical text, relative dates and the ordering used everywhere dates are sorted.
//
// parse_when runs once per record (100,000 and more), so the success path allocates
// nothing: it scans the text once and fills a When in place. Messages are only built
// when something is wrong.
#include "model/when.h"

#include <cstddef>
#include <cstdio>

namespace timeline {

namespace {

using date::sys_days;
using date::year_month_day;

// ---------------------------------------------------------------------------------------
// Small helpers

constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }

constexpr bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

constexpr bool is_qualifier(char c) { return c == '~' || c == '?' || c == '%'; }

// Length of the run of ASCII digits starting at `pos`.
std::size_t digit_run(std::string_view s, std::size_t pos) {
    std::size_t end = pos;
    while (end < s.size() && is_digit(s[end])) ++end;
    return end - pos;
}

// Value of a run of at most nine digits (callers bound the length first).
int digits_value(std::string_view s) {
    int v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
}

// Appends `s` in double quotes, escaping quotes, backslashes and control characters.
// Long text is cut (on a UTF-8 boundary) so that a message stays one readable line.
void append_quoted(std::string& out, std::string_view s) {
    constexpr std::size_t limit = 64;
    std::size_t n = s.size();
    bool cut = false;
    if (n > limit) {
        n = limit;
        while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
        cut = true;
    }
    out += '"';
    for (std::size_t i = 0; i < n; ++i) {
        const char c = s[i];
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c == '\r') {
            out += "\\r";
        } else if (u < 0x20 || u == 0x7F) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02X", static_cast<unsigned>(u));
            out += buf;
        } else {
            out += c;
        }
    }
    if (cut) out += "...";
    out += '"';
}

std::string quoted(std::string_view s) {
    std::string out;
    append_quoted(out, s);
    return out;
}

// Writes `v` with at least `width` digits (zero-padded, sign first). Returns the length.
std::size_t write_int(char* out, int v, int width) {
    char tmp[16];
    std::size_t n = 0;
    const bool neg = v < 0;
    unsigned u = neg ? 0u - static_cast<unsigned>(v) : static_cast<unsigned>(v);
    do {
        tmp[n++] = static_cast<char>('0' + u % 10);
        u /= 10;
    } while (u != 0);
    while (n < static_cast<std::size_t>(width)) tmp[n++] = '0';
    std::size_t len = 0;
    if (neg) out[len++] = '-';
    while (n > 0) out[len++] = tmp[--n];
    return len;
}

std::string int_text(int v, int width) {
    char buf[16];
    return std::string(buf, write_int(buf, v, width));
}

// Longest period text: a signed five-digit year (only reachable through containing() with
// a day far outside 0001–9999), "-MM-DD" and a qualifier: "-32767-12-31%" is 13 chars.
constexpr std::size_t period_buf = 16;
constexpr std::size_t when_buf = 2 * period_buf + 1;

std::size_t write_period(const Period& p, char* out) {
    const year_month_day ymd{p.first};
    const int y = static_cast<int>(ymd.year());
    const unsigned m = static_cast<unsigned>(ymd.month());
    std::size_t n = write_int(out, y, 4);
    switch (p.precision) {
        case Precision::day:
            out[n++] = '-';
            n += write_int(out + n, static_cast<int>(m), 2);
            out[n++] = '-';
            n += write_int(out + n, static_cast<int>(static_cast<unsigned>(ymd.day())), 2);
            break;
        case Precision::month:
            out[n++] = '-';
            n += write_int(out + n, static_cast<int>(m), 2);
            break;
        case Precision::quarter:
            out[n++] = '-';
            out[n++] = 'Q';
            out[n++] = static_cast<char>('1' + (m - 1) / 3);
            break;
        case Precision::half:
            out[n++] = '-';
            out[n++] = 'H';
            out[n++] = static_cast<char>('1' + (m - 1) / 6);
            break;
        case Precision::year:
            break;
        case Precision::decade:
            out[n++] = 's';
            break;
    }
    if (p.approximate && p.uncertain)
        out[n++] = '%';
    else if (p.approximate)
        out[n++] = '~';
    else if (p.uncertain)
        out[n++] = '?';
    return n;
}

std::size_t write_when(const When& w, char* out) {
    if (!w.interval) {
        if (w.start) return write_period(*w.start, out);
        if (w.end) return write_period(*w.end, out);
        return 0;
    }
    std::size_t n = 0;
    if (w.start) {
        n += write_period(*w.start, out);
    } else {
        out[n++] = '.';
        out[n++] = '.';
    }
    out[n++] = '/';
    if (w.end) {
        n += write_period(*w.end, out + n);
    } else {
        out[n++] = '.';
        out[n++] = '.';
    }
    return n;
}

constexpr const char* month_names[] = {"January", "February", "March",     "April",
                                       "May",     "June",     "July",      "August",
                                       "September", "October", "November", "December"};

unsigned days_in_month(int y, unsigned m) {
    const date::year_month_day_last ymdl{date::year{y}, date::month_day_last{date::month{m}}};
    return static_cast<unsigned>(ymdl.day());
}

Period period_of(Precision precision, int y, unsigned m, unsigned d) {
    return Period::containing(sys_days{date::year{y} / date::month{m} / date::day{d}},
                              precision);
}

// The decade starting in year `y` (a multiple of 10); year 0000 does not exist.
bool set_decade(int y, Period& out, std::string& why) {
    if (y == 0) {
        why = "decade 0000s includes year 0000; years are 0001–9999";
        return false;
    }
    out.precision = Precision::decade;
    out.first = sys_days{date::year{y} / 1 / 1};
    out.last = sys_days{date::year{y + 9} / 12 / 31};
    return true;
}

// ---------------------------------------------------------------------------------------
// The scanner for one period. On failure returns false and sets `why` to the reason
// (without the quoted input, which the caller adds).

bool parse_period(std::string_view s, Period& out, std::string& why) {
    const std::size_t n = s.size();
    if (n == 0) {
        why = "empty";
        return false;
    }

    // Year: four digits, or three digits and X (EDTF decade).
    const std::size_t nd = digit_run(s, 0);
    int y = 0;
    std::size_t pos = 0;
    if (nd < 4 && nd < n && s[nd] == 'X') {
        if (nd != 3) {
            why = "only the last digit of a year may be X, meaning a decade, e.g. 198X";
            return false;
        }
        y = digits_value(s.substr(0, 3)) * 10;
        if (!set_decade(y, out, why)) return false;
        pos = 4;
    } else if (nd == 0) {
        if (s.size() >= 2 && (s[0] == '-' || s[0] == '+') && is_digit(s[1]))
            why = "years have four digits without a sign, 0001–9999";
        else if (s == "..")
            why = "\"..\" marks an open end and is only allowed in an interval, e.g. 2019/..";
        else if (s.substr(0, 2) == "..")
            why = "unexpected " + quoted(s.substr(2)) + " after \"..\"";
        else
            why = "expected a four-digit year";
        return false;
    } else if (nd != 4) {
        why = "year must have four digits";
        return false;
    } else {
        y = digits_value(s.substr(0, 4));
        pos = 4;
        if (pos < n && s[pos] == 's') {
            if (y % 10 != 0) {
                why = "a decade starts at a year ending in 0, e.g. 1980s";
                return false;
            }
            if (!set_decade(y, out, why)) return false;
            pos = 5;
        } else if (y == 0) {
            why = "year 0000; years are 0001–9999";
            return false;
        } else if (pos < n && s[pos] == '-') {
            // Month, half, quarter or their EDTF codes.
            const std::size_t p = pos + 1;
            if (p == n || !(is_digit(s[p]) || s[p] == 'H' || s[p] == 'Q')) {
                why = "expected a month, H1–H2 or Q1–Q4 after " + quoted(s.substr(0, p));
                return false;
            }
            if (s[p] == 'H' || s[p] == 'Q') {
                const bool half = s[p] == 'H';
                const std::size_t r = digit_run(s, p + 1);
                if (r == 0) {
                    why = half ? "expected 1 or 2 after H; halves are H1–H2"
                               : "expected 1–4 after Q; quarters are Q1–Q4";
                    return false;
                }
                const int v = r == 1 ? s[p + 1] - '0' : -1;
                if (half ? (v < 1 || v > 2) : (v < 1 || v > 4)) {
                    const std::string_view written = s.substr(p + 1, r);
                    why = half ? "half " : "quarter ";
                    why += written;
                    why += half ? "; halves are H1–H2" : "; quarters are Q1–Q4";
                    return false;
                }
                out = half ? period_of(Precision::half, y, static_cast<unsigned>(6 * v - 5), 1)
                           : period_of(Precision::quarter, y, static_cast<unsigned>(3 * v - 2), 1);
                pos = p + 2;
            } else {
                const std::size_t r = digit_run(s, p);
                if (r != 2) {
                    why = "month must have two digits";
                    return false;
                }
                const int v = digits_value(s.substr(p, 2));
                pos = p + 2;
                if (v >= 1 && v <= 12) {
                    const auto m = static_cast<unsigned>(v);
                    if (pos < n && s[pos] == '-') {
                        const std::size_t q = pos + 1;
                        const std::size_t rd = digit_run(s, q);
                        if (rd == 0) {
                            why = "expected a two-digit day after " + quoted(s.substr(0, q));
                            return false;
                        }
                        if (rd != 2) {
                            why = "day must have two digits";
                            return false;
                        }
                        const int d = digits_value(s.substr(q, 2));
                        const unsigned dim = days_in_month(y, m);
                        if (d == 0) {
                            why = "day 0";
                            return false;
                        }
                        if (static_cast<unsigned>(d) > dim) {
                            why = month_names[m - 1];
                            why += ' ';
                            why += s.substr(0, 4);
                            why += " has ";
                            why += int_text(static_cast<int>(dim), 1);
                            why += " days";
                            return false;
                        }
                        out = period_of(Precision::day, y, m, static_cast<unsigned>(d));
                        pos = q + 2;
                    } else {
                        out = period_of(Precision::month, y, m, 1);
                    }
                } else if (v >= 33 && v <= 36) {  // EDTF quarters
                    out = period_of(Precision::quarter, y, static_cast<unsigned>(3 * (v - 33) + 1), 1);
                } else if (v == 40 || v == 41) {  // EDTF halves
                    out = period_of(Precision::half, y, static_cast<unsigned>(6 * (v - 40) + 1), 1);
                } else if (v >= 21 && v <= 24) {
                    why = "month " + int_text(v, 1) + "; EDTF seasons 21–24 are not supported";
                    return false;
                } else {
                    why = "month " + int_text(v, 1);
                    return false;
                }
            }
        } else {
            out = period_of(Precision::year, y, 1, 1);
        }
    }

    // One optional qualifier, then nothing.
    out.approximate = false;
    out.uncertain = false;
    if (pos < n && is_qualifier(s[pos])) {
        out.approximate = s[pos] == '~' || s[pos] == '%';
        out.uncertain = s[pos] == '?' || s[pos] == '%';
        ++pos;
        if (pos < n && is_qualifier(s[pos])) {
            why = "more than one qualifier; use % for approximate and uncertain";
            return false;
        }
    }
    if (pos < n) {
        why = "unexpected " + quoted(s.substr(pos)) + " after " + quoted(s.substr(0, pos));
        return false;
    }
    return true;
}

}  // namespace

// -------------------------------------------------------------------------------------------
// Precision

const char* precision_name(Precision p) {
    switch (p) {
        case Precision::day: return "day";
        case Precision::month: return "month";
        case Precision::quarter: return "quarter";
        case Precision::half: return "half";
        case Precision::year: return "year";
        case Precision::decade: return "decade";
    }
    return "?";
}

std::optional<Precision> precision_from_name(std::string_view name) {
    if (name == "day") return Precision::day;
    if (name == "month") return Precision::month;
    if (name == "quarter") return Precision::quarter;
    if (name == "half") return Precision::half;
    if (name == "year") return Precision::year;
    if (name == "decade") return Precision::decade;
    return std::nullopt;
}

// -------------------------------------------------------------------------------------------
// Period

Period Period::containing(date::sys_days day, Precision precision) {
    const year_month_day ymd{day};
    const date::year y = ymd.year();
    const unsigned m = static_cast<unsigned>(ymd.month());
    Period p;
    p.precision = precision;
    switch (precision) {
        case Precision::day:
            p.first = day;
            p.last = day;
            break;
        case Precision::month:
            p.first = sys_days{y / ymd.month() / 1};
            p.last = sys_days{y / ymd.month() / date::last};
            break;
        case Precision::quarter: {
            const unsigned m0 = (m - 1) / 3 * 3 + 1;
            p.first = sys_days{y / date::month{m0} / 1};
            p.last = sys_days{y / date::month{m0 + 2} / date::last};
            break;
        }
        case Precision::half: {
            const unsigned m0 = (m - 1) / 6 * 6 + 1;
            p.first = sys_days{y / date::month{m0} / 1};
            p.last = sys_days{y / date::month{m0 + 5} / date::last};
            break;
        }
        case Precision::year:
            p.first = sys_days{y / 1 / 1};
            p.last = sys_days{y / 12 / 31};
            break;
        case Precision::decade: {
            const int yi = static_cast<int>(y);
            const int y0 = yi - ((yi % 10) + 10) % 10;  // floor to a multiple of ten
            p.first = sys_days{date::year{y0} / 1 / 1};
            p.last = sys_days{date::year{y0 + 9} / 12 / 31};
            break;
        }
    }
    return p;
}

std::string Period::iso() const {
    char buf[period_buf];
    return std::string(buf, write_period(*this, buf));
}

int Period::year() const { return static_cast<int>(year_month_day{first}.year()); }

// -------------------------------------------------------------------------------------------
// When

std::optional<date::sys_days> When::first_day() const {
    if (!start) return std::nullopt;
    return start->first;
}

std::optional<date::sys_days> When::last_day() const {
    if (!end) return std::nullopt;
    return end->last;
}

Precision When::precision() const {
    if (start) return start->precision;
    if (end) return end->precision;
    return Precision::year;
}

bool When::approximate() const {
    return (start && start->approximate) || (end && end->approximate);
}

bool When::uncertain() const { return (start && start->uncertain) || (end && end->uncertain); }

std::string When::iso() const {
    char buf[when_buf];
    return std::string(buf, write_when(*this, buf));
}

When When::single(Period p) {
    When w;
    w.start = p;
    w.end = p;
    return w;
}

// -------------------------------------------------------------------------------------------
// parse_when

std::optional<When> parse_when(std::string_view text, std::string& error) {
    const std::size_t slash = text.find('/');
    const bool is_interval = slash != std::string_view::npos;
    auto fail = [&](std::string_view why) -> std::optional<When> {
        error.clear();
        append_quoted(error, text);
        error += is_interval ? " is not a valid interval (" : " is not a valid date (";
        error += why;
        error += ')';
        error += when_hint(text);
        return std::nullopt;
    };

    if (text.empty()) return fail("empty");
    for (char c : text) {
        if (is_space(c)) {
            if (is_space(text.front()) || is_space(text.back()))
                return fail("leading or trailing whitespace");
            return fail("contains whitespace");
        }
    }

    std::string why;
    When w;
    if (!is_interval) {
        Period p;
        if (!parse_period(text, p, why)) return fail(why);
        w.start = p;
        w.end = p;
        return w;
    }

    if (text.find('/', slash + 1) != std::string_view::npos) return fail("more than one \"/\"");
    const std::string_view a = text.substr(0, slash);
    const std::string_view b = text.substr(slash + 1);
    if (a.empty()) return fail("empty start; write .. for an open start");
    if (b.empty()) return fail("empty end; write .. for an open end");
    const bool open_a = a == "..";
    const bool open_b = b == "..";
    if (open_a && open_b) return fail("both ends are open");
    w.interval = true;
    if (!open_a) {
        Period p;
        if (!parse_period(a, p, why)) return fail("start " + quoted(a) + ": " + why);
        w.start = p;
    }
    if (!open_b) {
        Period p;
        if (!parse_period(b, p, why)) return fail("end " + quoted(b) + ": " + why);
        w.end = p;
    }
    // Order of the ends: the end may not begin before the start begins
    // (start.first <= end.first, which also gives start.first <= end.last). Ends may
    // overlap or nest: "2019/2019-06" (some time in 2019 up to June 2019) and "2019-01/2019"
    // are valid, "2019-06/2019" is not (the end 2019 begins in January, before the start).
    if (w.start && w.end && w.end->first < w.start->first) {
        why = "end ";
        why += b;
        why += w.end->last < w.start->first ? " is before start " : " begins before start ";
        why += a;
        return fail(why);
    }
    return w;
}

// -------------------------------------------------------------------------------------------
// Offsets

std::string Offset::iso() const {
    std::string s;
    if (years == 0 && months == 0 && days == 0) return "P0Y";
    if (negative) s += '-';
    s += 'P';
    if (years != 0) s += int_text(years, 1) + 'Y';
    if (months != 0) s += int_text(months, 1) + 'M';
    if (days != 0) s += int_text(days, 1) + 'D';
    return s;
}

std::optional<Offset> parse_offset(std::string_view text, std::string& error) {
    auto fail = [&](std::string_view why) -> std::optional<Offset> {
        error.clear();
        append_quoted(error, text);
        error += " is not a valid offset (";
        error += why;
        error += ')';
        error += when_hint(text);
        return std::nullopt;
    };
    constexpr const char* time_parts =
        "hours, minutes and seconds are not supported; use years, months and days";

    const std::size_t n = text.size();
    if (n == 0) return fail("empty");
    for (char c : text)
        if (is_space(c)) return fail("contains whitespace");

    Offset o;
    std::size_t i = 0;
    if (text[0] == '-' || text[0] == '+') {
        o.negative = text[0] == '-';
        i = 1;
    }
    if (i >= n || text[i] != 'P') return fail("an offset starts with P, e.g. P6Y or -P6Y");
    ++i;
    if (i == n) return fail("no years, months or days after P");

    int last_unit = -1;  // 0 years, 1 months, 2 days
    while (i < n) {
        if (text[i] == 'T') return fail(time_parts);
        const std::size_t r = digit_run(text, i);
        if (r == 0) {
            const char c = text[i];
            if (c == 'Y' || c == 'M' || c == 'D' || c == 'W')
                return fail("expected a number before \"" + std::string(1, c) + '"');
            return fail("expected a number, found " + quoted(text.substr(i)));
        }
        const std::size_t j = i + r;
        const std::string_view digits = text.substr(i, r);
        if (j < n && (text[j] == '.' || text[j] == ','))
            return fail("fractions are not supported");
        if (j == n) return fail("number " + std::string(digits) + " has no unit; use Y, M or D");
        int unit = -1;
        const char* unit_name = "";
        int limit = 0;
        switch (text[j]) {
            case 'Y': unit = 0; unit_name = "years"; limit = max_year; break;
            case 'M': unit = 1; unit_name = "months"; limit = max_year * 12; break;
            case 'D': unit = 2; unit_name = "days"; limit = max_year * 366; break;
            case 'W': return fail("weeks are not supported; use days, e.g. P14D");
            case 'H':
            case 'S': return fail(time_parts);
            default:
                return fail("unexpected " + quoted(text.substr(j)) + " after " +
                            quoted(text.substr(0, j)) + "; units are Y, M and D");
        }
        if (unit <= last_unit)
            return fail("years, months and days may each appear once, in that order");
        if (r > 9 || digits_value(digits) > limit)
            return fail(std::string(digits) + ' ' + unit_name + " is too large; at most " +
                        int_text(limit, 1));
        const int v = digits_value(digits);
        if (unit == 0) o.years = v;
        if (unit == 1) o.months = v;
        if (unit == 2) o.days = v;
        last_unit = unit;
        i = j + 1;
    }
    return o;
}

// -------------------------------------------------------------------------------------------
// Relative dates

std::optional<When> resolve_relative(const When& anchor, const Offset& offset, Precision precision,
                                     bool approximate, std::string& error) {
    if (!anchor.start || !anchor.end) {
        error = "cannot resolve a relative date against " + quoted(anchor.iso()) +
                " (it has an open end)";
        return std::nullopt;
    }
    if (finer(precision, anchor.precision())) {
        error = std::string("precision \"") + precision_name(precision) +
                "\" is finer than the anchor date " + quoted(anchor.iso()) + " (" +
                precision_name(anchor.precision()) +
                "); a relative date cannot be more precise than the date it is relative to";
        return std::nullopt;
    }
    auto out_of_range = [&](int y) -> std::optional<When> {
        error = "offset " + offset.iso() + " from " + quoted(anchor.iso()) + " leads to year " +
                int_text(y, 4) + ", outside 0001–9999";
        return std::nullopt;
    };

    const int sign = offset.negative ? -1 : 1;
    const year_month_day from{anchor.start->first};
    // Years and months: date's year_month arithmetic. parse_offset bounds the offset, so the
    // intermediate year stays well inside date::year's range; check it before using it.
    const date::year_month ym =
        from.year() / from.month() + date::months{sign * (offset.years * 12 + offset.months)};
    const int y = static_cast<int>(ym.year());
    if (y < min_year || y > max_year) return out_of_range(y);
    const date::day last_dom = date::year_month_day_last{ym.year(), date::month_day_last{ym.month()}}.day();
    const year_month_day moved{ym.year(), ym.month(), from.day() > last_dom ? last_dom : from.day()};
    const sys_days day = sys_days{moved} + date::days{sign * offset.days};
    const int y2 = static_cast<int>(year_month_day{day}.year());
    if (y2 < min_year || y2 > max_year) return out_of_range(y2);

    Period p = Period::containing(day, precision);
    if (p.year() < min_year || year_month_day{p.last}.year() > date::year{max_year})
        return out_of_range(p.year());
    p.approximate = approximate || anchor.approximate();
    p.uncertain = anchor.uncertain();
    When w = When::single(p);
    w.derived = true;
    return w;
}

// -------------------------------------------------------------------------------------------
// Ordering

// The total order of the header, in this sequence of keys:
//   1. first day; an open start comes before every day;
//   2. last day; an open end comes after every day;
//   3. precision of the start (of the end when the start is open), finer first:
//      day < month < quarter < half < year < decade;
//   4. qualifiers, exact first: exact < approximate (~) < uncertain (?) < both (%),
//      taken over both ends of an interval;
//   5. canonical text (When::iso()), byte-wise, e.g. "2019" < "2019/2019" and
//      "2019-01/2019" < "2019-01/2019-12".
// Values with equal canonical text compare equal (`derived` is not part of the order).
// The text is written into stack buffers, so comparing never allocates.
int compare(const When& a, const When& b) {
    const auto fa = a.first_day();
    const auto fb = b.first_day();
    if (fa != fb) {
        if (!fa) return -1;
        if (!fb) return 1;
        return *fa < *fb ? -1 : 1;
    }
    const auto la = a.last_day();
    const auto lb = b.last_day();
    if (la != lb) {
        if (!la) return 1;
        if (!lb) return -1;
        return *la < *lb ? -1 : 1;
    }
    const Precision pa = a.precision();
    const Precision pb = b.precision();
    if (pa != pb) return finer(pa, pb) ? -1 : 1;
    const int qa = (a.approximate() ? 1 : 0) + (a.uncertain() ? 2 : 0);
    const int qb = (b.approximate() ? 1 : 0) + (b.uncertain() ? 2 : 0);
    if (qa != qb) return qa < qb ? -1 : 1;
    // Two single dates with the same start day, precision and qualifiers have the same text.
    if (!a.interval && !b.interval && a.start && b.start &&
        a.start->approximate == b.start->approximate && a.start->uncertain == b.start->uncertain)
        return 0;
    if (a.interval == b.interval && a.start == b.start && a.end == b.end) return 0;
    char ba[when_buf];
    char bb[when_buf];
    const std::string_view ta(ba, write_when(a, ba));
    const std::string_view tb(bb, write_when(b, bb));
    const int c = ta.compare(tb);
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

bool overlaps(const When& a, const When& b) {
    const auto fa = a.first_day();
    const auto la = a.last_day();
    const auto fb = b.first_day();
    const auto lb = b.last_day();
    const bool a_starts_in_time = !fa || !lb || *fa <= *lb;
    const bool b_starts_in_time = !fb || !la || *fb <= *la;
    return a_starts_in_time && b_starts_in_time;
}

}  // namespace timeline
