#include "schedule/cron.h"

#include <array>
#include <cctype>
#include <vector>

namespace timeline::schedule {
namespace {

using namespace date;

struct FieldSpec {
    const char* name;
    int min;
    int max;
    const char* const* names;  // names for min.., or nullptr
    int names_first;           // value of names[0]
    int names_count;
};

constexpr const char* kMonthNames[] = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                       "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
constexpr const char* kDayNames[] = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

// Day-of-week accepts 0-7 (0 and 7 are Sunday), as crontab(5) does.
constexpr std::array<FieldSpec, 5> kFields = {{
    {"minute", 0, 59, nullptr, 0, 0},
    {"hour", 0, 23, nullptr, 0, 0},
    {"day-of-month", 1, 31, nullptr, 0, 0},
    {"month", 1, 12, kMonthNames, 1, 12},
    {"day-of-week", 0, 7, kDayNames, 0, 7},
}};

struct Token {
    std::string_view text;
    std::size_t offset;
};

std::vector<Token> split(std::string_view s, char sep, std::size_t base, bool by_space) {
    std::vector<Token> out;
    std::size_t k = 0;
    while (k <= s.size()) {
        if (by_space) {
            while (k < s.size() && std::isspace(static_cast<unsigned char>(s[k]))) ++k;
            if (k == s.size()) break;
            std::size_t e = k;
            while (e < s.size() && !std::isspace(static_cast<unsigned char>(s[e]))) ++e;
            out.push_back({s.substr(k, e - k), base + k});
            k = e;
        } else {
            std::size_t e = s.find(sep, k);
            if (e == std::string_view::npos) e = s.size();
            out.push_back({s.substr(k, e - k), base + k});
            k = e + 1;
        }
    }
    return out;
}

std::string upper(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

// One value of a field: a number or (for month and day-of-week) a three-letter name.
bool parse_value(const FieldSpec& f, Token t, int& value, CronError& error) {
    if (t.text.empty()) {
        error = {t.offset, std::string("missing ") + f.name + " value"};
        return false;
    }
    if (std::isdigit(static_cast<unsigned char>(t.text[0]))) {
        long v = 0;
        for (std::size_t k = 0; k < t.text.size(); ++k) {
            if (!std::isdigit(static_cast<unsigned char>(t.text[k]))) {
                error = {t.offset + k, "unexpected \"" + std::string(1, t.text[k]) + "\" in " + f.name + " \"" +
                                           std::string(t.text) + "\""};
                return false;
            }
            v = v * 10 + (t.text[k] - '0');
            if (v > 1000) break;
        }
        if (v < f.min || v > f.max) {
            error = {t.offset, std::string(f.name) + " " + std::string(t.text) + " is out of range " +
                                   std::to_string(f.min) + "-" + std::to_string(f.max)};
            return false;
        }
        value = static_cast<int>(v);
        return true;
    }
    if (f.names != nullptr) {
        const std::string u = upper(t.text);
        for (int k = 0; k < f.names_count; ++k)
            if (u == f.names[k]) {
                value = f.names_first + k;
                return true;
            }
        std::string known;
        for (int k = 0; k < f.names_count; ++k) known += (k ? "," : "") + std::string(f.names[k]);
        error = {t.offset, "unknown " + std::string(f.name) + " name \"" + std::string(t.text) + "\" (use " + known + ")"};
        return false;
    }
    error = {t.offset, "expected a number for " + std::string(f.name) + ", found \"" + std::string(t.text) + "\""};
    return false;
}

// One field: a comma-separated list of `*`, `N`, `N-M`, each optionally `/STEP`.
template <std::size_t N>
bool parse_field(const FieldSpec& f, Token field, std::bitset<N>& bits, CronError& error) {
    for (const Token& item : split(field.text, ',', field.offset, false)) {
        if (item.text.empty()) {
            error = {item.offset, std::string("empty element in the ") + f.name + " list \"" + std::string(field.text) + "\""};
            return false;
        }
        std::string_view range = item.text;
        int step = 1;
        const std::size_t slash = item.text.find('/');
        if (slash != std::string_view::npos) {
            range = item.text.substr(0, slash);
            const Token st{item.text.substr(slash + 1), item.offset + slash + 1};
            int s = 0;
            const FieldSpec step_spec{"step", 1, f.max - f.min + 1, nullptr, 0, 0};
            if (st.text.empty() || !std::isdigit(static_cast<unsigned char>(st.text[0]))) {
                error = {st.offset, "a step needs a number after \"/\" in " + std::string(f.name) + " \"" +
                                        std::string(item.text) + "\""};
                return false;
            }
            if (!parse_value(step_spec, st, s, error)) {
                error.message = std::string(f.name) + " " + error.message;
                return false;
            }
            step = s;
        }
        int lo = f.min;
        int hi = f.max;
        if (range == "*") {
            if (f.names_count == 7) hi = 6;  // day-of-week: 7 is only another name for Sunday
        } else {
            const std::size_t dash = range.find('-');
            if (dash == std::string_view::npos) {
                if (!parse_value(f, {range, item.offset}, lo, error)) return false;
                hi = slash != std::string_view::npos ? (f.names_count == 7 ? 6 : f.max) : lo;
            } else {
                if (!parse_value(f, {range.substr(0, dash), item.offset}, lo, error)) return false;
                if (!parse_value(f, {range.substr(dash + 1), item.offset + dash + 1}, hi, error)) return false;
                if (f.names_count == 7 && hi == 0) hi = 7;  // FRI-SUN: Sunday closes the week
                if (hi < lo) {
                    error = {item.offset, std::string(f.name) + " range " + std::string(range) + " is reversed (" +
                                              std::to_string(lo) + " > " + std::to_string(hi) + ")"};
                    return false;
                }
            }
        }
        for (int v = lo; v <= hi; v += step) bits.set(static_cast<std::size_t>(f.names_count == 7 ? v % 7 : v));
    }
    return true;
}

struct Macro {
    const char* name;
    const char* expansion;
};
constexpr Macro kMacros[] = {{"@hourly", "0 * * * *"},  {"@daily", "0 0 * * *"},   {"@midnight", "0 0 * * *"},
                             {"@weekly", "0 0 * * 0"},  {"@monthly", "0 0 1 * *"}, {"@yearly", "0 0 1 1 *"},
                             {"@annually", "0 0 1 1 *"}};

}  // namespace

std::optional<Cron> Cron::parse(std::string_view text, CronError& error) {
    Cron c;
    c.text_ = std::string(text);
    std::string_view body = text;
    std::size_t base = 0;
    std::string expanded;
    const auto fields_in = split(text, ' ', 0, true);
    if (fields_in.size() == 1 && !fields_in[0].text.empty() && fields_in[0].text[0] == '@') {
        const std::string name(fields_in[0].text);
        const Macro* found = nullptr;
        for (const Macro& m : kMacros)
            if (name == m.name) found = &m;
        if (found == nullptr) {
            error = {fields_in[0].offset,
                     name == "@reboot"
                         ? std::string("@reboot is not supported: a schedule names times, not start-ups")
                         : "unknown macro \"" + name +
                               "\" (use @hourly, @daily, @midnight, @weekly, @monthly, @yearly or @annually)"};
            return std::nullopt;
        }
        expanded = found->expansion;
        body = expanded;
        base = fields_in[0].offset;
    }
    const auto fields = split(body, ' ', 0, true);
    if (fields.size() != 5) {
        error = {0, "expected 5 fields (minute hour day-of-month month day-of-week), found " +
                        std::to_string(fields.size())};
        return std::nullopt;
    }
    auto at = [&](Token t) { return Token{t.text, expanded.empty() ? t.offset : base}; };
    if (!parse_field(kFields[0], at(fields[0]), c.minutes_, error) || !parse_field(kFields[1], at(fields[1]), c.hours_, error) ||
        !parse_field(kFields[2], at(fields[2]), c.days_, error) || !parse_field(kFields[3], at(fields[3]), c.months_, error) ||
        !parse_field(kFields[4], at(fields[4]), c.weekdays_, error))
        return std::nullopt;
    c.days_star_ = fields[2].text[0] == '*';
    c.weekdays_star_ = fields[4].text[0] == '*';
    // An expression such as "0 0 31 2 *" is valid syntax but never fires: say so now
    // rather than wait forever. Nine years cover every leap-day pattern (2096 -> 2104).
    if (!c.next_match(local_days{year{2000} / January / 1}, 9)) {
        error = {0, "\"" + c.text_ + "\" never matches a date (day-of-month " + std::string(fields[2].text) +
                        " does not occur in month " + std::string(fields[3].text) + ")"};
        return std::nullopt;
    }
    return c;
}

bool Cron::day_matches(year_month_day ymd, weekday wd) const {
    const bool dom = days_[static_cast<unsigned>(ymd.day())];
    const bool dow = weekdays_[wd.c_encoding()];
    if (days_star_ || weekdays_star_) return dom && dow;
    return dom || dow;
}

bool Cron::matches(local_seconds t) const {
    const auto day = floor<days>(t);
    const year_month_day ymd{day};
    const hh_mm_ss<std::chrono::seconds> tod{t - day};
    return months_[static_cast<unsigned>(ymd.month())] && day_matches(ymd, weekday{day}) &&
           hours_[static_cast<std::size_t>(tod.hours().count())] && minutes_[static_cast<std::size_t>(tod.minutes().count())];
}

std::optional<local_seconds> Cron::next_match(local_seconds t, int horizon_years) const {
    local_seconds cur = ceil<std::chrono::minutes>(t);
    const local_seconds limit = cur + std::chrono::days(366 * horizon_years);
    while (cur < limit) {
        const local_days day = floor<days>(cur);
        const year_month_day ymd{day};
        if (!months_[static_cast<unsigned>(ymd.month())]) {
            const year_month next = year_month{ymd.year(), ymd.month()} + months{1};
            cur = local_days{next / 1};
            continue;
        }
        if (!day_matches(ymd, weekday{day})) {
            cur = day + days{1};
            continue;
        }
        const hh_mm_ss<std::chrono::seconds> tod{cur - day};
        if (!hours_[static_cast<std::size_t>(tod.hours().count())]) {
            cur = day + tod.hours() + std::chrono::hours{1};
            continue;
        }
        if (!minutes_[static_cast<std::size_t>(tod.minutes().count())]) {
            cur += std::chrono::minutes{1};
            continue;
        }
        return cur;
    }
    return std::nullopt;
}

}  // namespace timeline::schedule
