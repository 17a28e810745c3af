#include "graphics/ticks.h"

#include <algorithm>
#include <cmath>

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

}  // namespace

Ticks nice_ticks(double lo, double hi, int max_ticks) {
    if (!std::isfinite(lo) || !std::isfinite(hi)) lo = hi = 0;
    if (lo > hi) std::swap(lo, hi);
    max_ticks = std::max(max_ticks, 2);
    if (lo == hi) {
        if (lo > 0) lo = 0;
        else if (hi < 0) hi = 0;
        else hi = 1;
    }
    const double raw = (hi - lo) / (max_ticks - 1);
    int e = static_cast<int>(std::floor(std::log10(raw)));
    static const int kSteps[] = {1, 2, 5};
    for (;; ++e) {
        for (int m : kSteps) {
            const double step = multiple(1, m, e);
            // A tiny tolerance keeps 0.3 / 0.1 from becoming 3.0000000000000004 -> 4.
            const long first = static_cast<long>(std::floor(lo / step + 1e-9));
            const long last = static_cast<long>(std::ceil(hi / step - 1e-9));
            if (last - first + 1 > max_ticks) continue;
            Ticks t;
            t.step = step;
            for (long k = first; k <= last; ++k) t.values.push_back(multiple(k, m, e));
            t.decimals = std::max(0, -e);
            return t;
        }
    }
}

std::vector<int> year_ticks(int first, int last, int max_ticks) {
    if (first > last) std::swap(first, last);
    max_ticks = std::max(max_ticks, 2);
    static const int kSteps[] = {1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000};
    int step = 1000;
    for (int s : kSteps) {
        const int a = static_cast<int>(std::floor(first / static_cast<double>(s))) * s;
        const int b = static_cast<int>(std::ceil((last + 1) / static_cast<double>(s))) * s;
        if ((b - a) / s + 1 <= max_ticks) {
            step = s;
            break;
        }
    }
    std::vector<int> years;
    const int a = static_cast<int>(std::floor(first / static_cast<double>(step))) * step;
    const int b = static_cast<int>(std::ceil((last + 1) / static_cast<double>(step))) * step;
    for (int y = a; y <= b; y += step) years.push_back(y);
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
