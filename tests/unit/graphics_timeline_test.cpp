// Unit tests of the timeline graphic (src/graphics/timeline*.cpp): axis ticks for every span
// class in both languages, axis breaks, and layout properties over generated data sets of 1
// to 10,000 events (no two texts overlapping, everything inside the box and the frame
// heights, every event exactly once as a label or a callout, no text below 7 pt), and the
// seed timeline in bi, zh and en.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <optional>
#include <vector>

#include <catch2/catch.hpp>
#include <date/date.h>

#include "base/utf8.h"
#include "draw/box.h"
#include "draw/setter.h"
#include "graphics/graphics.h"
#include "graphics/timeline_axis.h"
#include "load/dataset.h"
#include "load/template.h"
#include "pdf/writer.h"
#include "report/build.h"
#include "text/fonts.h"
#include "theme/theme.h"
#include "fixtures.h"

namespace {

using namespace timeline;
namespace ax = graphics::axis;

const text::FontSet& tl_fonts() { return testing::theme_fonts(); }

int day_of(int y, unsigned m, unsigned d) {
    return static_cast<int>(
        date::sys_days{date::year{y} / date::month{m} / date::day{d}}.time_since_epoch().count());
}

std::string iso(int day) { return date::format("%F", date::sys_days{date::days{day}}); }

draw::TextStyle axis_style(draw::Setter& s) { return s.style(theme::Style::axis); }

// All labels of one segment as "line|line" strings, in x order, per tier.
std::vector<std::string> label_texts(const ax::SegmentTicks& t, bool year_tier) {
    std::vector<std::pair<double, std::string>> v;
    for (const auto& l : t.labels) {
        if (l.year_tier != year_tier) continue;
        std::string s;
        for (const auto& line : l.lines) s += (s.empty() ? "" : "|") + line;
        v.emplace_back(l.x, s);
    }
    std::sort(v.begin(), v.end());
    std::vector<std::string> out;
    for (auto& p : v) out.push_back(p.second);
    return out;
}

}  // namespace

TEST_CASE("Timeline days, months and period labels", "[timeline]") {
    CHECK(ax::day_number(date::sys_days{date::year{1970} / 1 / 1}) == 0);
    CHECK(ax::day_number(date::sys_days{date::year{2018} / 9 / 1}) == day_of(2018, 9, 1));
    CHECK(ax::month_start(ax::month_index(day_of(2019, 5, 24))) == day_of(2019, 5, 1));
    CHECK(ax::floor_to(day_of(2019, 5, 24), ax::Unit::quarter) == day_of(2019, 4, 1));
    CHECK(ax::ceil_to(day_of(2019, 5, 24) + 1, ax::Unit::half) == day_of(2019, 7, 1));
    CHECK(ax::ceil_to(day_of(2019, 7, 1), ax::Unit::half) == day_of(2019, 7, 1));
    CHECK(ax::floor_to(day_of(1987, 3, 1), ax::Unit::years5) == day_of(1985, 1, 1));
    const int apr = 2018 * 12 + 3;
    CHECK(ax::period_label(apr, ax::Unit::month, Lang::zh) == "4月");
    CHECK(ax::period_label(apr, ax::Unit::month, Lang::en) == "Apr");
    CHECK(ax::period_label(apr, ax::Unit::quarter, Lang::zh) == "二季度");
    CHECK(ax::period_label(apr, ax::Unit::quarter, Lang::en) == "Q2");
    CHECK(ax::period_label(apr, ax::Unit::half, Lang::zh) == "上半年");
    CHECK(ax::period_label(apr + 3, ax::Unit::half, Lang::en) == "H2");
    CHECK(ax::period_label(apr, ax::Unit::year, Lang::zh) == "2018年");
    CHECK(ax::period_label(apr, ax::Unit::year, Lang::en) == "2018");
    CHECK(ax::year_label(1890, Lang::zh) == "1890年");
}

TEST_CASE("Timeline ticks adapt to the span in both languages", "[timeline]") {
    draw::Setter setter(tl_fonts(), testing::theme());
    const auto ts = axis_style(setter);
    struct Case {
        int first, end;
        ax::Unit zh_unit, en_unit, bi_unit;  // "二季度" and "上半年" take more room than "Q2" and "H1"
        std::vector<std::string> zh_minor, en_minor, bi_minor;
        std::vector<std::string> zh_years, en_years;
    };
    using U = ax::Unit;
    const double w = 380;
    const std::vector<Case> cases = {
        // A season: months, with the year above.
        {day_of(2018, 3, 1), day_of(2018, 6, 1), U::month, U::month, U::month, {"3月", "4月", "5月"},
         {"Mar", "Apr", "May"}, {"3月|Mar", "4月|Apr", "5月|May"}, {"2018年"}, {"2018"}},
        // Two years: quarters (24 months do not fit).
        {day_of(2018, 1, 1), day_of(2020, 1, 1), U::quarter, U::quarter, U::quarter,
         {"一季度", "二季度", "三季度", "四季度", "一季度", "二季度", "三季度", "四季度"},
         {"Q1", "Q2", "Q3", "Q4", "Q1", "Q2", "Q3", "Q4"},
         {"一季度|Q1", "二季度|Q2", "三季度|Q3", "四季度|Q4", "一季度|Q1", "二季度|Q2", "三季度|Q3", "四季度|Q4"},
         {"2018年", "2019年"}, {"2018", "2019"}},
        // Six years: halves ("Q1" still fits in English).
        {day_of(2014, 1, 1), day_of(2020, 1, 1), U::half, U::quarter, U::half, {}, {}, {}, {}, {}},
        // Twelve years: years (halves in English).
        {day_of(2008, 1, 1), day_of(2020, 1, 1), U::year, U::half, U::year, {}, {}, {}, {}, {}},
        // Twenty years, forty, a century, two centuries, a millennium.
        {day_of(2000, 1, 1), day_of(2020, 1, 1), U::years2, U::years2, U::years2, {}, {}, {}, {}, {}},
        {day_of(1980, 1, 1), day_of(2020, 1, 1), U::years5, U::years5, U::years5, {}, {}, {}, {}, {}},
        {day_of(1900, 1, 1), day_of(2000, 1, 1), U::decade, U::decade, U::decade, {}, {}, {}, {}, {}},
        {day_of(1800, 1, 1), day_of(2000, 1, 1), U::decades2, U::decades2, U::decades2, {}, {}, {}, {}, {}},
        {day_of(1000, 1, 1), day_of(2000, 1, 1), U::century, U::century, U::century, {}, {}, {}, {}, {}},
    };
    for (const auto& c : cases) {
        INFO(iso(c.first) << " .. " << iso(c.end));
        for (LangMode mode : {LangMode::zh, LangMode::en, LangMode::bi}) {
            const auto widths = ax::label_widths(mode, setter, ts);
            const auto t = ax::segment_ticks(c.first, c.end, 0, w, widths);
            INFO(lang_mode_name(mode) << " unit " << ax::unit_name(t.unit));
            const auto unit = mode == LangMode::zh ? c.zh_unit : mode == LangMode::en ? c.en_unit : c.bi_unit;
            CHECK(t.unit == unit);
            // Labels of one tier never crowd each other.
            for (bool tier : {false, true}) {
                std::vector<std::pair<double, double>> ext;
                for (const auto& l : t.labels) {
                    if (l.year_tier != tier) continue;
                    double lw = 0;
                    for (const auto& s : l.lines) lw = std::max(lw, setter.measure(s, ts));
                    ext.emplace_back(l.x - lw / 2, l.x + lw / 2);
                }
                std::sort(ext.begin(), ext.end());
                for (std::size_t i = 1; i < ext.size(); ++i) CHECK(ext[i].first >= ext[i - 1].second);
            }
            const auto& minor = mode == LangMode::zh ? c.zh_minor : mode == LangMode::en ? c.en_minor : c.bi_minor;
            if (!minor.empty()) CHECK(label_texts(t, false) == minor);
            const auto& years = mode == LangMode::zh ? c.zh_years : c.en_years;
            if (!years.empty()) CHECK(label_texts(t, true) == years);
        }
    }
    // Exact year labels of a decade in each language.
    const auto zh = ax::segment_ticks(day_of(2010, 1, 1), day_of(2013, 1, 1), 0, 300,
                                      ax::label_widths(LangMode::zh, setter, ts));
    CHECK(zh.unit == ax::Unit::half);
    CHECK(label_texts(zh, true) == std::vector<std::string>{"2010年", "2011年", "2012年"});
    const auto en = ax::segment_ticks(day_of(2010, 1, 1), day_of(2016, 1, 1), 0, 140,
                                      ax::label_widths(LangMode::en, setter, ts));
    CHECK(en.unit == ax::Unit::year);
    CHECK(label_texts(en, false) == std::vector<std::string>{"2010", "2011", "2012", "2013", "2014", "2015"});
    const auto multi = ax::segment_ticks(day_of(1800, 1, 1), day_of(2000, 1, 1), 0, 380,
                                         ax::label_widths(LangMode::zh, setter, ts));
    REQUIRE_FALSE(multi.labels.empty());
    CHECK(multi.labels.front().lines == std::vector<std::string>{"1800年"});
    CHECK(multi.labels.back().lines == std::vector<std::string>{"2000年"});
}

TEST_CASE("Timeline axis breaks long empty gaps", "[timeline]") {
    draw::Setter setter(tl_fonts(), testing::theme());
    const auto widths = ax::label_widths(LangMode::bi, setter, axis_style(setter));
    // Seed-like: a cluster in 2002, one in 2007, a dense one in 2018-2019.
    std::vector<ax::Span> spans = {{day_of(2002, 4, 1), day_of(2002, 5, 1)},
                                   {day_of(2002, 6, 1), day_of(2002, 7, 1)},
                                   {day_of(2018, 9, 1), day_of(2018, 10, 1)},
                                   {day_of(2019, 5, 24), day_of(2019, 5, 25)},
                                   {day_of(2019, 1, 1), day_of(2020, 1, 1)}};
    const auto segs = ax::make_segments(spans, 60, 445, 12, widths);
    REQUIRE(segs.size() == 2);
    CHECK(segs[0].first <= day_of(2002, 4, 1));
    CHECK(segs[0].end >= day_of(2002, 7, 1));
    CHECK(segs[1].first <= day_of(2018, 9, 1));
    CHECK(segs[1].end >= day_of(2020, 1, 1));
    CHECK(segs[0].x0 == Approx(60));
    CHECK(segs[1].x1 == Approx(445));
    CHECK(segs[1].x0 - segs[0].x1 == Approx(12));
    // The recent years keep most of the room.
    CHECK(segs[1].x1 - segs[1].x0 > 200);
    // Evenly spread data: no break.
    std::vector<ax::Span> even;
    for (int y = 1900; y < 2000; y += 3) even.push_back({day_of(y, 1, 1), day_of(y, 1, 2)});
    CHECK(ax::make_segments(even, 0, 400, 12, widths).size() == 1);
}

namespace {

// Generated data: N events in `lanes` lanes over a span of `span_days` days, all precisions,
// intervals, open ends, approximate and uncertain dates, importance 1–3; `clustered` puts
// most events into a few short bursts. Each title carries a unique token "K" + 6 digits so
// that a test can find it among the glyph runs.
report::TimelineData generate(std::size_t n, unsigned seed, int span_days, int lanes, bool clustered = false) {
    std::mt19937 rng(seed);
    auto uni = [&](int a, int b) { return std::uniform_int_distribution<int>(a, b)(rng); };
    report::TimelineData d;
    const char* lane_en[] = {"Industry", "Research", "Funds", "Policy", "Film", "Literature"};
    const char* lane_zh[] = {"产业", "科研", "基金", "政策", "电影", "文学"};
    for (int l = 0; l < lanes; ++l) {
        report::TimelineLane lane;
        lane.id = "lane" + std::to_string(l);
        lane.label.en = lane_en[l % 6];
        lane.label.zh = lane_zh[l % 6];
        d.lanes.push_back(lane);
    }
    const char* words[] = {"Shanghai", "AI",      "fund",     "institute", "opens",    "signs",  "agreement",
                           "with",     "the",     "research", "centre",    "industry", "plan",   "released",
                           "SenseTime", "novel",  "film",     "published", "Lingang",  "base",   "innovation"};
    const char* han = "上海人工智能产业基金研究院签约落户发布计划小说电影上映出版商汤科技临港集团创新基地";
    std::vector<std::string> han_chars;
    for (std::size_t i = 0; i < std::string(han).size();) {
        const std::size_t b = i;
        utf8::decode(han, i);
        han_chars.push_back(std::string(han).substr(b, i - b));
    }
    const int start = day_of(1850, 1, 1) + uni(0, 50000);
    std::vector<int> bursts;
    for (int b = 0; b < 4; ++b) bursts.push_back(start + uni(0, span_days));
    const Precision precisions[] = {Precision::day, Precision::month, Precision::quarter,
                                    Precision::half, Precision::year, Precision::decade};
    for (std::size_t i = 0; i < n; ++i) {
        report::TimelineItem it;
        it.id = "e" + std::to_string(i);
        it.lane = "lane" + std::to_string(uni(0, lanes - 1));
        int a = start + uni(0, span_days);
        if (clustered && uni(0, 9) < 8) a = bursts[static_cast<std::size_t>(uni(0, 3))] + uni(0, std::max(1, span_days / 200));
        int p = uni(0, 9);
        p = p < 4 ? 0 : p - 4;  // mostly days
        if (p > 5) p = 5;
        const date::year_month_day ymd{date::sys_days{date::days{a}}};
        const int y = static_cast<int>(ymd.year());
        const int kind = uni(0, 19);
        When span;
        span.start = Period::containing(date::sys_days{date::days{a}}, precisions[p]);
        span.end = span.start;
        if (kind == 0) span.end = Period::containing(date::sys_days{date::days{a + uni(30, std::max(31, span_days / 4))}}, Precision::day);
        span.interval = kind <= 2;
        if (kind == 1) span.start.reset();
        if (kind == 2) span.end.reset();
        const bool approximate = uni(0, 9) == 0;
        const bool uncertain = uni(0, 14) == 0;
        for (auto* end : {&span.start, &span.end})
            if (*end) (*end)->approximate = approximate, (*end)->uncertain = uncertain;
        it.date = span;
        it.importance = uni(1, 3);
        char token[32];
        std::snprintf(token, sizeof token, "K%06zu", i);
        std::string en = token;
        const int words_n = uni(2, 16);
        for (int w = 0; w < words_n; ++w) en += std::string(" ") + words[uni(0, 20)];
        std::string zh = std::string(token) + "号";
        const int chars = uni(4, 40);
        for (int c = 0; c < chars; ++c) zh += han_chars[static_cast<std::size_t>(uni(0, static_cast<int>(han_chars.size()) - 1))];
        it.label.en = en;
        it.label.zh = zh;
        it.when.en = std::to_string(y);
        it.when.zh = std::to_string(y) + "年";
        d.items.push_back(it);
    }
    std::stable_sort(d.items.begin(), d.items.end(), [](const auto& x, const auto& y) {
        return compare(x.date, y.date) < 0;
    });
    const int eras = uni(0, 3);
    for (int e = 0; e < eras; ++e) {
        report::TimelineEra era;
        era.id = "era" + std::to_string(e);
        const int a = start + uni(0, span_days);
        era.date.start = Period::containing(date::sys_days{date::days{a}}, Precision::day);
        era.date.end = Period::containing(date::sys_days{date::days{a + uni(10, std::max(11, span_days / 3))}}, Precision::day);
        era.date.interval = true;
        if (e == 2) era.date.end.reset();  // an open era
        era.label.en = "Era " + std::to_string(e) + " of reform and opening";
        era.label.zh = "时期" + std::to_string(e) + "改革开放";
        d.eras.push_back(era);
    }
    d.source_line.en = "Sources: [1], [2]";
    d.source_line.zh = "来源：[1]、[2]";
    return d;
}

struct Ext {
    double x1, y1, x2, y2;
    std::string text;
};

// Checks the layout properties of the boxes; returns the text of all glyph runs.
std::string check_boxes(const std::vector<draw::Box>& boxes, const graphics::Frame& frame) {
    std::string all;
    REQUIRE_FALSE(boxes.empty());
    for (std::size_t b = 0; b < boxes.size(); ++b) {
        const auto& box = boxes[b];
        INFO("box " << b << " of " << boxes.size());
        CHECK(box.width == Approx(frame.width));
        const double room = b == 0 ? frame.first_height : frame.page_height;
        CHECK(box.height <= room + 1e-6);
        std::vector<Ext> texts;
        const double eps = 1e-6;
        for (const auto& item : box.items) {
            if (const auto* g = std::get_if<layout::GlyphRun>(&item)) {
                CHECK(g->size >= 7);
                // Ink extent: the advance width and the em box (Han characters reach about
                // 0.88 em above the baseline, descenders about 0.22 em below).
                const Ext e{g->x, g->y - 0.88 * g->size, g->x + g->width, g->y + 0.22 * g->size, g->text};
                CHECK(e.x1 >= -eps);
                CHECK(e.x2 <= box.width + eps);
                CHECK(e.y1 >= -eps);
                CHECK(e.y2 <= box.height + eps);
                texts.push_back(e);
                all += g->text;
                all += '\n';
            } else if (const auto* l = std::get_if<layout::Line>(&item)) {
                CHECK(std::min(l->x1, l->x2) >= -eps);
                CHECK(std::max(l->x1, l->x2) <= box.width + eps);
                CHECK(std::min(l->y1, l->y2) >= -eps);
                CHECK(std::max(l->y1, l->y2) <= box.height + eps);
            } else if (const auto* r = std::get_if<layout::Rect>(&item)) {
                CHECK(r->x >= -eps);
                CHECK(r->x + r->w <= box.width + eps);
                CHECK(r->y >= -eps);
                CHECK(r->y + r->h <= box.height + eps);
            } else if (const auto* p = std::get_if<layout::Polygon>(&item)) {
                for (const auto& [x, y] : p->points) {
                    CHECK(x >= -eps);
                    CHECK(x <= box.width + eps);
                    CHECK(y >= -eps);
                    CHECK(y <= box.height + eps);
                }
            }
        }
        // No two texts overlap (sweep in x).
        std::sort(texts.begin(), texts.end(), [](const Ext& a, const Ext& c) { return a.x1 < c.x1; });
        int overlaps = 0;
        for (std::size_t i = 0; i < texts.size(); ++i)
            for (std::size_t j = i + 1; j < texts.size() && texts[j].x1 < texts[i].x2 - 0.01; ++j) {
                const bool y = texts[j].y1 < texts[i].y2 - 0.01 && texts[i].y1 < texts[j].y2 - 0.01;
                if (y) {
                    ++overlaps;
                    UNSCOPED_INFO("overlap: \"" << texts[i].text << "\" @" << texts[i].x1 << "," << texts[i].y1 << " and \""
                                                 << texts[j].text << "\" @" << texts[j].x1 << "," << texts[j].y1);
                }
            }
        CHECK(overlaps == 0);
    }
    return all;
}

// The text of one box's glyph runs.
std::string box_text(const draw::Box& box) {
    std::string all;
    for (const auto& item : box.items)
        if (const auto* g = std::get_if<layout::GlyphRun>(&item)) all += g->text + "\n";
    return all;
}

// The span of an item in days [first, end); open ends reach far.
std::pair<int, int> span_of(const report::TimelineItem& it) {
    const auto a = it.date.first_day();
    const auto b = it.date.last_day();
    return {a ? ax::day_number(*a) : -(1 << 29), b ? ax::day_number(*b) + 1 : (1 << 29)};
}

// What the boxes account for: every event drawn in some box; in each box every event whose
// span meets the window (an honest axis), the labelled ones with their titles on the box;
// labels of one lane that overlap horizontally stacked in date order; the budget kept.
// Returns the number of events that carry a label somewhere.
std::size_t check_accounts(const report::TimelineData& d, const graphics::TimelineBoxes& laid,
                           const graphics::Frame& frame) {
    REQUIRE(laid.contents.size() == laid.boxes.size());
    if (frame.max_pages) CHECK(laid.boxes.size() <= static_cast<std::size_t>(*frame.max_pages));
    std::vector<int> drawn(d.items.size(), 0), labelled(d.items.size(), 0);
    for (std::size_t b = 0; b < laid.boxes.size(); ++b) {
        const auto& content = laid.contents[b];
        INFO("box " << b << " window " << content.first_day << ".." << content.end_day);
        CHECK(content.first_day < content.end_day);
        if (b > 0) CHECK(content.first_day == laid.contents[b - 1].end_day);
        std::vector<int> here(d.items.size(), 0);
        const std::string text = box_text(laid.boxes[b]);
        std::vector<const graphics::TimelineBoxContent::Shown*> labels;
        for (const auto& e : content.events) {
            REQUIRE(e.item < d.items.size());
            here[e.item] = 1;
            ++drawn[e.item];
            if (e.labelled) {
                ++labelled[e.item];
                labels.push_back(&e);
                const std::string token = d.items[e.item].label.en.substr(0, 7);
                if (d.items[e.item].label.en.rfind("K", 0) == 0) CHECK(text.find(token) != std::string::npos);
            }
        }
        // Honest axis: whatever meets the window is on this box.
        int missing = 0;
        for (std::size_t i = 0; i < d.items.size(); ++i) {
            const auto [a, z] = span_of(d.items[i]);
            if (a < content.end_day && z > content.first_day && !here[i]) ++missing;
        }
        CHECK(missing == 0);
        // Date order down a lane where labels overlap horizontally.
        int misordered = 0;
        for (const auto* x : labels)
            for (const auto* y : labels) {
                const auto& ix = d.items[x->item];
                const auto& iy = d.items[y->item];
                if (x == y || ix.lane != iy.lane || compare(ix.date, iy.date) >= 0) continue;
                const bool overlap = x->x < y->x + y->w && y->x < x->x + x->w;
                if (overlap && !(x->y < y->y)) ++misordered;
            }
        CHECK(misordered == 0);
    }
    std::size_t with_label = 0;
    for (std::size_t i = 0; i < d.items.size(); ++i) {
        CHECK(drawn[i] > 0);
        with_label += labelled[i] > 0 ? 1 : 0;
    }
    CHECK(laid.unlabelled == d.items.size() - with_label);
    return with_label;
}

// The boxes of a timeline as the page engine gets them: when the room left on the first page
// is too small, the timeline starts on a fresh page (`frame` then says so).
graphics::TimelineBoxes laid_out(const report::TimelineData& data, graphics::Frame& frame, draw::Setter& setter) {
    auto fitted = graphics::timeline_boxes(data, frame, setter);
    if (const auto* need = std::get_if<graphics::NeedsRoom>(&fitted)) {
        CHECK(need->height > frame.first_height);
        frame.first_height = frame.page_height;
        fitted = graphics::timeline_boxes(data, frame, setter);
    }
    REQUIRE(std::holds_alternative<graphics::TimelineBoxes>(fitted));
    return std::get<graphics::TimelineBoxes>(std::move(fitted));
}

}  // namespace

TEST_CASE("Timeline layout properties over generated data", "[timeline]") {
    draw::Setter setter(tl_fonts(), testing::theme());
    struct Case {
        std::size_t n;
        unsigned seed;
        int span;
        int lanes;
        bool clustered;
        std::optional<int> budget;
        bool all_labelled;  // no budget, and no day holds more events than a page can label
    };
    const std::vector<Case> cases = {
        {1, 1, 30, 1, false, 2, true},          {2, 2, 30, 3, false, 2, true},
        {7, 3, 400, 2, true, 2, false},         {25, 4, 3650, 4, false, std::nullopt, true},
        {60, 5, 30, 3, false, std::nullopt, false}, {120, 6, 73000, 5, true, 2, false},
        {300, 7, 9000, 6, false, 3, false},     {40, 8, 73000, 2, false, std::nullopt, true},
        {500, 9, 365, 4, true, 2, false},       {200, 10, 20000, 3, false, std::nullopt, true},
    };
    for (const auto& c : cases) {
        const auto data = generate(c.n, c.seed, c.span, c.lanes, c.clustered);
        for (LangMode mode : {LangMode::bi, LangMode::zh, LangMode::en}) {
            INFO("n=" << c.n << " seed=" << c.seed << " span=" << c.span << " mode=" << lang_mode_name(mode));
            graphics::Frame frame;
            frame.mode = mode;
            frame.first_height = 180 + 40.0 * (c.seed % 7);
            frame.page_height = 700;
            frame.max_pages = c.budget;
            const auto laid = laid_out(data, frame, setter);
            const auto all = check_boxes(laid.boxes, frame);
            const std::size_t with_label = check_accounts(data, laid, frame);
            if (c.all_labelled) CHECK(with_label == data.items.size());
            if (laid.boxes.size() > 1) {
                const bool continued = all.find(mode == LangMode::en ? "(continued)" : "（续）") != std::string::npos;
                CHECK(continued);
            }
        }
    }
}

TEST_CASE("Timeline within a budget of two pages: 1 to 10,000 events, a month to two centuries", "[timeline]") {
    draw::Setter setter(tl_fonts(), testing::theme());
    for (const auto& [n, span, clustered] : {std::tuple{1000, 12000, false}, std::tuple{3000, 73000, true},
                                             std::tuple{10000, 30, false}, std::tuple{10000, 12000, true}}) {
        INFO(n << " events over " << span << " days" << (clustered ? ", clustered" : ""));
        const auto data = generate(static_cast<std::size_t>(n), 42, span, 6, clustered);
        graphics::Frame frame;
        frame.mode = LangMode::bi;
        frame.first_height = 560;
        frame.page_height = 700;
        frame.max_pages = 2;
        const auto t0 = std::chrono::steady_clock::now();
        const auto laid = laid_out(data, frame, setter);
        const auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        WARN(n << " events in " << ms << " ms, " << laid.boxes.size() << " boxes, " << laid.unlabelled << " unlabelled");
        check_boxes(laid.boxes, frame);
        const std::size_t with_label = check_accounts(data, laid, frame);
        CHECK(with_label > 10);  // the overview still labels what matters most
    }
}

TEST_CASE("Timeline overview labels the most important events first", "[timeline]") {
    draw::Setter setter(tl_fonts(), testing::theme());
    auto data = generate(800, 11, 9000, 4);
    for (auto& it : data.items) it.importance = 1;
    for (std::size_t i = 0; i < data.items.size(); i += 40) data.items[i].importance = 3;
    graphics::Frame frame;
    frame.max_pages = 1;
    frame.first_height = frame.page_height = 700;
    const auto laid = laid_out(data, frame, setter);
    check_accounts(data, laid, frame);
    double important = 0, others = 0;
    for (const auto& e : laid.contents.front().events)
        if (e.labelled) (data.items[e.item].importance == 3 ? important : others) += 1;
    // Of the twenty important events most carry their label; of the 780 others few.
    WARN(important << " of 20 important and " << others << " of 780 other events labelled");
    CHECK(important >= 8);
    CHECK(important / 20 > 4 * others / 780);
}

TEST_CASE("Timeline overview counts the long events begun before a box on their lane's strip", "[timeline]") {
    draw::Setter setter(tl_fonts(), testing::theme());
    auto data = generate(1500, 21, 365, 1);  // a year of events, all in the first lane
    int begin = std::numeric_limits<int>::max();
    for (const auto& it : data.items)
        if (const auto a = it.date.first_day()) begin = std::min(begin, ax::day_number(*a));
    for (int l = 1; l <= 2; ++l) {
        report::TimelineLane lane;
        lane.id = "lane" + std::to_string(l);
        lane.label.en = l == 1 ? "Programmes" : "Treaties";
        lane.label.zh = l == 1 ? "规划" : "条约";
        data.lanes.push_back(lane);
    }
    // 47 programmes begun years before and running past the end, two treaties in force.
    for (int k = 0; k < 49; ++k) {
        report::TimelineItem it;
        it.id = "long" + std::to_string(k);
        it.lane = k < 47 ? "lane1" : "lane2";
        it.date.start = Period::containing(date::sys_days{date::days{begin - 4000 + k}}, Precision::day);
        if (k < 47) it.date.end = Period::containing(date::sys_days{date::days{begin + 3000}}, Precision::day);
        it.date.interval = true;
        it.label.en = "Long programme " + std::to_string(k);
        it.label.zh = "长期规划" + std::to_string(k);
        it.when.en = it.when.zh = "—";
        data.items.push_back(it);
    }
    std::stable_sort(data.items.begin(), data.items.end(), [](const auto& x, const auto& y) { return compare(x.date, y.date) < 0; });
    graphics::Frame frame;
    frame.mode = LangMode::en;
    frame.first_height = frame.page_height = 700;
    frame.max_pages = 3;
    const auto laid = laid_out(data, frame, setter);
    check_boxes(laid.boxes, frame);
    check_accounts(data, laid, frame);
    REQUIRE(laid.boxes.size() == 3);
    for (std::size_t b = 1; b < laid.boxes.size(); ++b) {
        INFO("box " << b);
        // Every long event is on the box, without a label (it has one where it begins) ...
        std::size_t long_ones = 0;
        for (const auto& e : laid.contents[b].events)
            if (data.items[e.item].id.rfind("long", 0) == 0) {
                ++long_ones;
                CHECK_FALSE(e.labelled);
            }
        CHECK(long_ones == 49);
        // ... and the programmes crowd their strip: their number is shown once.
        std::size_t counts = 0;
        for (const auto& item : laid.boxes[b].items)
            if (const auto* g = std::get_if<layout::GlyphRun>(&item); g && g->text == "47") ++counts;
        CHECK(counts == 1);
    }
}

TEST_CASE("Timeline says how much room it needs when not even one row fits", "[timeline]") {
    draw::Setter setter(tl_fonts(), testing::theme());
    const auto data = generate(5, 3, 400, 2);
    graphics::Frame frame;
    frame.first_height = 20;
    const auto fitted = graphics::timeline_boxes(data, frame, setter);
    REQUIRE(std::holds_alternative<graphics::NeedsRoom>(fitted));
    CHECK(std::get<graphics::NeedsRoom>(fitted).height > 20);
    CHECK(std::get<graphics::NeedsRoom>(fitted).height <= frame.page_height);
    // With that much room it fits.
    frame.first_height = std::get<graphics::NeedsRoom>(fitted).height;
    const auto again = graphics::timeline_boxes(data, frame, setter);
    REQUIRE(std::holds_alternative<graphics::TimelineBoxes>(again));
    check_boxes(std::get<graphics::TimelineBoxes>(again).boxes, frame);
}

TEST_CASE("An overview begins in the room left on the page when that is half a page or more", "[timeline]") {
    draw::Setter setter(tl_fonts(), testing::theme());
    // Too many events to label on two pages, a hundred of them open at the start (the first
    // box labelled would have to name them all).
    const auto data = generate(2000, 42, 12000, 6);
    graphics::Frame frame;
    frame.page_height = 700;
    frame.max_pages = 2;
    frame.first_height = 450;
    const auto fitted = graphics::timeline_boxes(data, frame, setter);
    REQUIRE(std::holds_alternative<graphics::TimelineBoxes>(fitted));
    const auto& laid = std::get<graphics::TimelineBoxes>(fitted);
    CHECK(laid.boxes.size() == 2);
    CHECK(laid.boxes.front().height <= 450);
    CHECK(laid.unlabelled > 0);
    check_boxes(laid.boxes, frame);
    check_accounts(data, laid, frame);
    // Less than half a page left: the overview starts on a fresh one.
    frame.first_height = 300;
    CHECK(std::holds_alternative<graphics::NeedsRoom>(graphics::timeline_boxes(data, frame, setter)));
}

TEST_CASE("A timeline that a fresh page labels whole is never cut down to fit the room left", "[timeline]") {
    draw::Setter setter(tl_fonts(), testing::theme());
    // Ten events open at the start: the first box names them all.
    auto data = generate(16, 5, 3650, 3);
    for (std::size_t i = 0; i < 10; ++i) {
        data.items[i].date.start.reset();
        data.items[i].date.interval = true;
    }
    std::stable_sort(data.items.begin(), data.items.end(), [](const auto& x, const auto& y) {
        return compare(x.date, y.date) < 0;
    });
    bool waited = false;
    for (double room = 700; room >= 350; room -= 50) {  // a whole page first: all labelled there
        INFO("room left " << room);
        graphics::Frame frame;
        frame.page_height = 700;
        frame.max_pages = 2;
        frame.first_height = room;
        waited = waited || std::holds_alternative<graphics::NeedsRoom>(graphics::timeline_boxes(data, frame, setter));
        const auto laid = laid_out(data, frame, setter);
        CHECK(laid.unlabelled == 0);
        check_boxes(laid.boxes, frame);
    }
    CHECK(waited);  // for a fresh page, at least once
}

TEST_CASE("Timeline of 100,000 events (benchmark)", "[.timeline-bench]") {
    draw::Setter setter(tl_fonts(), testing::theme());
    const auto data = generate(100000, 7, 73000, 6);
    graphics::Frame frame;
    frame.max_pages = 2;
    const auto t0 = std::chrono::steady_clock::now();
    const auto laid = laid_out(data, frame, setter);
    const auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    WARN("100,000 events in " << ms << " ms, " << laid.boxes.size() << " boxes");
    CHECK(ms < 20000);
}

namespace {

report::TimelineData seed_timeline(LangMode mode) {
    const auto doc = testing::seed_document(mode);
    for (const auto& s : doc.sections)
        for (const auto& b : s.blocks)
            if (const auto* t = std::get_if<report::TimelineData>(&b)) return *t;
    FAIL("no timeline in the seed brief");
    return {};
}

// Writes the boxes as pages of a PDF (box at 72, 72 on A4), with subset fonts.
void write_boxes_pdf(const std::vector<draw::Box>& boxes, const std::string& path) {
    layout::DisplayList list;
    list.info.creation_date = date::sys_days{date::year{2026} / 11 / 23};
    for (const auto& box : boxes) {
        layout::Page page;
        draw::place(box, 72, 72, page.items);
        page.items.push_back(layout::Rect{72, 72, box.width, box.height, std::nullopt, layout::Color{0.9, 0.3, 0.3}, 0.2});
        list.pages.push_back(std::move(page));
    }
    Diagnostics diags;
    REQUIRE(pdf::write_document(list, tl_fonts(), path, diags));
}

}  // namespace

TEST_CASE("Seed timeline shows its labels in both languages", "[timeline]") {
    draw::Setter setter(tl_fonts(), testing::theme());
    for (LangMode mode : {LangMode::bi, LangMode::zh, LangMode::en}) {
        INFO(lang_mode_name(mode));
        const auto data = seed_timeline(mode);
        REQUIRE(data.items.size() > 10);
        graphics::Frame frame;
        frame.mode = mode;
        frame.first_height = 640;
        frame.page_height = 700;
        const auto laid = laid_out(data, frame, setter);
        const auto& boxes = laid.boxes;
        const auto all = check_boxes(boxes, frame);
        check_accounts(data, laid, frame);
        CHECK(laid.unlabelled == 0);
        CHECK(setter.missing().empty());
        const bool zh = all.find("上映") != std::string::npos && all.find("签约") != std::string::npos;
        const bool en = all.find("Assembly") != std::string::npos && all.find("SenseTime") != std::string::npos;
        CHECK(zh == (mode != LangMode::en));
        CHECK(en == (mode != LangMode::zh));
        // Lane labels and the axis in the report language(s).
        if (mode != LangMode::en) CHECK(all.find("产业") != std::string::npos);
        if (mode != LangMode::zh) CHECK(all.find("Industry") != std::string::npos);
        if (mode == LangMode::zh) CHECK(all.find("2019\n年\n") != std::string::npos);  // runs: digits, then 年
        if (mode == LangMode::en) CHECK(all.find("\n2019\n") != std::string::npos);
        if (const char* dir = std::getenv("TL_TIMELINE_PDF"))
            write_boxes_pdf(boxes, std::string(dir) + "/timeline-" + lang_mode_name(mode) + ".pdf");
    }
}

TEST_CASE("Generated timeline as PDF for a look", "[.timeline-pdf]") {
    draw::Setter setter(tl_fonts(), testing::theme());
    const char* dir = std::getenv("TL_TIMELINE_PDF");
    REQUIRE(dir);
    for (auto [n, span] : {std::pair{40, 73000}, std::pair{30, 400}, std::pair{300, 3650}}) {
        const auto data = generate(static_cast<std::size_t>(n), 5, span, 3);
        graphics::Frame frame;
        frame.first_height = 500;
        write_boxes_pdf(laid_out(data, frame, setter).boxes,
                        std::string(dir) + "/gen-" + std::to_string(n) + "-" + std::to_string(span) + ".pdf");
    }
}
