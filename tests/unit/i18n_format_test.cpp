// Unit tests of the formatting module (src/i18n/format.h): a table of exact strings in
// both languages, then properties (bounds stay true, no 增长了N倍) and the real data set.
#include <cmath>
#include <cstdlib>
#include <map>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <catch2/catch.hpp>

#include "i18n/format.h"
#include "i18n/messages.h"
#include "load/dataset.h"
#include "model/quantity.h"
#include "model/when.h"

namespace {

using namespace timeline;
using namespace timeline::i18n;

constexpr Lang en = Lang::en;
constexpr Lang zh = Lang::zh;
constexpr double inf = Interval::infinity();

// The units of data/glossary.json, as the loader reads them.
const std::map<std::string, Unit>& glossary_units() {
    static const std::map<std::string, Unit> units = [] {
        Diagnostics diags;
        const LoadedData data = load_files({std::string(TL_SOURCE_DIR) + "/data/glossary.json"}, diags);
        std::map<std::string, Unit> out;
        for (const Unit& u : data.dataset.units) out[u.id] = u;
        return out;
    }();
    return units;
}

const Unit& unit(const std::string& id) {
    const auto& units = glossary_units();
    const auto it = units.find(id);
    if (it == units.end()) FAIL("unit " << id << " is not in data/glossary.json");
    return it->second;
}

When when(std::string_view text) {
    std::string error;
    const auto w = parse_when(text, error);
    if (!w) FAIL(error);
    return *w;
}

double number(std::string_view text) {
    if (text == "inf") return inf;
    if (text == "-inf") return -inf;
    if (text == "nan") return std::nan("");
    const std::string s(text);
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (end != s.c_str() + s.size()) FAIL("bad number " << s);
    return v;
}

// "[0,0.7)", "(35.71,inf)" or a single number (an exact interval).
Interval interval(std::string_view text) {
    if (text.empty() || (text.front() != '[' && text.front() != '(')) return Interval::point(number(text));
    const std::size_t comma = text.find(',');
    Interval v;
    v.lo_open = text.front() == '(';
    v.hi_open = text.back() == ')';
    v.lo = number(text.substr(1, comma - 1));
    v.hi = number(text.substr(comma + 1, text.size() - comma - 2));
    return v;
}

// "6e10", "2..3", "1/3".
Value value(std::string_view text) {
    Value v;
    if (const std::size_t dots = text.find(".."); dots != std::string_view::npos) {
        v.kind = Value::Kind::range;
        v.min = number(text.substr(0, dots));
        v.max = number(text.substr(dots + 2));
    } else if (const std::size_t slash = text.find('/'); slash != std::string_view::npos) {
        v.kind = Value::Kind::fraction;
        v.numerator = std::atol(std::string(text.substr(0, slash)).c_str());
        v.denominator = std::atol(std::string(text.substr(slash + 1)).c_str());
    } else {
        v.number = number(text);
    }
    return v;
}

std::vector<std::string> words(std::string_view text) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t j = text.find(' ', i);
        out.emplace_back(text.substr(i, j == std::string_view::npos ? std::string_view::npos : j - i));
        if (j == std::string_view::npos) break;
        i = j + 1;
    }
    return out;
}

// One row of the table: what to format, how, and the exact text expected.
//   when      input: a date string
//   number    input: a number
//   q         input: a value; arg: "qualifier unit [more_than] [nounit]"
//   fraction  input: "n/d"
//   status    input: a status name
//   multiple, percent, change, cagr   input: an interval
//   bounded   input: an interval; arg: a unit id
struct Case {
    const char* kind;
    const char* input;
    const char* arg;
    Lang lang;
    const char* expected;
};

// clang-format off
const Case cases[] = {
    // --- Dates: every precision (PRODUCT §1.2 table) ---
    {"when", "2018", "", en, "2018"},
    {"when", "2018", "", zh, "2018年"},
    {"when", "2002-04", "", en, "April 2002"},
    {"when", "2002-04", "", zh, "2002年4月"},
    {"when", "2019-05-24", "", en, "24 May 2019"},
    {"when", "2019-05-24", "", zh, "2019年5月24日"},
    {"when", "2019-H1", "", en, "H1 2019"},
    {"when", "2019-H1", "", zh, "2019年上半年"},
    {"when", "2019-41", "", en, "H2 2019"},
    {"when", "2019-H2", "", zh, "2019年下半年"},
    {"when", "2019-Q3", "", en, "Q3 2019"},
    {"when", "2019-Q3", "", zh, "2019年第三季度"},
    {"when", "2019-35", "", zh, "2019年第三季度"},
    {"when", "2019-Q1", "", zh, "2019年第一季度"},
    {"when", "1980s", "", en, "the 1980s"},
    {"when", "1980s", "", zh, "20世纪80年代"},
    {"when", "198X", "", en, "the 1980s"},
    {"when", "1990s", "", zh, "20世纪90年代"},
    {"when", "2000s", "", en, "the 2000s"},
    {"when", "2000s", "", zh, "21世纪00年代"},
    {"when", "1900s", "", zh, "20世纪00年代"},
    {"when", "2010s", "", zh, "21世纪10年代"},
    // qualifiers
    {"when", "2013~", "", en, "c. 2013"},
    {"when", "2013~", "", zh, "约2013年"},
    {"when", "2013?", "", en, "2013?"},
    {"when", "2013?", "", zh, "2013年（存疑）"},
    {"when", "2013%", "", en, "c. 2013"},  // approximate already says it: uncertainty once
    {"when", "2013%", "", zh, "约2013年"},
    {"when", "2019-07%", "", en, "c. July 2019"},
    {"when", "2019-07%", "", zh, "约2019年7月"},
    {"when", "2019-05%/..", "", en, "from c. May 2019"},
    {"when", "2019-05%/..", "", zh, "约2019年5月起"},
    {"when", "../2025%", "", en, "until c. 2025"},
    {"when", "../2025%", "", zh, "约2025年以前"},
    {"when", "2019%/2021%", "", en, "c. 2019–2021"},
    {"when", "2019%/2021%", "", zh, "约2019—2021年"},
    {"when", "2002-04~", "", en, "c. April 2002"},
    {"when", "2002-04~", "", zh, "约2002年4月"},
    {"when", "2019-05-24?", "", zh, "2019年5月24日（存疑）"},
    {"when", "1980s~", "", en, "c. the 1980s"},
    {"when", "1980s~", "", zh, "约20世纪80年代"},
    {"when", "2019-Q3?", "", en, "Q3 2019?"},
    // intervals
    {"when", "2019/2021", "", en, "2019–2021"},
    {"when", "2019/2021", "", zh, "2019—2021年"},
    {"when", "2002-04/2002-06", "", en, "April–June 2002"},
    {"when", "2002-04/2002-06", "", zh, "2002年4月—6月"},
    {"when", "2002-04/2007-12", "", en, "April 2002 – December 2007"},
    {"when", "2002-04/2007-12", "", zh, "2002年4月—2007年12月"},
    {"when", "2019-05-03/2019-05-05", "", en, "3–5 May 2019"},
    {"when", "2019-05-03/2019-05-05", "", zh, "2019年5月3日—5日"},
    {"when", "2019-05-03/2019-06-05", "", en, "3 May – 5 June 2019"},
    {"when", "2019-05-03/2019-06-05", "", zh, "2019年5月3日—6月5日"},
    {"when", "2019-12-30/2020-01-02", "", en, "30 December 2019 – 2 January 2020"},
    {"when", "2019-12-30/2020-01-02", "", zh, "2019年12月30日—2020年1月2日"},
    {"when", "2019-Q1/2019-Q3", "", en, "Q1–Q3 2019"},
    {"when", "2019-Q1/2019-Q3", "", zh, "2019年第一季度—第三季度"},
    {"when", "2019-Q3/2020-Q1", "", en, "Q3 2019 – Q1 2020"},
    {"when", "2019-Q3/2020-Q1", "", zh, "2019年第三季度—2020年第一季度"},
    {"when", "2019-H1/2019-H2", "", zh, "2019年上半年—下半年"},
    {"when", "1980s/1990s", "", en, "the 1980s–1990s"},
    {"when", "1980s/1990s", "", zh, "20世纪80年代—90年代"},
    {"when", "1990s/2010s", "", zh, "20世纪90年代—21世纪10年代"},
    {"when", "2019/2021-06", "", en, "2019 – June 2021"},
    {"when", "2019/2021-06", "", zh, "2019年—2021年6月"},
    {"when", "2019~/2021~", "", en, "c. 2019–2021"},
    {"when", "2019~/2021~", "", zh, "约2019—2021年"},
    {"when", "2019~/2021", "", en, "c. 2019 – 2021"},
    {"when", "2019~/2021", "", zh, "约2019年—2021年"},
    {"when", "2019/2021?", "", zh, "2019年—2021年（存疑）"},
    {"when", "2019/2019", "", en, "2019"},
    // open ends
    {"when", "2019-05/..", "", en, "from May 2019"},
    {"when", "2019-05/..", "", zh, "2019年5月起"},
    {"when", "../2019-H1", "", en, "until H1 2019"},
    {"when", "../2019-H1", "", zh, "2019年上半年以前"},
    {"when", "../1991", "", en, "until 1991"},
    {"when", "../1991", "", zh, "1991年以前"},
    {"when", "2019-05~/..", "", en, "from c. May 2019"},
    {"when", "2019-05~/..", "", zh, "约2019年5月起"},
    {"when", "../2025?", "", en, "until 2025?"},
    {"when", "../2025?", "", zh, "2025年以前（存疑）"},

    // --- Numbers: scale boundaries, zero, negatives, decimals ---
    {"number", "0", "", en, "0"},
    {"number", "0", "", zh, "0"},
    {"number", "9999", "", en, "9,999"},
    {"number", "9999", "", zh, "9999"},
    {"number", "10000", "", en, "10,000"},
    {"number", "10000", "", zh, "1万"},
    {"number", "12000", "", en, "12,000"},
    {"number", "12000", "", zh, "1.2万"},
    {"number", "12345", "", zh, "12345"},
    {"number", "999999", "", en, "999,999"},
    {"number", "999999", "", zh, "999999"},
    {"number", "1000000", "", en, "1 million"},
    {"number", "1000000", "", zh, "100万"},
    {"number", "1200000", "", en, "1.2 million"},
    {"number", "1200000", "", zh, "120万"},
    {"number", "1234567", "", en, "1,234,567"},
    {"number", "1234567", "", zh, "1234567"},
    {"number", "99999999", "", en, "99,999,999"},
    {"number", "99999999", "", zh, "99999999"},
    {"number", "100000000", "", en, "100 million"},
    {"number", "100000000", "", zh, "1亿"},
    {"number", "150000000", "", en, "150 million"},
    {"number", "150000000", "", zh, "1.5亿"},
    {"number", "123456789", "", zh, "123456789"},
    {"number", "6e9", "", en, "6 billion"},
    {"number", "6e9", "", zh, "60亿"},
    {"number", "7e9", "", zh, "70亿"},
    {"number", "6e10", "", en, "60 billion"},
    {"number", "6e10", "", zh, "600亿"},
    {"number", "1.2e12", "", en, "1.2 trillion"},
    {"number", "1.2e12", "", zh, "1.2万亿"},
    {"number", "999999999999", "", en, "999,999,999,999"},
    {"number", "999999999999", "", zh, "999999999999"},
    {"number", "999999.999", "", en, "1 million"},
    {"number", "-5", "", en, "-5"},
    {"number", "-12000", "", en, "-12,000"},
    {"number", "-12000", "", zh, "-1.2万"},
    {"number", "-6e10", "", en, "-60 billion"},
    {"number", "35.714", "", en, "35.71"},
    {"number", "1234.5", "", en, "1,234.5"},
    {"number", "1234.5", "", zh, "1234.5"},
    {"number", "0.5", "", en, "0.5"},
    {"number", "0.3333", "", zh, "0.333"},
    {"number", "0.00123", "", en, "0.00123"},
    {"number", "nan", "", en, "no data"},
    {"number", "nan", "", zh, "无数据"},

    // --- Quantities: the seed strings of PRODUCT §1.3 ---
    {"q", "500", "over person", en, "over 500 people"},
    {"q", "500", "over person", zh, "500余人"},
    {"q", "350", "nearly person", en, "nearly 350 people"},
    {"q", "350", "nearly person", zh, "近350人"},
    {"q", "1000", "over enterprise more_than", en, "more than 1,000 enterprises"},
    {"q", "1000", "over enterprise more_than", zh, "1000多家"},
    {"q", "6e10", "over yuan", en, "over 60 billion yuan"},
    {"q", "6e10", "over yuan", zh, "超过600亿元"},
    {"q", "6e9", "at_least yuan", en, "no less than 6 billion yuan"},
    {"q", "6e9", "at_least yuan", zh, "不少于60亿元"},
    // every qualifier
    {"q", "6e10", "over yuan more_than", en, "more than 60 billion yuan"},
    {"q", "6e10", "over yuan more_than", zh, "超过600亿元"},
    {"q", "7e10", "over yuan", zh, "超过700亿元"},
    {"q", "500", "about person", en, "about 500 people"},
    {"q", "500", "about person", zh, "约500人"},
    {"q", "500", "under person", en, "under 500 people"},
    {"q", "500", "under person", zh, "不到500人"},
    {"q", "500", "up_to person", en, "up to 500 people"},
    {"q", "500", "up_to person", zh, "最多500人"},
    {"q", "500", "at_least person", zh, "不少于500人"},
    {"q", "5", "over person", en, "over 5 people"},
    {"q", "5", "over person", zh, "超过5人"},
    {"q", "1e6", "over person", en, "over 1 million people"},
    {"q", "1e6", "over person", zh, "超过100万人"},
    {"q", "1e6", "over person more_than", zh, "超过100万人"},
    {"q", "10", "over institute", zh, "10余家"},
    {"q", "10000", "over person", zh, "超过1万人"},
    {"q", "20000", "over enterprise more_than", zh, "超过2万家"},
    {"q", "20000", "over enterprise more_than", en, "more than 20,000 enterprises"},
    {"q", "15", "over person", zh, "超过15人"},
    {"q", "12000", "about person", zh, "约1.2万人"},
    // each unit kind of data/glossary.json
    {"q", "1e10", "exact yuan", en, "10 billion yuan"},
    {"q", "1e10", "exact yuan", zh, "100亿元"},
    {"q", "1", "exact yuan", en, "1 yuan"},
    {"q", "1.2e6", "exact yuan", en, "1.2 million yuan"},
    {"q", "1.2e6", "exact yuan", zh, "120万元"},
    {"q", "14", "exact person", en, "14 people"},
    {"q", "14", "exact person", zh, "14人"},
    {"q", "1", "exact person", en, "1 person"},
    {"q", "1", "exact person", zh, "1人"},
    {"q", "0", "exact person", en, "0 people"},
    {"q", "0", "exact person", zh, "0人"},
    {"q", "-5", "exact person", en, "-5 people"},
    {"q", "8", "exact item", en, "8 items"},
    {"q", "8", "exact item", zh, "8个"},
    {"q", "1", "exact item", en, "1 item"},
    {"q", "3", "exact institute", en, "3 institutes"},
    {"q", "3", "exact institute", zh, "3家"},
    {"q", "1", "exact institute", en, "1 institute"},
    {"q", "1", "exact enterprise", en, "1 enterprise"},
    {"q", "30", "exact episode", en, "30 episodes"},
    {"q", "30", "exact episode", zh, "30集"},
    {"q", "4", "exact wire", en, "4 wires"},
    {"q", "4", "exact wire", zh, "4根"},
    {"q", "6", "exact year", en, "6 years"},
    {"q", "6", "exact year", zh, "6年"},
    {"q", "1", "exact year", en, "1 year"},
    {"q", "6", "over year", zh, "超过6年"},
    {"q", "2", "exact minute", en, "2 minutes"},
    {"q", "2", "exact minute", zh, "2分钟"},
    {"q", "6", "exact month", zh, "6个月"},
    {"q", "5e9", "over ops-per-second", en, "over 5 billion operations per second"},
    {"q", "5e9", "over ops-per-second", zh, "超过50亿次/秒"},
    {"q", "1", "exact ops-per-second", en, "1 operation per second"},
    {"q", "0.35", "exact share", en, "35%"},
    {"q", "0.35", "exact share", zh, "35%"},
    {"q", "0.3333", "exact share", en, "33.3%"},
    {"q", "0.35", "over share", en, "over 35%"},
    {"q", "0.35", "over share", zh, "超过35%"},
    {"q", "1.5", "exact share", zh, "150%"},
    // fractions
    {"q", "1/3", "exact share", en, "one-third"},
    {"q", "1/3", "exact share", zh, "三分之一"},
    {"q", "1/3", "about share", en, "about one-third"},
    {"q", "1/3", "about share", zh, "约三分之一"},
    {"q", "1/3", "nearly share", zh, "近三分之一"},
    {"q", "2/3", "exact share", en, "two-thirds"},
    {"q", "2/3", "exact share", zh, "三分之二"},
    {"q", "1/2", "exact share", en, "one-half"},
    {"q", "1/2", "exact share", zh, "二分之一"},
    {"q", "1/4", "exact share", en, "one-quarter"},
    {"q", "1/4", "exact share", zh, "四分之一"},
    {"q", "3/7", "exact share", en, "3/7"},
    {"q", "3/7", "exact share", zh, "七分之三"},
    {"q", "2/3", "exact month", en, "two-thirds of a month"},
    {"q", "2/3", "exact month", zh, "三分之二个月"},
    {"q", "1/2", "exact item", en, "one-half of an item"},
    // ranges
    {"q", "2..3", "exact month", en, "two or three months"},
    {"q", "2..3", "exact month", zh, "两三个月"},
    {"q", "1..2", "exact year", en, "one or two years"},
    {"q", "1..2", "exact year", zh, "一两年"},
    {"q", "3..4", "exact enterprise", zh, "三四家"},
    {"q", "5..6", "exact person", zh, "五六人"},
    {"q", "7..8", "exact item", zh, "七八个"},
    {"q", "8..9", "exact person", en, "eight or nine people"},
    {"q", "3..5", "exact month", en, "3–5 months"},
    {"q", "3..5", "exact month", zh, "3至5个月"},
    {"q", "9..10", "exact month", en, "9–10 months"},
    {"q", "2..3", "about month", en, "about two or three months"},
    {"q", "2..3", "about month", zh, "约两三个月"},
    {"q", "10..20", "exact person", en, "10–20 people"},
    {"q", "10..20", "exact person", zh, "10至20人"},
    {"q", "1e9..2e9", "exact yuan", en, "1–2 billion yuan"},
    {"q", "1e9..2e9", "exact yuan", zh, "10亿至20亿元"},
    {"q", "5e5..2e6", "exact yuan", en, "500,000–2 million yuan"},
    {"q", "5e5..2e6", "exact yuan", zh, "50万至200万元"},
    {"q", "-5..3", "exact person", en, "-5 to 3 people"},
    {"q", "0.3..0.4", "exact share", en, "30%–40%"},
    {"q", "0.3..0.4", "exact share", zh, "30%至40%"},
    // without the unit (table cells under a unit header)
    {"q", "500", "over person nounit", en, "over 500"},
    {"q", "500", "over person nounit", zh, "500余"},
    {"q", "6e10", "over yuan nounit", en, "over 60 billion"},
    {"q", "6e10", "over yuan nounit", zh, "超过600亿"},
    {"q", "2..3", "exact month nounit", zh, "两三"},

    // --- Fractions in words ---
    {"fraction", "3/10", "", en, "three-tenths"},
    {"fraction", "3/10", "", zh, "十分之三"},
    {"fraction", "2/5", "", en, "two-fifths"},
    {"fraction", "3/4", "", en, "three-quarters"},
    {"fraction", "3/4", "", zh, "四分之三"},
    {"fraction", "3/100", "", zh, "百分之三"},
    {"fraction", "5/3", "", en, "5/3"},
    {"fraction", "5/3", "", zh, "三分之五"},
    {"fraction", "1/12", "", en, "1/12"},
    {"fraction", "1/12", "", zh, "十二分之一"},
    {"fraction", "7/20", "", zh, "二十分之七"},
    {"fraction", "1/101", "", zh, "一百零一分之一"},

    // --- Statuses ---
    {"status", "actual", "", en, ""},
    {"status", "actual", "", zh, ""},
    {"status", "target", "", en, "target"},
    {"status", "target", "", zh, "目标"},
    {"status", "plan", "", en, "planned"},
    {"status", "plan", "", zh, "计划"},
    {"status", "estimate", "", en, "estimate"},
    {"status", "estimate", "", zh, "估计"},

    // --- Multiples (never 增长了N倍) ---
    {"multiple", "36", "", en, "36 times"},
    {"multiple", "36", "", zh, "36倍"},
    {"multiple", "35.714", "", en, "35.7 times"},
    {"multiple", "35.714", "", zh, "35.7倍"},
    {"multiple", "142.857", "", en, "143 times"},
    {"multiple", "(35.71,inf)", "", en, "more than 35 times"},
    {"multiple", "(35.71,inf)", "", zh, "35倍以上"},
    {"multiple", "[35.71,inf)", "", en, "more than 35 times"},
    {"multiple", "[35,inf)", "", en, "at least 35 times"},
    {"multiple", "[35,inf)", "", zh, "至少35倍"},
    {"multiple", "(2.57,inf)", "", en, "more than 2.5 times"},
    {"multiple", "(9.96,inf)", "", zh, "9.9倍以上"},
    {"multiple", "[0,3)", "", en, "under 3 times"},
    {"multiple", "[0,3)", "", zh, "不到3倍"},
    {"multiple", "[0,2.91)", "", en, "under 3 times"},
    {"multiple", "[0,3]", "", en, "up to 3 times"},
    {"multiple", "[0,3]", "", zh, "最多3倍"},
    {"multiple", "[30.5,40.2]", "", en, "30–41 times"},
    {"multiple", "[30.5,40.2]", "", zh, "30至41倍"},
    {"multiple", "[-inf,inf]", "", en, "no data"},
    {"multiple", "nan", "", zh, "无数据"},

    // --- Percentages and shares ---
    {"percent", "0.3333", "", en, "33.3%"},
    {"percent", "0.3333", "", zh, "33.3%"},
    {"percent", "0.7", "", en, "70%"},
    {"percent", "0", "", en, "0%"},
    {"percent", "1.5", "", en, "150%"},
    {"percent", "1.2345", "", en, "123%"},
    {"percent", "0.99951", "", en, "100%"},
    {"percent", "(0.99951,inf)", "", en, "more than 99.9%"},
    {"percent", "34.714", "", en, "3,471%"},
    {"percent", "34.714", "", zh, "3471%"},
    {"percent", "[0,0.7)", "", en, "under 70%"},
    {"percent", "[0,0.7)", "", zh, "不到70%"},
    {"percent", "(0,0.7)", "", en, "under 70%"},
    {"percent", "[0,0.7]", "", en, "up to 70%"},
    {"percent", "[0,0.7]", "", zh, "最多70%"},
    {"percent", "[0,0.70001)", "", en, "under 70.1%"},
    {"percent", "[0,0.70001]", "", en, "under 70.1%"},
    {"percent", "(0.357,inf)", "", en, "more than 35.7%"},
    {"percent", "(0.357,inf)", "", zh, "超过35.7%"},
    {"percent", "[0.05,inf)", "", en, "at least 5%"},
    {"percent", "[0.05,inf)", "", zh, "至少5%"},
    {"percent", "[0.3,0.4]", "", en, "30%–40%"},
    {"percent", "[0.3,0.4]", "", zh, "30%至40%"},
    {"percent", "[-0.2,0.3]", "", en, "-20% to 30%"},
    {"percent", "[-0.2,0.3]", "", zh, "-20%至30%"},
    {"percent", "[0.70001,0.70002]", "", en, "70%–70.1%"},
    {"percent", "[0.7,0.70000000000001]", "", en, "about 70%"},

    // --- Percentage change and CAGR ---
    {"change", "0.25", "", en, "a rise of 25%"},
    {"change", "0.25", "", zh, "增长25%"},
    {"change", "-0.05", "", en, "a fall of 5%"},
    {"change", "-0.05", "", zh, "下降5%"},
    {"change", "0", "", en, "no change"},
    {"change", "0", "", zh, "持平"},
    {"change", "(34.714,inf)", "", en, "a rise of more than 3,471%"},
    {"change", "(34.714,inf)", "", zh, "增长超过3471%"},
    {"change", "(-inf,-0.2)", "", en, "a fall of more than 20%"},
    {"change", "(-inf,-0.2)", "", zh, "下降超过20%"},
    {"change", "[-0.05,0.1]", "", en, "a change of -5% to 10%"},
    {"change", "[-0.05,0.1]", "", zh, "变化幅度为-5%至10%"},
    {"cagr", "0.123", "", en, "an average of 12.3% a year"},
    {"cagr", "0.123", "", zh, "年均增长12.3%"},
    {"cagr", "-0.05", "", en, "an average fall of 5% a year"},
    {"cagr", "-0.05", "", zh, "年均下降5%"},
    {"cagr", "(0.123,inf)", "", en, "an average of more than 12.3% a year"},
    {"cagr", "(0.123,inf)", "", zh, "年均增长超过12.3%"},
    {"cagr", "[0.1,0.12]", "", en, "an average of 10%–12% a year"},
    {"cagr", "[0.1,0.12]", "", zh, "年均增长10%至12%"},
    {"cagr", "0", "", en, "no change on average"},
    {"cagr", "0", "", zh, "年均持平"},
    {"cagr", "[-0.05,0.1]", "", zh, "年均变化-5%至10%"},

    // --- Bounded quantities of a unit (statistics: change = last - first) ---
    {"bounded", "(486,inf)", "person", en, "more than 486 people"},
    {"bounded", "(486,inf)", "person", zh, "超过486人"},
    {"bounded", "[486,inf)", "person", en, "at least 486 people"},
    {"bounded", "[486,inf)", "person", zh, "至少486人"},
    {"bounded", "14", "person", en, "14 people"},
    {"bounded", "14", "person", zh, "14人"},
    {"bounded", "1", "item", en, "1 item"},
    {"bounded", "[14,20]", "person", en, "14–20 people"},
    {"bounded", "[14,20]", "person", zh, "14至20人"},
    {"bounded", "[0,350)", "person", en, "under 350 people"},
    {"bounded", "[0,350)", "person", zh, "不到350人"},
    {"bounded", "[0,350]", "person", zh, "最多350人"},
    {"bounded", "(5.99e10,inf)", "yuan", en, "more than 59.9 billion yuan"},
    {"bounded", "(5.99e10,inf)", "yuan", zh, "超过599亿元"},
    {"bounded", "[1e9,2e9]", "yuan", en, "1–2 billion yuan"},
    {"bounded", "[1e9,2e9]", "yuan", zh, "10亿至20亿元"},
    {"bounded", "(0,0.7)", "share", en, "under 70%"},
    {"bounded", "(0,0.7)", "share", zh, "不到70%"},
    {"bounded", "[-5,10]", "person", en, "-5 to 10 people"},
    {"bounded", "[-5,10]", "person", zh, "-5至10人"},
    {"bounded", "(-inf,inf)", "person", zh, "无数据"},
};
// clang-format on

std::string run(const Case& c) {
    const std::string kind = c.kind;
    if (kind == "when") return format_when(when(c.input), c.lang);
    if (kind == "number") return format_number(number(c.input), c.lang);
    if (kind == "q") {
        const auto w = words(c.arg);
        REQUIRE(w.size() >= 2);
        const auto q = qualifier_from_name(w[0]);
        REQUIRE(q);
        bool with_unit = true;
        std::string wording;
        for (std::size_t i = 2; i < w.size(); ++i) {
            if (w[i] == "nounit") with_unit = false;
            if (w[i] == "more_than") wording = w[i];
        }
        return format_quantity(value(c.input), *q, unit(w[1]), c.lang, with_unit, wording);
    }
    if (kind == "fraction") {
        const Value v = value(c.input);
        return format_fraction(v.numerator, v.denominator, c.lang);
    }
    if (kind == "status") {
        const auto s = status_from_name(c.input);
        REQUIRE(s);
        return format_status(*s, c.lang);
    }
    if (kind == "multiple") return format_multiple(interval(c.input), c.lang);
    if (kind == "percent") return format_percent(interval(c.input), c.lang);
    if (kind == "change") return format_percent_change(interval(c.input), c.lang);
    if (kind == "cagr") return format_cagr(interval(c.input), c.lang);
    if (kind == "bounded") return format_bounded(interval(c.input), unit(c.arg), c.lang);
    FAIL("unknown kind " << kind);
    return {};
}

bool contains(std::string_view s, std::string_view part) { return s.find(part) != std::string_view::npos; }

}  // namespace

TEST_CASE("Formatted strings in both languages (table)", "[i18n]") {
    REQUIRE(std::size(cases) >= 80);
    for (const Case& c : cases) {
        INFO(c.kind << " " << c.input << " " << c.arg << " " << (c.lang == zh ? "zh" : "en"));
        CHECK(run(c) == c.expected);
    }
}

TEST_CASE("The table covers every qualifier, precision and glossary unit kind", "[i18n]") {
    std::map<std::string, int> seen;
    for (const Case& c : cases) {
        if (std::string(c.kind) == "q") {
            const auto w = words(c.arg);
            seen["qualifier " + w[0]]++;
            seen["unit " + std::string(unit_kind_name(unit(w[1]).kind))]++;
            seen["unit id " + w[1]]++;
        }
        if (std::string(c.kind) == "when") seen["precision " + std::string(precision_name(when(c.input).precision()))]++;
    }
    for (const char* q : {"exact", "about", "over", "at_least", "nearly", "under", "up_to"})
        CHECK(seen["qualifier " + std::string(q)] > 0);
    for (const auto& [id, u] : glossary_units()) {
        INFO(id);
        CHECK(seen["unit id " + id] > 0);
        CHECK(seen["unit " + std::string(unit_kind_name(u.kind))] > 0);
    }
    for (const char* p : {"day", "month", "quarter", "half", "year", "decade"}) CHECK(seen["precision " + std::string(p)] > 0);
}

TEST_CASE("Derived dates look like their approximate resolved value", "[i18n]") {
    std::string error;
    const auto offset = parse_offset("-P6Y", error);
    REQUIRE(offset);
    const auto anchor_uncertain = resolve_relative(when("2008-01?"), *offset, Precision::year, true, error);
    REQUIRE(anchor_uncertain);
    CHECK(format_when(*anchor_uncertain, en) == "c. 2002");
    CHECK(format_when(*anchor_uncertain, zh) == "约2002年");
    // An interchange file's display date keeps both marks, to be read back the same.
    CHECK(format_when(*anchor_uncertain, en, DateMarks::lossless) == "c. 2002?");
    CHECK(format_when(*anchor_uncertain, zh, DateMarks::lossless) == "约2002年（存疑）");
    CHECK(format_when(when("2019-05%/.."), zh, DateMarks::lossless) == "约2019年5月起（存疑）");
    CHECK(format_when(when("2019-05%/.."), zh) == "约2019年5月起");
    const auto anchor_sure = resolve_relative(when("2019-07"), *offset, Precision::year, true, error);
    REQUIRE(anchor_sure);
    CHECK(format_when(*anchor_sure, en) == "c. 2013");
    CHECK(format_when(*anchor_sure, zh) == "约2013年");
    CHECK(format_when(When{}, en) == "undated");
    CHECK(format_when(When{}, zh) == "日期不详");
    CHECK(format_year(2019, en) == "2019");
    CHECK(format_year(2019, zh) == "2019年");
}

TEST_CASE("Chinese numerals", "[i18n]") {
    const std::pair<long, const char*> numerals[] = {
        {0, "零"},           {1, "一"},           {10, "十"},         {12, "十二"},         {20, "二十"},
        {101, "一百零一"},   {110, "一百一十"},   {1001, "一千零一"}, {3005, "三千零五"},   {10001, "一万零一"},
        {10010, "一万零一十"}, {100000, "十万"},  {120000, "十二万"}, {1000000, "一百万"},
        {99999999, "九千九百九十九万九千九百九十九"}, {100000000, "100000000"}, {-3, "-3"},
    };
    for (const auto& [n, text] : numerals) {
        INFO(n);
        CHECK(chinese_numeral(n) == text);
    }
}

TEST_CASE("Numbers round in the direction asked", "[i18n]") {
    CHECK(format_number(59999999999.0, en, Rounding::down) == "59.999 billion");
    CHECK(format_number(59999999999.0, en, Rounding::up) == "60 billion");
    CHECK(format_number(59999999999.0, zh, Rounding::down) == "599.9999亿");
    CHECK(format_number(35.714, en, Rounding::down) == "35.71");
    CHECK(format_number(35.714, en, Rounding::up) == "35.72");
    CHECK(format_number(-35.714, en, Rounding::down) == "-35.72");
    CHECK(format_number(0.7 * 100, en, Rounding::up) == "70");  // not 70.01
    CHECK(format_number(999999.5, en, Rounding::up) == "999,999.5");
    CHECK(format_number(999999.999, en, Rounding::up) == "1 million");
    CHECK(format_number(9999.5, zh, Rounding::up) == "9999.5");
    CHECK(format_number(9999.999, zh, Rounding::up) == "1万");
    CHECK(format_decimal(12345.678, 1, en) == "12,345.7");
    CHECK(format_decimal(12345.678, 1, zh) == "12345.7");
    CHECK(format_number(inf, en) == "infinity");
    CHECK(format_number(-inf, zh) == "-无穷大");
}

TEST_CASE("English unit labels agree with the number", "[i18n]") {
    Unit u;
    u.kind = UnitKind::count;
    const std::pair<const char*, std::pair<const char*, const char*>> labels[] = {
        {"people", {"person", "people"}},
        {"person", {"person", "people"}},
        {"enterprises", {"enterprise", "enterprises"}},
        {"enterprise", {"enterprise", "enterprises"}},
        {"company", {"company", "companies"}},
        {"companies", {"company", "companies"}},
        {"box", {"box", "boxes"}},
        {"branches", {"branch", "branches"}},
        {"classes", {"class", "classes"}},
        {"day", {"day", "days"}},
        {"yuan", {"yuan", "yuan"}},
        {"staff", {"staff", "staff"}},
        {"CNY", {"CNY", "CNY"}},
        {"operations per second", {"operation per second", "operations per second"}},
        {"research institutes", {"research institute", "research institutes"}},
        {"cups of tea", {"cup of tea", "cups of tea"}},
        {"status", {"status", "statuses"}},
    };
    for (const auto& [label, forms] : labels) {
        INFO(label);
        u.label.en = label;
        CHECK(unit_label(u, en, false) == forms.first);
        CHECK(unit_label(u, en, true) == forms.second);
    }
    // Fallbacks: the symbol, then the id; zh: measure word, label, symbol, the English apart.
    Unit bare;
    bare.id = "widget";
    bare.kind = UnitKind::other;
    CHECK(unit_label(bare, en) == "widgets");
    CHECK(unit_label(bare, zh) == " widget");
    bare.symbol.zh = "件";
    CHECK(unit_label(bare, zh) == "件");
    CHECK(unit_label(unit("enterprise"), zh) == "家");
    CHECK(unit_label(unit("month"), zh) == "个月");
}

TEST_CASE("A figure honours its wording", "[i18n]") {
    Figure f;
    f.value.number = 1000;
    f.qualifier = Qualifier::over;
    CHECK(format_figure(f, unit("enterprise"), en) == "over 1,000 enterprises");
    CHECK(format_figure(f, unit("enterprise"), zh) == "1000余家");
    f.wording = "more_than";
    CHECK(format_figure(f, unit("enterprise"), en) == "more than 1,000 enterprises");
    CHECK(format_figure(f, unit("enterprise"), zh) == "1000多家");
    CHECK(format_figure(f, unit("enterprise"), zh, false) == "1000多");
}

TEST_CASE("Growth sentences", "[i18n]") {
    const Interval more_than_35 = {500.0 / 14, inf, true, true};
    CHECK(format_growth("SenseTime headcount", "14", "over 500 people", more_than_35, en) ==
          "SenseTime headcount grew from 14 to over 500 people, more than 35 times its earlier level");
    CHECK(format_growth("商汤科技员工人数", "14人", "500余人", more_than_35, zh) ==
          "商汤科技员工人数由14人增至500余人，是原来的35倍以上");
    CHECK(format_growth("X", "1", "36", Interval::point(36), zh) == "X由1增至36，是原来的36倍");
    CHECK(format_growth("X", "1", "3", Interval{3, inf, false, true}, zh) == "X由1增至3，至少是原来的3倍");
    CHECK(format_growth("X", "1", "3", Interval{1, 3, true, true}, zh) == "X由1增至3，是原来的1至3倍");
    CHECK(format_growth("X", "1", "3", Interval{3, 3.0000000000001, false, false}, zh) == "X由1增至3，约为原来的3倍");
    CHECK(format_growth("X", "1", "3", Interval{2, 3, false, false}, zh) == "X由1增至3，是原来的2至3倍");
    CHECK(format_growth("X", "1", "3", Interval{2, 3, false, false}, en) == "X grew from 1 to 3, 2–3 times its earlier level");
    CHECK(format_growth("Staff", "10", "5", Interval::point(0.5), en) == "Staff fell from 10 to 5, 50% of its earlier level");
    CHECK(format_growth("员工", "10人", "5人", Interval::point(0.5), zh) == "员工由10人降至5人，相当于原来的50%");
    CHECK(format_growth("Staff", "5", "5", Interval::point(1), en) == "Staff stayed at 5");
    CHECK(format_growth("员工", "5人", "5人", Interval::point(1), zh) == "员工保持在5人");
    CHECK(format_growth("Staff", "5", "about 5", Interval{0.9, 1.1, false, false}, en) == "Staff changed from 5 to about 5");
    CHECK(format_growth("员工", "5人", "约5人", Interval{0.9, 1.1, false, false}, zh) == "员工由5人变为约5人");
    CHECK(format_growth("", "14", "500", Interval::point(500.0 / 14), en) == "grew from 14 to 500, 35.7 times its earlier level");
}

TEST_CASE("A multiple is never written as 增长了N倍", "[i18n]") {
    // 增长了N倍 means N+1 times the original; every multiple is phrased as 是原来的N倍 / N倍.
    std::mt19937 rng(20190524);
    std::uniform_real_distribution<double> dist(0.0, 400.0);
    for (int i = 0; i < 2000; ++i) {
        const double a = dist(rng);
        const double b = a + dist(rng);
        const Interval forms[] = {Interval::point(a), {a, inf, true, true}, {a, inf, false, true},
                                  {0, b, false, true}, {0, b, false, false}, {a, b, false, false}};
        for (const Interval& m : forms) {
            const std::string texts[] = {format_multiple(m, zh), format_growth("人数", "14人", "500人", m, zh),
                                         format_percent_change(Interval{m.lo - 1, m.hi - 1, m.lo_open, m.hi_open}, zh),
                                         format_cagr(m, zh)};
            for (const std::string& t : texts) {
                INFO(t << " for " << m.debug());
                CHECK_FALSE(contains(t, "增长了"));
                CHECK_FALSE(contains(t, "增加了"));
                CHECK_FALSE(contains(t, "翻"));
                // 增长 is only ever followed by a percentage, never by a number of 倍.
                const std::size_t g = t.find("增长");
                if (g != std::string::npos) CHECK_FALSE(contains(t.substr(g), "倍"));
            }
        }
    }
}

TEST_CASE("Bounded results are never printed as exact and stay true", "[i18n]") {
    std::mt19937 rng(350);
    std::uniform_real_distribution<double> dist(0.001, 1000.0);
    const auto leading_number = [](const std::string& s, std::string_view prefix) {
        REQUIRE(s.rfind(prefix, 0) == 0);
        std::string digits;
        for (char c : s.substr(prefix.size()))
            if ((c >= '0' && c <= '9') || c == '.') digits += c;
            else if (c != ',') break;
        return std::strtod(digits.c_str(), nullptr);
    };
    for (int i = 0; i < 3000; ++i) {
        const double x = dist(rng);
        INFO(x);
        // A lower bound is shown at or below itself, an upper bound at or above.
        const std::string more = format_multiple(Interval{x, inf, true, true}, en);
        CHECK(leading_number(more, "more than ") <= x);
        const std::string under = format_multiple(Interval{0, x, false, true}, en);
        CHECK(leading_number(under, "under ") >= x);
        const std::string share_under = format_percent(Interval{0, x / 1000, false, true}, en);
        CHECK(leading_number(share_under, "under ") >= x / 10 - 1e-9);
        const std::string share_more = format_percent(Interval{x / 1000, inf, true, true}, en);
        CHECK(leading_number(share_more, "more than ") <= x / 10 + 1e-9);
        const std::string zh_more = format_multiple(Interval{x, inf, true, true}, zh);
        CHECK(zh_more.size() > std::string("倍以上").size());
        CHECK(zh_more.substr(zh_more.size() - std::string("倍以上").size()) == "倍以上");
    }
}

TEST_CASE("Every figure and date of the seed data set formats in both languages", "[i18n]") {
    Diagnostics diags;
    const LoadedData loaded = load_dataset({std::string(TL_SOURCE_DIR) + "/data"}, diags);
    const Dataset& data = loaded.dataset;
    REQUIRE_FALSE(data.figures.empty());
    std::map<std::string, std::pair<std::string, std::string>> shown;
    for (const Figure& f : data.figures) {
        const Unit* u = data.unit(f.unit);
        REQUIRE(u);
        for (Lang lang : {en, zh}) {
            INFO(f.id);
            CHECK_FALSE(format_figure(f, *u, lang).empty());
            CHECK_FALSE(format_when(f.date.when, lang).empty());
        }
        shown[f.id] = {format_figure(f, *u, en), format_figure(f, *u, zh)};
    }
    for (const Event& e : data.events) {
        INFO(e.id);
        CHECK(format_when(e.date.when, en) != "undated");
        CHECK(format_when(e.date.when, zh) != "日期不详");
    }
    const std::pair<const char*, std::pair<const char*, const char*>> expected[] = {
        {"sh-ai-financing-2018", {"over 60 billion yuan", "超过600亿元"}},
        {"sensetime-headcount-2019h1", {"over 500 people", "500余人"}},
        {"sensetime-rd-staff-2019h1", {"nearly 350 people", "近350人"}},
        {"sh-ai-core-enterprises-2019", {"more than 1,000 enterprises", "1000多家"}},
        {"sensetime-sh-investment-plan-5y", {"no less than 6 billion yuan", "不少于60亿元"}},
        {"sh-ai-talent-share-2019", {"one-third", "三分之一"}},
        {"bt-skater-camera-training-months", {"two or three months", "两三个月"}},
        {"named-martyrs-1949", {"over 1 million people", "超过100万人"}},
        {"waic-2018-ai-research-institutes-count", {"3 institutes", "3家"}},
        {"cctv-veteran-story-minutes", {"2 minutes", "2分钟"}},
    };
    for (const auto& [id, texts] : expected) {
        INFO(id);
        REQUIRE(shown.count(id));
        CHECK(shown[id].first == texts.first);
        CHECK(shown[id].second == texts.second);
    }
}

TEST_CASE("Units: singular and plural, symbols and abbreviations from the unit catalogue", "[i18n]") {
    Unit km;  // an abbreviation as the English label: never "kms"
    km.id = "km";
    km.label = {"公里", "km"};
    CHECK(format_quantity(Value::of(48000), Qualifier::about, km, en) == "about 48,000 km");
    CHECK(format_quantity(Value::of(48000), Qualifier::about, km, zh) == "约4.8万公里");
    CHECK(format_quantity(Value::of(1), Qualifier::exact, km, en) == "1 km");
    CHECK(format_quantity(Value::of(11028), Qualifier::exact, km, en) == "11,028 km");
    CHECK(format_quantity(Value::of(11028), Qualifier::exact, km, zh) == "11028公里");

    Unit kilometre;  // a label with the catalogue's singular, written with its symbol
    kilometre.id = "kilometre";
    kilometre.label = {"公里", "kilometres"};
    kilometre.singular = "kilometre";
    CHECK(format_quantity(Value::of(1), Qualifier::exact, kilometre, en) == "1 kilometre");
    CHECK(format_quantity(Value::of(2), Qualifier::exact, kilometre, en) == "2 kilometres");
    kilometre.symbol = {"", "km"};
    kilometre.write = UnitWriting::symbol;
    CHECK(format_quantity(Value::of(1), Qualifier::exact, kilometre, en) == "1 km");
    CHECK(format_quantity(Value::of(8358), Qualifier::exact, kilometre, en) == "8,358 km");
    CHECK(format_quantity(Value::of(8358), Qualifier::exact, kilometre, zh) == "8358公里");  // no zh symbol: the label
    CHECK(unit_heading(kilometre, en) == "km");
    CHECK(unit_heading(kilometre, zh) == "公里");
    kilometre.symbol.zh = "km";
    CHECK(format_quantity(Value::of(48000), Qualifier::exact, kilometre, zh) == "4.8万km");

    Unit people;  // "person" / "people" by the irregular plural, or from the catalogue
    people.id = "person";
    people.label = {"人", "people"};
    people.measure_word = "人";
    people.kind = UnitKind::count;
    CHECK(format_quantity(Value::of(1), Qualifier::exact, people, en) == "1 person");
    CHECK(format_quantity(Value::of(2), Qualifier::exact, people, en) == "2 people");
    CHECK(unit_heading(people, en) == "people");
    Unit passengers;
    passengers.id = "passenger";
    passengers.label = {"人次", "passenger trips"};
    passengers.kind = UnitKind::count;
    passengers.measure_word = "人次";
    CHECK(format_quantity(Value::of(1), Qualifier::exact, passengers, en) == "1 passenger trip");
    CHECK(format_quantity(Value::of(3e9), Qualifier::over, passengers, en) == "over 3 billion passenger trips");
    CHECK(format_quantity(Value::of(3e9), Qualifier::over, passengers, zh) == "超过30亿人次");
    CHECK(format_quantity(Value::of(388000000), Qualifier::exact, passengers, zh) == "3.88亿人次");
    CHECK(format_quantity(Value::of(388000000), Qualifier::exact, passengers, en) == "388 million passenger trips");
}

TEST_CASE("Large numbers take 万/亿 or million/billion only when short and exact (GB/T 15835)", "[i18n]") {
    const std::pair<double, const char*> zh_cases[] = {
        {11028, "11028"},       {48000, "4.8万"},       {10000, "1万"},          {12500, "1.25万"},
        {123456, "123456"},     {1.2e6, "120万"},       {99995000, "9999.5万"},  {99999999, "99999999"},
        {388000000, "3.88亿"},  {123456789, "123456789"}, {6e10, "600亿"},       {1.2e12, "1.2万亿"},
        {-12000, "-1.2万"},     {12345.5, "12345.5"},
    };
    for (const auto& [v, text] : zh_cases) {
        INFO(v);
        CHECK(format_number(v, zh) == text);
    }
    const std::pair<double, const char*> en_cases[] = {
        {11028, "11,028"},          {999999, "999,999"},        {1e6, "1 million"},      {1234567, "1,234,567"},
        {1235000, "1.235 million"}, {99999999, "99,999,999"},   {388e6, "388 million"}, {6e10, "60 billion"},
        {1.2e12, "1.2 trillion"},   {-1.2e6, "-1.2 million"},
    };
    for (const auto& [v, text] : en_cases) {
        INFO(v);
        CHECK(format_number(v, en) == text);
    }
}
