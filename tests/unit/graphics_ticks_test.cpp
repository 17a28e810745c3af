// Ticks and scales for any finite double (src/graphics/ticks.h): no overflow, no undefined
// conversion (the sanitizer stage runs this with float-cast-overflow), finite ascending ticks
// that cover the range.
#include <cfloat>
#include <climits>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include <catch2/catch.hpp>

#include "graphics/ticks.h"

namespace {

using namespace timeline;
using graphics::nice_ticks;

std::vector<double> extremes() {
    const double max = std::numeric_limits<double>::max();
    const double denorm = std::numeric_limits<double>::denorm_min();
    std::vector<double> v = {0,     1,        1e-9,    1e15,         1e300,       max,  std::nextafter(max, 0),
                             DBL_MIN, denorm, 2 * denorm, 1e-300, 1e-320, 123456.789, 9.2233720368547758e18};
    const std::size_t n = v.size();
    for (std::size_t k = 0; k < n; ++k) v.push_back(-v[k]);
    return v;
}

void check_ticks(double lo, double hi, int max_ticks) {
    INFO("lo " << lo << " hi " << hi << " max_ticks " << max_ticks);
    const graphics::Ticks t = nice_ticks(lo, hi, max_ticks);
    REQUIRE(t.values.size() >= 2);
    CHECK(t.values.size() <= static_cast<std::size_t>(std::max(max_ticks, 2)));
    CHECK(std::isfinite(t.step));
    CHECK(t.step > 0);
    for (std::size_t k = 0; k < t.values.size(); ++k) {
        CHECK(std::isfinite(t.values[k]));
        if (k > 0) CHECK(t.values[k] > t.values[k - 1]);
    }
    // Covered up to a billionth of a step (the tolerance that keeps 0.3 / 0.1 at 3).
    CHECK(t.lo() - 1e-8 * t.step <= std::min(lo, hi));
    CHECK(t.hi() + 1e-8 * t.step >= std::max(lo, hi));
    CHECK(t.decimals >= 0);
    CHECK(t.decimals <= 12);
    // Labels and scales of the ends.
    for (Lang lang : {Lang::zh, Lang::en}) {
        const double factor = graphics::scale_for(std::max(std::abs(t.lo()), std::abs(t.hi())), lang);
        const int decimals = graphics::tick_decimals(t.step, factor);
        CHECK_FALSE(graphics::tick_label(t.lo(), factor, decimals, lang).empty());
        CHECK_FALSE(graphics::tick_label(t.hi(), factor, decimals, lang).empty());
    }
}

}  // namespace

TEST_CASE("ticks for every pair of extreme doubles are finite, ascending and cover the range", "[graphics]") {
    const auto values = extremes();
    for (double lo : values)
        for (double hi : values)
            for (int max_ticks : {2, 6, 8}) check_ticks(lo, hi, max_ticks);
}

TEST_CASE("ticks for random doubles of every magnitude", "[graphics]") {
    std::mt19937_64 rng(15);
    std::uniform_int_distribution<int> exponent(-330, 308);
    std::uniform_real_distribution<double> mantissa(-9.99, 9.99);
    for (int k = 0; k < 20000; ++k) {
        const double a = mantissa(rng) * std::pow(10.0, exponent(rng));
        const double b = k % 3 == 0 ? std::nextafter(a, HUGE_VAL) : mantissa(rng) * std::pow(10.0, exponent(rng));
        if (!std::isfinite(a) || !std::isfinite(b)) continue;
        check_ticks(a, b, 6);
    }
}

TEST_CASE("ticks of ordinary ranges are unchanged by the extreme-value path", "[graphics]") {
    using Values = std::vector<double>;
    CHECK(nice_ticks(-1e15, 1e15).values == Values{-1e15, -5e14, 0, 5e14, 1e15});
    CHECK(nice_ticks(0, 1e-9).values == Values{0, 2e-10, 4e-10, 6e-10, 8e-10, 1e-9});
    // The largest doubles: the top tick is clamped to the largest double.
    const double max = std::numeric_limits<double>::max();
    const graphics::Ticks t = nice_ticks(-max, max);
    CHECK(t.lo() == -max);
    CHECK(t.hi() == max);
    CHECK(t.values.size() <= 6);
    // Infinities and NaN are no range: the default [0, 1].
    CHECK(nice_ticks(-HUGE_VAL, HUGE_VAL).values == nice_ticks(0, 0).values);
    CHECK(nice_ticks(std::nan(""), 3).values == nice_ticks(0, 0).values);
}

TEST_CASE("year ticks for any span of int years", "[graphics]") {
    using Years = std::vector<int>;
    CHECK(graphics::year_ticks(2015, 2019) == Years{2015, 2016, 2017, 2018, 2019, 2020});
    for (auto [first, last] : std::vector<std::pair<int, int>>{
             {INT_MIN, INT_MAX}, {INT_MAX, INT_MAX}, {INT_MIN, INT_MIN}, {-5000, 9999}, {0, 100000}}) {
        INFO(first << ".." << last);
        const auto years = graphics::year_ticks(first, last, 8);
        REQUIRE(years.size() >= 1);
        CHECK(years.size() <= 8);
        for (std::size_t k = 1; k < years.size(); ++k) CHECK(years[k] > years[k - 1]);
    }
}
