// Quantities (PRODUCT §1.3): a figure's value with its qualifier and unit, unit labels with
// English number agreement, ranges and fractions in words.
#include <cmath>
#include <string>
#include <string_view>

#include "i18n/detail.h"
#include "i18n/format.h"
#include "i18n/messages.h"

namespace timeline::i18n {

namespace {

// --- English number agreement of unit labels ---------------------------------------------

struct Irregular {
    std::string_view one;
    std::string_view many;
};
constexpr Irregular irregulars[] = {{"person", "people"}, {"child", "children"}, {"man", "men"},
                                    {"woman", "women"},   {"foot", "feet"},      {"tooth", "teeth"}};

// Words with one form for both numbers.
constexpr std::string_view invariables[] = {"yuan", "renminbi", "rmb", "yen", "jiao", "fen", "staff",
                                            "personnel", "sheep", "deer", "fish", "series", "species",
                                            "aircraft", "equipment", "data", "information", "news"};

bool ends_with(std::string_view s, std::string_view tail) {
    return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

bool invariable(std::string_view word) {
    if (word.empty()) return true;
    // A word without a vowel is an abbreviation or a symbol: "km", "kg", "mph".
    bool vowel = false;
    for (char c : lower(word)) vowel = vowel || is_vowel(c) || c == 'y';
    if (!vowel) return true;
    for (char c : word)  // abbreviations and symbols: "CNY", "kWh", "ops/s", "m2"
        if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' || c == '.' ||
            static_cast<unsigned char>(c) >= 0x80)
            return true;
    const std::string lowered = lower(word);
    for (std::string_view w : invariables)
        if (lowered == w) return true;
    return false;
}

bool looks_plural(std::string_view w) {
    for (const Irregular& i : irregulars)
        if (w == i.many) return true;
    for (const Irregular& i : irregulars)
        if (w == i.one) return false;
    return ends_with(w, "s") && !ends_with(w, "ss") && !ends_with(w, "us") && !ends_with(w, "is");
}

std::string plural_of(std::string_view w) {
    for (const Irregular& i : irregulars)
        if (w == i.one) return std::string(i.many);
    if (w.size() >= 2 && w.back() == 'y' && !is_vowel(w[w.size() - 2]))
        return std::string(w.substr(0, w.size() - 1)) + "ies";
    if (ends_with(w, "s") || ends_with(w, "x") || ends_with(w, "z") || ends_with(w, "ch") || ends_with(w, "sh"))
        return std::string(w) + "es";
    return std::string(w) + "s";
}

std::string singular_of(std::string_view w) {
    for (const Irregular& i : irregulars)
        if (w == i.many) return std::string(i.one);
    if (w.size() > 3 && ends_with(w, "ies")) return std::string(w.substr(0, w.size() - 3)) + "y";
    for (std::string_view tail : {"sses", "xes", "zes", "ches", "shes"})
        if (ends_with(w, tail)) return std::string(w.substr(0, w.size() - 2));
    return std::string(w.substr(0, w.size() - 1));
}

// Inflects the word that agrees with the number: the last word before " per " or " of ",
// else the last word ("operations per second", "research institutes").
std::string inflect(std::string_view label, bool plural) {
    std::size_t head_end = label.size();
    for (std::string_view sep : {" per ", " of "}) {
        const std::size_t p = label.find(sep);
        if (p != std::string_view::npos && p < head_end) head_end = p;
    }
    const std::string_view head = label.substr(0, head_end);
    const std::size_t word_start = head.rfind(' ') == std::string_view::npos ? 0 : head.rfind(' ') + 1;
    const std::string_view word = head.substr(word_start);
    if (invariable(word)) return std::string(label);
    std::string inflected;
    if (plural)
        inflected = looks_plural(word) ? std::string(word) : plural_of(word);
    else
        inflected = looks_plural(word) ? singular_of(word) : std::string(word);
    return std::string(label.substr(0, word_start)) + inflected + std::string(label.substr(head_end));
}

std::string en_base_label(const Unit& unit) {
    if (!unit.label.en.empty()) return unit.label.en;
    if (!unit.symbol.en.empty()) return unit.symbol.en;
    return unit.id;
}

// The symbol a unit is written with in `lang`, or "" when it is written with its label.
const std::string& written_symbol(const Unit& unit, Lang lang) {
    static const std::string none;
    if (unit.write != UnitWriting::symbol) return none;
    return lang == Lang::zh ? unit.symbol.zh : unit.symbol.en;
}

// What follows a number in Chinese: the symbol of a unit written with it, the measure word
// of a count, else the label.
std::string zh_suffix(const Unit& unit) {
    if (const std::string& symbol = written_symbol(unit, Lang::zh); !symbol.empty()) return symbol;
    if (unit.kind == UnitKind::count && !unit.measure_word.empty()) return unit.measure_word;
    if (!unit.label.zh.empty()) return unit.label.zh;
    if (!unit.symbol.zh.empty()) return unit.symbol.zh;
    return " " + en_base_label(unit);  // no Chinese at all: keep the English apart
}

bool is_ratio(const Unit& unit) { return unit.kind == UnitKind::ratio; }

std::string number_text(double v, const Unit& unit, Lang lang, Rounding r = Rounding::nearest) {
    if (is_ratio(unit) && std::isfinite(v)) return detail::percent_text(v, lang, r);
    return format_number(v, lang, r);
}

bool whole(double v) { return std::isfinite(v) && v == std::floor(v); }

// "two or three" / "两三" for neighbouring whole numbers 1..9, else empty.
std::string range_in_words(double min, double max, Lang lang) {
    if (!whole(min) || !whole(max) || max != min + 1 || min < 1 || max > 9) return {};
    static constexpr const char* en_words[] = {"", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"};
    static constexpr const char* zh_words[] = {"", "一两", "两三", "三四", "四五", "五六", "六七", "七八", "八九"};
    const auto i = static_cast<int>(min);
    if (lang == Lang::zh) return zh_words[i];
    return std::string(en_words[i]) + " or " + en_words[i + 1];
}

std::string article_for(std::string_view word) {
    return !word.empty() && is_vowel(static_cast<char>(lower(word.substr(0, 1))[0])) ? "an " : "a ";
}

}  // namespace

std::string unit_label(const Unit& unit, Lang lang, bool plural) {
    if (lang == Lang::zh) return zh_suffix(unit);
    if (const std::string& symbol = written_symbol(unit, lang); !symbol.empty()) return symbol;
    if (!plural && !unit.singular.empty()) return unit.singular;
    return inflect(en_base_label(unit), plural);
}

std::string unit_heading(const Unit& unit, Lang lang) {
    if (const std::string& symbol = written_symbol(unit, lang); !symbol.empty()) return symbol;
    if (lang == Lang::en) return en_base_label(unit);
    if (!unit.label.zh.empty()) return unit.label.zh;
    return zh_suffix(unit);
}

std::string format_quantity(const Value& value, Qualifier qualifier, const Unit& unit, Lang lang, bool with_unit,
                            std::string_view wording) {
    const bool more_than = wording == "more_than";
    const bool ratio = is_ratio(unit);
    std::string text;        // the number part
    bool singular = false;   // en: the label agrees with 1
    bool fraction = false;   // en: "of a month"
    bool count_round = false;  // zh: may take 余 / 多
    switch (value.kind) {
        case Value::Kind::number:
            text = number_text(value.number, unit, lang);
            singular = text == "1" || text == "-1";
            count_round = unit.kind == UnitKind::count && whole(value.number) && value.number >= 10 &&
                          value.number < 10000 && std::fmod(value.number, 10) == 0;
            break;
        case Value::Kind::range: {
            text = ratio ? std::string() : range_in_words(value.min, value.max, lang);
            if (text.empty())
                text = detail::join_range(number_text(value.min, unit, lang), number_text(value.max, unit, lang), lang);
            break;
        }
        case Value::Kind::fraction:
            text = format_fraction(value.numerator, value.denominator, lang);
            fraction = true;
            break;
    }

    std::string unit_text;
    if (with_unit && !ratio) {
        if (lang == Lang::zh) {
            unit_text = zh_suffix(unit);
        } else if (fraction) {
            const std::string one = unit_label(unit, lang, false);
            unit_text = " of " + article_for(one) + one;
        } else {
            unit_text = " " + unit_label(unit, lang, !singular);
        }
    }

    if (lang == Lang::en) {
        const char* prefix = "";
        switch (qualifier) {
            case Qualifier::exact: break;
            case Qualifier::about: prefix = "about "; break;
            case Qualifier::over: prefix = more_than ? "more than " : "over "; break;
            case Qualifier::at_least: prefix = "no less than "; break;
            case Qualifier::nearly: prefix = "nearly "; break;
            case Qualifier::under: prefix = "under "; break;
            case Qualifier::up_to: prefix = "up to "; break;
        }
        return prefix + text + unit_text;
    }
    const char* prefix = "";
    switch (qualifier) {
        case Qualifier::exact: break;
        case Qualifier::about: prefix = "约"; break;
        case Qualifier::over:
            if (count_round) return text + (more_than ? "多" : "余") + unit_text;
            prefix = "超过";
            break;
        case Qualifier::at_least: prefix = "不少于"; break;
        case Qualifier::nearly: prefix = "近"; break;
        case Qualifier::under: prefix = "不到"; break;
        case Qualifier::up_to: prefix = "最多"; break;
    }
    return prefix + text + unit_text;
}

std::string format_figure(const Figure& f, const Unit& unit, Lang lang, bool with_unit) {
    return format_quantity(f.value, f.qualifier, unit, lang, with_unit, f.wording);
}

std::string format_status(Status s, Lang lang) {
    switch (s) {
        case Status::actual: return {};
        case Status::target: return std::string(message(Msg::status_target, lang));
        case Status::plan: return std::string(message(Msg::status_plan, lang));
        case Status::estimate: return std::string(message(Msg::status_estimate, lang));
    }
    return {};
}

// --- Bounded quantities (used by statistics.cpp through format_bounded) --------------------

namespace detail {
std::string bounded_number(double v, const Unit& unit, Lang lang, Rounding r) { return number_text(v, unit, lang, r); }
std::string unit_after(const Unit& unit, Lang lang, bool singular) {
    if (is_ratio(unit)) return {};
    if (lang == Lang::zh) return zh_suffix(unit);
    return " " + unit_label(unit, lang, !singular);
}
}  // namespace detail

}  // namespace timeline::i18n
