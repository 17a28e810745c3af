// Qualified numbers through statistics and their wording (src/model/quantity.h,
// src/stats/stats.h, src/i18n/format.h): for every pair of qualifiers of the two figures
// compared, the multiple, percentage change, CAGR and share read as the figures say —
// approximate inputs give approximate points, bounds give bounds, mixed inputs the weaker
// statement — with exact strings in both languages, and the tables of
// docs/report-templates.md checked against the program.
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <catch2/catch.hpp>

#include "i18n/format.h"
#include "model/quantity.h"
#include "model/when.h"
#include "stats/stats.h"

namespace {

using namespace timeline;
using namespace timeline::i18n;

constexpr Lang en = Lang::en;
constexpr Lang zh = Lang::zh;

constexpr Qualifier all_qualifiers[] = {Qualifier::exact, Qualifier::about,    Qualifier::over,  Qualifier::at_least,
                                        Qualifier::nearly, Qualifier::under,   Qualifier::up_to};

When when(std::string_view text) {
    std::string error;
    const auto w = parse_when(text, error);
    if (!w) FAIL(error);
    return *w;
}

Figure fig(std::string id, double value, Qualifier q, std::string_view date) {
    Figure f;
    f.id = std::move(id);
    f.metric = "m";
    f.unit = "u";
    f.value = Value::of(value);
    f.qualifier = q;
    f.date.written = std::string(date);
    f.date.when = when(date);
    f.date.resolved = true;
    return f;
}

// The four statements for one pair: first = 100 (qualifier a) in 2015, last = 250
// (qualifier b) in 2019; share = 40 (a) of 100 (b).
struct Row {
    Qualifier a;
    Qualifier b;
    const char* multiple_en;
    const char* multiple_zh;
    const char* change_en;
    const char* change_zh;
    const char* cagr_en;
    const char* cagr_zh;
    const char* share_en;
    const char* share_zh;
};

struct Said {
    std::string multiple[2], change[2], cagr[2], share[2];
};

Said say(Qualifier a, Qualifier b) {
    const stats::Comparison c = stats::compare(fig("first", 100, a, "2015"), fig("last", 250, b, "2019"));
    const Qualified s = stats::share(fig("part", 40, a, "2019"), fig("whole", 100, b, "2019"));
    Said out;
    for (int k = 0; k < 2; ++k) {
        const Lang l = k == 0 ? en : zh;
        out.multiple[k] = c.multiple ? format_multiple(*c.multiple, l) : "-";
        out.change[k] = c.percent_change ? format_percent_change(*c.percent_change, l) : "-";
        out.cagr[k] = c.cagr ? format_cagr(*c.cagr, l) : "-";
        out.share[k] = format_percent(s, l);
    }
    return out;
}

using Q = Qualifier;

// clang-format off
const Row pair_rows[] = {
#include "stats_qualified_table.inc"
};
// clang-format on

bool has(std::string_view s, std::string_view part) { return s.find(part) != std::string_view::npos; }

bool bound(Qualifier q) { return q == Q::over || q == Q::at_least || q == Q::under || q == Q::up_to; }

}  // namespace

TEST_CASE("every qualifier pair: multiple, change, CAGR and share in both languages", "[stats][i18n]") {
    REQUIRE(std::size(pair_rows) == 49);
    std::map<std::pair<int, int>, int> seen;
    for (const Row& r : pair_rows) {
        INFO(qualifier_name(r.a) << " -> " << qualifier_name(r.b));
        ++seen[{static_cast<int>(r.a), static_cast<int>(r.b)}];
        const Said s = say(r.a, r.b);
        CHECK(s.multiple[0] == r.multiple_en);
        CHECK(s.multiple[1] == r.multiple_zh);
        CHECK(s.change[0] == r.change_en);
        CHECK(s.change[1] == r.change_zh);
        CHECK(s.cagr[0] == r.cagr_en);
        CHECK(s.cagr[1] == r.cagr_zh);
        CHECK(s.share[0] == r.share_en);
        CHECK(s.share[1] == r.share_zh);
    }
    CHECK(seen.size() == 49);
}

TEST_CASE("the reading of a result follows the qualifiers of its inputs", "[stats][i18n]") {
    for (Qualifier a : all_qualifiers)
        for (Qualifier b : all_qualifiers) {
            INFO(qualifier_name(a) << " -> " << qualifier_name(b));
            const stats::Comparison c = stats::compare(fig("first", 100, a, "2015"), fig("last", 250, b, "2019"));
            if (!c.multiple) {
                // No multiple when the base may be 0 (under, up to) or the bounds lean both ways.
                const bool base_may_be_0 = a == Q::under || a == Q::up_to;
                const bool both_ways = (a == Q::over || a == Q::at_least) && (b == Q::over || b == Q::at_least);
                CHECK((base_may_be_0 || both_ways));
                continue;
            }
            REQUIRE(c.cagr);
            const Said s = say(a, b);
            const bool any_about = a == Q::about || b == Q::about;
            const bool any_bound = bound(a) || bound(b);
            for (const Qualified* q : {&*c.multiple, &*c.percent_change, &*c.cagr}) {
                // The interval always holds the nominal value (the numbers as stated).
                CHECK(q->bounds.lo <= q->nominal);
                CHECK(q->nominal <= q->bounds.hi);
                if (a == Q::exact && b == Q::exact) CHECK(q->reading() == Reading::exact);
                if (any_about && !any_bound) CHECK(q->reading() == Reading::about);
                if (any_bound) CHECK(q->reading() != Reading::about);
            }
            for (int k = 0; k < 2; ++k) {
                // An approximate result is a point: never a range of numbers.
                if (any_about && !any_bound) {
                    CHECK(has(s.multiple[k], k == 0 ? "about " : "约"));
                    CHECK_FALSE(has(s.multiple[k], k == 0 ? "\u2013" : "至"));
                    CHECK_FALSE(has(s.cagr[k], k == 0 ? "\u2013" : "至"));
                }
                // Nothing exact is claimed from inexact inputs.
                if (a != Q::exact || b != Q::exact) {
                    CHECK(s.multiple[k] != (k == 0 ? "2.5 times" : "2.5倍"));
                    CHECK(s.share[k] != "40%");
                }
            }
        }
}

TEST_CASE("bounds stay true whatever is rounded", "[stats][i18n]") {
    // 14 -> over 500: "more than 35 times"; about 14 -> over 500 allows for the "about".
    const Figure f14 = fig("a", 14, Q::exact, "2018");
    const Figure about14 = fig("b", 14, Q::about, "2018");
    const Figure over500 = fig("c", 500, Q::over, "2019");
    CHECK(format_multiple(*stats::compare(f14, over500).multiple, en) == "more than 35 times");
    CHECK(format_multiple(*stats::compare(f14, over500).multiple, zh) == "35倍以上");
    CHECK(format_multiple(*stats::compare(about14, over500).multiple, en) == "more than 32 times");
    CHECK(format_multiple(*stats::compare(about14, over500).multiple, zh) == "32倍以上");
    // The example: 8,358 km -> about 48,000 km, of a goal of about 70,000 km.
    const Figure first = fig("d", 8358, Q::exact, "2012");
    const Figure latest = fig("e", 48000, Q::about, "2024");
    const Figure goal = fig("f", 70000, Q::about, "2035");
    const stats::Comparison c = stats::compare(first, latest);
    CHECK(format_multiple(*c.multiple, en) == "about 5.7 times");
    CHECK(format_multiple(*c.multiple, zh) == "约5.7倍");
    CHECK(format_multiple(c.multiple->bounds, en) == "5.1–6.4 times");  // the |interval option
    CHECK(format_multiple(c.multiple->bounds, zh) == "5.1至6.4倍");
    CHECK(format_percent(stats::share(latest, goal), en) == "about 69%");
    CHECK(format_percent(stats::share(latest, goal), zh) == "约69%");
    CHECK(format_percent_change(*c.percent_change, en) == "a rise of about 470%");
    CHECK(format_percent_change(*c.percent_change, zh) == "增长约470%");
    CHECK(format_cagr(*c.cagr, en) == "an average of about 16% a year");
    CHECK(format_cagr(*c.cagr, zh) == "年均增长约16%");
    CHECK(format_growth("High-speed rail", "8,358 km", "about 48,000 km", *c.multiple, en) ==
          "High-speed rail grew from 8,358 km to about 48,000 km, about 5.7 times its earlier level");
    CHECK(format_growth("高铁营业里程", "8358公里", "约4.8万公里", *c.multiple, zh) ==
          "高铁营业里程由8358公里增至约4.8万公里，约为原来的5.7倍");
    // A change of a unit, approximate: two significant digits, scaled only when short.
    Unit km;
    km.id = "km";
    km.label = {"公里", "km"};
    CHECK(format_bounded(c.change, km, en) == "about 40,000 km");
    CHECK(format_bounded(c.change, km, zh) == "约4万公里");
    // A decline from an approximate value.
    const stats::Comparison down = stats::compare(fig("g", 200, Q::about, "2015"), fig("h", 100, Q::exact, "2019"));
    CHECK(format_growth("X", "about 200", "100", *down.multiple, en) == "X fell from about 200 to 100, about 50% of its earlier level");
    CHECK(format_growth("X", "约200", "100", *down.multiple, zh) == "X由约200降至100，约为原来的50%");
    CHECK(format_percent_change(*down.percent_change, en) == "a fall of about 50%");
    CHECK(format_cagr(*down.cagr, zh) == "年均下降约16%");
}

namespace {

// The rows of a table of docs/report-templates.md between <!-- NAME --> and <!-- end NAME -->,
// each as its cells (backticks and the escape of "\|" removed).
std::vector<std::vector<std::string>> doc_table(const std::string& name) {
    std::ifstream in(std::string(TL_SOURCE_DIR) + "/docs/report-templates.md");
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();
    const std::string open = "<!-- " + name + " -->", close = "<!-- end " + name + " -->";
    const std::size_t a = text.find(open), b = text.find(close);
    if (a == std::string::npos || b == std::string::npos) FAIL("no table " << name << " in docs/report-templates.md");
    std::vector<std::vector<std::string>> rows;
    std::istringstream lines(text.substr(a + open.size(), b - a - open.size()));
    std::string line;
    int n = 0;
    while (std::getline(lines, line)) {
        if (line.rfind("| ", 0) != 0 || ++n <= 1) continue;  // the header
        std::vector<std::string> cells;
        std::string cell;
        for (std::size_t i = 1; i < line.size(); ++i) {
            if (line[i] == '\\' && i + 1 < line.size() && line[i + 1] == '|') {
                cell += '|';
                ++i;
            } else if (line[i] == '|') {
                while (!cell.empty() && cell.front() == ' ') cell.erase(cell.begin());
                while (!cell.empty() && cell.back() == ' ') cell.pop_back();
                cells.push_back(cell);
                cell.clear();
            } else if (line[i] != '`') {
                cell += line[i];
            }
        }
        rows.push_back(cells);
    }
    return rows;
}

}  // namespace

TEST_CASE("docs/report-templates.md: the date forms per precision", "[i18n][docs]") {
    const auto rows = doc_table("date-table");
    REQUIRE(rows.size() >= 12);
    for (const auto& r : rows) {
        REQUIRE(r.size() == 7);
        const std::string written = r[0].substr(0, r[0].find(' '));
        INFO(written);
        const When w = when(written);
        CHECK(format_when(w, en, DateForm::bare) == r[1]);
        CHECK(format_when(w, zh, DateForm::bare) == r[2]);
        CHECK(format_when(w, en, DateForm::phrase) == r[3]);
        CHECK(format_when(w, zh, DateForm::phrase) == r[4]);
        CHECK(format_when(w, en, DateForm::listed) == r[5]);
        CHECK(format_when(w, zh, DateForm::listed) == r[6]);
    }
}

TEST_CASE("docs/report-templates.md: statements per qualifier", "[i18n][docs]") {
    const auto rows = doc_table("qualifier-table");
    REQUIRE(rows.size() == 7);
    Unit km;
    km.id = "km";
    km.label = {"公里", "kilometres"};
    km.symbol = {"", "km"};
    km.write = UnitWriting::symbol;
    for (const auto& r : rows) {
        REQUIRE(r.size() == 9);
        INFO(r[0]);
        const auto q = qualifier_from_name(r[0]);
        REQUIRE(q);
        const Figure first = fig("first", 8358, Q::exact, "2012");
        const Figure latest = fig("latest", 48000, *q, "2024");
        const stats::Comparison c = stats::compare(first, latest);
        CHECK(format_figure(latest, km, en) == r[1]);
        CHECK(format_figure(latest, km, zh) == r[2]);
        CHECK(format_multiple(*c.multiple, en) == r[3]);
        CHECK(format_multiple(*c.multiple, zh) == r[4]);
        CHECK(format_percent_change(*c.percent_change, en) == r[5]);
        CHECK(format_percent_change(*c.percent_change, zh) == r[6]);
        CHECK(format_cagr(*c.cagr, en) == r[7]);
        CHECK(format_cagr(*c.cagr, zh) == r[8]);
    }
}

// Prints the rows of stats_qualified_table.inc from the program's output, for review when
// the wording changes: unit_tests "[.print-qualified-table]".
TEST_CASE("print the qualifier pair table", "[.print-qualified-table]") {
    auto quoted = [](const std::string& s) { return "\"" + s + "\""; };
    std::string out;
    for (Qualifier a : all_qualifiers)
        for (Qualifier b : all_qualifiers) {
            const Said s = say(a, b);
            out += std::string("{Q::") + qualifier_name(a) + ", Q::" + qualifier_name(b) + ",\n  " + quoted(s.multiple[0]) +
                   ", " + quoted(s.multiple[1]) + ",\n  " + quoted(s.change[0]) + ", " + quoted(s.change[1]) + ",\n  " +
                   quoted(s.cagr[0]) + ", " + quoted(s.cagr[1]) + ",\n  " + quoted(s.share[0]) + ", " +
                   quoted(s.share[1]) + "},\n";
        }
    std::cout << out;
}

// Prints the rows of the qualifier table of docs/report-templates.md: unit_tests
// "[.print-doc-qualifier-table]".
TEST_CASE("print the docs qualifier table", "[.print-doc-qualifier-table]") {
    Unit km;
    km.id = "km";
    km.label = {"公里", "kilometres"};
    km.symbol = {"", "km"};
    km.write = UnitWriting::symbol;
    for (Qualifier q : all_qualifiers) {
        const Figure latest = fig("latest", 48000, q, "2024");
        const stats::Comparison c = stats::compare(fig("first", 8358, Q::exact, "2012"), latest);
        std::cout << "| " << qualifier_name(q) << " | " << format_figure(latest, km, en) << " | "
                  << format_figure(latest, km, zh) << " | " << format_multiple(*c.multiple, en) << " | "
                  << format_multiple(*c.multiple, zh) << " | " << format_percent_change(*c.percent_change, en) << " | "
                  << format_percent_change(*c.percent_change, zh) << " | " << format_cagr(*c.cagr, en) << " | "
                  << format_cagr(*c.cagr, zh) << " |\n";
    }
}
