// Qualified numbers as intervals, and interval arithmetic (see quantity.h for the
// conventions; tests/unit/model_quantity_test.cpp checks each of them).
#include "model/quantity.h"

#include <array>
#include <charconv>
#include <cmath>

namespace timeline {
namespace {

constexpr double inf = Interval::infinity();

std::string number_text(double d) {
    if (d == inf) return "inf";
    if (d == -inf) return "-inf";
    if (std::isnan(d)) return "nan";
    char buf[40];
    const auto r = std::to_chars(buf, buf + sizeof buf, d);
    return std::string(buf, r.ptr);
}

// x * num / 10, correctly rounded for integral x of moderate size; falls back to a
// single multiplication when x * num would overflow.
double tenths(double x, double num) {
    const double scaled = x * num;
    if (std::isinf(scaled)) return x * (num / 10);
    return scaled / 10;
}

// An infinite end is never reached.
Interval normalised(Interval r) {
    if (std::isinf(r.lo)) r.lo_open = true;
    if (std::isinf(r.hi)) r.hi_open = true;
    return r;
}

Interval of_number(double x, Qualifier q) {
    switch (q) {
        case Qualifier::exact: return Interval::point(x);
        case Qualifier::over: return {x, inf, true, true};
        case Qualifier::at_least: return {x, inf, false, true};
        case Qualifier::under: return x > 0 ? Interval{0, x, false, true} : Interval{-inf, x, true, true};
        case Qualifier::up_to: return x > 0 ? Interval{0, x, false, false} : Interval{-inf, x, true, false};
        case Qualifier::nearly:
            if (x == 0) return Interval::point(0);
            return {x > 0 ? tenths(x, 9) : tenths(x, 11), x, false, true};
        case Qualifier::about:
            if (x >= 0) return {tenths(x, 9), tenths(x, 11), false, false};
            return {tenths(x, 11), tenths(x, 9), false, false};
    }
    return Interval::point(x);
}

// One end of a product or quotient of two operand ends: its value and whether some pair
// of numbers of the operands reaches it.
struct Corner {
    double value;
    bool reached;
};

// An operand end: its value and whether it belongs to the operand.
struct End {
    double value;
    bool closed;
};

Interval from_corners(const std::array<Corner, 4>& corners) {
    Interval r{inf, -inf, true, true};
    bool any = false;
    for (const Corner& c : corners) {
        if (std::isnan(c.value)) continue;
        any = true;
        if (c.value < r.lo) {
            r.lo = c.value;
            r.lo_open = !c.reached;
        } else if (c.value == r.lo && c.reached) {
            r.lo_open = false;
        }
        if (c.value > r.hi) {
            r.hi = c.value;
            r.hi_open = !c.reached;
        } else if (c.value == r.hi && c.reached) {
            r.hi_open = false;
        }
    }
    if (!any) return {-inf, inf, true, true};
    return normalised(r);
}

Corner multiply(End x, End y) {
    // 0 times anything is 0; a closed 0 is reached whatever the other operand is.
    if (x.value == 0 || y.value == 0)
        return {0.0, (x.value == 0 && x.closed) || (y.value == 0 && y.closed)};
    const double v = x.value * y.value;
    return {v, x.closed && y.closed && std::isfinite(v)};
}

// x / y where y's interval does not contain 0 except possibly as this (open) end.
Corner divide(End x, End y, double side) {
    if (x.value == 0) {
        if (y.value == 0) return {std::nan(""), false};  // 0 / 0: other corners bound it
        return {0.0, x.closed};
    }
    if (y.value == 0) {
        // An open 0 end of the divisor: the quotient grows without bound, with the sign of
        // x times the side of 0 the divisor lies on.
        return {(x.value > 0) == (side > 0) ? inf : -inf, false};
    }
    if (std::isinf(x.value) && std::isinf(y.value)) return {std::nan(""), false};
    const double v = x.value / y.value;
    return {v, x.closed && y.closed && std::isfinite(v)};
}

End lo_end(const Interval& a) { return {a.lo, !a.lo_open && std::isfinite(a.lo)}; }
End hi_end(const Interval& a) { return {a.hi, !a.hi_open && std::isfinite(a.hi)}; }

}  // namespace

std::string Interval::debug() const {
    return std::string(lo_open ? "(" : "[") + number_text(lo) + ", " + number_text(hi) + (hi_open ? ")" : "]");
}

bool Interval::contains(double x) const {
    if (x < lo || x > hi) return false;
    if (x == lo && lo_open) return false;
    if (x == hi && hi_open) return false;
    return true;
}

bool Interval::empty() const { return lo > hi || (lo == hi && (lo_open || hi_open)); }

Interval interval_of(const Value& value, Qualifier qualifier) {
    switch (value.kind) {
        case Value::Kind::number: return normalised(of_number(value.number, qualifier));
        case Value::Kind::range: {
            const Interval low = of_number(value.min, qualifier);
            const Interval high = of_number(value.max, qualifier);
            return normalised({low.lo, high.hi, low.lo_open, high.hi_open});
        }
        case Value::Kind::fraction:
            return normalised(
                of_number(static_cast<double>(value.numerator) / static_cast<double>(value.denominator), qualifier));
    }
    return Interval::point(value.number);
}

Interval operator+(const Interval& a, const Interval& b) {
    return normalised({a.lo + b.lo, a.hi + b.hi, a.lo_open || b.lo_open, a.hi_open || b.hi_open});
}

Interval operator-(const Interval& a, const Interval& b) {
    return normalised({a.lo - b.hi, a.hi - b.lo, a.lo_open || b.hi_open, a.hi_open || b.lo_open});
}

Interval operator*(const Interval& a, const Interval& b) {
    const End al = lo_end(a), ah = hi_end(a), bl = lo_end(b), bh = hi_end(b);
    return from_corners({multiply(al, bl), multiply(al, bh), multiply(ah, bl), multiply(ah, bh)});
}

Interval operator/(const Interval& a, const Interval& b) {
    if (b.contains(0)) return {-inf, inf, true, true};
    const double side = b.hi <= 0 ? -1.0 : 1.0;  // b lies on one side of 0
    const End al = lo_end(a), ah = hi_end(a), bl = lo_end(b), bh = hi_end(b);
    return from_corners({divide(al, bl, side), divide(al, bh, side), divide(ah, bl, side), divide(ah, bh, side)});
}

Interval power(const Interval& base, double exponent) {
    if (!(exponent > 0)) return {-inf, inf, true, true};
    Interval b = base;
    if (b.lo < 0) {
        b.lo = 0;
        b.lo_open = false;
    }
    if (b.hi < 0) {
        b.hi = 0;
        b.hi_open = false;
    }
    return normalised({std::pow(b.lo, exponent), std::pow(b.hi, exponent), b.lo_open, b.hi_open});
}

// --- Qualified numbers ------------------------------------------------------------------

Reading Qualified::reading() const {
    if (lean.range || (lean.above && lean.below)) return Reading::interval;
    if (lean.above) return Reading::above;
    if (lean.below) return Reading::below;
    if (lean.about || (lean.nearly_below && lean.nearly_above)) return Reading::about;
    if (lean.nearly_below) return Reading::nearly;
    if (lean.nearly_above) return Reading::above;
    return bounds.exact() ? Reading::exact : Reading::interval;
}

Qualified qualified(const Value& value, Qualifier qualifier) {
    Qualified q{interval_of(value, qualifier), value.approx(), {}};
    switch (qualifier) {
        case Qualifier::exact: break;
        case Qualifier::about: q.lean.about = true; break;
        case Qualifier::nearly: q.lean.nearly_below = true; break;
        case Qualifier::over:
        case Qualifier::at_least: q.lean.above = true; break;
        case Qualifier::under:
        case Qualifier::up_to: q.lean.below = true; break;
    }
    if (value.kind == Value::Kind::range) q.lean.range = true;
    return q;
}

Qualified operator+(const Qualified& a, const Qualified& b) {
    return {a.bounds + b.bounds, a.nominal + b.nominal, a.lean | b.lean};
}

Qualified operator-(const Qualified& a, const Qualified& b) {
    return {a.bounds - b.bounds, a.nominal - b.nominal, a.lean | b.lean.reversed()};
}

Qualified operator*(const Qualified& a, const Qualified& b) {
    return {a.bounds * b.bounds, a.nominal * b.nominal, a.lean | b.lean};
}

Qualified operator/(const Qualified& a, const Qualified& b) {
    return {a.bounds / b.bounds, a.nominal / b.nominal, a.lean | b.lean.reversed()};
}

Qualified power(const Qualified& base, double exponent) {
    return {power(base.bounds, exponent), base.nominal > 0 ? std::pow(base.nominal, exponent) : 0.0, base.lean};
}

}  // namespace timeline
