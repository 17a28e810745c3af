// when_hint: what a date string parse_when rejects was most likely meant to be. Spreadsheets
// write 2021/3/5 or 3/5/2021 and keep days as serial numbers; people write 2021年3月5日,
// full-width digits, May 2019, or leave a space at the end.
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "base/utf8.h"
#include "model/when.h"

namespace timeline {
namespace {

// The text with full-width digits and separators made ASCII, full-width and no-break spaces
// made spaces, and spaces at both ends removed.
std::string normalized(std::string_view text) {
    std::string out;
    if (!utf8::valid(text)) return std::string(text);
    for (std::size_t i = 0; i < text.size();) {
        const char32_t c = utf8::decode(text, i);
        if (c >= U'０' && c <= U'９') out += static_cast<char>('0' + (c - U'０'));
        else if (c == U'／') out += '/';
        else if (c == U'－' || c == U'—' || c == U'–') out += '-';
        else if (c == U'．') out += '.';
        else if (c == U'\u3000' || c == U'\u00A0' || c == U'\t' || c == U'\n' || c == U'\r') out += ' ';
        else utf8::append(out, c);
    }
    const auto b = out.find_first_not_of(' ');
    const auto e = out.find_last_not_of(' ');
    return b == std::string::npos ? std::string() : out.substr(b, e - b + 1);
}

// Splits "2021/3/5", "2021.3.5", "2021-3-5", "2021年3月5日" into numbers; nullopt when the text
// is anything else. `chinese` is set for the 年月日 form (year, month, day in that order).
std::optional<std::vector<int>> numbers(const std::string& s, bool& chinese) {
    std::vector<int> out;
    chinese = s.find("年") != std::string::npos;
    std::size_t i = 0;
    while (i < s.size()) {
        std::size_t j = i;
        while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
        // A year (or a spreadsheet's day number) has four or five digits, a month or day one or two.
        const std::size_t n = j - i;
        if (n == 0 || n == 3 || n > 5) return std::nullopt;
        out.push_back(std::stoi(s.substr(i, n)));
        if (j == s.size()) break;
        // One separator: / . - between numbers, or 年 月 日 after them (only 年月日 may end the text).
        static constexpr std::array<std::string_view, 6> seps{"/", ".", "-", "年", "月", "日"};
        std::string_view found;
        for (const auto sep : seps)
            if (s.compare(j, sep.size(), sep) == 0) found = sep;
        if (found.empty()) return std::nullopt;
        j += found.size();
        if (j == s.size() && found.size() == 1) return std::nullopt;  // "2019-"
        i = j;
    }
    if (out.empty() || out.size() > 3) return std::nullopt;
    for (std::size_t k = 1; k < out.size(); ++k)
        if (out[k] == 0) return std::nullopt;
    return out;
}

// "2021-03-05", "2021-03" (d 0), "2021" (m 0); the parts are at most four digits.
std::string iso(int y, int m, int d) {
    auto two = [](int v) { return (v < 10 ? "0" : "") + std::to_string(v); };
    std::string out = std::to_string(y);
    if (m > 0) out += "-" + two(m);
    if (d > 0) out += "-" + two(d);
    return out;
}

bool valid(const std::string& s) {
    std::string error;
    return parse_when(s, error).has_value();
}

// "May 2019", "5 May 2019", "May 5, 2019" (English month names, full or three letters).
std::optional<std::string> english(const std::string& s) {
    static constexpr std::array<std::string_view, 12> names{"january", "february", "march",     "april",   "may",      "june",
                                                            "july",    "august",   "september", "october", "november", "december"};
    std::vector<std::string> words;
    std::string w;
    for (char c : s + " ") {
        if (c == ' ' || c == ',') {
            if (!w.empty()) words.push_back(w);
            w.clear();
        } else {
            w += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        }
    }
    int month = 0, day = 0, year = 0;
    for (const auto& word : words) {
        bool named = false;
        for (std::size_t k = 0; k < names.size(); ++k) {
            // The name or a prefix of at least three letters of it, with or without a full stop.
            const std::string_view stem = std::string_view(word).substr(0, word.size() - (word.back() == '.' ? 1 : 0));
            if (stem.size() >= 3 && names[k].substr(0, stem.size()) == stem) {
                if (month) return std::nullopt;
                month = static_cast<int>(k) + 1;
                named = true;
            }
        }
        if (named) continue;
        if (word.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
        if (word.size() == 4 && !year) year = std::stoi(word);
        else if (word.size() <= 2 && !day) day = std::stoi(word);
        else return std::nullopt;
    }
    if (!month || !year) return std::nullopt;
    return iso(year, month, day);
}

}  // namespace

std::string when_hint(std::string_view text) {
    thread_local int depth = 0;  // candidates are checked with parse_when, which calls this again
    if (depth > 0) return {};
    ++depth;
    struct Leave {
        int& d;
        ~Leave() { --d; }
    } leave{depth};

    const std::string s = normalized(text);
    auto mean = [&](const std::string& candidate) -> std::string {
        if (candidate == text || !valid(candidate)) return {};
        return "; did you mean \"" + candidate + "\"?";
    };
    if (s != text && valid(s)) return mean(s);  // spaces, full-width digits
    bool chinese = false;
    if (const auto n = numbers(s, chinese)) {
        const auto& v = *n;
        const bool year_first = v[0] >= 1000 && v[0] <= 9999;
        if (v.size() == 1 && v[0] >= 25569 && v[0] <= 73050 && s.find_first_not_of("0123456789") == std::string::npos) {
            // A spreadsheet's serial day number (day 1 is 1900-01-01, counted from 1899-12-30), 1970 to 2099.
            const auto day = date::sys_days{date::year{1899} / 12 / 30} + date::days{v[0]};
            const std::string d = date::format("%F", day);
            return "; a spreadsheet's day number? it is " + d + ": format the column as text and write \"" + d + "\"";
        }
        if (year_first) {
            if (v.size() == 1) return mean(iso(v[0], 0, 0));
            if (v.size() == 2 && v[1] >= 1 && v[1] <= 12) return mean(iso(v[0], v[1], 0));
            if (v.size() == 3) return mean(iso(v[0], v[1], v[2]));
        } else if (!chinese && v.size() == 3 && v[2] >= 1000) {
            // Day and month first: unambiguous when one of them cannot be a month.
            const int a = v[0], b = v[1], y = v[2];
            if (a > 12) return mean(iso(y, b, a));
            if (b > 12) return mean(iso(y, a, b));
            const std::string dm = iso(y, b, a), md = iso(y, a, b);
            if (dm == md) return mean(dm);
            if (valid(dm) && valid(md))
                return "; write the day as YYYY-MM-DD: \"" + dm + "\" if " + std::to_string(a) + " is the day, \"" + md +
                       "\" if it is the month";
        }
    }
    if (const auto e = english(s)) return mean(*e);
    return {};
}

}  // namespace timeline
