// Qualified numbers as intervals (PRODUCT §1.3): "over 500" is not 500, it is some number
// above 500. Statistics carry these bounds through their arithmetic so that a result is
// never printed as exact when its inputs were not.
#pragma once

#include <limits>
#include <string>

#include "model/records.h"

namespace timeline {

// A closed, open or half-open interval of real numbers; hi may be +infinity.
struct Interval {
    double lo = 0;
    double hi = 0;
    bool lo_open = false;
    bool hi_open = false;

    static Interval point(double x) { return {x, x, false, false}; }
    static constexpr double infinity() { return std::numeric_limits<double>::infinity(); }

    bool exact() const { return lo == hi && !lo_open && !hi_open; }
    bool bounded_above() const { return hi != infinity(); }
    // "[14, 14]", "(500, inf)", "[315, 350)"; for tests and debugging. Numbers in the
    // shortest form that reads back exactly ("35.714285714285715"); infinite ends "inf", "-inf".
    std::string debug() const;

    // True when x lies in the interval (open ends excluded).
    bool contains(double x) const;
    // True when no number lies in it: lo > hi, or lo == hi with an open end.
    bool empty() const;
    bool bounded_below() const { return lo != -infinity(); }

    friend bool operator==(const Interval&, const Interval&) = default;
};

// The interval a value with a qualifier denotes. The conventions (documented and tested
// in quantity.cpp): exact X = [X, X]; over X = (X, inf); at_least X = [X, inf);
// under X = [0, X); up_to X = [0, X]; nearly X = [0.9X, X); about X = [0.9X, 1.1X].
// A range {min, max} is [min, max] with the qualifier applied to its ends (about 2–3 =
// [1.8, 3.3]); a fraction is its quotient.
// Refinements (tests/unit/model_quantity_test.cpp):
// - 0.9X and 1.1X are computed as X*9/10 and X*11/10, so they are the correctly rounded
//   values for integers (0.9*350 = 315, 1.1*500 = 550 exactly).
// - The 0 lower bound of under/up_to assumes a non-negative quantity, as every quantity
//   of a data set is when X > 0. For X <= 0 the quantity evidently may be negative and the
//   lower bound is -inf: under -5 = (-inf, -5), up_to 0 = (-inf, 0].
// - For negative X, about/nearly take 10% of |X|: about -10 = [-11, -9],
//   nearly -10 = [-11, -10). nearly 0 is [0, 0] (there is nothing 10% below 0).
// - A range applies the qualifier to both ends and takes the union: the lower bound (and
//   whether it is open) from min, the upper from max: over 2–3 = (2, inf),
//   under 2–3 = [0, 3), nearly 2–3 = [1.8, 3), up_to 2–3 = [0, 3].
// - A fraction n/d is the number n/d (double division) with the qualifier applied like
//   a number: about 1/3 = [0.3, 0.3666…].
// - An infinite end is always open (hi_open is true when hi is inf).
Interval interval_of(const Value& value, Qualifier qualifier);

// Interval arithmetic on the extended reals, written for non-negative quantities
// (amounts, counts, shares) but correct for any signs: the result is exactly the set
// { x op y : x in a, y in b } (up to the rounding of its two ends), and an end is closed
// only when some pair of numbers of the operands reaches it:
// - + and -: [1, 2] + (3, 4] = (4, 6]; (500, inf) - [14, 14] = (486, inf).
// - * and /: the ends are the extreme products/quotients of the operands' ends; 0 times
//   anything (even an unbounded operand) is 0, and a closed 0 in an operand makes a 0
//   result closed: [0, 350) * [2, 2] = [0, 700), but (0, 1] * [2, 3] = (0, 3].
//   x / inf is 0 and never reached: [315, 350) / (500, inf) = (0, 0.7) with an open 0,
//   while [0, 350) / (500, inf) = [0, 0.7) (0 / x = 0 is reached).
// - Exact operands give exact results: [14, 14] * [2, 2] = [28, 28].
// Operands must not be empty.
Interval operator+(const Interval& a, const Interval& b);
Interval operator-(const Interval& a, const Interval& b);
Interval operator*(const Interval& a, const Interval& b);
// a / b; b must not contain 0 (callers check with b.contains(0)). An open 0 end of b is
// allowed (1 / (0, 2] = [0.5, inf)). When b contains 0 the result is (-inf, inf).
Interval operator/(const Interval& a, const Interval& b);

// base^exponent for base >= 0 and exponent > 0 (monotone, so the ends map to the ends
// with their openness): power([4, 9), 0.5) = [2, 3). Negative parts of base are clipped
// to 0; a non-positive exponent gives (-inf, inf). Exact in, exact out.
Interval power(const Interval& base, double exponent);

// --- What a computed number may be said to be ---------------------------------------------
//
// An interval alone cannot say how a result should be read: "about 48,000" of "about 70,000"
// is [0.617, 0.856] as an interval, but what the figures say is "about 69%". A Qualified
// number carries, besides its interval, the number computed from the stated values (the
// nominal value: 48000 / 70000) and which way the qualifiers of its inputs lean.
//
// Lean of one input (qualified()):
//   exact: none; about: `about`; nearly X (a little below X): `nearly_below`;
//   over X, at_least X (X or more): `above`; under X, up_to X (X or less): `below`;
//   a range value {min, max}: `range`; a fraction: as its qualifier.
// Arithmetic: + and * keep the leans of both operands; - and / turn the leans of the right
// operand round (over 14 as a divisor makes the quotient lean below), as for non-negative
// quantities; power() with a positive exponent and subtracting an exact number keep them.
struct Lean {
    bool about = false;
    bool nearly_below = false;
    bool nearly_above = false;
    bool below = false;
    bool above = false;
    bool range = false;

    Lean reversed() const { return {about, nearly_above, nearly_below, above, below, range}; }
    Lean operator|(const Lean& o) const {
        return {about || o.about,   nearly_below || o.nearly_below, nearly_above || o.nearly_above,
                below || o.below,   above || o.above,               range || o.range};
    }
    friend bool operator==(const Lean&, const Lean&) = default;
};

// How a qualified number is stated (reading()), from its lean:
// - exact: nothing leans; the number itself ("5.7 times").
// - interval: a range value was used, or bounds lean both ways (over 14 -> over 500 says
//   nothing either way): only the interval can be stated ("2–3 times").
// - above / below: some input is a bound (over, at least / under, up to) and all bounds
//   lean one way: a bound, taken from the interval, so that approximate inputs widen it
//   (the weaker statement): 14 -> over 500 is "more than 35 times"; about 14 -> over 500
//   is (32.47…, inf), "more than 32 times".
// - about: no bound, and some input is approximate ("about"), or "nearly" inputs lean
//   both ways: an approximate point, the nominal value ("about 5.7 times").
// - nearly: no bound and nothing approximate, only "nearly" inputs leaning below: "nearly
//   R" with R the interval's (open) upper end, which is the nominal value.
// - nearly inputs leaning only above (nearly 14 -> 500): the nominal value is the open
//   lower end, read as above ("more than 35 times").
enum class Reading { exact, about, nearly, above, below, interval };

struct Qualified {
    Interval bounds = Interval::point(0);
    double nominal = 0;  // the result computed from the values as stated
    Lean lean;

    static Qualified point(double x) { return {Interval::point(x), x, {}}; }
    Reading reading() const;
    friend bool operator==(const Qualified&, const Qualified&) = default;
};

// A value with its qualifier: its interval (interval_of), its nominal value (Value::approx:
// the number, a range's midpoint, a fraction's quotient) and its lean.
Qualified qualified(const Value& value, Qualifier qualifier);

Qualified operator+(const Qualified& a, const Qualified& b);
Qualified operator-(const Qualified& a, const Qualified& b);
Qualified operator*(const Qualified& a, const Qualified& b);
Qualified operator/(const Qualified& a, const Qualified& b);
Qualified power(const Qualified& base, double exponent);


}  // namespace timeline
