// Dates in words (PRODUCT §1.2): periods, qualifiers, intervals and open ends.
#include <string>

#include "i18n/format.h"
#include "i18n/messages.h"

namespace timeline::i18n {

namespace {

constexpr const char* en_months[] = {"January", "February", "March",     "April",   "May",      "June",
                                     "July",    "August",   "September", "October", "November", "December"};
constexpr const char* zh_ordinals[] = {"一", "二", "三", "四"};
constexpr const char* en_dash = "\u2013";
constexpr const char* zh_dash = "\u2014";

struct Parts {
    int year;
    unsigned month;  // 1..12
    unsigned day;    // 1..31
};

Parts parts_of(const Period& p) {
    const date::year_month_day ymd{p.first};
    return {static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day())};
}

unsigned quarter_of(const Parts& d) { return (d.month - 1) / 3 + 1; }
unsigned half_of(const Parts& d) { return d.month <= 6 ? 1 : 2; }

std::string num(long n) { return std::to_string(n); }

// en parts of a period.
std::string en_day_month(const Parts& d) { return num(d.day) + " " + en_months[d.month - 1]; }
std::string en_sub_year(const Period& p, const Parts& d) {  // "H1", "Q3"
    return p.precision == Precision::half ? "H" + num(half_of(d)) : "Q" + num(quarter_of(d));
}
std::string en_decade(const Parts& d) { return num(d.year - d.year % 10) + "s"; }

// zh parts of a period.
std::string zh_month(const Parts& d) { return num(d.month) + "月"; }
std::string zh_day(const Parts& d) { return num(d.day) + "日"; }
std::string zh_sub_year(const Period& p, const Parts& d) {  // "上半年", "第三季度"
    if (p.precision == Precision::half) return half_of(d) == 1 ? "上半年" : "下半年";
    return std::string("第") + zh_ordinals[quarter_of(d) - 1] + "季度";
}
std::string zh_century(const Parts& d) { return num(d.year / 100 + 1) + "世纪"; }
std::string zh_decade_in_century(const Parts& d) { return num(d.year / 10 % 10) + "0年代"; }

// A period without its qualifiers.
std::string core(const Period& p, Lang lang) {
    const Parts d = parts_of(p);
    if (lang == Lang::en) {
        switch (p.precision) {
            case Precision::day: return en_day_month(d) + " " + num(d.year);
            case Precision::month: return std::string(en_months[d.month - 1]) + " " + num(d.year);
            case Precision::quarter:
            case Precision::half: return en_sub_year(p, d) + " " + num(d.year);
            case Precision::year: return num(d.year);
            case Precision::decade: return "the " + en_decade(d);
        }
    } else {
        const std::string y = num(d.year) + "年";
        switch (p.precision) {
            case Precision::day: return y + zh_month(d) + zh_day(d);
            case Precision::month: return y + zh_month(d);
            case Precision::quarter:
            case Precision::half: return y + zh_sub_year(p, d);
            case Precision::year: return y;
            case Precision::decade: return zh_century(d) + zh_decade_in_century(d);
        }
    }
    return num(d.year);
}

// Uncertainty is said once: an approximate date ("c. 2019" / "约2019年") already says it is
// not certain, so an approximate and uncertain one (EDTF "%") reads the same; "?" /
// "（存疑）" mark an uncertain date that is not approximate ("July 2019?" / "2019年7月（存疑）").
std::string uncertain_mark(bool approximate, bool uncertain, Lang lang, DateMarks marks) {
    if (!uncertain || (approximate && marks == DateMarks::reader)) return "";
    return lang == Lang::en ? "?" : "（存疑）";
}

std::string qualify(const std::string& text, bool approximate, bool uncertain, Lang lang, DateMarks marks) {
    return (approximate ? (lang == Lang::en ? "c. " : "约") : "") + text +
           uncertain_mark(approximate, uncertain, lang, marks);
}

std::string en_join(const std::string& a, const std::string& b) {
    const bool spaced = a.find(' ') != std::string::npos || b.find(' ') != std::string::npos;
    return a + (spaced ? std::string(" ") + en_dash + " " : std::string(en_dash)) + b;
}

// Both ends of an interval without qualifiers, sharing what they have in common.
std::string merged(const Period& a, const Period& b, Lang lang) {
    const Parts x = parts_of(a);
    const Parts y = parts_of(b);
    const bool en = lang == Lang::en;
    if (a.precision != b.precision)
        return en ? en_join(core(a, lang), core(b, lang)) : core(a, lang) + zh_dash + core(b, lang);
    const bool same_year = x.year == y.year;
    switch (a.precision) {
        case Precision::year:
            return en ? num(x.year) + en_dash + num(y.year) : num(x.year) + zh_dash + num(y.year) + "年";
        case Precision::month:
            if (!same_year) break;
            if (en) return std::string(en_months[x.month - 1]) + en_dash + en_months[y.month - 1] + " " + num(x.year);
            return num(x.year) + "年" + zh_month(x) + zh_dash + zh_month(y);
        case Precision::day:
            if (!same_year) break;
            if (x.month == y.month) {
                if (en) return num(x.day) + en_dash + num(y.day) + " " + en_months[x.month - 1] + " " + num(x.year);
                return num(x.year) + "年" + zh_month(x) + zh_day(x) + zh_dash + zh_day(y);
            }
            if (en) return en_day_month(x) + " " + en_dash + " " + en_day_month(y) + " " + num(x.year);
            return num(x.year) + "年" + zh_month(x) + zh_day(x) + zh_dash + zh_month(y) + zh_day(y);
        case Precision::quarter:
        case Precision::half:
            if (!same_year) break;
            if (en) return en_sub_year(a, x) + en_dash + en_sub_year(b, y) + " " + num(x.year);
            return num(x.year) + "年" + zh_sub_year(a, x) + zh_dash + zh_sub_year(b, y);
        case Precision::decade:
            if (en) return "the " + en_decade(x) + en_dash + en_decade(y);
            if (x.year / 100 == y.year / 100)
                return zh_century(x) + zh_decade_in_century(x) + zh_dash + zh_decade_in_century(y);
            break;
    }
    return en ? en_join(core(a, lang), core(b, lang)) : core(a, lang) + zh_dash + core(b, lang);
}

bool same_span(const Period& a, const Period& b) {
    return a.precision == b.precision && a.first == b.first && a.last == b.last;
}

}  // namespace

std::string format_period(const Period& p, Lang lang, DateMarks marks) {
    return qualify(core(p, lang), p.approximate, p.uncertain, lang, marks);
}

std::string format_year(int year, Lang lang) { return lang == Lang::zh ? num(year) + "年" : num(year); }

std::string format_when(const When& w, Lang lang, DateMarks marks) {
    if (!w.start && !w.end) return std::string(message(Msg::undated, lang));
    if (!w.end) {  // open end: from X
        const Period& a = *w.start;
        if (!w.interval) return format_period(a, lang, marks);
        if (lang == Lang::en) return "from " + format_period(a, lang, marks);
        return (a.approximate ? "约" : "") + core(a, lang) + "起" + uncertain_mark(a.approximate, a.uncertain, lang, marks);
    }
    if (!w.start) {  // open start: until X
        const Period& b = *w.end;
        if (!w.interval) return format_period(b, lang, marks);
        if (lang == Lang::en) return "until " + format_period(b, lang, marks);
        return (b.approximate ? "约" : "") + core(b, lang) + "以前" + uncertain_mark(b.approximate, b.uncertain, lang, marks);
    }
    const Period& a = *w.start;
    const Period& b = *w.end;
    const bool same_qualifiers = a.approximate == b.approximate && a.uncertain == b.uncertain;
    if (!w.interval || (same_span(a, b) && same_qualifiers)) return format_period(a, lang, marks);
    if (same_qualifiers) return qualify(merged(a, b, lang), a.approximate, a.uncertain, lang, marks);
    if (lang == Lang::en) return format_period(a, lang, marks) + " " + en_dash + " " + format_period(b, lang, marks);
    return format_period(a, lang, marks) + zh_dash + format_period(b, lang, marks);
}

std::string format_when(const When& w, Lang lang, DateForm form) {
    switch (form) {
        case DateForm::listed: break;
        case DateForm::bare:
            if (w.interval && (!w.start || !w.end) && (w.start || w.end)) return format_period(w.start ? *w.start : *w.end, lang);
            break;
        case DateForm::phrase: {
            if (lang == Lang::zh || !w.start || !w.end) break;  // zh, open ends and undated: as listed
            return (w.start->precision == Precision::day ? "on " : "in ") + format_when(w, lang);
        }
    }
    return format_when(w, lang);
}

}  // namespace timeline::i18n
