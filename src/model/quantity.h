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
    // "[14, 14]", "(500, inf)", "[315, 350)"; for tests and debugging.
    std::string debug() const;
};

// The interval a value with a qualifier denotes. The conventions (documented and tested
// in quantity.cpp): exact X = [X, X]; over X = (X, inf); at_least X = [X, inf);
// under X = [0, X); up_to X = [0, X]; nearly X = [0.9X, X); about X = [0.9X, 1.1X].
// A range {min, max} is [min, max] with the qualifier applied to its ends (about 2–3 =
// [1.8, 3.3]); a fraction is its quotient.
Interval interval_of(const Value& value, Qualifier qualifier);

// Interval arithmetic for non-negative quantities (amounts, counts, shares).
Interval operator+(const Interval& a, const Interval& b);
Interval operator-(const Interval& a, const Interval& b);
Interval operator*(const Interval& a, const Interval& b);
// a / b; b must not contain 0 (callers check).
Interval operator/(const Interval& a, const Interval& b);

}  // namespace timeline
