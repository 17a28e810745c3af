#include "graphics/ticks.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <optional>

#include "i18n/format.h"

namespace timeline::graphics {

namespace {

// 10^e exactly for the integer exponents a double holds exactly (|e| <= 22).
double pow10(int e) {
    double r = 1;
    for (int k = 0; k < std::abs(e); ++k) r *= 10;
    return e < 0 ? 1 / r : r;
}

// k * m * 10^e without the rounding error of repeated addition: divide by 10^-e for
// negative e so that 3 * 1 * 10^-1 is 0.3.
double multiple(long k, int m, int e) {
    const double km = static_cast<double>(k) * m;
    return e >= 0 ? km * pow10(e) : km / pow10(-e);
}

constexpr int kSteps[] = {1, 2, 5};
constexpr int kMaxTicks = 1000;  // more would not fit on a page anyway

// Whether x can be converted to a long (the multiples of a step that bound the range).
bool fits_long(long double x) { return x > -4e18L && x < 4e18L; }

// The nice ticks of a range whose ends, width and steps are ordinary doubles (|lo|, |hi|
// and the step within 10^±300): the multiples are computed in double, exactly as above.
std::optional<Ticks> ordinary_ticks(double lo, double hi, int max_ticks) {
    const double raw = (hi - lo) / (max_ticks - 1);
    if (!(std::abs(lo) <= 1e300 && std::abs(hi) <= 1e300 && raw >= 1e-300)) return std::nullopt;
    for (int e = static_cast<int>(std::floor(std::log10(raw)));; ++e) {
        for (int m : kSteps) {
            const double step = multiple(1, m, e);
            // A tiny tolerance keeps 0.3 / 0.1 from becoming 3.0000000000000004 -> 4.
            const double q_first = std::floor(lo / step + 1e-9), q_last = std::ceil(hi / step - 1e-9);
            if (!fits_long(q_first) || !fits_long(q_last)) continue;
            const long first = static_cast<long>(q_first);
            const long last = static_cast<long>(q_last);
            if (last - first + 1 > max_ticks) continue;
            Ticks t;
            t.step = step;
            for (long k = first; k <= last; ++k) t.values.push_back(multiple(k, m, e));
            t.decimals = std::clamp(-e, 0, 12);
            return t;
        }
    }
}

// Any other finite range (ends near the largest double, widths near the smallest): the same
// search in long double, whose range holds every product here, with ticks beyond the
// largest double clamped to it (they are then not multiples of the step, but cover the
// range and stay finite).
Ticks extreme_ticks(double lo, double hi, int max_ticks) {
    const long double l = lo, h = hi;
    const long double raw = (h - l) / (max_ticks - 1);
    constexpr long double kMax = std::numeric_limits<double>::max();
    Ticks t;
    for (int e = static_cast<int>(std::floor(std::log10(raw)));; ++e) {
        for (int m : kSteps) {
            const long double step = m * std::pow(10.0L, static_cast<long double>(e));
            const long double q_first = std::floor(l / step + 1e-9L), q_last = std::ceil(h / step - 1e-9L);
            if (!fits_long(q_first) || !fits_long(q_last)) continue;
            const long first = static_cast<long>(q_first);
            const long last = static_cast<long>(q_last);
            if (last - first + 1 > max_ticks) continue;
            constexpr long double kMin = std::numeric_limits<double>::denorm_min();
            t.step = static_cast<double>(std::clamp(step, kMin, kMax));
            for (long k = first; k <= last; ++k) {
                const double v = static_cast<double>(std::clamp(k * step, -kMax, kMax));
                if (t.values.empty() || v > t.values.back()) t.values.push_back(v);
            }
            // No multiple of the step fits between two doubles, or a range across 0 asked for
            // two ticks (-s, 0, s always takes three).
            if (t.values.size() < 2) {
                t.values = {lo, hi};
                t.step = std::min(hi - lo, std::numeric_limits<double>::max());
            }
            t.decimals = std::clamp(-e, 0, 12);
            return t;
        }
    }
}

// Whether ticks are strictly ascending and cover [lo, hi] (up to the tolerance above: a
// billionth of a step).
bool usable(const Ticks& t, double lo, double hi) {
    const double slack = 1e-8 * t.step;
    if (t.values.size() < 2 || t.values.front() - slack > lo || t.values.back() + slack < hi) return false;
    return std::adjacent_find(t.values.begin(), t.values.end(), std::greater_equal<>()) == t.values.end();
}

}  // namespace

Ticks nice_ticks(double lo, double hi, int max_ticks) {
    if (!std::isfinite(lo) || !std::isfinite(hi)) lo = hi = 0;
    if (lo > hi) std::swap(lo, hi);
    max_ticks = std::clamp(max_ticks, 2, kMaxTicks);
    if (lo == hi) {
        if (lo > 0) lo = 0;
        else if (hi < 0) hi = 0;
        else hi = 1;
    }
    // A range only a few units in the last place wide has no multiples of a nice step that a
    // double can hold apart: the ordinary search then gives repeated ticks.
    if (auto t = ordinary_ticks(lo, hi, max_ticks); t && usable(*t, lo, hi)) return *t;
    return extreme_ticks(lo, hi, max_ticks);
}

std::vector<int> year_ticks(int first, int last, int max_ticks) {
    if (first > last) std::swap(first, last);
    max_ticks = std::clamp(max_ticks, 2, kMaxTicks);
    // In long long: last + 1 and the rounded ends may pass the range of int.
    static const long long kYearSteps[] = {1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000};
    const auto floor_to = [](long long x, long long s) { return (x >= 0 ? x : x - s + 1) / s * s; };
    const auto ceil_to = [](long long x, long long s) { return (x >= 0 ? x + s - 1 : x) / s * s; };
    long long step = 0;
    for (long long s : kYearSteps) {
        if ((ceil_to(last + 1LL, s) - floor_to(first, s)) / s + 1 <= max_ticks) {
            step = s;
            break;
        }
    }
    if (step == 0) {  // beyond a thousand years per tick: a power of ten that fits
        step = 1000;
        while ((ceil_to(last + 1LL, step) - floor_to(first, step)) / step + 1 > max_ticks) step *= 10;
    }
    std::vector<int> years;
    for (long long y = floor_to(first, step); y <= ceil_to(last + 1LL, step); y += step)
        if (y >= std::numeric_limits<int>::min() && y <= std::numeric_limits<int>::max()) years.push_back(static_cast<int>(y));
    return years;
}

double scale_for(double max_abs, Lang lang) {
    max_abs = std::abs(max_abs);
    if (lang == Lang::zh) {
        if (max_abs >= 1e12) return 1e12;
        if (max_abs >= 1e8) return 1e8;
        if (max_abs >= 1e4) return 1e4;
        return 1;
    }
    if (max_abs >= 1e12) return 1e12;
    if (max_abs >= 1e9) return 1e9;
    if (max_abs >= 1e6) return 1e6;
    return 1;
}

std::string scale_word(double factor, Lang lang) {
    if (factor == 1) return {};
    // format_number(1e8, zh) is "1亿", (1e9, en) "1 billion", (1e8, en) "100 million":
    // the words of the text, with a bare leading "1" dropped.
    std::string s = i18n::format_number(factor, lang);
    if (s.rfind("1 ", 0) == 0) return s.substr(2);
    if (lang == Lang::zh && s.size() > 1 && s[0] == '1' && !(s[1] >= '0' && s[1] <= '9')) return s.substr(1);
    return s;
}

std::string axis_unit(double factor, const std::string& unit, Lang lang) {
    const std::string word = scale_word(factor, lang);
    if (word.empty()) return unit;
    if (unit.empty()) return word;
    return lang == Lang::zh ? word + unit : word + " " + unit;
}

std::string tick_label(double value, double factor, int decimals, Lang lang) {
    const double v = value / factor;
    return i18n::format_decimal(std::abs(v) < 1e-12 ? 0.0 : v, decimals, lang);
}

int tick_decimals(double step, double factor) {
    const double s = step / factor;
    int d = 0;
    while (d < 6 && std::abs(s * pow10(d) - std::round(s * pow10(d))) > 1e-6 * s * pow10(d)) ++d;
    return d;
}

}  // namespace timeline::graphics
