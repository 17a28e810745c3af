// Unit tests of charts (src/graphics/chart*.cpp, ticks.h, palette.h): nice ticks, localized
// scales and units, and the seed charts drawn in bi, zh and en — every value label with its
// qualifier present, no two labels overlapping, everything inside the box.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <random>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "base/utf8.h"
#include "draw/box.h"
#include "draw/setter.h"
#include "graphics/graphics.h"
#include "graphics/palette.h"
#include "graphics/ticks.h"
#include "load/dataset.h"
#include "load/template.h"
#include "pdf/writer.h"
#include "fixtures.h"
#include "report/build.h"
#include "text/fonts.h"
#include "theme/theme.h"

namespace {

using namespace timeline;
using graphics::nice_ticks;
using Values = std::vector<double>;

const text::FontSet& fonts() { return testing::theme_fonts(); }
using testing::seed_document;

// The chart of section `id`.
report::ChartData seed_chart(const report::Document& doc, const std::string& id) {
    for (const auto& s : doc.sections)
        if (s.id == id)
            for (const auto& b : s.blocks)
                if (const auto* c = std::get_if<report::ChartData>(&b)) return *c;
    FAIL("no chart " << id);
    return {};
}

struct Extent {
    double x1, y1, x2, y2;
    std::string text;
};

// Ink extent of a glyph run: from the advance width and the em box (Han characters reach
// about 0.88 em above the baseline, descenders about 0.22 em below).
Extent extent(const layout::GlyphRun& g) {
    return {g.x, g.y - 0.88 * g.size, g.x + g.width, g.y + 0.22 * g.size, g.text};
}

std::vector<layout::GlyphRun> runs(const draw::Box& box) {
    std::vector<layout::GlyphRun> out;
    for (const auto& it : box.items)
        if (const auto* g = std::get_if<layout::GlyphRun>(&it)) out.push_back(*g);
    return out;
}

// All text of a box in drawing order (runs of one label are drawn in order).
std::string all_text(const draw::Box& box) {
    std::string s;
    for (const auto& g : runs(box)) s += g.text;
    return s;
}

bool overlap(const Extent& a, const Extent& b) {
    const double w = std::min(a.x2, b.x2) - std::max(a.x1, b.x1);
    const double h = std::min(a.y2, b.y2) - std::max(a.y1, b.y1);
    return w > 0.01 && h > 0.01;
}

// Every text run pair is apart, every item inside the box, no text below 7 pt.
void check_layout(const draw::Box& box, const graphics::Frame& frame) {
    CHECK(box.width == Approx(frame.width));
    CHECK(box.height <= frame.page_height);
    CHECK(box.height > 40);
    const auto rs = runs(box);
    REQUIRE_FALSE(rs.empty());
    for (std::size_t i = 0; i < rs.size(); ++i) {
        const Extent a = extent(rs[i]);
        CHECK(rs[i].size >= 7);
        INFO("run \"" << a.text << "\" at " << a.x1 << "," << a.y1 << " - " << a.x2 << "," << a.y2);
        CHECK(a.x1 >= -0.01);
        CHECK(a.x2 <= box.width + 0.01);
        CHECK(a.y1 >= -0.01);
        CHECK(a.y2 <= box.height + 0.01);
        for (std::size_t j = i + 1; j < rs.size(); ++j) {
            const Extent b = extent(rs[j]);
            INFO("and \"" << b.text << "\" at " << b.x1 << "," << b.y1 << " - " << b.x2 << "," << b.y2);
            CHECK_FALSE(overlap(a, b));
        }
    }
    for (const auto& it : box.items) {
        double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
        if (const auto* l = std::get_if<layout::Line>(&it)) {
            x1 = std::min(l->x1, l->x2), x2 = std::max(l->x1, l->x2);
            y1 = std::min(l->y1, l->y2), y2 = std::max(l->y1, l->y2);
        } else if (const auto* r = std::get_if<layout::Rect>(&it)) {
            x1 = r->x, y1 = r->y, x2 = r->x + r->w, y2 = r->y + r->h;
        } else if (const auto* p = std::get_if<layout::Polygon>(&it)) {
            x1 = y1 = 1e9, x2 = y2 = -1e9;
            for (auto [x, y] : p->points) x1 = std::min(x1, x), y1 = std::min(y1, y), x2 = std::max(x2, x), y2 = std::max(y2, y);
        } else {
            continue;
        }
        INFO("shape " << x1 << "," << y1 << " - " << x2 << "," << y2);
        CHECK(x1 >= -2);
        CHECK(y1 >= -2);
        CHECK(x2 <= box.width + 2);
        CHECK(y2 <= box.height + 2);
    }
}

// The box on an A4 page at the usual margins, written as a PDF (for looking at with
// pdftoppm; see the hidden test below).
void write_pdf(const std::vector<std::pair<std::string, draw::Box>>& boxes, const std::string& path) {
    layout::DisplayList list;
    list.info.title = "charts";
    list.info.creation_date = date::sys_days{date::year{2026} / 11 / 23};
    layout::Page page;
    double y = 60;
    draw::Setter setter(fonts(), testing::theme());
    for (const auto& [title, box] : boxes) {
        if (y + box.height + 30 > page.height - 50) {
            list.pages.push_back(std::move(page));
            page = layout::Page{};
            y = 60;
        }
        setter.set_text(page.items, title, setter.style(theme::Style::heading), 72, y + 12);
        y += 24;
        layout::Rect frame;
        frame.x = 72, frame.y = y, frame.w = box.width, frame.h = box.height;
        frame.stroke = layout::Color{0.85, 0.85, 1.0};
        frame.stroke_width = 0.25;
        page.items.push_back(frame);
        draw::place(box, 72, y, page.items);
        y += box.height + 30;
    }
    list.pages.push_back(std::move(page));
    Diagnostics d;
    REQUIRE(pdf::write_document(list, fonts(), path, d));
}

graphics::Frame frame_in(LangMode mode) {
    graphics::Frame f;
    f.width = 451;
    f.page_height = 700;
    f.first_height = 700;
    f.mode = mode;
    return f;
}

// A point of `value` at a date such as "2015", "2017-H1" or "2016-05-24".
report::ChartPoint point(double value, const char* date, report::BiText label, report::BiText when) {
    report::ChartPoint p;
    p.value = p.low = p.high = value;
    std::string error;
    const auto parsed = parse_when(date, error);
    REQUIRE(parsed);
    p.date = *parsed;
    p.label = std::move(label);
    p.when = std::move(when);
    return p;
}

// A line chart of two yearly series with a half-year, a day and a range in it.
report::ChartData line_chart() {
    report::ChartData c;
    c.kind = ChartKind::line;
    c.unit = {"元", "yuan"};
    c.source_line = {"来源：[1]、[2]", "Sources: [1], [2]"};
    report::ChartSeries a;
    a.metric = "financing";
    a.label = {"融资额", "Financing"};
    a.points.push_back(point(2.5e10, "2015", {"250亿元", "25 billion yuan"}, {"2015年", "2015"}));
    a.points.push_back(point(3.8e10, "2016", {"380亿元", "38 billion yuan"}, {"2016年", "2016"}));
    a.points.push_back(point(4.1e10, "2017-H1", {"约410亿元", "about 41 billion yuan"}, {"2017年上半年", "H1 2017"}));
    a.points.back().low = 3.69e10;
    a.points.back().high = 4.51e10;
    a.points.push_back(point(6e10, "2018", {"超过600亿元", "over 60 billion yuan"}, {"2018年", "2018"}));
    a.points.back().open_high = true;
    report::ChartSeries b;
    b.metric = "scale";
    b.label = {"产业规模", "Industry scale"};
    b.points.push_back(point(1.2e10, "2015", {"120亿元", "12 billion yuan"}, {"2015年", "2015"}));
    b.points.push_back(point(2.0e10, "2016-05-24", {"200亿元", "20 billion yuan"}, {"2016年5月24日", "24 May 2016"}));
    b.points.push_back(point(7e10, "2019", {"超过700亿元", "over 70 billion yuan"}, {"2019年", "2019"}));
    b.points.back().open_high = true;
    c.series = {a, b};
    return c;
}

}  // namespace

TEST_CASE("Nice ticks are 1, 2 or 5 times a power of ten", "[chart]") {
    CHECK(nice_ticks(0, 7e10).values == Values{0, 2e10, 4e10, 6e10, 8e10});
    CHECK(nice_ticks(0, 7e10).step == 2e10);
    CHECK(nice_ticks(0, 500).values == Values{0, 100, 200, 300, 400, 500});
    CHECK(nice_ticks(0, 514).values == Values{0, 200, 400, 600});
    CHECK(nice_ticks(14, 500).values == Values{0, 100, 200, 300, 400, 500});
    CHECK(nice_ticks(0, 1).values == Values{0, 0.2, 0.4, 0.6, 0.8, 1});
    CHECK(nice_ticks(0, 0.3).values == Values{0, 0.1, 0.2, 0.3});
    CHECK(nice_ticks(0, 0.3).decimals == 1);
    CHECK(nice_ticks(0.001, 0.0047).values == Values{0.001, 0.002, 0.003, 0.004, 0.005});  // zero only if in range
    CHECK(nice_ticks(0.001, 0.0047).decimals == 3);
    CHECK(nice_ticks(0, 9).values == Values{0, 2, 4, 6, 8, 10});
    CHECK(nice_ticks(0, 10).values == Values{0, 2, 4, 6, 8, 10});
    CHECK(nice_ticks(0, 11).values == Values{0, 5, 10, 15});
    CHECK(nice_ticks(3, 97).values == Values{0, 20, 40, 60, 80, 100});
    CHECK(nice_ticks(-35, 80).values == Values{-50, 0, 50, 100});
    CHECK(nice_ticks(-35, 80, 7).values == Values{-40, -20, 0, 20, 40, 60, 80});
    CHECK(nice_ticks(-35, 80, 6).values == Values{-50, 0, 50, 100});
    CHECK(nice_ticks(-5, -1).values == Values{-5, -4, -3, -2, -1});
    CHECK(nice_ticks(1990, 2026).values == Values{1990, 2000, 2010, 2020, 2030});
    CHECK(nice_ticks(6e9, 6e9).values == Values{0, 2e9, 4e9, 6e9});  // one value: from zero
    CHECK(nice_ticks(0, 0).values == Values{0, 0.2, 0.4, 0.6, 0.8, 1});
    CHECK(nice_ticks(7e10, 0).values == Values{0, 2e10, 4e10, 6e10, 8e10});  // reversed
    CHECK(nice_ticks(0, 1e13).values == Values{0, 2e12, 4e12, 6e12, 8e12, 1e13});
    CHECK(nice_ticks(0, 7e10, 2).values == Values{0, 1e11});
    CHECK(nice_ticks(0, 1.5e3, 4).values == Values{0, 500, 1000, 1500});
    for (double hi : {0.7, 3.3, 14.0, 99.0, 1234.5, 6.02e23}) {
        INFO(hi);
        const auto t = nice_ticks(0, hi);
        CHECK(t.values.size() <= 6);
        CHECK(t.values.front() <= 0);
        CHECK(t.values.back() >= hi);
        const double m = t.step / std::pow(10, std::floor(std::log10(t.step) + 1e-9));
        CHECK((std::abs(m - 1) < 1e-9 || std::abs(m - 2) < 1e-9 || std::abs(m - 5) < 1e-9));
    }
}

TEST_CASE("Year ticks step by whole years", "[chart]") {
    CHECK(graphics::year_ticks(2015, 2019) == std::vector<int>{2015, 2016, 2017, 2018, 2019, 2020});
    CHECK(graphics::year_ticks(2002, 2019) == std::vector<int>{2000, 2005, 2010, 2015, 2020});
    CHECK(graphics::year_ticks(1800, 2000) == std::vector<int>{1800, 1850, 1900, 1950, 2000, 2050});
    CHECK(graphics::year_ticks(2019, 2019) == std::vector<int>{2019, 2020});
}

TEST_CASE("Axis scales and units in Chinese and English", "[chart]") {
    using graphics::axis_unit;
    using graphics::scale_for;
    using graphics::tick_label;
    CHECK(scale_for(8e10, Lang::zh) == 1e8);
    CHECK(scale_for(8e10, Lang::en) == 1e9);
    CHECK(scale_for(5e4, Lang::zh) == 1e4);
    CHECK(scale_for(5e4, Lang::en) == 1);
    CHECK(scale_for(2e6, Lang::en) == 1e6);
    CHECK(scale_for(600, Lang::zh) == 1);
    CHECK(scale_for(3e12, Lang::zh) == 1e12);
    CHECK(scale_for(3e12, Lang::en) == 1e12);

    CHECK(graphics::scale_word(1e8, Lang::zh) == "亿");
    CHECK(graphics::scale_word(1e4, Lang::zh) == "万");
    CHECK(graphics::scale_word(1e12, Lang::zh) == "万亿");
    CHECK(graphics::scale_word(1e9, Lang::en) == "billion");
    CHECK(graphics::scale_word(1e6, Lang::en) == "million");
    CHECK(graphics::scale_word(1e8, Lang::en) == "100 million");
    CHECK(graphics::scale_word(1, Lang::en).empty());

    CHECK(axis_unit(1e8, "元", Lang::zh) == "亿元");
    CHECK(axis_unit(1e4, "人", Lang::zh) == "万人");
    CHECK(axis_unit(1, "人", Lang::zh) == "人");
    CHECK(axis_unit(1e9, "yuan", Lang::en) == "billion yuan");
    CHECK(axis_unit(1e8, "yuan", Lang::en) == "100 million yuan");
    CHECK(axis_unit(1e6, "people", Lang::en) == "million people");
    CHECK(axis_unit(1, "people", Lang::en) == "people");
    CHECK(axis_unit(1e9, "", Lang::en) == "billion");

    CHECK(tick_label(6e10, 1e9, 0, Lang::en) == "60");
    CHECK(tick_label(6e10, 1e8, 0, Lang::zh) == "600");
    CHECK(tick_label(1500, 1, 0, Lang::en) == "1,500");
    CHECK(tick_label(1500, 1, 0, Lang::zh) == "1500");
    CHECK(tick_label(2.5e9, 1e9, 1, Lang::en) == "2.5");
    CHECK(tick_label(0, 1e9, 1, Lang::en) == "0");
    CHECK(tick_label(-2e10, 1e8, 0, Lang::zh) == "-200");
    CHECK(graphics::tick_decimals(2e10, 1e9) == 0);
    CHECK(graphics::tick_decimals(5e8, 1e9) == 1);
    CHECK(graphics::tick_decimals(0.25, 1) == 2);
    CHECK(graphics::tick_decimals(100, 1) == 0);

    // Tick labels of the seed funding axis (0 to over 70 billion yuan).
    const auto t = nice_ticks(0, 7e10);
    std::vector<std::string> en, zh;
    for (double v : t.values) {
        en.push_back(tick_label(v, scale_for(t.hi(), Lang::en), graphics::tick_decimals(t.step, 1e9), Lang::en));
        zh.push_back(tick_label(v, scale_for(t.hi(), Lang::zh), graphics::tick_decimals(t.step, 1e8), Lang::zh));
    }
    CHECK(en == std::vector<std::string>{"0", "20", "40", "60", "80"});
    CHECK(zh == std::vector<std::string>{"0", "200", "400", "600", "800"});
}

TEST_CASE("The theme's series stay apart in greyscale and have a marker and pattern each", "[chart]") {
    namespace pal = graphics::palette;
    const auto& styles = testing::theme().series();
    std::set<int> markers, patterns;
    for (std::size_t i = 0; i < styles.size(); ++i) {
        markers.insert(static_cast<int>(styles[i].marker));
        patterns.insert(static_cast<int>(styles[i].pattern));
        if (i > 0) CHECK(std::abs(pal::luma(styles[i].fill) - pal::luma(styles[i - 1].fill)) >= 0.15);
        CHECK(pal::luma(styles[i].stroke) < pal::luma(styles[i].fill));
        for (double d : styles[i].dash) CHECK(d == std::round(d));  // the PDF writer takes whole points
    }
    CHECK(markers.size() == styles.size());
    CHECK(patterns.size() == styles.size());
    // Hatching stays inside its rectangle.
    for (auto p : {pal::Pattern::hatch_diagonal, pal::Pattern::hatch_back, pal::Pattern::crosshatch,
                   pal::Pattern::hatch_horizontal, pal::Pattern::dots}) {
        const auto items = pal::pattern_items(p, 10, 20, 30, 11, layout::Color{}, 3, 0.5);
        CHECK_FALSE(items.empty());
        for (const auto& it : items)
            if (const auto* l = std::get_if<layout::Line>(&it)) {
                CHECK(std::min(l->x1, l->x2) >= 10 - 1e-9);
                CHECK(std::max(l->x1, l->x2) <= 40 + 1e-9);
                CHECK(std::min(l->y1, l->y2) >= 20 - 1e-9);
                CHECK(std::max(l->y1, l->y2) <= 31 + 1e-9);
            }
    }
}

TEST_CASE("Seed charts in bi, zh and en: labels with qualifiers, units, no overlaps", "[chart]") {
    for (LangMode mode : {LangMode::bi, LangMode::zh, LangMode::en}) {
        const report::Document doc = testing::seed_document_with_charts(mode);
        for (const char* id : {"funding-chart", "headcount-chart"}) {
            INFO(lang_mode_name(mode) << " " << id);
            const report::ChartData chart = seed_chart(doc, id);
            REQUIRE_FALSE(chart.series.empty());
            draw::Setter setter(fonts(), testing::theme());
            const auto frame = frame_in(mode);
            const draw::Box box = graphics::chart_box(chart, frame, setter);
            check_layout(box, frame);
            CHECK(setter.missing().empty());
            CHECK(box.height <= 320);
            const std::string text = all_text(box);
            for (const auto& s : chart.series)
                for (const auto& pt : s.points) {
                    if (mode != LangMode::en) CHECK(text.find(pt.label.zh) != std::string::npos);
                    if (mode != LangMode::zh) CHECK(text.find(pt.label.en) != std::string::npos);
                }
            if (mode != LangMode::en) CHECK(text.find(chart.source_line.zh) != std::string::npos);
            if (mode != LangMode::zh) CHECK(text.find(chart.source_line.en) != std::string::npos);
            if (mode == LangMode::en) CHECK(text.find("来源") == std::string::npos);
            if (mode == LangMode::zh) CHECK(text.find("Source") == std::string::npos);
        }
    }
}

TEST_CASE("Seed charts show the qualifiers and localized units", "[chart]") {
    draw::Setter setter(fonts(), testing::theme());
    {
        const auto doc = testing::seed_document_with_charts(LangMode::bi);
        const std::string head = all_text(graphics::chart_box(seed_chart(doc, "headcount-chart"), frame_in(LangMode::bi), setter));
        CHECK(head.find("500余人") != std::string::npos);
        CHECK(head.find("over 500") != std::string::npos);
        CHECK(head.find("14") != std::string::npos);
        const std::string funds = all_text(graphics::chart_box(seed_chart(doc, "funding-chart"), frame_in(LangMode::bi), setter));
        CHECK(funds.find("亿元 / 100 million yuan") != std::string::npos);
        CHECK(funds.find("超过600亿元") != std::string::npos);
        CHECK(funds.find("over 60 billion yuan") != std::string::npos);
    }
    {
        const auto doc = testing::seed_document_with_charts(LangMode::zh);
        const std::string funds = all_text(graphics::chart_box(seed_chart(doc, "funding-chart"), frame_in(LangMode::zh), setter));
        CHECK(funds.find("亿元") != std::string::npos);
        CHECK(funds.find("600") != std::string::npos);
        CHECK(funds.find("目标") != std::string::npos);
        CHECK(funds.find("billion") == std::string::npos);
    }
    {
        const auto doc = testing::seed_document_with_charts(LangMode::en);
        const std::string funds = all_text(graphics::chart_box(seed_chart(doc, "funding-chart"), frame_in(LangMode::en), setter));
        CHECK(funds.find("billion yuan") != std::string::npos);
        CHECK(funds.find("亿") == std::string::npos);
        CHECK(funds.find(", target") != std::string::npos);
        const std::string head = all_text(graphics::chart_box(seed_chart(doc, "headcount-chart"), frame_in(LangMode::en), setter));
        CHECK(head.find("over 500 people") != std::string::npos);
        CHECK(head.find("people") != std::string::npos);
    }
}

TEST_CASE("An axis unit is never broken inside a word", "[chart]") {
    // A bar chart labelled by year: the label column is narrow, and "billion passengers"
    // must go on two lines at the space, never "billio/n", "pass/eng/ers".
    report::ChartData c;
    c.kind = ChartKind::bar;
    c.unit = {"人次", "passengers"};
    report::ChartSeries s;
    s.points.push_back(point(3.88e8, "2012", {"3.88亿人次", "388 million passengers"}, {"2012年", "2012"}));
    s.points.push_back(point(3e9, "2023", {"超过30亿人次", "over 3 billion passengers"}, {"2023年", "2023"}));
    s.points.back().open_high = true;
    c.series = {s};
    for (LangMode mode : {LangMode::en, LangMode::bi, LangMode::zh}) {
        INFO(lang_mode_name(mode));
        draw::Setter setter(fonts(), testing::theme());
        const auto frame = frame_in(mode);
        const draw::Box box = graphics::chart_box(c, frame, setter);
        check_layout(box, frame);
        bool billion = false, passengers = false, yi = false;
        for (const auto& g : runs(box)) {
            INFO(g.text);
            CHECK(g.text != "billio");
            CHECK(g.text.find("eng") != 0);
            billion = billion || g.text.find("billion") != std::string::npos || g.text.find("100 million") != std::string::npos;
            passengers = passengers || g.text.find("passengers") != std::string::npos;
            yi = yi || g.text.find("亿人次") != std::string::npos;
        }
        CHECK(passengers == (mode != LangMode::zh));
        CHECK(billion == (mode != LangMode::zh));
        CHECK(yi == (mode != LangMode::en));
    }
}

TEST_CASE("Line charts place spans, keep labels apart and show a legend", "[chart]") {
    for (LangMode mode : {LangMode::bi, LangMode::zh, LangMode::en}) {
        INFO(lang_mode_name(mode));
        draw::Setter setter(fonts(), testing::theme());
        const auto frame = frame_in(mode);
        const auto chart = line_chart();
        const draw::Box box = graphics::chart_box(chart, frame, setter);
        check_layout(box, frame);
        const std::string text = all_text(box);
        for (const auto& s : chart.series) {
            if (mode != LangMode::en) CHECK(text.find(s.label.zh) != std::string::npos);
            if (mode != LangMode::zh) CHECK(text.find(s.label.en) != std::string::npos);
            for (const auto& pt : s.points) {
                if (mode != LangMode::en) CHECK(text.find(pt.label.zh) != std::string::npos);
                if (mode != LangMode::zh) CHECK(text.find(pt.label.en) != std::string::npos);
            }
        }
        CHECK(text.find(mode == LangMode::zh ? "2017年" : "2017") != std::string::npos);
    }
}

// Random charts: values over many magnitudes, long and short labels, qualifiers, statuses.
report::ChartData random_chart(std::mt19937& rng, ChartKind kind) {
    static const char* zh_words[] = {"上海", "人工智能", "产业", "融资额", "基金", "首期", "规模", "研发人员", "员工", "目标"};
    static const char* en_words[] = {"Shanghai", "AI", "industry", "financing", "fund", "first-phase", "scale",
                                     "R&D", "staff", "target", "investment"};
    auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); };
    auto phrase = [&](int words) {
        report::BiText t;
        for (int k = 0; k < words; ++k) {
            t.zh += zh_words[pick(10)];
            t.en += (k ? " " : "") + std::string(en_words[pick(11)]);
        }
        return t;
    };
    report::ChartData c;
    c.kind = kind;
    c.unit = pick(2) ? report::BiText{"元", "yuan"} : report::BiText{"人", "people"};
    c.source_line = {"来源：[1]、[2]、[3]", "Sources: [1], [2], [3]"};
    const double magnitude = std::pow(10.0, pick(12));
    const int series = kind == ChartKind::bar ? 1 + pick(2) : 1 + pick(3);
    for (int s = 0; s < series; ++s) {
        report::ChartSeries cs;
        cs.label = phrase(1 + pick(3));
        const int n = kind == ChartKind::slope ? 2 : 1 + pick(kind == ChartKind::bar ? 6 : 8);
        int year = 2010 + pick(5);
        for (int k = 0; k < n; ++k, year += 1 + pick(2)) {
            const double v = magnitude * (1 + pick(900)) / 100.0;
            const std::string y = std::to_string(year);
            report::ChartPoint pt = point(v, y.c_str(), {}, {y + "年", y});
            const std::string num = std::to_string(static_cast<long long>(v));
            switch (pick(4)) {
                case 0: pt.label = {num + "元", num + " yuan"}; break;
                case 1: pt.open_high = true, pt.label = {"超过" + num + "元", "over " + num + " yuan"}; break;
                case 2: pt.low = v * 0.9, pt.high = v * 1.1, pt.label = {"约" + num + "元", "about " + num + " yuan"}; break;
                default: pt.status = Status::target, pt.label = {num + "元", num + " yuan"}; break;
            }
            pt.category = kind == ChartKind::bar && pick(2) ? phrase(2 + pick(5)) : cs.label;
            cs.points.push_back(pt);
        }
        c.series.push_back(cs);
    }
    return c;
}

TEST_CASE("Random charts keep labels apart and inside the box", "[chart]") {
    for (unsigned seed = 1; seed <= 12; ++seed) {
        std::mt19937 rng(seed);
        for (ChartKind kind : {ChartKind::bar, ChartKind::line, ChartKind::slope})
            for (LangMode mode : {LangMode::bi, LangMode::zh, LangMode::en}) {
                INFO("seed " << seed << " kind " << static_cast<int>(kind) << " " << lang_mode_name(mode));
                const auto chart = random_chart(rng, kind);
                draw::Setter setter(fonts(), testing::theme());
                const auto frame = frame_in(mode);
                const draw::Box box = graphics::chart_box(chart, frame, setter);
                check_layout(box, frame);
                const std::string text = all_text(box);
                for (const auto& s : chart.series)
                    for (const auto& pt : s.points) {
                        if (kind == ChartKind::slope && &pt != &s.points.front() && &pt != &s.points.back()) continue;
                        CHECK(text.find(mode == LangMode::en ? pt.label.en : pt.label.zh) != std::string::npos);
                    }
            }
    }
}

TEST_CASE("A chart with no points says so", "[chart]") {
    report::ChartData c;
    c.kind = ChartKind::bar;
    c.series.push_back({});
    draw::Setter setter(fonts(), testing::theme());
    const auto box = graphics::chart_box(c, frame_in(LangMode::en), setter);
    CHECK(all_text(box).find("no data") != std::string::npos);
}

// Writes the charts as PDFs for looking at: build-chart/tests/unit_tests "[.chart-pdf]", then
// pdftoppm -r 60 -png /tmp/chart-bi.pdf /tmp/chart-bi.
TEST_CASE("Chart PDFs for inspection", "[.chart-pdf]") {
    for (LangMode mode : {LangMode::bi, LangMode::zh, LangMode::en}) {
        const auto doc = testing::seed_document_with_charts(mode);
        draw::Setter setter(fonts(), testing::theme());
        const auto frame = frame_in(mode);
        std::vector<std::pair<std::string, draw::Box>> boxes;
        boxes.emplace_back("funding-chart", graphics::chart_box(seed_chart(doc, "funding-chart"), frame, setter));
        boxes.emplace_back("headcount-chart", graphics::chart_box(seed_chart(doc, "headcount-chart"), frame, setter));
        boxes.emplace_back("line", graphics::chart_box(line_chart(), frame, setter));
        write_pdf(boxes, std::string("/tmp/chart-") + lang_mode_name(mode) + ".pdf");
    }
}
