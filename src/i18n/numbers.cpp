// Numbers in words and digits: rounding, thousands separators, scale words (million,
// billion, trillion; 万, 亿, 万亿), Chinese numerals and fractions.
#include <cmath>
#include <cstdio>
#include <string>

#include "i18n/detail.h"
#include "i18n/format.h"
#include "i18n/messages.h"

namespace timeline::i18n {

namespace detail {

namespace {

// x * 10^decimals rounded to an integer in the given direction (see fixed()).
long double scaled_rounded(double x, int decimals, Rounding rounding) {
    long double s = x;
    for (int i = 0; i < decimals; ++i) s *= 10;
    const long double nearest = std::round(s);
    const long double tolerance = 1e-12L * std::fmax(1.0L, std::fabs(s));
    if (std::fabs(s - nearest) <= tolerance) return nearest;
    switch (rounding) {
        case Rounding::nearest: return nearest;
        case Rounding::down: return std::floor(s);
        case Rounding::up: return std::ceil(s);
    }
    return nearest;
}

std::string group_thousands(const std::string& digits) {
    std::string out;
    const std::size_t n = digits.size();
    out.reserve(n + n / 3);
    for (std::size_t i = 0; i < n; ++i) {
        if (i > 0 && (n - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

}  // namespace

double rounded(double x, int decimals, Rounding rounding) {
    long double s = scaled_rounded(x, decimals, rounding);
    for (int i = 0; i < decimals; ++i) s /= 10;
    return static_cast<double>(s);
}

std::string fixed(double x, int decimals, Rounding rounding, bool group) {
    if (decimals < 0) decimals = 0;
    if (decimals > 12) decimals = 12;
    const long double s = scaled_rounded(x, decimals, rounding);
    std::string digits;
    bool negative = s < 0;
    if (std::fabs(s) >= 9.0e18L) {
        // Beyond 64-bit integers: whole digits only (no number of a data set gets here
        // except through scale words, whose mantissas are small).
        char buf[400];
        std::snprintf(buf, sizeof buf, "%.0Lf", std::fabs(s));
        digits = buf;
        for (int i = 0; i < decimals && digits.size() > 1; ++i) digits.pop_back();
        decimals = 0;
    } else {
        const long long n = std::llround(std::fabs(s));
        if (n == 0) negative = false;
        digits = std::to_string(n);
    }
    std::string int_part = digits;
    std::string frac_part;
    if (decimals > 0) {
        if (digits.size() <= static_cast<std::size_t>(decimals))
            digits.insert(0, static_cast<std::size_t>(decimals) + 1 - digits.size(), '0');
        int_part = digits.substr(0, digits.size() - static_cast<std::size_t>(decimals));
        frac_part = digits.substr(digits.size() - static_cast<std::size_t>(decimals));
        while (!frac_part.empty() && frac_part.back() == '0') frac_part.pop_back();
    }
    std::string out = negative ? "-" : "";
    out += group ? group_thousands(int_part) : int_part;
    if (!frac_part.empty()) {
        out += '.';
        out += frac_part;
    }
    return out;
}

std::string percent_text(double fraction, Lang lang, Rounding rounding) {
    const double percent = fraction * 100;
    return fixed(percent, std::fabs(percent) < 100 ? 1 : 0, rounding, lang == Lang::en) + "%";
}

bool starts_with_minus(std::string_view s) { return !s.empty() && s.front() == '-'; }

std::string join_range(const std::string& a, const std::string& b, Lang lang) {
    if (lang == Lang::zh) return a + "至" + b;
    if (starts_with_minus(a) || starts_with_minus(b)) return a + " to " + b;
    for (std::string_view word : {" million", " billion", " trillion"}) {
        const auto ends = [&](const std::string& s) {
            return s.size() > word.size() && s.compare(s.size() - word.size(), word.size(), word) == 0;
        };
        if (ends(a) && ends(b)) return a.substr(0, a.size() - word.size()) + "\u2013" + b;
    }
    return a + "\u2013" + b;
}

}  // namespace detail

namespace {

struct Scale {
    double factor;
    const char* word;
};

constexpr Scale en_scales[] = {{1, ""}, {1e6, " million"}, {1e9, " billion"}, {1e12, " trillion"}};
constexpr Scale zh_scales[] = {{1, ""}, {1e4, "万"}, {1e8, "亿"}, {1e12, "万亿"}};
constexpr int scale_count = 4;

// Decimals shown for an unscaled number: 2, or 3 significant digits between -1 and 1.
int plain_decimals(double a) {
    if (a == 0 || a >= 1) return 2;
    const int magnitude = static_cast<int>(std::floor(std::log10(a)));
    const int d = 2 - magnitude;
    return d > 12 ? 12 : d;
}

constexpr const char* cn_digits[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

// 1 <= n <= 9999. `leading`: the part begins the whole number (10..19 read 十, 十一 …).
std::string cn_four(long n, bool leading) {
    static constexpr const char* units[] = {"千", "百", "十", ""};
    const long d[4] = {n / 1000 % 10, n / 100 % 10, n / 10 % 10, n % 10};
    std::string out;
    bool started = false;
    bool zero_pending = false;
    for (int i = 0; i < 4; ++i) {
        if (d[i] == 0) {
            if (started) zero_pending = true;
            continue;
        }
        if (zero_pending) out += "零";
        zero_pending = false;
        if (i == 2 && d[i] == 1 && !started && leading)
            out += "十";
        else {
            out += cn_digits[d[i]];
            out += units[i];
        }
        started = true;
    }
    return out;
}

}  // namespace

std::string format_decimal(double v, int decimals, Lang lang, Rounding rounding) {
    if (std::isnan(v)) return std::string(message(Msg::no_data, lang));
    if (std::isinf(v)) return std::string(v < 0 ? "-" : "") + (lang == Lang::en ? "infinity" : "无穷大");
    return detail::fixed(v, decimals, rounding, lang == Lang::en);
}

std::string format_number(double v, Lang lang, Rounding rounding) {
    if (std::isnan(v) || std::isinf(v)) return format_decimal(v, 0, lang, rounding);
    const Scale* scales = lang == Lang::en ? en_scales : zh_scales;
    const double a = std::fabs(v);
    int i = 0;
    while (i + 1 < scale_count && a >= scales[i + 1].factor) ++i;
    if (rounding == Rounding::nearest && i > 0 && a < 1e15) {
        // A number stated as it is (not a bound) takes a scale word only when the scaled
        // number shows it exactly with few decimals (GB/T 15835: 11028公里, 4.8万公里,
        // never 1.1028万公里); otherwise its plain digits.
        const int short_decimals = lang == Lang::en ? 3 : 2;
        const double m = v / scales[i].factor;
        const double shown = detail::rounded(m, short_decimals, rounding) * scales[i].factor;
        if (std::fabs(shown - v) <= 1e-14 * a)
            return detail::fixed(m, short_decimals, rounding, lang == Lang::en) + scales[i].word;
        return detail::fixed(v, plain_decimals(a), rounding, lang == Lang::en);
    }
    const int scaled_decimals = lang == Lang::en ? 3 : 4;
    for (;;) {
        const int decimals = i == 0 ? plain_decimals(a) : scaled_decimals;
        const double m = v / scales[i].factor;
        const double shown = std::fabs(detail::rounded(m, decimals, rounding));
        if (i + 1 < scale_count && shown * scales[i].factor >= scales[i + 1].factor) {
            ++i;  // rounding reached the next scale: 999,999.999 is "1 million"
            continue;
        }
        return detail::fixed(m, decimals, rounding, lang == Lang::en) + scales[i].word;
    }
}

std::string chinese_numeral(long n) {
    if (n < 0 || n >= 100000000) return std::to_string(n);
    if (n == 0) return cn_digits[0];
    if (n < 10000) return cn_four(n, true);
    const long high = n / 10000;
    const long low = n % 10000;
    std::string out = cn_four(high, true) + "万";
    if (low > 0) {
        if (low < 1000) out += "零";
        out += cn_four(low, false);
    }
    return out;
}

std::string format_fraction(long numerator, long denominator, Lang lang) {
    const std::string digits = std::to_string(numerator) + "/" + std::to_string(denominator);
    if (numerator <= 0 || denominator <= 0) return digits;
    if (lang == Lang::zh) {
        if (denominator == 100) return "百分之" + chinese_numeral(numerator);
        if (denominator == 1000) return "千分之" + chinese_numeral(numerator);
        return chinese_numeral(denominator) + "分之" + chinese_numeral(numerator);
    }
    static constexpr const char* ones[] = {"", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"};
    const char* part = nullptr;
    const char* parts = nullptr;
    switch (denominator) {
        case 2: part = "half"; parts = "halves"; break;
        case 3: part = "third"; parts = "thirds"; break;
        case 4: part = "quarter"; parts = "quarters"; break;
        case 5: part = "fifth"; parts = "fifths"; break;
        case 10: part = "tenth"; parts = "tenths"; break;
        default: return digits;
    }
    if (numerator >= denominator) return digits;
    return std::string(ones[numerator]) + "-" + (numerator == 1 ? part : parts);
}

}  // namespace timeline::i18n
