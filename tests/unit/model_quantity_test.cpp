// Unit tests of qualified quantities as intervals (src/model/quantity.h).
#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "model/quantity.h"

namespace Catch {
template <>
struct StringMaker<timeline::Interval> {
    static std::string convert(const timeline::Interval& i) { return i.debug(); }
};
}  // namespace Catch

namespace {

using namespace timeline;

constexpr double inf = Interval::infinity();

Value num(double x) { return Value::of(x); }

Value range(double lo, double hi) { return Value::range_of(lo, hi); }

Value frac(long n, long d) { return Value::fraction_of(n, d); }

Interval closed(double lo, double hi) { return {lo, hi, false, false}; }
Interval open(double lo, double hi) { return {lo, hi, true, true}; }
Interval closed_open(double lo, double hi) { return {lo, hi, false, true}; }
Interval open_closed(double lo, double hi) { return {lo, hi, true, false}; }

}  // namespace

TEST_CASE("qualifiers of a number as intervals", "[model][quantity]") {
    CHECK(interval_of(num(500), Qualifier::exact) == closed(500, 500));
    CHECK(interval_of(num(500), Qualifier::over) == open(500, inf));
    CHECK(interval_of(num(500), Qualifier::at_least) == closed_open(500, inf));
    CHECK(interval_of(num(500), Qualifier::under) == closed_open(0, 500));
    CHECK(interval_of(num(500), Qualifier::up_to) == closed(0, 500));
    CHECK(interval_of(num(500), Qualifier::nearly) == closed_open(450, 500));
    CHECK(interval_of(num(500), Qualifier::about) == closed(450, 550));

    CHECK(interval_of(num(500), Qualifier::exact).debug() == "[500, 500]");
    CHECK(interval_of(num(500), Qualifier::over).debug() == "(500, inf)");
    CHECK(interval_of(num(500), Qualifier::at_least).debug() == "[500, inf)");
    CHECK(interval_of(num(500), Qualifier::under).debug() == "[0, 500)");
    CHECK(interval_of(num(500), Qualifier::up_to).debug() == "[0, 500]");
    CHECK(interval_of(num(500), Qualifier::about).debug() == "[450, 550]");
}

TEST_CASE("0.9X and 1.1X are correctly rounded", "[model][quantity]") {
    // nearly 350 is [315, 350): 315 exactly, not 314.99999999999994 or 315.00000000000006.
    const Interval nearly350 = interval_of(num(350), Qualifier::nearly);
    CHECK(nearly350.lo == 315.0);
    CHECK(nearly350.debug() == "[315, 350)");
    CHECK(interval_of(num(6e10), Qualifier::about) == closed(5.4e10, 6.6e10));
    CHECK(interval_of(num(7), Qualifier::about) == closed(6.3, 7.7));
    CHECK(interval_of(num(3), Qualifier::about).hi == 3.3);
    // Huge values do not overflow to infinity.
    const Interval huge = interval_of(num(1.7e308), Qualifier::about);
    CHECK(std::isfinite(huge.lo));
    CHECK(huge.hi == inf);  // 1.1 * 1.7e308 is beyond the doubles
    CHECK(huge.hi_open);
}

TEST_CASE("exact values stay exact", "[model][quantity]") {
    const Interval fourteen = interval_of(num(14), Qualifier::exact);
    CHECK(fourteen.exact());
    CHECK(fourteen == Interval::point(14));
    CHECK(fourteen.debug() == "[14, 14]");
    CHECK((fourteen + fourteen).exact());
    CHECK((fourteen - fourteen) == Interval::point(0));
    CHECK((fourteen * Interval::point(2)) == Interval::point(28));
    CHECK((fourteen / fourteen) == Interval::point(1));
    CHECK((Interval::point(200) / Interval::point(100)) == Interval::point(2));
    CHECK(power(Interval::point(2), 0.25) == Interval::point(std::pow(2.0, 0.25)));
}

TEST_CASE("qualifiers of zero and negative numbers", "[model][quantity]") {
    CHECK(interval_of(num(-5), Qualifier::under) == open(-inf, -5));
    CHECK(interval_of(num(0), Qualifier::under) == open(-inf, 0));
    CHECK(interval_of(num(0), Qualifier::up_to) == open_closed(-inf, 0));
    CHECK(interval_of(num(-10), Qualifier::about) == closed(-11, -9));
    CHECK(interval_of(num(-10), Qualifier::nearly) == closed_open(-11, -10));
    CHECK(interval_of(num(0), Qualifier::nearly) == Interval::point(0));
    CHECK(interval_of(num(0), Qualifier::about) == Interval::point(0));
    CHECK(interval_of(num(-3), Qualifier::over) == open(-3, inf));
}

TEST_CASE("ranges apply the qualifier to both ends", "[model][quantity]") {
    CHECK(interval_of(range(2, 3), Qualifier::exact) == closed(2, 3));
    CHECK(interval_of(range(2, 3), Qualifier::about) == closed(1.8, 3.3));
    CHECK(interval_of(range(2, 3), Qualifier::about).debug() == "[1.8, 3.3]");
    CHECK(interval_of(range(2, 3), Qualifier::over) == open(2, inf));
    CHECK(interval_of(range(2, 3), Qualifier::at_least) == closed_open(2, inf));
    CHECK(interval_of(range(2, 3), Qualifier::under) == closed_open(0, 3));
    CHECK(interval_of(range(2, 3), Qualifier::up_to) == closed(0, 3));
    CHECK(interval_of(range(2, 3), Qualifier::nearly) == closed_open(1.8, 3));
    CHECK(interval_of(range(-2, 3), Qualifier::under) == open(-inf, 3));
}

TEST_CASE("fractions are their quotient", "[model][quantity]") {
    CHECK(interval_of(frac(1, 3), Qualifier::exact) == Interval::point(1.0 / 3));
    CHECK(interval_of(frac(1, 3), Qualifier::exact).exact());
    CHECK(interval_of(frac(1, 2), Qualifier::exact).debug() == "[0.5, 0.5]");
    const Interval about_third = interval_of(frac(1, 3), Qualifier::about);
    CHECK(about_third.lo == Approx(0.3));
    CHECK(about_third.hi == Approx(0.36666666666666664));
    CHECK_FALSE(about_third.lo_open);
    CHECK_FALSE(about_third.hi_open);
    CHECK(interval_of(frac(2, 3), Qualifier::under) == closed_open(0, 2.0 / 3));
}

TEST_CASE("infinite ends are open", "[model][quantity]") {
    for (Qualifier q : {Qualifier::over, Qualifier::at_least}) {
        const Interval i = interval_of(num(10), q);
        CHECK_FALSE(i.bounded_above());
        CHECK(i.hi_open);
    }
    const Interval sum = interval_of(num(1), Qualifier::at_least) + Interval::point(1);
    CHECK(sum == closed_open(2, inf));
    CHECK(interval_of(num(-1), Qualifier::under).bounded_below() == false);
    CHECK(interval_of(num(-1), Qualifier::under).lo_open);
}

TEST_CASE("SenseTime headcount: 14 to over 500", "[model][quantity]") {
    const Interval from = interval_of(num(14), Qualifier::exact);
    const Interval to = interval_of(num(500), Qualifier::over);

    const Interval times = to / from;
    CHECK(times.lo == 500.0 / 14);
    CHECK(times.lo_open);  // more than 35.714…, never exactly 35.7 times
    CHECK(times.hi == inf);
    CHECK(times.hi_open);
    CHECK(times.debug() == "(35.714285714285715, inf)");
    CHECK(std::floor(times.lo) == 35);  // "more than 35 times"

    const Interval change = to - from;
    CHECK(change == open(486, inf));
    CHECK(change.debug() == "(486, inf)");
}

TEST_CASE("R&D share: nearly 350 of over 500 is under 70%", "[model][quantity]") {
    const Interval part = interval_of(num(350), Qualifier::nearly);  // [315, 350)
    const Interval whole = interval_of(num(500), Qualifier::over);   // (500, inf)
    const Interval share = part / whole;
    CHECK(share.lo == 0);
    CHECK(share.lo_open);  // 315 / x never reaches 0
    CHECK(share.hi == 0.7);
    CHECK(share.hi_open);  // under 70%, not "up to 70%"
    CHECK(share.debug() == "(0, 0.7)");

    // A part that may be 0 reaches 0: under 350 of over 500 is [0, 0.7).
    const Interval may_be_zero = interval_of(num(350), Qualifier::under) / whole;
    CHECK(may_be_zero == closed_open(0, 0.7));
}

TEST_CASE("open and closed ends through + and -", "[model][quantity]") {
    CHECK((closed(1, 2) + open_closed(3, 4)) == open_closed(4, 6));
    CHECK((closed(1, 2) - open_closed(3, 4)) == closed_open(-3, -1));
    CHECK((closed(1, 2) - open_closed(3, 4)).debug() == "[-3, -1)");
    CHECK((open(500, inf) - closed(14, 14)) == open(486, inf));
    CHECK((closed(14, 14) - open(500, inf)) == open(-inf, -486));
    CHECK((closed_open(315, 350) + open(500, inf)) == open(815, inf));
}

TEST_CASE("open and closed ends through * and /", "[model][quantity]") {
    CHECK((closed(-1, 2) * closed(3, 4)) == closed(-4, 8));
    CHECK((open_closed(0, 1) * closed(2, 3)) == open_closed(0, 3));
    CHECK((closed(0, 1) * open(2, 3)) == closed_open(0, 3));  // 0 * 2.5 = 0 is reached
    CHECK((open_closed(0, 1) * closed_open(2, inf)) == open(0, inf));
    CHECK((closed(0, 1) * closed_open(2, inf)) == closed_open(0, inf));
    CHECK((closed_open(-1, 0) * closed_open(1, inf)) == open(-inf, 0));
    CHECK((closed_open(0, 350) * Interval::point(2)) == closed_open(0, 700));

    CHECK((Interval::point(1) / open_closed(0, 2)) == closed_open(0.5, inf));
    CHECK((Interval::point(-1) / open_closed(0, 2)) == open_closed(-inf, -0.5));
    CHECK((closed(1, 2) / closed(-4, -1)) == closed(-2, -0.25));
    CHECK((closed(0, 1) / open_closed(0, 1)) == closed_open(0, inf));
    CHECK((open_closed(0, 1) / open_closed(0, 1)) == open(0, inf));
    CHECK((closed_open(1, inf) / closed_open(1, inf)) == open(0, inf));
    CHECK((Interval::point(3) / closed_open(1, inf)) == open_closed(0, 3));
}

TEST_CASE("division by an interval containing 0 is unbounded", "[model][quantity]") {
    CHECK((Interval::point(1) / closed(0, 2)) == open(-inf, inf));
    CHECK((Interval::point(1) / closed(-1, 1)) == open(-inf, inf));
    CHECK((Interval::point(1) / Interval::point(0)) == open(-inf, inf));
}

TEST_CASE("power of an interval", "[model][quantity]") {
    CHECK(power(closed_open(4, 9), 0.5) == closed_open(2, 3));
    CHECK(power(open(35, inf), 0.5) == open(std::sqrt(35.0), inf));
    CHECK(power(closed(-1, 4), 0.5) == closed(0, 2));
    CHECK(power(closed(1, 4), 0) == open(-inf, inf));
}

TEST_CASE("contains and empty", "[model][quantity]") {
    CHECK(closed(1, 2).contains(1));
    CHECK_FALSE(open(1, 2).contains(1));
    CHECK_FALSE(open(1, 2).contains(2));
    CHECK(open(1, inf).contains(1e300));
    CHECK_FALSE(open(1, inf).contains(inf));
    CHECK(closed_open(0, 0.7).contains(0));
    CHECK_FALSE(closed(1, 2).empty());
    CHECK(closed_open(1, 1).empty());
    CHECK(closed(2, 1).empty());
    CHECK_FALSE(Interval::point(3).empty());
}

// Brute force: on intervals with ends in quarter steps, the result of each operation
// contains every result of numbers of the operands, reaches each closed end, and
// approaches but does not reach each open end.
TEST_CASE("interval arithmetic against sampled operands", "[model][quantity]") {
    std::mt19937 rng(20240611);
    std::uniform_int_distribution<int> end(-12, 12);
    std::uniform_int_distribution<int> coin(0, 1);
    auto random_interval = [&] {
        int a = end(rng), b = end(rng);
        if (a > b) std::swap(a, b);
        Interval i{a / 4.0, b / 4.0, coin(rng) == 1, coin(rng) == 1};
        if (a == b) i.lo_open = i.hi_open = false;
        return i;
    };
    // Numbers of an interval in steps of 1/16 (exact in binary), ends only when closed,
    // and numbers 1e-9 inside each open end.
    auto samples = [](const Interval& i) {
        std::vector<double> xs;
        for (double x = i.lo; x <= i.hi; x += 1.0 / 16)
            if (i.contains(x)) xs.push_back(x);
        if (i.lo_open) xs.push_back(i.lo + 1e-9);
        if (i.hi_open) xs.push_back(i.hi - 1e-9);
        return xs;
    };

    enum Op { add, sub, mul, quot };
    for (int round = 0; round < 2000; ++round) {
        const Interval a = random_interval();
        const Interval b = random_interval();
        for (Op op : {add, sub, mul, quot}) {
            if (op == quot && b.contains(0)) continue;
            const Interval r = op == add ? a + b : op == sub ? a - b : op == mul ? a * b : a / b;
            INFO(a.debug() << " op" << static_cast<int>(op) << " " << b.debug() << " = " << r.debug());
            bool lo_reached = false, hi_reached = false;
            double nearest_lo = inf, nearest_hi = inf;
            bool all_inside = true;
            for (double x : samples(a))
                for (double y : samples(b)) {
                    const double v = op == add ? x + y : op == sub ? x - y : op == mul ? x * y : x / y;
                    all_inside = all_inside && r.contains(v);
                    lo_reached = lo_reached || v == r.lo;
                    hi_reached = hi_reached || v == r.hi;
                    nearest_lo = std::min(nearest_lo, std::fabs(v - r.lo));
                    nearest_hi = std::min(nearest_hi, std::fabs(v - r.hi));
                }
            CHECK(all_inside);
            if (op == quot && (b.lo == 0 || b.hi == 0)) continue;  // unbounded: nothing to approach
            CHECK(lo_reached == !r.lo_open);
            CHECK(hi_reached == !r.hi_open);
            // Open ends are approached: the samples 1e-9 inside the operands' open ends move a
            // result by less than 1e-6 (divisors are at least 1/4 from 0).
            CHECK(nearest_lo <= 1e-6);
            CHECK(nearest_hi <= 1e-6);
        }
    }
}
