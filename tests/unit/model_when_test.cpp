// Unit tests of partial dates (src/model/when.h).
#include <algorithm>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "model/when.h"

namespace Catch {
template <>
struct StringMaker<timeline::When> {
    static std::string convert(const timeline::When& w) {
        return w.iso() + (w.interval ? " (interval)" : "") + (w.derived ? " (derived)" : "");
    }
};
template <>
struct StringMaker<timeline::Period> {
    static std::string convert(const timeline::Period& p) { return p.iso(); }
};
template <>
struct StringMaker<date::sys_days> {
    static std::string convert(const date::sys_days& d) { return date::format("%F", d); }
};
}  // namespace Catch

namespace {

using namespace timeline;
using date::sys_days;

sys_days ymd(int y, unsigned m, unsigned d) {
    return sys_days{date::year{y} / date::month{m} / date::day{d}};
}

When parse(std::string_view text) {
    std::string error;
    auto w = parse_when(text, error);
    INFO("input: " << text << "  error: " << error);
    REQUIRE(w.has_value());
    CHECK(error.empty());
    return *w;
}

std::string parse_error(std::string_view text) {
    std::string error;
    auto w = parse_when(text, error);
    INFO("input: " << text);
    CHECK_FALSE(w.has_value());
    return error;
}

Offset offset(std::string_view text) {
    std::string error;
    auto o = parse_offset(text, error);
    INFO("input: " << text << "  error: " << error);
    REQUIRE(o.has_value());
    return *o;
}

std::string offset_error(std::string_view text) {
    std::string error;
    auto o = parse_offset(text, error);
    INFO("input: " << text);
    CHECK_FALSE(o.has_value());
    return error;
}

// Checks a single (non-interval) date: precision, span and canonical text.
void check_single(std::string_view text, Precision p, sys_days first, sys_days last,
                  std::string_view canonical) {
    INFO("input: " << text);
    const When w = parse(text);
    CHECK_FALSE(w.interval);
    CHECK_FALSE(w.derived);
    REQUIRE(w.start.has_value());
    REQUIRE(w.end.has_value());
    CHECK(*w.start == *w.end);
    CHECK(w.precision() == p);
    CHECK(w.first_day() == first);
    CHECK(w.last_day() == last);
    CHECK(w.start->first == first);
    CHECK(w.start->last == last);
    CHECK_FALSE(w.approximate());
    CHECK_FALSE(w.uncertain());
    CHECK(w.iso() == canonical);
}

}  // namespace

TEST_CASE("precision names", "[model][when]") {
    for (Precision p : {Precision::day, Precision::month, Precision::quarter, Precision::half,
                        Precision::year, Precision::decade}) {
        CHECK(precision_from_name(precision_name(p)) == p);
    }
    CHECK(std::string(precision_name(Precision::half)) == "half");
    CHECK(std::string(precision_name(Precision::decade)) == "decade");
    CHECK_FALSE(precision_from_name("Year").has_value());
    CHECK_FALSE(precision_from_name("").has_value());
    CHECK_FALSE(precision_from_name("week").has_value());
    CHECK(finer(Precision::day, Precision::month));
    CHECK(finer(Precision::quarter, Precision::half));
    CHECK(finer(Precision::year, Precision::decade));
    CHECK_FALSE(finer(Precision::year, Precision::year));
    CHECK_FALSE(finer(Precision::half, Precision::quarter));
}

TEST_CASE("years", "[model][when]") {
    check_single("2018", Precision::year, ymd(2018, 1, 1), ymd(2018, 12, 31), "2018");
    check_single("0001", Precision::year, ymd(1, 1, 1), ymd(1, 12, 31), "0001");
    check_single("9999", Precision::year, ymd(9999, 1, 1), ymd(9999, 12, 31), "9999");
    check_single("0987", Precision::year, ymd(987, 1, 1), ymd(987, 12, 31), "0987");
    CHECK(parse("2018").start->year() == 2018);
}

TEST_CASE("months, including February of leap and common years", "[model][when]") {
    check_single("2002-04", Precision::month, ymd(2002, 4, 1), ymd(2002, 4, 30), "2002-04");
    check_single("2019-01", Precision::month, ymd(2019, 1, 1), ymd(2019, 1, 31), "2019-01");
    check_single("2019-12", Precision::month, ymd(2019, 12, 1), ymd(2019, 12, 31), "2019-12");
    check_single("2020-02", Precision::month, ymd(2020, 2, 1), ymd(2020, 2, 29), "2020-02");
    check_single("2021-02", Precision::month, ymd(2021, 2, 1), ymd(2021, 2, 28), "2021-02");
    check_single("1900-02", Precision::month, ymd(1900, 2, 1), ymd(1900, 2, 28), "1900-02");
    check_single("2000-02", Precision::month, ymd(2000, 2, 1), ymd(2000, 2, 29), "2000-02");
    check_single("2100-02", Precision::month, ymd(2100, 2, 1), ymd(2100, 2, 28), "2100-02");
}

TEST_CASE("days", "[model][when]") {
    check_single("2019-05-24", Precision::day, ymd(2019, 5, 24), ymd(2019, 5, 24), "2019-05-24");
    check_single("2020-02-29", Precision::day, ymd(2020, 2, 29), ymd(2020, 2, 29), "2020-02-29");
    check_single("2000-02-29", Precision::day, ymd(2000, 2, 29), ymd(2000, 2, 29), "2000-02-29");
    check_single("2019-12-31", Precision::day, ymd(2019, 12, 31), ymd(2019, 12, 31), "2019-12-31");
    check_single("0001-01-01", Precision::day, ymd(1, 1, 1), ymd(1, 1, 1), "0001-01-01");
    check_single("9999-12-31", Precision::day, ymd(9999, 12, 31), ymd(9999, 12, 31), "9999-12-31");
}

TEST_CASE("half-years and their EDTF codes", "[model][when]") {
    check_single("2019-H1", Precision::half, ymd(2019, 1, 1), ymd(2019, 6, 30), "2019-H1");
    check_single("2019-H2", Precision::half, ymd(2019, 7, 1), ymd(2019, 12, 31), "2019-H2");
    check_single("2019-40", Precision::half, ymd(2019, 1, 1), ymd(2019, 6, 30), "2019-H1");
    check_single("2019-41", Precision::half, ymd(2019, 7, 1), ymd(2019, 12, 31), "2019-H2");
    CHECK(parse("2019-40") == parse("2019-H1"));
    CHECK(parse("2019-41") == parse("2019-H2"));
}

TEST_CASE("quarters and their EDTF codes", "[model][when]") {
    check_single("2019-Q1", Precision::quarter, ymd(2019, 1, 1), ymd(2019, 3, 31), "2019-Q1");
    check_single("2019-Q2", Precision::quarter, ymd(2019, 4, 1), ymd(2019, 6, 30), "2019-Q2");
    check_single("2019-Q3", Precision::quarter, ymd(2019, 7, 1), ymd(2019, 9, 30), "2019-Q3");
    check_single("2019-Q4", Precision::quarter, ymd(2019, 10, 1), ymd(2019, 12, 31), "2019-Q4");
    check_single("2020-33", Precision::quarter, ymd(2020, 1, 1), ymd(2020, 3, 31), "2020-Q1");
    check_single("2020-34", Precision::quarter, ymd(2020, 4, 1), ymd(2020, 6, 30), "2020-Q2");
    check_single("2020-35", Precision::quarter, ymd(2020, 7, 1), ymd(2020, 9, 30), "2020-Q3");
    check_single("2020-36", Precision::quarter, ymd(2020, 10, 1), ymd(2020, 12, 31), "2020-Q4");
    for (int q = 1; q <= 4; ++q) {
        const std::string h = "2019-Q" + std::to_string(q);
        const std::string edtf = "2019-" + std::to_string(32 + q);
        CHECK(parse(h) == parse(edtf));
    }
}

TEST_CASE("decades and their EDTF form", "[model][when]") {
    check_single("1980s", Precision::decade, ymd(1980, 1, 1), ymd(1989, 12, 31), "1980s");
    check_single("198X", Precision::decade, ymd(1980, 1, 1), ymd(1989, 12, 31), "1980s");
    check_single("2020s", Precision::decade, ymd(2020, 1, 1), ymd(2029, 12, 31), "2020s");
    check_single("0010s", Precision::decade, ymd(10, 1, 1), ymd(19, 12, 31), "0010s");
    check_single("999X", Precision::decade, ymd(9990, 1, 1), ymd(9999, 12, 31), "9990s");
    CHECK(parse("198X") == parse("1980s"));
    CHECK(parse("1980s").start->year() == 1980);
}

TEST_CASE("qualifiers on every form", "[model][when]") {
    struct Q {
        char mark;
        bool approximate;
        bool uncertain;
    };
    const std::vector<std::pair<std::string, std::string>> forms = {
        {"2019", "2019"},       {"2019-05", "2019-05"}, {"2019-05-24", "2019-05-24"},
        {"2019-H2", "2019-H2"}, {"2019-41", "2019-H2"}, {"2019-Q3", "2019-Q3"},
        {"2019-35", "2019-Q3"}, {"1980s", "1980s"},     {"198X", "1980s"},
    };
    for (Q q : {Q{'~', true, false}, Q{'?', false, true}, Q{'%', true, true}}) {
        for (const auto& [text, canonical] : forms) {
            const std::string input = text + q.mark;
            INFO("input: " << input);
            const When w = parse(input);
            const When plain = parse(text);
            CHECK(w.approximate() == q.approximate);
            CHECK(w.uncertain() == q.uncertain);
            CHECK(w.start->approximate == q.approximate);
            CHECK(w.start->uncertain == q.uncertain);
            CHECK(w.first_day() == plain.first_day());
            CHECK(w.last_day() == plain.last_day());
            CHECK(w.precision() == plain.precision());
            CHECK(w.iso() == canonical + q.mark);
        }
    }
}

TEST_CASE("closed intervals", "[model][when]") {
    SECTION("years") {
        const When w = parse("2019/2021");
        CHECK(w.interval);
        CHECK(w.first_day() == ymd(2019, 1, 1));
        CHECK(w.last_day() == ymd(2021, 12, 31));
        CHECK(w.precision() == Precision::year);
        CHECK(w.start->iso() == "2019");
        CHECK(w.end->iso() == "2021");
        CHECK(w.iso() == "2019/2021");
    }
    SECTION("mixed precisions and aliases") {
        const When w = parse("198X/2019-35");
        CHECK(w.first_day() == ymd(1980, 1, 1));
        CHECK(w.last_day() == ymd(2019, 9, 30));
        CHECK(w.precision() == Precision::decade);
        CHECK(w.iso() == "1980s/2019-Q3");
        CHECK(parse("2019-05-24/2019-06").last_day() == ymd(2019, 6, 30));
        CHECK(parse("2019-33/2019-36").iso() == "2019-Q1/2019-Q4");
        CHECK(parse("2019-40/2020-41").iso() == "2019-H1/2020-H2");
    }
    SECTION("qualifiers on each end") {
        const When w = parse("2019~/2020?");
        CHECK(w.start->approximate);
        CHECK_FALSE(w.start->uncertain);
        CHECK_FALSE(w.end->approximate);
        CHECK(w.end->uncertain);
        CHECK(w.approximate());
        CHECK(w.uncertain());
        CHECK(w.iso() == "2019~/2020?");
        const When v = parse("2019/2020%");
        CHECK_FALSE(v.start->approximate);
        CHECK(v.end->approximate);
        CHECK(v.end->uncertain);
        CHECK(v.approximate());
    }
    SECTION("ends that overlap or coincide") {
        // The end may not begin before the start begins; nesting is fine.
        const When a = parse("2019/2019-06");
        CHECK(a.first_day() == ymd(2019, 1, 1));
        CHECK(a.last_day() == ymd(2019, 6, 30));
        const When b = parse("2019-01/2019");
        CHECK(b.first_day() == ymd(2019, 1, 1));
        CHECK(b.last_day() == ymd(2019, 12, 31));
        CHECK(b.precision() == Precision::month);
        const When c = parse("2019/2019");
        CHECK(c.interval);
        CHECK(c.iso() == "2019/2019");
        CHECK(parse("2019-05-24/2019-05-24").last_day() == ymd(2019, 5, 24));
        CHECK(parse("2019-H1/2019-Q2").last_day() == ymd(2019, 6, 30));
    }
}

TEST_CASE("open intervals", "[model][when]") {
    const When open_end = parse("2019-05/..");
    CHECK(open_end.interval);
    CHECK(open_end.start.has_value());
    CHECK_FALSE(open_end.end.has_value());
    CHECK(open_end.first_day() == ymd(2019, 5, 1));
    CHECK_FALSE(open_end.last_day().has_value());
    CHECK(open_end.precision() == Precision::month);
    CHECK(open_end.iso() == "2019-05/..");

    const When open_start = parse("../2019-H1");
    CHECK(open_start.interval);
    CHECK_FALSE(open_start.start.has_value());
    CHECK_FALSE(open_start.first_day().has_value());
    CHECK(open_start.last_day() == ymd(2019, 6, 30));
    CHECK(open_start.precision() == Precision::half);
    CHECK(open_start.iso() == "../2019-H1");

    const When q = parse("../2019~");
    CHECK(q.approximate());
    CHECK(q.iso() == "../2019~");
    CHECK(parse("198X?/..").iso() == "1980s?/..");
}

TEST_CASE("a rejected date says what it was most likely meant to be", "[model][when]") {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"2021/3/5", R"(; did you mean "2021-03-05"?)"},      // a spreadsheet's date
        {"2021/03/05", R"(; did you mean "2021-03-05"?)"},
        {"2021.3.5", R"(; did you mean "2021-03-05"?)"},
        {"2021-3", R"(; did you mean "2021-03"?)"},
        {"2021年3月5日", R"(; did you mean "2021-03-05"?)"},
        {"2021年3月", R"(; did you mean "2021-03"?)"},
        {"２０２１－０３", R"(; did you mean "2021-03"?)"},  // full-width digits
        {"2021-03\u3000", R"(; did you mean "2021-03"?)"},
        {"15/3/2021", R"(; did you mean "2021-03-15"?)"},     // day first: 15 is no month
        {"3/15/2021", R"(; did you mean "2021-03-15"?)"},     // month first
        {"3/5/2021", R"(; write the day as YYYY-MM-DD: "2021-05-03" if 3 is the day, "2021-03-05" if it is the month)"},
        {"5/5/2021", R"(; did you mean "2021-05-05"?)"},
        {"May 2019", R"(; did you mean "2019-05"?)"},
        {"24 May 2019", R"(; did you mean "2019-05-24"?)"},
        {"Sept. 3, 2019", R"(; did you mean "2019-09-03"?)"},
        {"44256", R"(; a spreadsheet's day number? it is 2021-03-01: format the column as text and write "2021-03-01")"},
        {"2021/2/30", ""},  // no such day
        {"2019-05-", ""},
        {"2019-005", ""},
        {"20190", ""},
        {"2019-01-00", ""},
        {"abc", ""},
        {"2019", ""},  // valid: nothing to suggest
    };
    for (const auto& [input, hint] : cases) {
        INFO("input: " << input);
        CHECK(when_hint(input) == hint);
    }
    std::string error;
    CHECK_FALSE(parse_when("2021/3/5", error));
    CHECK(error == R"("2021/3/5" is not a valid interval (more than one "/"); did you mean "2021-03-05"?)");
}

TEST_CASE("invalid dates are rejected with exact messages", "[model][when]") {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"", R"("" is not a valid date (empty))"},
        {" 2019", R"(" 2019" is not a valid date (leading or trailing whitespace); did you mean "2019"?)"},
        {"2019\n", R"("2019\n" is not a valid date (leading or trailing whitespace); did you mean "2019"?)"},
        {"2019 - 05", R"("2019 - 05" is not a valid date (contains whitespace))"},
        {"2019 /2020", R"("2019 /2020" is not a valid interval (contains whitespace))"},
        {"2018-13", R"("2018-13" is not a valid date (month 13))"},
        {"2018-00", R"("2018-00" is not a valid date (month 0))"},
        {"2019-22", R"("2019-22" is not a valid date (month 22; EDTF seasons 21–24 are not supported))"},
        {"2019-37", R"("2019-37" is not a valid date (month 37))"},
        {"2018-02-30", R"("2018-02-30" is not a valid date (February 2018 has 28 days))"},
        {"2019-02-29", R"("2019-02-29" is not a valid date (February 2019 has 28 days))"},
        {"1900-02-29", R"("1900-02-29" is not a valid date (February 1900 has 28 days))"},
        {"2020-02-30", R"("2020-02-30" is not a valid date (February 2020 has 29 days))"},
        {"2019-04-31", R"("2019-04-31" is not a valid date (April 2019 has 30 days))"},
        {"2019-01-32", R"("2019-01-32" is not a valid date (January 2019 has 31 days))"},
        {"2019-01-00", R"("2019-01-00" is not a valid date (day 0))"},
        {"2019-Q5", R"("2019-Q5" is not a valid date (quarter 5; quarters are Q1–Q4))"},
        {"2019-Q0", R"("2019-Q0" is not a valid date (quarter 0; quarters are Q1–Q4))"},
        {"2019-Q12", R"("2019-Q12" is not a valid date (quarter 12; quarters are Q1–Q4))"},
        {"2019-Q", R"("2019-Q" is not a valid date (expected 1–4 after Q; quarters are Q1–Q4))"},
        {"2019-H3", R"("2019-H3" is not a valid date (half 3; halves are H1–H2))"},
        {"2019-H", R"("2019-H" is not a valid date (expected 1 or 2 after H; halves are H1–H2))"},
        {"2019-q1", R"("2019-q1" is not a valid date (expected a month, H1–H2 or Q1–Q4 after "2019-"))"},
        {"2019-", R"("2019-" is not a valid date (expected a month, H1–H2 or Q1–Q4 after "2019-"))"},
        {"2019-5", R"("2019-5" is not a valid date (month must have two digits); did you mean "2019-05"?)"},
        {"2019-005", R"("2019-005" is not a valid date (month must have two digits))"},
        {"2019-05-1", R"("2019-05-1" is not a valid date (day must have two digits); did you mean "2019-05-01"?)"},
        {"2019-05-", R"("2019-05-" is not a valid date (expected a two-digit day after "2019-05-"))"},
        {"19", R"("19" is not a valid date (year must have four digits))"},
        {"20190", R"("20190" is not a valid date (year must have four digits))"},
        {"201905", R"("201905" is not a valid date (year must have four digits))"},
        {"0000", R"("0000" is not a valid date (year 0000; years are 0001–9999))"},
        {"0000-05", R"("0000-05" is not a valid date (year 0000; years are 0001–9999))"},
        {"-2019", R"("-2019" is not a valid date (years have four digits without a sign, 0001–9999))"},
        {"abc", R"("abc" is not a valid date (expected a four-digit year))"},
        {"May 2019", R"("May 2019" is not a valid date (contains whitespace); did you mean "2019-05"?)"},
        {"2019-05-24T10:00", R"("2019-05-24T10:00" is not a valid date (unexpected "T10:00" after "2019-05-24"))"},
        {"2019-Q1-01", R"("2019-Q1-01" is not a valid date (unexpected "-01" after "2019-Q1"))"},
        {"198X-05", R"("198X-05" is not a valid date (unexpected "-05" after "198X"))"},
        {"1980s-05", R"("1980s-05" is not a valid date (unexpected "-05" after "1980s"))"},
        {"2019~-05", R"("2019~-05" is not a valid date (unexpected "-05" after "2019~"))"},
        {"2019~?", R"("2019~?" is not a valid date (more than one qualifier; use % for approximate and uncertain))"},
        {"2019~~", R"("2019~~" is not a valid date (more than one qualifier; use % for approximate and uncertain))"},
        {"2019\"", R"("2019\"" is not a valid date (unexpected "\"" after "2019"))"},
        {"1985s", R"("1985s" is not a valid date (a decade starts at a year ending in 0, e.g. 1980s))"},
        {"19X0", R"("19X0" is not a valid date (only the last digit of a year may be X, meaning a decade, e.g. 198X))"},
        {"19XX", R"("19XX" is not a valid date (only the last digit of a year may be X, meaning a decade, e.g. 198X))"},
        {"198x", R"("198x" is not a valid date (year must have four digits))"},
        {"000X", R"("000X" is not a valid date (decade 0000s includes year 0000; years are 0001–9999))"},
        {"0000s", R"("0000s" is not a valid date (decade 0000s includes year 0000; years are 0001–9999))"},
        {"..", R"(".." is not a valid date (".." marks an open end and is only allowed in an interval, e.g. 2019/..))"},
        {"..~", R"("..~" is not a valid date (unexpected "~" after ".."))"},
        {"2019/2018", R"("2019/2018" is not a valid interval (end 2018 is before start 2019))"},
        {"2019-06/2019-05-31", R"("2019-06/2019-05-31" is not a valid interval (end 2019-05-31 is before start 2019-06))"},
        {"2019-06/2019", R"("2019-06/2019" is not a valid interval (end 2019 begins before start 2019-06))"},
        {"../..", R"("../.." is not a valid interval (both ends are open))"},
        {"2019/2020/2021", R"("2019/2020/2021" is not a valid interval (more than one "/"))"},
        {"/2019", R"("/2019" is not a valid interval (empty start; write .. for an open start))"},
        {"2019/", R"("2019/" is not a valid interval (empty end; write .. for an open end))"},
        {"/", R"("/" is not a valid interval (empty start; write .. for an open start))"},
        {"2019/2020-13", R"("2019/2020-13" is not a valid interval (end "2020-13": month 13))"},
        {"2019-02-29/2020", R"("2019-02-29/2020" is not a valid interval (start "2019-02-29": February 2019 has 28 days))"},
        {"2019/..~", R"("2019/..~" is not a valid interval (end "..~": unexpected "~" after ".."))"},
        {"./2019", R"("./2019" is not a valid interval (start ".": expected a four-digit year))"},
    };
    for (const auto& [input, message] : cases) {
        INFO("input: " << input);
        CHECK(parse_error(input) == message);
    }
    CHECK(cases.size() >= 20);
}

TEST_CASE("error messages escape and shorten the quoted input", "[model][when]") {
    CHECK(parse_error(std::string_view("2019\x01", 5)) ==
          R"("2019\x01" is not a valid date (unexpected "\x01" after "2019"))");
    CHECK(parse_error("2019\\") ==
          R"("2019\\" is not a valid date (unexpected "\\" after "2019"))");
    const std::string long_input = "x" + std::string(100, 'y');
    const std::string error = parse_error(long_input);
    CHECK(error == "\"x" + std::string(63, 'y') +
                       "...\" is not a valid date (expected a four-digit year)");
    // A cut never splits a UTF-8 sequence.
    std::string utf8 = "201";
    for (int i = 0; i < 40; ++i) utf8 += "\xC3\xA9";  // é
    const std::string e2 = parse_error(utf8);
    CHECK(e2 == "\"" + utf8.substr(0, 63) + "...\" is not a valid date (year must have four digits)");
}

TEST_CASE("a failed parse leaves an error, a later success does not need it cleared", "[model][when]") {
    std::string error;
    CHECK_FALSE(parse_when("2019-13", error).has_value());
    CHECK_FALSE(error.empty());
    std::string error2;
    CHECK(parse_when("2019-12", error2).has_value());
    CHECK(error2.empty());
}

TEST_CASE("Period::containing for every precision", "[model][when]") {
    const sys_days day = ymd(2019, 8, 15);
    struct Case {
        Precision precision;
        sys_days first;
        sys_days last;
        const char* iso;
    };
    const std::vector<Case> cases = {
        {Precision::day, day, day, "2019-08-15"},
        {Precision::month, ymd(2019, 8, 1), ymd(2019, 8, 31), "2019-08"},
        {Precision::quarter, ymd(2019, 7, 1), ymd(2019, 9, 30), "2019-Q3"},
        {Precision::half, ymd(2019, 7, 1), ymd(2019, 12, 31), "2019-H2"},
        {Precision::year, ymd(2019, 1, 1), ymd(2019, 12, 31), "2019"},
        {Precision::decade, ymd(2010, 1, 1), ymd(2019, 12, 31), "2010s"},
    };
    for (const Case& c : cases) {
        INFO(precision_name(c.precision));
        const Period p = Period::containing(day, c.precision);
        CHECK(p.precision == c.precision);
        CHECK(p.first == c.first);
        CHECK(p.last == c.last);
        CHECK_FALSE(p.approximate);
        CHECK_FALSE(p.uncertain);
        CHECK(p.iso() == c.iso);
    }
    CHECK(Period::containing(ymd(2020, 2, 10), Precision::month).last == ymd(2020, 2, 29));
    CHECK(Period::containing(ymd(2020, 2, 10), Precision::quarter).last == ymd(2020, 3, 31));
    CHECK(Period::containing(ymd(2020, 1, 1), Precision::decade).first == ymd(2020, 1, 1));
    CHECK(Period::containing(ymd(2029, 12, 31), Precision::decade).first == ymd(2020, 1, 1));
    CHECK(Period::containing(ymd(2019, 6, 30), Precision::half).iso() == "2019-H1");
    CHECK(Period::containing(ymd(2019, 7, 1), Precision::half).iso() == "2019-H2");
    CHECK(Period::containing(ymd(2019, 3, 31), Precision::quarter).iso() == "2019-Q1");
    CHECK(Period::containing(ymd(2019, 4, 1), Precision::quarter).iso() == "2019-Q2");
    CHECK(Period::containing(ymd(2019, 12, 31), Precision::quarter).iso() == "2019-Q4");
}

TEST_CASE("Period::iso writes qualifiers", "[model][when]") {
    Period p = Period::containing(ymd(2019, 5, 24), Precision::month);
    CHECK(p.iso() == "2019-05");
    p.approximate = true;
    CHECK(p.iso() == "2019-05~");
    p.uncertain = true;
    CHECK(p.iso() == "2019-05%");
    p.approximate = false;
    CHECK(p.iso() == "2019-05?");
}

TEST_CASE("When::iso round-trips through parse_when", "[model][when]") {
    SECTION("written forms") {
        const std::vector<std::string> canonical = {
            "2019",          "0001",        "9999-12-31",   "2019-05",      "2019-05-24",
            "2019-H1",       "2019-H2",     "2019-Q1",      "2019-Q4",      "1980s",
            "2019~",         "2019-05?",    "2019-05-24%",  "2019-Q3~",     "1980s?",
            "2019/2021",     "2019~/2021?", "2019-05/..",   "../2019-H1",   "../2019%",
            "1980s/2019-Q3", "2019/2019",   "2019/2019-06", "2019-01/2019", "2019-05-24/2019-05-24",
        };
        for (const std::string& text : canonical) {
            INFO("input: " << text);
            const When w = parse(text);
            CHECK(w.iso() == text);
            CHECK(parse(w.iso()) == w);
        }
    }
    SECTION("EDTF aliases canonicalise") {
        const std::vector<std::pair<std::string, std::string>> aliases = {
            {"2019-40", "2019-H1"},   {"2019-41?", "2019-H2?"},   {"2019-33", "2019-Q1"},
            {"2019-34~", "2019-Q2~"}, {"2019-35", "2019-Q3"},     {"2019-36%", "2019-Q4%"},
            {"198X", "1980s"},        {"198X~", "1980s~"},        {"201X/..", "2010s/.."},
            {"../2019-36", "../2019-Q4"}, {"2019-33/2019-41", "2019-Q1/2019-H2"},
        };
        for (const auto& [alias, canonical] : aliases) {
            INFO("input: " << alias);
            const When w = parse(alias);
            CHECK(w.iso() == canonical);
            CHECK(parse(canonical) == w);
        }
    }
    SECTION("every period of two years, in every precision and qualifier") {
        for (sys_days d = ymd(2019, 1, 1); d <= ymd(2020, 12, 31); d += date::days{1}) {
            for (Precision p : {Precision::day, Precision::month, Precision::quarter,
                                Precision::half, Precision::year, Precision::decade}) {
                Period period = Period::containing(d, p);
                period.approximate = (d.time_since_epoch().count() % 2) == 0;
                period.uncertain = (d.time_since_epoch().count() % 3) == 0;
                const When w = When::single(period);
                std::string error;
                const auto back = parse_when(w.iso(), error);
                REQUIRE(back.has_value());
                REQUIRE(*back == w);
            }
        }
    }
}

TEST_CASE("When::single", "[model][when]") {
    const Period p = Period::containing(ymd(2019, 5, 24), Precision::quarter);
    const When w = When::single(p);
    CHECK_FALSE(w.interval);
    CHECK_FALSE(w.derived);
    CHECK(w.start == p);
    CHECK(w.end == p);
    CHECK(w == parse("2019-Q2"));
}

TEST_CASE("offsets", "[model][when]") {
    const Offset a = offset("-P6Y");
    CHECK(a.negative);
    CHECK(a.years == 6);
    CHECK(a.months == 0);
    CHECK(a.days == 0);
    CHECK(a.iso() == "-P6Y");

    const Offset b = offset("P2Y6M");
    CHECK_FALSE(b.negative);
    CHECK(b.years == 2);
    CHECK(b.months == 6);
    CHECK(b.iso() == "P2Y6M");

    const Offset c = offset("P10D");
    CHECK(c.days == 10);
    CHECK(c.years == 0);
    CHECK(c.iso() == "P10D");

    const Offset d = offset("P0Y");
    CHECK(d.years == 0);
    CHECK_FALSE(d.negative);
    CHECK(d.iso() == "P0Y");

    const Offset e = offset("+P1M");
    CHECK_FALSE(e.negative);
    CHECK(e.months == 1);
    CHECK(e.iso() == "P1M");

    const Offset f = offset("-P18M");
    CHECK(f.negative);
    CHECK(f.months == 18);

    const Offset g = offset("P1Y2M3D");
    CHECK(g.years == 1);
    CHECK(g.months == 2);
    CHECK(g.days == 3);
    CHECK(g.iso() == "P1Y2M3D");

    CHECK(offset("P1Y3D").iso() == "P1Y3D");
    CHECK(offset("-P0D").iso() == "P0Y");
    CHECK(offset("P9999Y").years == 9999);
}

TEST_CASE("invalid offsets are rejected with exact messages", "[model][when]") {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"", R"("" is not a valid offset (empty))"},
        {"P", R"("P" is not a valid offset (no years, months or days after P))"},
        {"-P", R"("-P" is not a valid offset (no years, months or days after P))"},
        {"P1W", R"("P1W" is not a valid offset (weeks are not supported; use days, e.g. P14D))"},
        {"6Y", R"("6Y" is not a valid offset (an offset starts with P, e.g. P6Y or -P6Y))"},
        {"p6y", R"("p6y" is not a valid offset (an offset starts with P, e.g. P6Y or -P6Y))"},
        {"--P1Y", R"("--P1Y" is not a valid offset (an offset starts with P, e.g. P6Y or -P6Y))"},
        {"PT1H", R"("PT1H" is not a valid offset (hours, minutes and seconds are not supported; use years, months and days))"},
        {"P1DT2H", R"("P1DT2H" is not a valid offset (hours, minutes and seconds are not supported; use years, months and days))"},
        {"P1H", R"("P1H" is not a valid offset (hours, minutes and seconds are not supported; use years, months and days))"},
        {"P1M1Y", R"("P1M1Y" is not a valid offset (years, months and days may each appear once, in that order))"},
        {"P1Y1Y", R"("P1Y1Y" is not a valid offset (years, months and days may each appear once, in that order))"},
        {"P1.5Y", R"("P1.5Y" is not a valid offset (fractions are not supported))"},
        {"P1", R"("P1" is not a valid offset (number 1 has no unit; use Y, M or D))"},
        {"PY", R"("PY" is not a valid offset (expected a number before "Y"))"},
        {"P-1Y", R"("P-1Y" is not a valid offset (expected a number, found "-1Y"))"},
        {"P1X", R"("P1X" is not a valid offset (unexpected "X" after "P1"; units are Y, M and D))"},
        {"P 1Y", R"("P 1Y" is not a valid offset (contains whitespace))"},
        {"P10000Y", R"("P10000Y" is not a valid offset (10000 years is too large; at most 9999))"},
        {"P9999999999D", R"("P9999999999D" is not a valid offset (9999999999 days is too large; at most 3659634))"},
    };
    for (const auto& [input, message] : cases) {
        INFO("input: " << input);
        CHECK(offset_error(input) == message);
    }
}

TEST_CASE("resolve_relative", "[model][when]") {
    auto resolve = [](std::string_view anchor, std::string_view off, Precision p,
                      bool approximate) {
        std::string error;
        auto w = resolve_relative(parse(anchor), offset(off), p, approximate, error);
        INFO("anchor " << anchor << " offset " << off << ": " << error);
        REQUIRE(w.has_value());
        CHECK(w->derived);
        CHECK_FALSE(w->interval);
        return *w;
    };
    auto resolve_error = [](std::string_view anchor, std::string_view off, Precision p) {
        std::string error;
        auto w = resolve_relative(parse(anchor), offset(off), p, true, error);
        CHECK_FALSE(w.has_value());
        return error;
    };

    SECTION("years back, approximate") {
        const When w = resolve("2008-01", "-P6Y", Precision::year, true);
        CHECK(w.iso() == "2002~");
        CHECK(w.approximate());
        CHECK_FALSE(w.uncertain());
        CHECK(w.first_day() == ymd(2002, 1, 1));
        CHECK(w.last_day() == ymd(2002, 12, 31));
        CHECK(w.precision() == Precision::year);
    }
    SECTION("zero offset, exact") {
        const When w = resolve("2019-07", "P0Y", Precision::year, false);
        CHECK(w.iso() == "2019");
        CHECK_FALSE(w.approximate());
        CHECK(w.derived);
        CHECK(w != parse("2019"));  // derived differs
        CHECK(compare(w, parse("2019")) == 0);
    }
    SECTION("same precision as the anchor") {
        CHECK(resolve("2008", "-P6Y", Precision::year, true).iso() == "2002~");
        CHECK(resolve("2019-05-24", "P10D", Precision::day, false).iso() == "2019-06-03");
        CHECK(resolve("2019-05", "-P18M", Precision::month, false).iso() == "2017-11");
        CHECK(resolve("1980s", "P10Y", Precision::decade, false).iso() == "1990s");
    }
    SECTION("coarser precision than the anchor") {
        CHECK(resolve("2019-Q3", "-P18M", Precision::half, false).iso() == "2018-H1");
        CHECK(resolve("2019-Q3", "P2Y6M", Precision::half, false).iso() == "2022-H1");
        CHECK(resolve("2019-05-24", "-P1Y2M3D", Precision::month, true).iso() == "2018-03~");
        CHECK(resolve("2019-12-31", "P1D", Precision::year, false).iso() == "2020");
        CHECK(resolve("2019-01-01", "-P1D", Precision::decade, false).iso() == "2010s");
    }
    SECTION("months clamp the day to the end of the month") {
        CHECK(resolve("2020-02-29", "P1Y", Precision::day, false).iso() == "2021-02-28");
        CHECK(resolve("2020-03-31", "-P1M", Precision::day, false).iso() == "2020-02-29");
        CHECK(resolve("2019-01-31", "P1M", Precision::day, false).iso() == "2019-02-28");
        CHECK(resolve("2019-01-31", "P1M1D", Precision::day, false).iso() == "2019-03-01");
        CHECK(resolve("2019-08-31", "P1M", Precision::day, false).iso() == "2019-09-30");
    }
    SECTION("days cross month and year boundaries") {
        CHECK(resolve("2019-12-25", "P10D", Precision::day, false).iso() == "2020-01-04");
        CHECK(resolve("2020-03-01", "-P1D", Precision::day, false).iso() == "2020-02-29");
        CHECK(resolve("2019", "P365D", Precision::year, false).iso() == "2020");
    }
    SECTION("an interval anchor moves from its first day") {
        CHECK(resolve("2019-05/2020", "P1Y", Precision::month, false).iso() == "2020-05");
    }
    SECTION("qualifiers of the anchor carry over") {
        CHECK(resolve("2008~", "-P6Y", Precision::year, false).iso() == "2002~");
        CHECK(resolve("2008?", "-P6Y", Precision::year, false).iso() == "2002?");
        CHECK(resolve("2008?", "-P6Y", Precision::year, true).iso() == "2002%");
    }
    SECTION("precision finer than the anchor") {
        CHECK(resolve_error("2008", "-P6Y", Precision::month) ==
              R"(precision "month" is finer than the anchor date "2008" (year); a relative date cannot be more precise than the date it is relative to)");
        CHECK(resolve_error("2019-H1", "P0Y", Precision::quarter) ==
              R"(precision "quarter" is finer than the anchor date "2019-H1" (half); a relative date cannot be more precise than the date it is relative to)");
        CHECK(resolve_error("2019-05", "P10D", Precision::day) ==
              R"(precision "day" is finer than the anchor date "2019-05" (month); a relative date cannot be more precise than the date it is relative to)");
    }
    SECTION("open anchors") {
        CHECK(resolve_error("2019/..", "-P1Y", Precision::year) ==
              R"(cannot resolve a relative date against "2019/.." (it has an open end))");
        CHECK(resolve_error("../2019", "-P1Y", Precision::year) ==
              R"(cannot resolve a relative date against "../2019" (it has an open end))");
    }
    SECTION("results outside 0001-9999") {
        CHECK(resolve_error("0005", "-P10Y", Precision::year) ==
              R"(offset -P10Y from "0005" leads to year -0005, outside 0001–9999)");
        CHECK(resolve_error("9999-12", "P1M", Precision::year) ==
              R"(offset P1M from "9999-12" leads to year 10000, outside 0001–9999)");
        CHECK(resolve_error("0001-01-01", "-P1D", Precision::day) ==
              R"(offset -P1D from "0001-01-01" leads to year 0000, outside 0001–9999)");
        CHECK(resolve_error("0005", "P0Y", Precision::decade) ==
              R"(offset P0Y from "0005" leads to year 0000, outside 0001–9999)");
        CHECK(resolve_error("2000", "P9999Y", Precision::year) ==
              R"(offset P9999Y from "2000" leads to year 11999, outside 0001–9999)");
    }
}

TEST_CASE("compare: the documented total order", "[model][when]") {
    const std::vector<std::string> expected = {
        "../2018",          // open start first
        "../2019",          //   then by last day
        "1980s",            // by first day
        "2019-01-01",       // same first day: by last day
        "2019-01",
        "2019-Q1",
        "2019-01/2019-06",  // same span as 2019-H1: finer precision (month) first
        "2019-H1",
        "2019-01/2019",     // same span and precision as the next: by canonical text
        "2019-01/2019-12",
        "2019",
        "2019/2019",        // same as 2019 but for the text
        "2019~",            // exact before approximate before uncertain before both
        "2019?",
        "2019%",
        "2019/..",          // open end last
        "2019-01-02",
        "2019-05/2020",
        "2020",
        "2020-01-01/..",
        "9999-12-31",
    };
    std::vector<When> values;
    for (const std::string& text : expected) values.push_back(parse(text));

    std::vector<When> shuffled = values;
    std::mt19937 rng(12345);
    for (int round = 0; round < 20; ++round) {
        std::shuffle(shuffled.begin(), shuffled.end(), rng);
        std::vector<When> sorted = shuffled;
        std::sort(sorted.begin(), sorted.end());
        std::vector<std::string> texts;
        for (const When& w : sorted) texts.push_back(w.iso());
        REQUIRE(texts == expected);
    }

    // Antisymmetry and consistency with the position in the sorted list.
    for (std::size_t i = 0; i < values.size(); ++i) {
        for (std::size_t j = 0; j < values.size(); ++j) {
            INFO(expected[i] << " vs " << expected[j]);
            const int c = compare(values[i], values[j]);
            CHECK(c == -compare(values[j], values[i]));
            CHECK(c == (i < j ? -1 : (i > j ? 1 : 0)));
        }
    }
}

TEST_CASE("compare: equal values and aliases", "[model][when]") {
    CHECK(compare(parse("2019-40"), parse("2019-H1")) == 0);
    CHECK(compare(parse("198X"), parse("1980s")) == 0);
    CHECK(compare(parse("2019"), parse("2019")) == 0);
    CHECK_FALSE(parse("2019") < parse("2019"));
    CHECK(parse("2019/2020~") < parse("2019~/2020"));  // same rank; text "2019/" < "2019~"
    CHECK(compare(parse("2019~/2020"), parse("2019/2020~")) == -compare(parse("2019/2020~"), parse("2019~/2020")));
    CHECK(parse("2019%") < parse("2019-01-02"));  // first day before qualifiers
    CHECK_FALSE(parse("2018-12-31") < parse("../2018"));
    CHECK(parse("../2018") < parse("2018-12-31"));
}

TEST_CASE("overlaps", "[model][when]") {
    struct Case {
        const char* a;
        const char* b;
        bool expected;
    };
    const std::vector<Case> cases = {
        {"2019", "2019-06", true},
        {"2019", "2020", false},
        {"2019-12-31", "2019/2020", true},
        {"2018-12-31", "2019", false},
        {"2019-H1", "2019-Q2", true},
        {"2019-H1", "2019-Q3", false},
        {"2019-06-30", "2019-H1", true},
        {"2019-07-01", "2019-H1", false},
        {"1980s", "1989-12", true},
        {"1980s", "1990", false},
        {"../2018", "2018-12-31", true},
        {"../2018", "2019-01-01", false},
        {"../2018", "2019/..", false},
        {"../2019", "2019/..", true},
        {"../2000", "../1000", true},
        {"2020/..", "9999", true},
        {"2020/..", "2019", false},
        {"2015/2017", "2017-12/2020", true},
        {"2015/2017", "2018/2020", false},
    };
    for (const Case& c : cases) {
        INFO(c.a << " vs " << c.b);
        CHECK(overlaps(parse(c.a), parse(c.b)) == c.expected);
        CHECK(overlaps(parse(c.b), parse(c.a)) == c.expected);
    }
}
