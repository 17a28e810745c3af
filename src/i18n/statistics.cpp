// Derived numbers (statistics) phrased honestly: a bounded result is never printed as
// exact, and its bounds are rounded toward the safe side (a lower bound down, an upper
// bound up) so that "more than X" and "under X" stay true.
#include <cmath>
#include <string>
#include <string_view>

#include "i18n/detail.h"
#include "i18n/format.h"
#include "i18n/messages.h"

namespace timeline::i18n {

namespace {

enum class Shape { none, exact, more_than, at_least, under, up_to, range, about, nearly };

struct Shaped {
    Shape shape = Shape::none;
    std::string a;  // the number (exact, a bound, or a range's lower end)
    std::string b;  // a range's upper end
};

// Classifies `v` and formats its ends with `f(x, rounding)`; Rounding::nearest is asked
// for exact values only.
template <class F>
Shaped shape_of(const Interval& v, F f) {
    const double inf = Interval::infinity();
    if (std::isnan(v.lo) || std::isnan(v.hi) || v.lo > v.hi) return {};
    if (v.lo == v.hi && (v.lo_open || v.hi_open)) return {};
    if (v.lo == -inf && v.hi == inf) return {};
    if (v.lo == v.hi) return {Shape::exact, f(v.lo, Rounding::nearest), {}};
    if (v.hi == inf) {
        std::string a = f(v.lo, Rounding::down);
        const bool shown_exactly = a == f(v.lo, Rounding::up);
        return {v.lo_open || !shown_exactly ? Shape::more_than : Shape::at_least, std::move(a), {}};
    }
    if (v.lo == -inf || v.lo == 0) {
        std::string a = f(v.hi, Rounding::up);
        const bool shown_exactly = a == f(v.hi, Rounding::down);
        return {v.hi_open || !shown_exactly ? Shape::under : Shape::up_to, std::move(a), {}};
    }
    std::string a = f(v.lo, Rounding::down);
    std::string b = f(v.hi, Rounding::up);
    if (a == b) return {Shape::about, std::move(a), {}};
    return {Shape::range, std::move(a), std::move(b)};
}

// x rounded to two significant digits in the unit it is shown in (`shown` = 100 for
// percentages): an approximate result carries no more precision than its inputs do
// ("about 48,000" is good to about two digits): 5.743 -> 5.7, 68.57% -> 69%, 39642 -> 40000.
double two_digits(double x, double shown) {
    const double v = x * shown;
    if (v == 0 || !std::isfinite(v)) return x;
    const double magnitude = std::floor(std::log10(std::fabs(v)));
    const double step = std::pow(10.0, magnitude - 1);
    return std::round(v / step) * step / shown;
}

// Classifies a qualified number by its reading (model/quantity.h) and formats the number
// shown with `f(x, rounding)`: exact -> the number; about -> the nominal value to two
// digits; nearly -> the open upper end rounded up; above / below -> the bound at that side
// of the interval (rounded down / up, "at least" / "up to" when closed and shown exactly);
// interval -> as shape_of(bounds).
template <class F>
Shaped shape_of(const Qualified& q, F f, double shown) {
    const Interval& v = q.bounds;
    if (std::isnan(v.lo) || std::isnan(v.hi) || v.empty()) return {};
    switch (q.reading()) {
        case Reading::exact: return shape_of(v, f);
        case Reading::about: return {Shape::about, f(two_digits(q.nominal, shown), Rounding::nearest), {}};
        case Reading::nearly:
            if (!std::isfinite(v.hi)) break;
            return {Shape::nearly, f(v.hi, Rounding::up), {}};
        case Reading::above: {
            if (!std::isfinite(v.lo)) break;
            std::string a = f(v.lo, Rounding::down);
            const bool shown_exactly = a == f(v.lo, Rounding::up);
            return {v.lo_open || !shown_exactly ? Shape::more_than : Shape::at_least, std::move(a), {}};
        }
        case Reading::below: {
            if (!std::isfinite(v.hi)) break;
            std::string a = f(v.hi, Rounding::up);
            const bool shown_exactly = a == f(v.hi, Rounding::down);
            return {v.hi_open || !shown_exactly ? Shape::under : Shape::up_to, std::move(a), {}};
        }
        case Reading::interval: break;
    }
    return shape_of(v, f);
}

// The common phrasing: "more than X" / "超过X" …; ranges joined by join_range.
std::string phrase(const Shaped& s, Lang lang) {
    const bool en = lang == Lang::en;
    switch (s.shape) {
        case Shape::none: return std::string(message(Msg::no_data, lang));
        case Shape::exact: return s.a;
        case Shape::more_than: return (en ? "more than " : "超过") + s.a;
        case Shape::at_least: return (en ? "at least " : "至少") + s.a;
        case Shape::under: return (en ? "under " : "不到") + s.a;
        case Shape::up_to: return (en ? "up to " : "最多") + s.a;
        case Shape::range: return detail::join_range(s.a, s.b, lang);
        case Shape::about: return (en ? "about " : "约") + s.a;
        case Shape::nearly: return (en ? "nearly " : "近") + s.a;
    }
    return s.a;
}

Shaped percent_shape(const Qualified& v, Lang lang) {
    return shape_of(v, [lang](double x, Rounding r) { return detail::percent_text(x, lang, r); }, 100);
}

// Multiples: exact values with 1 decimal below 100, bounds with 1 decimal below 10.
Shaped multiple_shape(const Qualified& v, Lang lang) {
    return shape_of(
        v,
        [lang](double x, Rounding r) {
            const double limit = r == Rounding::nearest ? 100 : 10;
            return format_decimal(x, std::fabs(x) < limit ? 1 : 0, lang, r);
        },
        1);
}

// An interval on its own: stated as an interval (exact when it is a point).
Qualified as_interval(const Interval& v) {
    Qualified q{v, v.exact() ? v.lo : (v.lo + v.hi) / 2, {}};
    q.lean.range = !v.exact();
    return q;
}

Qualified negated(const Qualified& q) {
    const Interval& v = q.bounds;
    return {{-v.hi, -v.lo, v.hi_open, v.lo_open}, -q.nominal, q.lean.reversed()};
}

bool valid(const Qualified& v) { return percent_shape(v, Lang::en).shape != Shape::none; }

// The interval whose sign says whether a result is a rise or a fall: the number stated
// (the nominal value of an approximate result, the bound of a bound), else the interval.
Interval sign_basis(const Qualified& q) {
    switch (q.reading()) {
        case Reading::about: return Interval::point(q.nominal);
        case Reading::above: return Interval::point(q.bounds.lo);
        case Reading::below:
        case Reading::nearly: return Interval::point(q.bounds.hi);
        case Reading::exact:
        case Reading::interval: break;
    }
    return q.bounds;
}

bool is_zero(const Qualified& v) { return v.bounds.exact() && v.bounds.lo == 0; }

// zh "是原来的35倍以上", "至少是原来的3倍", "不到原来的3倍" …
std::string zh_times_original(const Shaped& s) {
    switch (s.shape) {
        case Shape::none: return {};
        case Shape::exact: return "是原来的" + s.a + "倍";
        case Shape::more_than: return "是原来的" + s.a + "倍以上";
        case Shape::at_least: return "至少是原来的" + s.a + "倍";
        case Shape::under: return "不到原来的" + s.a + "倍";
        case Shape::up_to: return "最多是原来的" + s.a + "倍";
        case Shape::range: return "是原来的" + s.a + "至" + s.b + "倍";
        case Shape::about: return "约为原来的" + s.a + "倍";
        case Shape::nearly: return "接近原来的" + s.a + "倍";
    }
    return {};
}

// zh "相当于原来的50%", "约为原来的50%", "不到原来的50%" …
std::string zh_share_of_original(const Shaped& s, Lang lang) {
    switch (s.shape) {
        case Shape::exact:
        case Shape::range: return "相当于原来的" + phrase(s, lang);
        case Shape::about: return "约为原来的" + s.a;
        case Shape::nearly: return "接近原来的" + s.a;
        case Shape::more_than: return "超过原来的" + s.a;
        case Shape::at_least: return "至少为原来的" + s.a;
        case Shape::under: return "不到原来的" + s.a;
        case Shape::up_to: return "最多为原来的" + s.a;
        case Shape::none: break;
    }
    return phrase(s, lang);
}

// An exact or approximate number shown as `zero` ("1" for a multiple, "0%" for a change):
// no change to speak of.
bool level(const Shaped& s, std::string_view zero) {
    return (s.shape == Shape::exact || s.shape == Shape::about) && s.a == zero;
}

// "little change" / "基本持平"; "no change" / "持平" when nothing changed at all.
std::string unchanged(bool none_at_all, Lang lang) {
    if (none_at_all) return lang == Lang::en ? "no change" : "持平";
    return lang == Lang::en ? "little change" : "基本持平";
}

}  // namespace

std::string format_bounded(const Qualified& v, const Unit& unit, Lang lang, bool with_unit) {
    const Shaped s = shape_of(v, [&](double x, Rounding r) { return detail::bounded_number(x, unit, lang, r); },
                              unit.kind == UnitKind::ratio ? 100 : 1);
    std::string out = phrase(s, lang);
    if (s.shape == Shape::none || !with_unit) return out;
    const bool singular = (s.shape == Shape::exact || s.shape == Shape::about) && (s.a == "1" || s.a == "-1");
    return out + detail::unit_after(unit, lang, singular);
}

std::string format_bounded(const Interval& v, const Unit& unit, Lang lang, bool with_unit) {
    return format_bounded(as_interval(v), unit, lang, with_unit);
}


std::string format_multiple(const Qualified& times, Lang lang) {
    const Shaped s = multiple_shape(times, lang);
    if (level(s, "1")) return unchanged(times.bounds.exact() && times.bounds.lo == 1, lang);
    if (lang == Lang::en) {
        const std::string p = phrase(s, lang);
        return s.shape == Shape::none ? p : p + " times";
    }
    switch (s.shape) {
        case Shape::none: return phrase(s, lang);
        case Shape::exact: return s.a + "倍";
        case Shape::more_than: return s.a + "倍以上";
        case Shape::at_least: return "至少" + s.a + "倍";
        case Shape::under: return "不到" + s.a + "倍";
        case Shape::up_to: return "最多" + s.a + "倍";
        case Shape::range: return s.a + "至" + s.b + "倍";
        case Shape::about: return "约" + s.a + "倍";
        case Shape::nearly: return "近" + s.a + "倍";
    }
    return s.a;
}

std::string format_multiple(const Interval& times, Lang lang) { return format_multiple(as_interval(times), lang); }

std::string format_percent(const Qualified& share, Lang lang) { return phrase(percent_shape(share, lang), lang); }

std::string format_percent(const Interval& share, Lang lang) { return format_percent(as_interval(share), lang); }

std::string format_percent_change(const Qualified& change, Lang lang) {
    const bool en = lang == Lang::en;
    if (!valid(change)) return std::string(message(Msg::no_data, lang));
    if (is_zero(change)) return en ? "no change" : "持平";
    if (level(percent_shape(change, lang), "0%")) return unchanged(false, lang);
    const Interval basis = sign_basis(change);
    if (basis.lo >= 0) return (en ? "a rise of " : "增长") + format_percent(change, lang);
    if (basis.hi <= 0) return (en ? "a fall of " : "下降") + format_percent(negated(change), lang);
    return (en ? "a change of " : "变化幅度为") + format_percent(change, lang);
}

std::string format_percent_change(const Interval& change, Lang lang) {
    return format_percent_change(as_interval(change), lang);
}

std::string format_cagr(const Qualified& rate, Lang lang) {
    const bool en = lang == Lang::en;
    if (!valid(rate)) return std::string(message(Msg::no_data, lang));
    if (is_zero(rate)) return en ? "no change on average" : "年均持平";
    if (level(percent_shape(rate, lang), "0%"))
        return en ? unchanged(false, lang) + " on average" : "年均" + unchanged(false, lang);
    const Interval basis = sign_basis(rate);
    if (basis.lo >= 0) return en ? "an average of " + format_percent(rate, lang) + " a year" : "年均增长" + format_percent(rate, lang);
    if (basis.hi <= 0) {
        const std::string p = format_percent(negated(rate), lang);
        return en ? "an average fall of " + p + " a year" : "年均下降" + p;
    }
    return en ? "an average change of " + format_percent(rate, lang) + " a year" : "年均变化" + format_percent(rate, lang);
}

std::string format_cagr(const Interval& rate, Lang lang) { return format_cagr(as_interval(rate), lang); }

std::string format_growth(const std::string& subject_label, const std::string& from, const std::string& to,
                          const Qualified& multiple, Lang lang) {
    const bool en = lang == Lang::en;
    const std::string subject = en && !subject_label.empty() ? subject_label + " " : subject_label;
    const bool known = valid(multiple);
    // Grew or fell: by the number stated of an approximate or nearly result, else by the
    // whole interval (a bound of more than 1 times grew).
    const Reading reading = multiple.reading();
    const bool point = reading == Reading::about || reading == Reading::nearly;
    const Interval m = point ? sign_basis(multiple) : multiple.bounds;
    const Shaped times = multiple_shape(multiple, lang);
    // An approximate multiple shown as "1" is neither a rise nor a fall.
    const bool level = point && times.shape == Shape::about && times.a == "1";
    const bool grew = known && !level && (m.lo > 1 || (m.lo == 1 && !point && m.lo_open));
    const bool fell = known && !level && (m.hi < 1 || (m.hi == 1 && !point && m.hi_open));
    const bool same = known && multiple.bounds.exact() && multiple.bounds.lo == 1;
    if (grew) {
        if (en) return subject + "grew from " + from + " to " + to + ", " + format_multiple(multiple, lang) + " its earlier level";
        return subject + "由" + from + "增至" + to + "，" + zh_times_original(times);
    }
    if (fell) {
        const Shaped p = percent_shape(multiple, lang);
        if (en) return subject + "fell from " + from + " to " + to + ", " + phrase(p, lang) + " of its earlier level";
        return subject + "由" + from + "降至" + to + "，" + zh_share_of_original(p, lang);
    }
    if (same) return en ? subject + "stayed at " + to : subject + "保持在" + to;
    return en ? subject + "changed from " + from + " to " + to : subject + "由" + from + "变为" + to;
}

std::string format_growth(const std::string& subject_label, const std::string& from, const std::string& to,
                          const Interval& multiple, Lang lang) {
    return format_growth(subject_label, from, to, as_interval(multiple), lang);
}

}  // namespace timeline::i18n
