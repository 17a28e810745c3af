// The timeline graphic (PRODUCT §2): lanes of events on a time axis, one page box per window
// of time, within the section's page budget.
//
// Windows. The timeline is cut into windows of time [a, b) at unit boundaries (a year, else a
// month, else a day), one per page box. A box shows every event whose span meets its window
// (one honest axis per page): an interval or an open era that spans several windows is drawn
// on each, cut at the window's edge with an arrow, and keeps its label on each. Long empty
// stretches inside a window become axis breaks. Lanes with nothing in a window are left out
// of its box; the legend comes once, in the first box.
//
// Labels. An event's label is its title (zh over en in bi; the date is on the axis and in the
// events table). It starts at its marker, or ends there when it would run past the plot. In a
// lane, a label that overlaps earlier ones horizontally goes below all of them, so stacked
// labels read in date order from top to bottom.
//
// Budget. With every event labelled, windows are found greedily: the most events that fit a
// page, by galloping search over the groups of events filed under the same day. When that
// takes more boxes than the section's budget, the timeline becomes an overview on the budget's
// boxes: every event is still drawn — on a strip under its lane's labels, one mark each where
// marks stay apart, else as the count of events per lane and period — and the events that
// matter most (importance, then spread over lanes and time) are labelled as far as they fit.
// The result says how many events carry no label, for the line that points to the events table.
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <numbers>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "draw/box.h"
#include "graphics/graphics.h"
#include "graphics/palette.h"
#include "graphics/timeline_axis.h"
#include "i18n/messages.h"
#include "report/shown.h"
#include "theme/theme.h"

namespace timeline::graphics {

namespace {

using layout::Color;
using layout::Item;

using palette::tint;
using theme::Ink;
using theme::Mark;
using theme::Rule;
using theme::Space;
using theme::Style;

constexpr double kPi = std::numbers::pi;
constexpr int kFar = 1 << 28;          // a day beyond every date: the far side of an open end
constexpr double kSourceGap = 5;       // above the source line under the timeline
constexpr double kCapOverhang = 1.2;   // caps of an interval reach this far above and below its bar
constexpr double kLabelShare = 0.5;    // a label is at most this share of the plot wide …
constexpr double kLabelMax = 220;      // … and at most this many points
constexpr double kLegendPair = 4;      // between the languages of a legend entry
constexpr double kNarrowLabel = 110;   // a label near the plot's end is set this narrow to start at its marker
constexpr double kEraLabelShare = 0.6;
constexpr double kEraLabelMax = 240;
constexpr double kMinBin = 8;          // overview: the narrowest period a count is shown for
constexpr double kMarkApart = 3;       // overview: marks closer than this are counted, not drawn
constexpr std::size_t kMarksPerBin = 3;  // overview: more marks than this in a period are counted
constexpr std::size_t kTries = 400;    // overview: candidates tried for a label, per box
constexpr std::size_t kMisses = 60;    // overview: stop after this many in a row do not fit
constexpr double kOverviewRoomShare = 0.5;  // overview: begun on a page with at least this share of a page left
constexpr int kShortSpan = 62;          // days: events longer than this are looked up by period
constexpr std::size_t kMaxLabels = 600;  // more labels than this never fit a page (18 pt tall, 20 pt wide at least)

// The theme's values the timeline uses (lanes are told apart by their rows and labels, not by
// colour alone).
struct Look {
    explicit Look(const theme::Theme& t)
        : ink(t.color(Ink::ink)), muted(t.color(Ink::muted)), rule(t.color(Ink::rule)), hair(t.color(Ink::hairline)),
          grid(t.color(Ink::grid)), era_fill(t.color(Ink::era_fill)), era_text(t.color(Ink::era_text)),
          paper(t.color(Ink::paper)), lanes(t.lane_colors()), bar_zone(t.mark(Mark::bar_zone)),
          bar_height(t.mark(Mark::bar_height)), point(t.mark(Mark::point)), item_gap(t.space(Space::item_gap)),
          row_gap(t.space(Space::row_gap)), lane_pad(t.space(Space::lane_pad)), break_width(t.mark(Mark::break_width)),
          arrow(t.mark(Mark::arrow)), whisker(t.mark(Mark::whisker)), cap(t.mark(Mark::cap)), tick(t.mark(Mark::tick)),
          strip(t.mark(Mark::strip)), strip_mark(t.mark(Mark::strip_mark)), w_axis(t.rule(Rule::axis_main)),
          w_lane(t.rule(Rule::lane)), w_grid(t.rule(Rule::timeline_grid)), w_tick(t.rule(Rule::axis)),
          w_guide(t.rule(Rule::break_guide)), w_mark(t.rule(Rule::mark)), w_thin(t.rule(Rule::mark_thin)),
          w_outline(t.rule(Rule::outline)) {}
    Color ink, muted, rule, hair, grid, era_fill, era_text, paper;
    std::vector<Color> lanes;
    double bar_zone;     // room for the marker above an event's label
    double bar_height;   // a period's bar
    double point;        // radius of a day's dot
    double item_gap;     // between labels of one track
    double row_gap;      // between tracks
    double lane_pad;
    double break_width;  // an axis break
    double arrow;        // the arrow of an open or cut end
    double whisker;      // error-bar whiskers of uncertain dates
    double cap;          // half-height of whisker ends
    double tick;         // axis ticks
    double strip;        // overview: the strip of unlabelled marks under a lane's labels
    double strip_mark;   // overview: the height of an unlabelled mark
    double w_axis, w_lane, w_grid, w_tick, w_guide, w_mark, w_thin, w_outline;  // rule weights
};

enum class Kind { point, period, interval };

// A text set in lines, per shown language.
struct TextBlock {
    std::vector<std::vector<text::LayoutLine>> langs;
    double width = 0;
    int lines = 0;
};

struct Event {
    std::size_t index = 0;  // in data.items
    int lane = 0;
    int first = 0;   // first day; -kFar for an open start
    int end = 1;     // after the last day; kFar for an open end
    int anchor = 0;  // the day it is filed under: its first known day
    bool open_start = false, open_end = false;
    Kind kind = Kind::point;
    bool approximate = false, uncertain = false;
    int importance = 2;
};

struct Era {
    int first = 0, end = 1;  // as for events
    bool open_start = false, open_end = false;
    TextBlock label;
};

// A window of time [first, end), in days.
struct Window {
    int first = 0;
    int end = 0;
};

// An event as drawn in a box.
struct Drawn {
    std::size_t event = 0;
    double mark_left = 0, mark_right = 0;     // the marker, clipped to the plot
    bool cut_left = false, cut_right = false;  // it goes on beyond the window
    bool labelled = false;
    bool narrow = false;  // the label set narrower, to start at its marker near the plot's end
    double label_x = 0;
    double left = 0, right = 0;  // marker and label
    double height = 0;           // in its track
    int track = 0;
};

// A lane as drawn in a box.
struct Row {
    int lane = 0;
    std::vector<double> track_top;  // relative to the top of the row's content
    double tracks_h = 0;
    bool strip = false;  // unlabelled marks on a strip under the tracks
    double height = 0;
};

// Overview: unlabelled events of a lane and period, counted.
struct Cell {
    int lane = 0;
    double x0 = 0, x1 = 0;
    std::size_t count = 0;
};

struct EraMark {
    std::size_t era = 0;
    int first = 0, end = 0;  // clipped to the window
    double label_x = 0;
    int track = 0;
};

// The plan of one box: positions and heights, nothing drawn.
struct Page {
    Window window;
    bool first = true, last = true;
    std::vector<axis::Segment> segments;
    axis::Unit unit = axis::Unit::year;  // of the widest segment, for the next box
    bool year_tier = false;
    std::vector<EraMark> eras;
    int era_tracks = 0, era_lines = 0;
    std::vector<Drawn> marks;  // the events meeting the window, but those only counted in `before`
    // Events begun before the window that carry no label in it, by lane. A long timeline has
    // a thousand of them in every window; a plan counts them (they add to the axis, a lane's
    // strip and its count), and they get their marks when the box is drawn (add_before).
    std::vector<std::size_t> before;
    std::vector<Row> rows;    // lanes with an event in the window, in lane order
    std::vector<int> row_of;  // lane → index into rows, -1 when not drawn
    std::vector<Cell> cells;
    double cont_h = 0, era_h = 0, axis_h = 0, lanes_h = 0, legend_h = 0, source_h = 0, height = 0;
};

struct LegendEntry {
    enum Symbol { point, period, interval, open, approximate, uncertain, era, brk, count } symbol;
    i18n::Msg text;
};

class TimelineLayout {
public:
    TimelineLayout(const report::TimelineData& data, const Frame& frame, draw::Setter& setter)
        : data_(data), frame_(frame), setter_(setter), look_(setter.theme()),
          label_ts_(setter.style(Style::event)), label2_ts_(setter.style(Style::event_second)),
          small_ts_(setter.style(Style::axis)), strong_ts_(setter.style(Style::axis_strong)),
          lane_ts_(setter.style(Style::lane)), lane2_ts_(setter.style(Style::lane_second)),
          era_ts_(setter.style(Style::era)), langs_(report::languages(frame.mode)) {
        label_lh_ = label_ts_.line_height();
        small_lh_ = small_ts_.line_height();
        lane_lh_ = lane_ts_.line_height();
        widths_ = axis::label_widths(frame.mode, setter, small_ts_);
        prepare_lanes();
        plot_x0_ = lane_col_;
        plot_x1_ = frame.width - 6;
        prepare_events();
        prepare_legend(false);
        prepare_source();
    }

    Fitted run(const TimelineBoxSink& sink);

private:
    std::vector<report::Shown> shown(const report::BiText& t) const { return report::shown(t, frame_.mode); }
    TextBlock block(const report::BiText& t, const draw::TextStyle& ts, double width) const;
    double text_width(const std::string& s);
    double block_height(const TextBlock& b) const { return b.lines * label_lh_; }

    void prepare_lanes();
    void prepare_events();
    void prepare_legend(bool counts);
    void prepare_source();

    // Windows and plans.
    Window window_of(std::size_t group, std::size_t groups_in_it) const;
    int boundary(int before, int at) const;
    double room(std::size_t box) const { return box == 0 ? frame_.first_height : frame_.page_height; }
    Page plan(Window w, bool first, bool last, const std::vector<char>& labelled, bool continued_labels = true) const;
    Page plan_fitting(Window w, bool first, bool last, const std::vector<char>& labelled, double room) const;
    void plan_axis(Page& p, const std::vector<std::size_t>& meeting, const std::vector<std::size_t>& eras,
                   axis::Span before) const;
    void plan_eras(Page& p, const std::vector<std::size_t>& eras) const;
    Drawn mark(const Page& p, std::size_t event) const;
    void place_marks(Page& p, const std::vector<std::size_t>& meeting, const std::vector<char>& labelled,
                     bool continued_labels) const;
    template <class F>
    void for_each_before(const Page& p, F&& f) const;
    void add_before(Page& p) const;
    void label(Drawn& m) const;
    const TextBlock& label_text(std::size_t event, bool narrow) const;
    const std::vector<double>& stack(const std::vector<Drawn*>& marks) const;
    double row_height(int lane, const std::vector<double>& tracks, bool strip, Row* row) const;
    void stack_rows(Page& p) const;
    void count_cells(Page& p) const;
    // The events that meet window `w`, in date order. The last window's are kept: a window is
    // asked about in turn by plan_fitting, plan and plan again (1,300 events a window at
    // 100,000 events, most of them long ones begun before it).
    const std::vector<std::size_t>& meeting(Window w) const;
    double xmap(const std::vector<axis::Segment>& segs, double day) const;

    bool labelled_pages(std::vector<Page>& pages, std::size_t limit);
    bool overview_pages(std::vector<Page>& pages, std::vector<Page> labelled_prefix);
    Page overview_page(Window w, bool first, bool last, std::vector<char>& labelled) const;

    // Drawing.
    struct Frames;
    draw::Box render(const Page& p, TimelineBoxContent& content);
    void render_eras(std::vector<Item>& out, const Page& p, const Frames& f);
    void render_axis(std::vector<Item>& out, const Page& p, const Frames& f);
    void render_rows(std::vector<Item>& out, const Page& p, const Frames& f);
    void render_marks(std::vector<Item>& out, const Page& p, const Frames& f, TimelineBoxContent& content);
    void render_strip(std::vector<Item>& out, const Page& p, const Frames& f);
    void set_block(std::vector<Item>& out, const TextBlock& b, double x, double top);
    void draw_marker(std::vector<Item>& out, const Event& e, double left, double right, bool cut_left, bool cut_right,
                     double ymid, Color color) const;
    void draw_whiskers(std::vector<Item>& out, double l, double r, double ymid, Color c) const;
    void dashed_rect(std::vector<Item>& out, double x, double y, double w, double h, Color c) const;
    void draw_legend_symbol(std::vector<Item>& out, LegendEntry::Symbol s, double x, double ymid) const;
    void draw_legend(std::vector<Item>& out);

    const report::TimelineData& data_;
    Frame frame_;  // run() may plan as if on a fresh page
    draw::Setter& setter_;
    const Look look_;
    const draw::TextStyle &label_ts_, &label2_ts_, &small_ts_, &strong_ts_, &lane_ts_, &lane2_ts_, &era_ts_;
    std::vector<Lang> langs_;
    double label_lh_ = 0, small_lh_ = 0, lane_lh_ = 0;
    axis::LabelWidths widths_;

    struct Lane {
        report::BiText label;
        TextBlock text;
    };
    std::vector<Lane> lanes_;
    double lane_col_ = 60;
    double plot_x0_ = 0, plot_x1_ = 0;
    std::vector<Event> events_;
    std::vector<std::size_t> order_;      // events by anchor day
    static constexpr std::size_t kBlock = 32;
    std::vector<int> block_end_;          // the latest end of each kBlock events of order_
    std::vector<std::size_t> groups_;     // start of each run of order_ filed under one day
    std::vector<std::size_t> spanning_;   // events that may reach beyond their anchor's window
    // spanning_ by period of the timeline: the ones that meet it (empty when that would take
    // too much memory, for very long timelines of open-ended events).
    std::vector<std::vector<std::size_t>> spanning_in_;
    int bucket_first_ = 0, bucket_days_ = 1;
    std::vector<char> day_labels_;        // labelled_pages(): all zero between uses
    mutable std::optional<Window> meeting_window_;  // meeting(): the last window asked about
    mutable std::vector<std::size_t> meeting_;      // and its events
    int span_days_ = 0;                   // the longest closed span among the others
    // Labels by event, made when first needed: most events of an overview carry none, and
    // the narrow one follows the wide one while its paragraph is still at hand.
    double label_w_ = 0;
    mutable std::vector<std::optional<TextBlock>> wide_;
    mutable std::vector<std::optional<TextBlock>> narrow_;
    std::vector<Era> eras_;
    int first_day_ = 0, end_day_ = 0;     // what the whole timeline covers
    std::optional<axis::Unit> preferred_unit_;

    std::vector<LegendEntry> legend_;
    std::vector<double> legend_x_;
    std::vector<int> legend_row_;
    double legend_h_ = 0;
    std::vector<std::vector<text::LayoutLine>> source_lines_;
    double source_h_ = 0;
    std::vector<Item> legend_items_;
    std::map<std::string, double> width_cache_;
    std::vector<std::vector<Item>> lane_items_;  // lane labels drawn once at y = 0
};

// ---- preparation -----------------------------------------------------------------------

TextBlock TimelineLayout::block(const report::BiText& t, const draw::TextStyle& ts, double width) const {
    TextBlock b;
    for (const auto& part : shown(t)) {
        std::vector<text::LayoutLine> lines;
        // Fast path: plain ASCII text that fits is one line of one piece (no Han-Latin gaps,
        // nothing to break); everything else goes through the line breaker.
        const std::string& text = part.text;
        const bool ascii = std::all_of(text.begin(), text.end(), [](char c) {
            return static_cast<unsigned char>(c) < 0x80 && c != '\n';
        });
        const double natural = ascii && !text.empty() && text.front() != ' ' && text.back() != ' '
                                   ? setter_.measure(text, ts)
                                   : width + 1;
        if (natural <= width) {
            text::LayoutLine line;
            std::string marked;
            line.pieces.push_back({std::string(setter_.with_italics(text, marked)), 0, natural});
            line.width = natural;
            line.last = true;
            lines.push_back(std::move(line));
        } else {
            lines = setter_.break_lines(text, ts, width, draw::text_lang(part.lang == Lang::zh));
        }
        for (const auto& l : lines) b.width = std::max(b.width, l.width);
        b.lines += static_cast<int>(lines.size());
        b.langs.push_back(std::move(lines));
    }
    return b;
}

double TimelineLayout::text_width(const std::string& s) {
    auto it = width_cache_.find(s);
    if (it != width_cache_.end()) return it->second;
    const double w = setter_.measure(s, small_ts_);
    width_cache_.emplace(s, w);
    return w;
}

void TimelineLayout::prepare_lanes() {
    std::map<std::string, int> index;
    for (const auto& l : data_.lanes) {
        index.emplace(l.id, static_cast<int>(lanes_.size()));
        lanes_.push_back({l.label, {}});
    }
    for (const auto& it : data_.items) {
        if (index.count(it.lane)) continue;
        index.emplace(it.lane, static_cast<int>(lanes_.size()));
        report::BiText t;
        t.zh = it.lane.empty() ? std::string(i18n::message(i18n::Msg::lane_other, Lang::zh)) : it.lane;
        t.en = it.lane.empty() ? std::string(i18n::message(i18n::Msg::lane_other, Lang::en)) : it.lane;
        lanes_.push_back({t, {}});
    }
    double natural = 0;
    for (const auto& l : lanes_)
        for (const auto& part : shown(l.label)) natural = std::max(natural, setter_.measure(part.text, lane_ts_));
    lane_col_ = std::clamp(natural + 10, 44.0, std::max(44.0, frame_.width * 0.2));
    for (auto& l : lanes_) l.text = block(l.label, lane_ts_, lane_col_ - 8);
    events_.resize(data_.items.size());
    for (std::size_t i = 0; i < data_.items.size(); ++i) events_[i].lane = index[data_.items[i].lane];
}

void TimelineLayout::prepare_events() {
    const double plot_w = plot_x1_ - plot_x0_;
    label_w_ = std::min(plot_w * kLabelShare, kLabelMax);
    bool any = false;
    auto cover = [&](int a, int b) {
        first_day_ = any ? std::min(first_day_, a) : a;
        end_day_ = any ? std::max(end_day_, b) : b;
        any = true;
    };
    for (std::size_t i = 0; i < data_.items.size(); ++i) {
        const auto& src = data_.items[i];
        Event& e = events_[i];
        e.index = i;
        const auto first = src.date.first_day();
        const auto last = src.date.last_day();
        if (!first && !last) continue;  // the loader refuses a date open at both ends
        e.open_start = !first;
        e.open_end = !last;
        const int a = axis::day_number(first ? *first : *last);
        const int b = std::max(a, axis::day_number(last ? *last : *first)) + 1;
        e.anchor = a;
        e.first = e.open_start ? -kFar : a;
        e.end = e.open_end ? kFar : b;
        cover(e.open_start ? b - 1 : a, e.open_end ? a + 1 : b);
        e.kind = src.date.interval || e.open_start || e.open_end ? Kind::interval
                 : (b - a <= 1 && src.date.precision() == Precision::day) ? Kind::point
                                                                          : Kind::period;
        e.approximate = src.date.approximate() || src.date.derived;
        e.uncertain = src.date.uncertain();
        e.importance = src.importance;
    }
    wide_.resize(events_.size());
    narrow_.resize(events_.size());
    for (const auto& src : data_.eras) {
        Era era;
        const auto a = src.date.first_day();
        const auto b = src.date.last_day();
        if (!a && !b) continue;
        era.open_start = !a;
        era.open_end = !b;
        const int first = axis::day_number(a ? *a : *b);
        const int last = std::max(first, axis::day_number(b ? *b : *a));
        era.first = era.open_start ? -kFar : first;
        era.end = era.open_end ? kFar : last + 1;
        cover(era.open_start ? last : first, era.open_end ? first + 1 : last + 1);
        era.label = block(src.label, era_ts_, std::min(plot_w * kEraLabelShare, kEraLabelMax));
        eras_.push_back(std::move(era));
    }
    // Events by the day they are filed under, in groups of one day each; the long ones apart.
    for (std::size_t i = 0; i < events_.size(); ++i)
        if (data_.items[i].date.first_day() || data_.items[i].date.last_day()) order_.push_back(i);
    std::stable_sort(order_.begin(), order_.end(),
                     [&](std::size_t x, std::size_t y) { return events_[x].anchor < events_[y].anchor; });
    for (std::size_t k = 0; k < order_.size(); ++k)
        if (k == 0 || events_[order_[k]].anchor != events_[order_[k - 1]].anchor) groups_.push_back(k);
    for (std::size_t i : order_) {
        const Event& e = events_[i];
        if (e.open_start || e.open_end || e.end - e.anchor > kShortSpan) spanning_.push_back(i);
        else span_days_ = std::max(span_days_, e.end - e.anchor);
    }
    block_end_.assign((order_.size() + kBlock - 1) / kBlock, std::numeric_limits<int>::min());
    for (std::size_t k = 0; k < order_.size(); ++k)
        block_end_[k / kBlock] = std::max(block_end_[k / kBlock], events_[order_[k]].end);
    if (spanning_.empty()) return;
    bucket_first_ = axis::floor_to(first_day_, axis::Unit::year) - 1;
    const int last = end_day_ + 62;  // the last window ends with the month after the last day
    bucket_days_ = std::max(366, (last - bucket_first_) / 4096 + 1);
    const int buckets = (last - bucket_first_) / bucket_days_ + 1;
    auto range = [&](const Event& e) {
        const int a = std::max(e.first, bucket_first_), b = std::min(e.end, last);
        return std::pair{(a - bucket_first_) / bucket_days_, (b - 1 - bucket_first_) / bucket_days_};
    };
    std::size_t entries = 0;
    for (std::size_t i : spanning_) {
        const auto [a, b] = range(events_[i]);
        entries += static_cast<std::size_t>(std::max(0, b - a + 1));
    }
    if (entries > 16 * events_.size() + 65536) return;
    spanning_in_.resize(static_cast<std::size_t>(buckets));
    for (std::size_t i : spanning_) {
        const auto [a, b] = range(events_[i]);
        for (int k = a; k <= b; ++k) spanning_in_[static_cast<std::size_t>(k)].push_back(i);
    }
}

// The legend's entries, for the kinds of marks the timeline holds (`counts`: the overview's
// counted periods), flowed into rows.
void TimelineLayout::prepare_legend(bool counts) {
    legend_.clear();
    legend_x_.clear();
    legend_row_.clear();
    bool point = false, period = false, interval = false, open = false, approx = false, unc = false;
    for (std::size_t i : order_) {
        const Event& e = events_[i];
        point = point || e.kind == Kind::point;
        period = period || e.kind == Kind::period;
        interval = interval || (e.kind == Kind::interval && !e.open_start && !e.open_end);
        open = open || e.open_start || e.open_end;
        approx = approx || e.approximate;
        unc = unc || e.uncertain;
    }
    using i18n::Msg;
    if (point) legend_.push_back({LegendEntry::point, Msg::legend_day});
    if (period) legend_.push_back({LegendEntry::period, Msg::legend_period});
    if (interval) legend_.push_back({LegendEntry::interval, Msg::legend_interval});
    if (open) legend_.push_back({LegendEntry::open, Msg::legend_open});
    if (approx) legend_.push_back({LegendEntry::approximate, Msg::legend_approximate});
    if (unc) legend_.push_back({LegendEntry::uncertain, Msg::legend_uncertain});
    if (!eras_.empty()) legend_.push_back({LegendEntry::era, Msg::legend_era});
    legend_.push_back({LegendEntry::brk, Msg::legend_axis_break});
    if (counts) legend_.push_back({LegendEntry::count, Msg::legend_count});
    // Flow the entries into rows; an entry is its symbol and its text, the languages side by side.
    const double sym = 16, gap = 12;
    double x = 0;
    int row = 0;
    for (const auto& e : legend_) {
        double w = 0;
        for (Lang l : langs_) w += (w > 0 ? kLegendPair : 0) + setter_.measure(i18n::message(e.text, l), small_ts_);
        const double ew = sym + 3 + w;
        if (x > 0 && x + ew > frame_.width) {
            x = 0;
            ++row;
        }
        legend_x_.push_back(x);
        legend_row_.push_back(row);
        x += ew + gap;
    }
    legend_h_ = legend_.empty() ? 0 : 8 + (row + 1) * (small_lh_ + 3);
}

void TimelineLayout::prepare_source() {
    for (const auto& part : shown(data_.source_line))
        source_lines_.push_back(setter_.break_lines(part.text, small_ts_, frame_.width, draw::text_lang(part.lang == Lang::zh)));
    int n = 0;
    for (const auto& l : source_lines_) n += static_cast<int>(l.size());
    source_h_ = n == 0 ? 0 : kSourceGap + n * small_lh_;
}

// ---- windows -----------------------------------------------------------------------------

// The boundary between a window that holds the day `before` and the next one that starts with
// the day `at`: the start of at's year, else of its month, else `at` itself.
int TimelineLayout::boundary(int before, int at) const {
    const int year = axis::floor_to(at, axis::Unit::year);
    if (year > before) return year;
    const int month = axis::floor_to(at, axis::Unit::month);
    if (month > before) return month;
    return at;
}

// The window of `n` groups from group `g` on: from the boundary before it (or the start of the
// timeline) to the boundary before the next group (or the end of the timeline).
Window TimelineLayout::window_of(std::size_t g, std::size_t n) const {
    const auto anchor = [&](std::size_t group) { return events_[order_[groups_[group]]].anchor; };
    Window w;
    w.first = g == 0 ? axis::floor_to(first_day_, axis::Unit::year) : boundary(anchor(g - 1), anchor(g));
    if (g + n >= groups_.size()) {
        // The last window runs to the end of the month after the last day.
        w.end = axis::month_start(axis::month_index(std::max(end_day_ - 1, w.first)) + 1);
    } else {
        w.end = boundary(anchor(g + n - 1), anchor(g + n));
    }
    return w;
}

// Events whose span meets the window, by anchor: those filed under its days, and the long ones
// that reach into it from before.
const std::vector<std::size_t>& TimelineLayout::meeting(Window w) const {
    if (meeting_window_ && meeting_window_->first == w.first && meeting_window_->end == w.end) return meeting_;
    meeting_window_ = w;
    std::vector<std::size_t>& out = meeting_;
    out.clear();
    auto by_anchor = [&](std::size_t k, int day) { return events_[order_[k]].anchor < day; };
    std::size_t lo = 0, hi = order_.size();
    {
        // First event filed under a day that can still reach the window.
        std::size_t a = 0, b = order_.size();
        while (a < b) {
            const std::size_t m = (a + b) / 2;
            if (by_anchor(m, w.first - span_days_)) a = m + 1;
            else b = m;
        }
        lo = a;
        a = lo, b = order_.size();
        while (a < b) {
            const std::size_t m = (a + b) / 2;
            if (by_anchor(m, w.end)) a = m + 1;
            else b = m;
        }
        hi = a;
    }
    // Those filed before the window meet it when they end inside it: whole blocks of them
    // that all end before it are passed over.
    std::size_t k = lo;
    for (; k < hi && events_[order_[k]].anchor < w.first; ++k) {
        if (k % kBlock == 0 && k + kBlock <= hi && block_end_[k / kBlock] <= w.first) {
            k += kBlock - 1;
            continue;
        }
        if (events_[order_[k]].end > w.first) out.push_back(order_[k]);
    }
    for (; k < hi; ++k) {
        const Event& e = events_[order_[k]];
        if (e.first < w.end && e.end > w.first) out.push_back(order_[k]);
    }
    const std::size_t filed = out.size();
    // The long ones: those of the window's period of the timeline when it lies in one.
    const std::vector<std::size_t>* spanning = &spanning_;
    if (!spanning_in_.empty() && w.first >= bucket_first_) {
        const auto bucket = static_cast<std::size_t>((w.first - bucket_first_) / bucket_days_);
        if (bucket < spanning_in_.size() && (w.end - 1 - bucket_first_) / bucket_days_ == static_cast<int>(bucket))
            spanning = &spanning_in_[bucket];
    }
    for (std::size_t i : *spanning) {
        const Event& e = events_[i];
        if (e.anchor >= w.first - span_days_ && e.anchor < w.end) continue;  // counted above
        if (e.first < w.end && e.end > w.first) out.push_back(i);
    }
    // In date order (the order of the items), so that labels stack in it. Both parts, taken
    // in the order of anchors, mostly are already (anchors follow the dates): each is sorted
    // only when it is not, then the two are merged.
    const auto middle = out.begin() + static_cast<std::ptrdiff_t>(filed);
    if (!std::is_sorted(out.begin(), middle)) std::sort(out.begin(), middle);
    if (!std::is_sorted(middle, out.end())) std::sort(middle, out.end());
    std::inplace_merge(out.begin(), middle, out.end());
    return out;
}

double TimelineLayout::xmap(const std::vector<axis::Segment>& segs, double day) const {
    if (segs.empty()) return plot_x0_;
    auto it = std::upper_bound(segs.begin(), segs.end(), day,
                               [](double d, const axis::Segment& s) { return d < s.first; });
    if (it == segs.begin()) return segs.front().x0;
    --it;
    if (day > it->end) return it->x1;
    return it->x(day);
}

// ---- planning a box ------------------------------------------------------------------------

// A box for window `w` with labels for the `labelled` events; `continued_labels`: also for
// those that began in an earlier window.
Page TimelineLayout::plan(Window w, bool first, bool last, const std::vector<char>& labelled, bool continued_labels) const {
    Page p;
    p.window = w;
    p.first = first;
    p.last = last;
    // Scratch space of this thread (a box is planned again and again as pages are filled).
    thread_local std::vector<std::size_t> events;  // placed; the rest counted in p.before
    thread_local std::vector<std::size_t> eras;
    events.clear();
    eras.clear();
    axis::Span before{w.first, w.first, 0};
    p.before.assign(lanes_.size(), 0);
    for (std::size_t i : meeting(w)) {
        const Event& e = events_[i];
        if (e.anchor < w.first && !(continued_labels && labelled[i] != 0)) {
            ++p.before[static_cast<std::size_t>(e.lane)];
            before.end = std::max(before.end, std::min(e.end, w.end));
            before.count += 1;
        } else {
            events.push_back(i);
        }
    }
    for (std::size_t k = 0; k < eras_.size(); ++k)
        if (eras_[k].first < w.end && eras_[k].end > w.first) eras.push_back(k);
    plan_axis(p, events, eras, before);
    plan_eras(p, eras);
    place_marks(p, events, labelled, continued_labels);
    stack_rows(p);
    count_cells(p);
    p.legend_h = first ? legend_h_ : 0;
    p.source_h = last ? source_h_ : 0;
    p.height = p.cont_h + p.era_h + p.axis_h + p.lanes_h + p.legend_h + p.source_h;
    return p;
}

// The axis: the spans of the window's events and eras, clipped to the window and cut into
// segments at long empty stretches; its unit (the previous box's where its labels fit) and the
// height of its tiers of labels.
void TimelineLayout::plan_axis(Page& p, const std::vector<std::size_t>& events, const std::vector<std::size_t>& eras,
                               axis::Span before) const {
    const Window w = p.window;
    thread_local std::vector<axis::Span> spans;  // scratch space of this thread
    spans.clear();
    // The events begun before the window all run from its first day: one span stands for them.
    if (before.count > 0) spans.push_back(before);
    auto add = [&](int a, int b) {
        a = std::max(a, w.first);
        b = std::min(b, w.end);
        if (b > a) spans.push_back({a, b});
    };
    for (std::size_t i : events) add(events_[i].first, events_[i].end);
    for (std::size_t k : eras) add(eras_[k].first, eras_[k].end);
    if (spans.empty()) spans.push_back({w.first, w.end});
    p.segments = axis::make_segments(spans, plot_x0_, plot_x1_, look_.break_width, widths_);
    // An honest axis: it shows no day outside the window.
    p.segments.front().first = std::max(p.segments.front().first, w.first);
    p.segments.back().end = std::min(p.segments.back().end, w.end);
    int minor_lines = 1;
    double widest = -1;
    for (auto& s : p.segments) {
        s.unit = axis::choose_unit(s.first, s.end, s.x1 - s.x0, widths_, preferred_unit_);
        if (axis::months(s.unit) < 12) {
            p.year_tier = true;
            if (frame_.mode == LangMode::bi) minor_lines = 2;
        }
        if (s.x1 - s.x0 > widest) {
            widest = s.x1 - s.x0;
            p.unit = s.unit;
        }
    }
    p.axis_h = (minor_lines + (p.year_tier ? 1 : 0)) * small_lh_ + 5;
    p.cont_h = p.first ? 0 : small_lh_ + 2;
}

// Eras in the strip above the axis, in tracks like labels.
void TimelineLayout::plan_eras(Page& p, const std::vector<std::size_t>& eras) const {
    std::vector<double> track_end;
    for (std::size_t k : eras) {
        const int a = std::max(eras_[k].first, p.segments.front().first);
        const int b = std::min(eras_[k].end, p.segments.back().end);
        if (b <= a) continue;
        const double w = eras_[k].label.width;
        const double x = std::clamp(xmap(p.segments, a) + 2, 0.0, std::max(0.0, frame_.width - w));
        int t = 0;
        while (t < static_cast<int>(track_end.size()) && track_end[t] + look_.item_gap > x) ++t;
        if (t == static_cast<int>(track_end.size())) track_end.push_back(0);
        track_end[t] = x + w;
        p.eras.push_back({k, a, b, x, t});
        p.era_lines = std::max(p.era_lines, eras_[k].label.lines);
    }
    p.era_tracks = static_cast<int>(track_end.size());
    p.era_h = p.era_tracks == 0 ? 0 : p.era_tracks * (p.era_lines * small_lh_ + 2) + 3;
}

// Each event's marker (a dot, or a bar over its span, cut at the window's edges) and, when it
// is labelled, its label: from the marker on, or ending at the marker where it would run past
// the plot.
Drawn TimelineLayout::mark(const Page& p, std::size_t i) const {
    const Event& e = events_[i];
    Drawn m;
    m.event = i;
    m.cut_left = e.first < p.window.first;
    m.cut_right = e.end > p.window.end;
    double l = m.cut_left ? p.segments.front().x0 : xmap(p.segments, e.first);
    double r = m.cut_right ? p.segments.back().x1 : xmap(p.segments, e.end);
    if (e.kind == Kind::point) {
        const double c = (l + r) / 2;
        l = c - look_.point;
        r = c + look_.point;
    } else if (r - l < 1.5) {
        const double c = (l + r) / 2;
        l = c - 0.75;
        r = c + 0.75;
    }
    m.mark_left = l;
    m.mark_right = r;
    if (e.uncertain) {
        l -= look_.whisker;
        r += look_.whisker;
    }
    m.left = l;
    m.right = r;
    return m;
}

void TimelineLayout::place_marks(Page& p, const std::vector<std::size_t>& events, const std::vector<char>& labelled,
                                 bool continued_labels) const {
    p.marks.reserve(events.size());
    for (std::size_t i : events) {
        p.marks.push_back(mark(p, i));
        if (labelled[i] != 0 && (continued_labels || events_[i].anchor >= p.window.first)) label(p.marks.back());
    }
}

// Calls f(event) for each event counted in p.before, in date order: those meeting the window
// that have no mark.
template <class F>
void TimelineLayout::for_each_before(const Page& p, F&& f) const {
    auto placed = p.marks.begin();
    for (std::size_t i : meeting(p.window)) {
        while (placed != p.marks.end() && placed->event < i) ++placed;
        if (placed != p.marks.end() && placed->event == i) continue;
        f(i);
    }
}

// Gives the events counted in p.before their marks, among the others in date order.
void TimelineLayout::add_before(Page& p) const {
    std::size_t n = 0;
    for (std::size_t c : p.before) n += c;
    if (n == 0) return;
    std::vector<Drawn> marks;
    marks.reserve(p.marks.size() + n);
    auto placed = p.marks.begin();
    for_each_before(p, [&](std::size_t i) {
        for (; placed != p.marks.end() && placed->event < i; ++placed) marks.push_back(*placed);
        marks.push_back(mark(p, i));
    });
    marks.insert(marks.end(), placed, p.marks.end());
    p.marks = std::move(marks);
    p.before.assign(p.before.size(), 0);
}

// Gives a placed mark its label: from the marker on, or ending at the marker where it would run
// past the plot.
void TimelineLayout::label(Drawn& m) const {
    const TextBlock& wide = label_text(m.event, false);
    m.labelled = true;
    double w = wide.width;
    m.label_x = m.mark_left;
    if (m.mark_left + w > plot_x1_) {
        const TextBlock& narrow = label_text(m.event, true);
        if (m.mark_left + narrow.width <= plot_x1_) {
            m.narrow = true;
            w = narrow.width;
        } else {
            m.label_x = std::max(plot_x0_, m.mark_right - w);
        }
    }
    m.left = std::min(m.left, m.label_x);
    m.right = std::max(m.right, m.label_x + w);
    m.height = look_.bar_zone + block_height(label_text(m.event, m.narrow));
}

// An event's label, or the label set narrow (each made when first needed).
const TextBlock& TimelineLayout::label_text(std::size_t event, bool narrow) const {
    auto& b = (narrow ? narrow_ : wide_)[event];
    if (!b) b = block(data_.items[events_[event].index].label, label_ts_, narrow ? kNarrowLabel : label_w_);
    return *b;
}

// The labelled marks of a lane (in date order) into tracks: each goes below every earlier one
// it overlaps, so labels read in date order from top to bottom, and keeps a gap to the one
// before it in its track. Returns the tracks' heights (scratch space of this thread, valid until
// its next call).
const std::vector<double>& TimelineLayout::stack(const std::vector<Drawn*>& marks) const {
    thread_local std::vector<double> heights;
    heights.clear();
    // The right edge of the rightmost mark in each track so far: a mark overlaps some earlier
    // one of a track exactly when it starts left of that track's rightmost edge (scratch
    // space of this thread: boxes are planned again and again).
    thread_local std::vector<double> rightmost;
    rightmost.clear();
    for (Drawn* m : marks) {
        // Below every earlier one it overlaps, and clear of the one before it in its track.
        std::size_t track = 0;
        for (std::size_t t = rightmost.size(); t-- > 0;)
            if (rightmost[t] > m->left) {
                track = t + 1;
                break;
            }
        while (track < rightmost.size() && rightmost[track] + look_.item_gap > m->left) ++track;
        m->track = static_cast<int>(track);
        if (track >= rightmost.size()) {
            rightmost.resize(track + 1, -std::numeric_limits<double>::infinity());
            heights.resize(track + 1, 0);
        }
        rightmost[track] = std::max(rightmost[track], m->right);
        heights[track] = std::max(heights[track], m->height);
    }
    return heights;
}

// The height of a lane's row: its tracks, the strip of unlabelled marks under them, or its
// label, whichever is taller.
double TimelineLayout::row_height(int lane, const std::vector<double>& tracks, bool strip, Row* row) const {
    double y = 0;
    if (row) row->track_top.reserve(tracks.size());
    for (double h : tracks) {
        if (row) row->track_top.push_back(y);
        y += h + look_.row_gap;
    }
    const double tracks_h = tracks.empty() ? 0 : y - look_.row_gap;
    double content = tracks_h;
    if (strip) content += (content > 0 ? look_.row_gap : 0) + look_.strip;
    if (row) {
        row->tracks_h = tracks_h;
        row->strip = strip;
    }
    return std::max(content, lanes_[static_cast<std::size_t>(lane)].text.lines * lane_lh_) + 2 * look_.lane_pad;
}

// Lanes with something in the window, in lane order, their labelled marks in tracks.
void TimelineLayout::stack_rows(Page& p) const {
    p.row_of.assign(lanes_.size(), -1);
    // The marks by lane, in their order (scratch space of this thread: boxes are planned
    // again and again): lane l's are by_lane[first[l], first[l + 1]).
    thread_local std::vector<std::size_t> first, at, by_lane;
    thread_local std::vector<Drawn*> labelled;
    first.assign(lanes_.size() + 1, 0);
    for (const Drawn& m : p.marks) ++first[static_cast<std::size_t>(events_[m.event].lane) + 1];
    for (std::size_t l = 0; l < lanes_.size(); ++l) first[l + 1] += first[l];
    by_lane.resize(p.marks.size());
    at.assign(first.begin(), first.end() - 1);  // the next place of each lane's marks
    for (std::size_t k = 0; k < p.marks.size(); ++k) by_lane[at[static_cast<std::size_t>(events_[p.marks[k].event].lane)]++] = k;
    p.lanes_h = 0;
    p.rows.reserve(lanes_.size());
    for (std::size_t lane = 0; lane < lanes_.size(); ++lane) {
        if (first[lane] == first[lane + 1] && p.before[lane] == 0) continue;
        Row row;
        row.lane = static_cast<int>(lane);
        labelled.clear();
        bool strip = p.before[lane] > 0;
        for (std::size_t i = first[lane]; i < first[lane + 1]; ++i) {
            const std::size_t k = by_lane[i];
            if (p.marks[k].labelled) labelled.push_back(&p.marks[k]);
            else strip = true;
        }
        row.height = row_height(row.lane, stack(labelled), strip, &row);
        p.row_of[lane] = static_cast<int>(p.rows.size());
        p.lanes_h += row.height;
        p.rows.push_back(std::move(row));
    }
}

// Overview: the unlabelled marks of each lane by period (the finest unit whose periods are
// wide enough for a count); a period with few marks that stay apart keeps them, one with more
// becomes a cell that shows their count.
void TimelineLayout::count_cells(Page& p) const {
    // A period's marks: how many, and where the first few are (more than kMarksPerBin are
    // counted whatever their places).
    struct Bin {
        std::size_t count = 0;
        std::array<double, kMarksPerBin> centres{};
    };
    for (const auto& s : p.segments) {
        axis::Unit unit = axis::Unit::century;
        for (const axis::Unit u : axis::kUnits) {
            const double days = axis::kDaysPerMonth * axis::months(u);
            if ((s.x1 - s.x0) / std::max(1, s.end - s.first) * days >= kMinBin) {
                unit = u;
                break;
            }
        }
        const int step = axis::months(unit);
        // (lane, period) → marks, sorted by key (scratch space of this thread: boxes are
        // planned again and again).
        using Key = std::pair<int, int>;
        thread_local std::vector<std::pair<Key, Bin>> bins;
        bins.clear();
        auto bin_of = [](const Key& key) -> Bin& {
            auto it = std::lower_bound(bins.begin(), bins.end(), key,
                                       [](const std::pair<Key, Bin>& b, const Key& k) { return b.first < k; });
            if (it == bins.end() || it->first != key) it = bins.insert(it, {key, Bin{}});
            return it->second;
        };
        for (const Drawn& m : p.marks) {
            if (m.labelled) continue;
            const Event& e = events_[m.event];
            const int day = std::max(e.anchor, p.window.first);
            if (day < s.first || day >= s.end) continue;
            const int period = axis::floor_div(axis::month_index(day), step);
            Bin& bin = bin_of({e.lane, period});
            if (bin.count < kMarksPerBin) bin.centres[bin.count] = (m.mark_left + m.mark_right) / 2;
            ++bin.count;
        }
        // The events begun before the window, filed under its first day: where a lane has
        // more than a bin shows one by one, only their number matters.
        if (p.window.first >= s.first && p.window.first < s.end) {
            const int period = axis::floor_div(axis::month_index(p.window.first), step);
            bool placed = true;
            for (std::size_t lane = 0; lane < p.before.size(); ++lane) {
                if (p.before[lane] == 0) continue;
                Bin& bin = bin_of({static_cast<int>(lane), period});
                if (p.before[lane] > kMarksPerBin) bin.count += p.before[lane];
                else placed = false;
            }
            if (!placed) {
                for_each_before(p, [&](std::size_t i) {
                    const auto lane = static_cast<std::size_t>(events_[i].lane);
                    if (p.before[lane] > kMarksPerBin) return;
                    const Drawn m = mark(p, i);
                    Bin& bin = bin_of({events_[i].lane, period});
                    if (bin.count < kMarksPerBin) bin.centres[bin.count] = (m.mark_left + m.mark_right) / 2;
                    ++bin.count;
                });
            }
        }
        for (auto& [key, bin] : bins) {
            bool apart = bin.count <= kMarksPerBin;
            if (apart) {
                const auto centres = std::span(bin.centres).first(bin.count);
                std::sort(centres.begin(), centres.end());
                for (std::size_t k = 1; apart && k < centres.size(); ++k) apart = centres[k] - centres[k - 1] >= kMarkApart;
            }
            if (apart) continue;
            const double a = std::max(s.x(axis::month_start(key.second * step)), s.x0);
            const double b = std::min(s.x(axis::month_start((key.second + 1) * step)), s.x1);
            p.cells.push_back({key.first, a, b, bin.count});
        }
    }
}

// A box that keeps the labels of events begun in earlier windows when it fits `room` with
// them, else leaves them out (those events carry their label where they begin).
Page TimelineLayout::plan_fitting(Window w, bool first, bool last, const std::vector<char>& labelled, double room) const {
    if (meeting(w).size() > kMaxLabels) {
        Page too_many;
        too_many.height = std::numeric_limits<double>::infinity();
        return too_many;
    }
    Page p = plan(w, first, last, labelled, true);
    if (p.height <= room) return p;
    return plan(w, first, last, labelled, false);
}

// ---- pagination ------------------------------------------------------------------------

// Every event labelled: the most groups of events that fit each box. False when that takes
// more than `limit` boxes (pages then holds the first `limit`).
bool TimelineLayout::labelled_pages(std::vector<Page>& pages, std::size_t limit) {
    const std::vector<char> all(events_.size(), 1);
    std::size_t g = 0;
    std::size_t guess = 8;
    const std::size_t n = groups_.size();
    while (g < n) {
        if (pages.size() >= limit) return false;
        const bool first = pages.empty();
        const double room_here = room(pages.size());
        auto plan_k = [&](std::size_t k) { return plan_fitting(window_of(g, k), first, g + k >= n, all, room_here); };
        Page best = plan_k(1);
        std::size_t k = 1;
        if (best.height > room_here) {
            if (first && frame_.first_height < frame_.page_height) {
                pages.clear();
                pages.push_back(std::move(best));  // the caller returns NeedsRoom
                return true;
            }
            // The events of one day do not fit a page: an overview of that day's box. Its
            // labels are marked in a vector kept all zero between such days (one of the
            // timeline's length for each would make a long timeline quadratic).
            std::vector<char>& labelled = day_labels_;
            labelled.resize(events_.size(), 0);
            pages.push_back(overview_page(window_of(g, 1), first, g + 1 >= n, labelled));
            for (const auto& m : pages.back().marks) labelled[m.event] = 0;  // all it can have marked
            preferred_unit_ = pages.back().unit;
            g += 1;
            continue;
        }
        // Galloping search for the most groups that fit.
        std::size_t lo = 1, hi = std::min(guess, n - g);
        if (hi > lo) {
            Page p = plan_k(hi);
            if (p.height <= room_here) {
                lo = hi;
                best = std::move(p);
                hi = std::min(n - g + 1, hi * 2);
                while (hi <= n - g) {
                    Page q = plan_k(hi);
                    if (q.height > room_here) break;
                    lo = hi;
                    best = std::move(q);
                    hi = std::min(n - g + 1, hi * 2);
                }
            }
        } else {
            hi = 2;
        }
        while (hi - lo > 1 && lo < n - g) {
            const std::size_t mid = lo + (hi - lo) / 2;
            if (mid > n - g) break;
            Page q = plan_k(mid);
            if (q.height <= room_here) {
                lo = mid;
                best = std::move(q);
            } else {
                hi = mid;
            }
        }
        k = lo;
        guess = std::max<std::size_t>(k, 2);
        preferred_unit_ = best.unit;
        pages.push_back(std::move(best));
        g += k;
    }
    return true;
}

// The overview on the budget's boxes: every event drawn, the ones that matter most labelled as
// far as they fit. Of three ways to cut the timeline into windows — about as many events in
// each, about as much time in each, and (when labelling everything took just one box more than
// the budget) the fully labelled boxes found so far with the rest in the last one — the one
// that labels the most events wins. False when the first box needs more room than it has.
bool TimelineLayout::overview_pages(std::vector<Page>& pages, std::vector<Page> labelled_prefix) {
    prepare_legend(true);
    const std::size_t boxes = std::max<std::size_t>(1, static_cast<std::size_t>(frame_.max_pages.value_or(1)));
    const std::size_t n = groups_.size();
    auto anchor = [&](std::size_t group) { return events_[order_[groups_[group]]].anchor; };
    // Cuts: the group each box starts with.
    std::vector<std::vector<std::size_t>> cuts;
    {
        std::vector<std::size_t> by_count{0}, by_time{0};
        for (std::size_t b = 1; b < boxes; ++b) {
            std::size_t g = by_count.back() + 1;
            while (g < n && groups_[g] * boxes < order_.size() * b) ++g;
            if (g < n) by_count.push_back(g);
            const double t = first_day_ + static_cast<double>(end_day_ - first_day_) * static_cast<double>(b) / boxes;
            g = by_time.back() + 1;
            while (g < n && anchor(g) < t) ++g;
            if (g < n) by_time.push_back(g);
        }
        cuts.push_back(by_count);
        if (by_time != by_count) cuts.push_back(by_time);
    }
    std::vector<Page> best;
    std::size_t best_labels = 0;
    bool best_fits = false;
    auto consider = [&](std::vector<Page> candidate) {
        std::vector<char> seen(events_.size(), 0);
        std::size_t labels = 0;
        for (const auto& p : candidate)
            for (const auto& m : p.marks)
                if (m.labelled && !seen[m.event]) seen[m.event] = 1, ++labels;
        const bool fits = candidate.front().height <= room(0) || frame_.first_height >= frame_.page_height;
        if (best.empty() || (fits && !best_fits) || (fits == best_fits && labels > best_labels)) {
            best = std::move(candidate);
            best_labels = labels;
            best_fits = fits;
        }
    };
    for (const auto& starts : cuts) {
        preferred_unit_.reset();
        std::vector<char> labelled(events_.size(), 0);
        std::vector<Page> candidate;
        for (std::size_t b = 0; b < starts.size(); ++b) {
            const std::size_t g = starts[b], end = b + 1 < starts.size() ? starts[b + 1] : n;
            candidate.push_back(overview_page(window_of(g, end - g), b == 0, end >= n, labelled));
            preferred_unit_ = candidate.back().unit;
        }
        consider(std::move(candidate));
    }
    if (!labelled_prefix.empty()) {
        // The fully labelled boxes, then the rest as an overview in the last one.
        std::vector<char> labelled(events_.size(), 0);
        std::size_t g = 0;
        for (const auto& p : labelled_prefix)
            for (const auto& m : p.marks) labelled[m.event] = m.labelled ? 1 : labelled[m.event];
        const Window last = labelled_prefix.back().window;
        while (g < n && anchor(g) < last.end) ++g;
        if (g < n) {
            preferred_unit_ = labelled_prefix.back().unit;
            labelled_prefix.push_back(overview_page(window_of(g, n - g), false, true, labelled));
            // The first box carries the legend with the overview's entries.
            Page& first = labelled_prefix.front();
            first.height += legend_h_ - first.legend_h;
            first.legend_h = legend_h_;
            consider(std::move(labelled_prefix));
        }
    }
    pages = std::move(best);
    return best_fits;
}

// A box of the overview: every event drawn; labels for the events filed in the window, the
// most important first, spread over lanes and over time, while the box fits its room.
Page TimelineLayout::overview_page(Window w, bool first, bool last, std::vector<char>& labelled) const {
    const double room_here = first ? frame_.first_height : frame_.page_height;
    Page best = plan(w, first, last, labelled, false);
    if (best.height > room_here) return best;
    // Candidates: filed in the window, not yet labelled; by importance, then spread: within a
    // lane, events in the order that halves the gaps between those already chosen
    // (van der Corput order over their dates), lanes taking turns.
    std::vector<std::vector<std::size_t>> by_lane(lanes_.size());
    for (std::size_t i : meeting(w)) {
        const Event& e = events_[i];
        if (e.anchor >= w.first && e.anchor < w.end && !labelled[i]) by_lane[static_cast<std::size_t>(e.lane)].push_back(i);
    }
    struct Candidate {
        std::size_t event;
        int importance;
        double spread;
        std::size_t lane;
    };
    std::vector<Candidate> candidates;
    for (std::size_t lane = 0; lane < by_lane.size(); ++lane) {
        const auto& list = by_lane[lane];
        for (std::size_t k = 0; k < list.size(); ++k) {
            // Van der Corput radical inverse of k+1 in base 2: 0.5, 0.25, 0.75, 0.125 …
            double v = 0, f = 0.5;
            for (std::size_t x = k + 1; x > 0; x >>= 1, f /= 2)
                if (x & 1) v += f;
            const std::size_t pick = std::min(list.size() - 1, static_cast<std::size_t>(v * static_cast<double>(list.size())));
            candidates.push_back({list[pick], events_[list[pick]].importance, static_cast<double>(k), lane});
        }
    }
    std::stable_sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
        if (a.importance != b.importance) return a.importance > b.importance;
        if (a.spread != b.spread) return a.spread < b.spread;
        return a.lane < b.lane;
    });
    // Each candidate changes only its lane's row: try it there, keep it when the box still
    // fits, then plan the box once with the labels kept.
    // The mark of each candidate (by event; a window's worth, not the whole timeline's).
    std::unordered_map<std::size_t, std::size_t> mark_of;
    mark_of.reserve(candidates.size());
    for (std::size_t k = 0; k < best.marks.size(); ++k) {
        const int anchor = events_[best.marks[k].event].anchor;
        if (anchor >= w.first && anchor < w.end) mark_of.emplace(best.marks[k].event, k);
    }
    std::vector<std::vector<Drawn>> chosen(lanes_.size());
    std::vector<std::size_t> in_lane(lanes_.size(), 0);
    for (const auto& m : best.marks) ++in_lane[static_cast<std::size_t>(events_[m.event].lane)];
    for (std::size_t lane = 0; lane < lanes_.size(); ++lane) in_lane[lane] += best.before[lane];
    std::vector<double> row_h(lanes_.size(), 0);
    for (const auto& r : best.rows) row_h[static_cast<std::size_t>(r.lane)] = r.height;
    double height = best.height;
    std::size_t tries = 0, misses = 0;
    bool any = false;
    std::vector<Drawn*> ptrs;
    for (const auto& c : candidates) {
        const auto mark = mark_of.find(c.event);
        if (labelled[c.event] || mark == mark_of.end()) continue;
        if (++tries > kTries || misses >= kMisses) break;
        auto& lane = chosen[c.lane];
        Drawn m = best.marks[mark->second];
        label(m);
        const auto at = std::upper_bound(lane.begin(), lane.end(), m.event,
                                         [](std::size_t e, const Drawn& d) { return e < d.event; });
        const auto pos = lane.insert(at, m);
        ptrs.clear();
        for (auto& d : lane) ptrs.push_back(&d);
        const double h = row_height(static_cast<int>(c.lane), stack(ptrs), lane.size() < in_lane[c.lane], nullptr);
        if (height - row_h[c.lane] + h <= room_here) {
            height += h - row_h[c.lane];
            row_h[c.lane] = h;
            labelled[c.event] = 1;
            any = true;
            misses = 0;
        } else {
            lane.erase(pos);
            ++misses;
        }
    }
    if (any) best = plan(w, first, last, labelled, false);
    return best;
}

Fitted TimelineLayout::run(const TimelineBoxSink& sink) {
    TimelineBoxes out;
    if (groups_.empty() && eras_.empty()) return out;
    std::vector<Page> pages;
    if (groups_.empty()) {
        // Eras only.
        Window w{axis::floor_to(first_day_, axis::Unit::year), axis::month_start(axis::month_index(end_day_ - 1) + 1)};
        pages.push_back(plan(w, true, true, std::vector<char>(events_.size(), 0)));
    } else {
        // Every event labelled, in at most one box more than the budget (to know how near it
        // came): within the budget, that is the timeline; one box more, and its first boxes
        // are one way to begin the overview.
        const std::size_t budget = frame_.max_pages ? static_cast<std::size_t>(*frame_.max_pages) : 0;
        const std::size_t limit = budget ? budget + 1 : std::numeric_limits<std::size_t>::max();
        bool done = labelled_pages(pages, limit);
        if (budget && done && pages.size() == 1 && pages.front().height > frame_.first_height &&
            frame_.first_height < frame_.page_height) {
            // The first events, labelled, do not fit the room left on this page. A fresh page
            // is worth it when the timeline then fits its budget labelled; when it would be an
            // overview there too, the overview begins here, in at least half a page.
            const double here = frame_.first_height;
            frame_.first_height = frame_.page_height;
            preferred_unit_.reset();
            std::vector<Page> fresh;
            done = labelled_pages(fresh, limit);
            frame_.first_height = here;
            preferred_unit_.reset();
            if ((done && fresh.size() <= budget) || here < kOverviewRoomShare * frame_.page_height)
                return NeedsRoom{pages.front().height};
            if (!overview_pages(pages, {})) return NeedsRoom{pages.front().height};
        } else if (budget && (!done || pages.size() > budget)) {
            std::vector<Page> prefix;
            if (done && budget > 1) prefix.assign(pages.begin(), pages.begin() + static_cast<std::ptrdiff_t>(budget - 1));
            if (!overview_pages(pages, std::move(prefix))) return NeedsRoom{pages.front().height};
        }
    }
    if (pages.size() == 1 && pages.front().height > frame_.first_height && frame_.first_height < frame_.page_height)
        return NeedsRoom{pages.front().height};
    std::vector<char> labelled(events_.size(), 0);
    for (auto& p : pages) {
        add_before(p);
        if (sink) {
            TimelineBoxContent content;
            draw::Box box = render(p, content);
            sink(std::move(box), std::move(content));
        } else {
            out.contents.emplace_back();
            out.boxes.push_back(render(p, out.contents.back()));
        }
        for (const auto& m : p.marks)
            if (m.labelled) labelled[m.event] = 1;
        p = Page{};  // drawn: its plan is not needed again
    }
    for (std::size_t i : order_) out.unlabelled += labelled[i] ? 0 : 1;
    return out;
}

// ---- drawing ---------------------------------------------------------------------------

// The vertical sections of a box, top to bottom.
struct TimelineLayout::Frames {
    double era_top = 0, axis_top = 0, axis_y = 0, lanes_top = 0, lanes_bottom = 0;
};

draw::Box TimelineLayout::render(const Page& p, TimelineBoxContent& content) {
    content.first_day = p.window.first;
    content.end_day = p.window.end;
    draw::Box box;
    box.width = frame_.width;
    box.height = p.height;
    auto& out = box.items;
    double y = 0;
    if (!p.first) {
        setter_.set_text(out, i18n::continued_mark(frame_.mode), small_ts_, 0, small_ts_.baseline(y));
        y += p.cont_h;
    }
    Frames f;
    f.era_top = y;
    f.axis_top = f.era_top + p.era_h;
    f.axis_y = f.axis_top + p.axis_h - 1;  // the axis rule
    f.lanes_top = f.axis_top + p.axis_h;
    f.lanes_bottom = f.lanes_top + p.lanes_h;
    render_eras(out, p, f);
    render_axis(out, p, f);
    render_rows(out, p, f);
    render_marks(out, p, f, content);
    render_strip(out, p, f);
    double fy = f.lanes_bottom;
    if (p.first && !legend_.empty()) {
        draw_legend(legend_items_);
        for (auto item : legend_items_) {
            draw::translate(item, 0, fy);
            out.push_back(std::move(item));
        }
        fy += p.legend_h;
    }
    if (p.last && !source_lines_.empty()) {
        double base = small_ts_.baseline(p.height - source_h_ + kSourceGap);
        for (const auto& lines : source_lines_)
            for (const auto& line : lines) {
                setter_.set_line(out, line, small_ts_, 0, base);
                base += small_lh_;
            }
    }
    return box;
}

// Era bands behind everything, from the strip above the axis down through the lanes, each
// with its label over a bracket that shows how far it reaches (an arrow where it goes on
// beyond the window).
void TimelineLayout::render_eras(std::vector<Item>& out, const Page& p, const Frames& f) {
    for (const auto& e : p.eras) {
        const Era& era = eras_[e.era];
        const double track_top = f.era_top + e.track * (p.era_lines * small_lh_ + 2);
        for (const auto& s : p.segments) {
            const int a = std::max(e.first, s.first), b = std::min(e.end, s.end);
            if (b <= a) continue;
            const double x0 = s.x(a), x1 = s.x(b);
            out.emplace_back(layout::Rect{x0, f.lanes_top, x1 - x0, f.lanes_bottom - f.lanes_top, look_.era_fill,
                                          std::nullopt, look_.w_outline});
        }
        const double by = track_top + p.era_lines * small_lh_ + 1;
        const Color bc = tint(look_.era_text, 0.35);
        const double bx0 = xmap(p.segments, e.first), bx1 = xmap(p.segments, e.end);
        out.emplace_back(layout::Line{bx0, by, bx1, by, look_.w_outline, bc, {}});
        const bool cut_left = era.first < p.window.first, cut_right = era.end > p.window.end;
        if (!cut_left) out.emplace_back(layout::Line{bx0, by - 2, bx0, by, look_.w_outline, bc, {}});
        if (!cut_right) out.emplace_back(layout::Line{bx1, by - 2, bx1, by, look_.w_outline, bc, {}});
        auto arrow = [&](double tip, double dir) {
            layout::Polygon a;
            a.points = {{tip - dir * 4, by - 2}, {tip, by}, {tip - dir * 4, by + 2}};
            a.fill = bc;
            out.emplace_back(std::move(a));
        };
        if (cut_left) arrow(bx0, -1);
        if (cut_right) arrow(bx1, 1);
        double baseline = era_ts_.baseline(track_top);
        for (const auto& lang_lines : era.label.langs)
            for (const auto& line : lang_lines) {
                setter_.set_line(out, line, era_ts_, e.label_x, baseline);
                baseline += small_lh_;
            }
    }
}

// The axis: grid lines down the lanes, the rule with its breaks, ticks, and the labels in
// tiers (years above months, quarters or halves), a label that would touch its neighbour left
// out.
void TimelineLayout::render_axis(std::vector<Item>& out, const Page& p, const Frames& f) {
    std::vector<axis::TickLabel> labels;
    for (std::size_t i = 0; i < p.segments.size(); ++i) {
        const auto& s = p.segments[i];
        const auto t = axis::segment_ticks(s.first, s.end, s.x0, s.x1, s.unit, widths_.mode);
        for (double x : t.ticks) {
            out.emplace_back(layout::Line{x, f.lanes_top, x, f.lanes_bottom, look_.w_grid, look_.grid, {}});
            out.emplace_back(layout::Line{x, f.axis_y - look_.tick, x, f.axis_y, look_.w_tick, look_.rule, {}});
        }
        labels.insert(labels.end(), t.labels.begin(), t.labels.end());
        out.emplace_back(layout::Line{s.x0, f.axis_y, s.x1, f.axis_y, look_.w_axis, look_.rule, {}});
        if (i + 1 < p.segments.size()) {
            // Break symbol: two slanted strokes in the gap, a dotted line down the lanes.
            const double c = s.x1 + look_.break_width / 2;
            out.emplace_back(layout::Line{c - 4, f.axis_y + 3, c - 1, f.axis_y - 3, look_.w_axis, look_.rule, {}});
            out.emplace_back(layout::Line{c + 1, f.axis_y + 3, c + 4, f.axis_y - 3, look_.w_axis, look_.rule, {}});
            out.emplace_back(layout::Line{c, f.lanes_top, c, f.lanes_bottom, look_.w_guide, look_.hair, {1, 2}});
        }
    }
    const double year_base = small_ts_.baseline(f.axis_top);
    const double minor_base = small_ts_.baseline(f.axis_top + (p.year_tier ? small_lh_ : 0));
    for (int tier = 0; tier < 2; ++tier) {
        std::vector<std::pair<double, const axis::TickLabel*>> row;
        for (const auto& l : labels)
            if (l.year_tier == (tier == 0)) row.emplace_back(l.x, &l);
        std::sort(row.begin(), row.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        double prev = -1e9;
        for (const auto& [x, l] : row) {
            double w = 0;
            for (const auto& s : l->lines) w = std::max(w, text_width(s));
            const double cx = std::clamp(x, w / 2, frame_.width - w / 2);
            if (cx - w / 2 < prev + 3) continue;
            prev = cx + w / 2;
            double base = tier == 0 ? year_base : minor_base;
            const auto& ts = tier == 0 || !p.year_tier ? strong_ts_ : small_ts_;
            for (const auto& s : l->lines) {
                setter_.set_text(out, s, ts, cx, base, draw::HAlign::center);
                base += small_lh_;
            }
        }
    }
}

// The rows: a rule above each, the lane's label in the column on the left (set once, copied).
void TimelineLayout::render_rows(std::vector<Item>& out, const Page& p, const Frames& f) {
    if (lane_items_.size() != lanes_.size()) lane_items_.resize(lanes_.size());
    double y = f.lanes_top;
    for (std::size_t r = 0; r < p.rows.size(); ++r) {
        const auto lane = static_cast<std::size_t>(p.rows[r].lane);
        out.emplace_back(layout::Line{0, y, frame_.width, y, r == 0 ? look_.w_axis : look_.w_lane,
                                      r == 0 ? look_.rule : look_.hair, {}});
        if (lane_items_[lane].empty()) {
            double base = lane_ts_.baseline(look_.lane_pad);
            for (const auto& lines : lanes_[lane].text.langs) {
                const auto& ts = &lines == &lanes_[lane].text.langs.front() ? lane_ts_ : lane2_ts_;
                for (const auto& line : lines) {
                    setter_.set_line(lane_items_[lane], line, ts, 0, base);
                    base += lane_lh_;
                }
            }
        }
        for (auto item : lane_items_[lane]) {
            draw::translate(item, 0, y);
            out.push_back(std::move(item));
        }
        y += p.rows[r].height;
    }
    out.emplace_back(layout::Line{0, f.lanes_bottom, frame_.width, f.lanes_bottom, look_.w_axis, look_.rule, {}});
}

// The labelled marks in their tracks: marker (whiskers when uncertain), then the label.
void TimelineLayout::render_marks(std::vector<Item>& out, const Page& p, const Frames& f, TimelineBoxContent& content) {
    std::vector<double> row_top(p.rows.size());
    double y = f.lanes_top;
    for (std::size_t r = 0; r < p.rows.size(); ++r) {
        row_top[r] = y + look_.lane_pad;
        y += p.rows[r].height;
    }
    for (const auto& m : p.marks) {
        const Event& e = events_[m.event];
        if (!m.labelled) {
            content.events.push_back({e.index, false, 0, 0, 0});
            continue;
        }
        const auto r = static_cast<std::size_t>(p.row_of[static_cast<std::size_t>(e.lane)]);
        const Color color = look_.lanes[static_cast<std::size_t>(e.lane) % look_.lanes.size()];
        const double top = row_top[r] + p.rows[r].track_top[static_cast<std::size_t>(m.track)];
        const double ymid = top + look_.bar_zone / 2;
        if (e.uncertain) draw_whiskers(out, m.mark_left - look_.whisker, m.mark_right + look_.whisker, ymid, color);
        draw_marker(out, e, m.mark_left, m.mark_right, m.cut_left, m.cut_right, ymid, color);
        const TextBlock& text = label_text(m.event, m.narrow);
        set_block(out, text, m.label_x, top + look_.bar_zone);
        content.events.push_back({e.index, true, m.label_x, top + look_.bar_zone, text.width});
    }
}

// Overview: unlabelled marks on the strip under each lane's labels, counted where they crowd.
void TimelineLayout::render_strip(std::vector<Item>& out, const Page& p, const Frames& f) {
    std::vector<double> strip_mid(p.rows.size());
    double y = f.lanes_top;
    for (std::size_t r = 0; r < p.rows.size(); ++r) {
        const Row& row = p.rows[r];
        const double top = y + look_.lane_pad + row.tracks_h + (row.tracks_h > 0 ? look_.row_gap : 0);
        strip_mid[r] = top + look_.strip / 2;
        y += row.height;
    }
    // Cells first, marks that are not counted over them.
    std::vector<std::vector<std::pair<double, double>>> counted(lanes_.size());
    for (const auto& c : p.cells) {
        const auto lane = static_cast<std::size_t>(c.lane);
        const auto r = static_cast<std::size_t>(p.row_of[lane]);
        const Color color = look_.lanes[lane % look_.lanes.size()];
        const double h = look_.strip;
        out.emplace_back(layout::Rect{c.x0 + 0.25, strip_mid[r] - h / 2, std::max(0.5, c.x1 - c.x0 - 0.5), h,
                                      tint(color, 0.72), std::nullopt, look_.w_outline});
        const std::string n = std::to_string(c.count);
        if (text_width(n) + 1 <= c.x1 - c.x0)
            setter_.set_text(out, n, strong_ts_, (c.x0 + c.x1) / 2, strong_ts_.centred_baseline(strip_mid[r]),
                             draw::HAlign::center);
        counted[lane].emplace_back(c.x0, c.x1);
    }
    for (const auto& m : p.marks) {
        if (m.labelled) continue;
        const Event& e = events_[m.event];
        const auto lane = static_cast<std::size_t>(e.lane);
        const double centre = (m.mark_left + m.mark_right) / 2;
        bool in_cell = false;
        for (const auto& [a, b] : counted[lane]) in_cell = in_cell || (centre >= a - 0.01 && centre <= b + 0.01);
        if (in_cell) continue;
        const auto r = static_cast<std::size_t>(p.row_of[lane]);
        const Color color = look_.lanes[lane % look_.lanes.size()];
        const double half = look_.strip_mark / 2;
        if (e.kind == Kind::point) {
            out.emplace_back(layout::Line{centre, strip_mid[r] - half, centre, strip_mid[r] + half, look_.w_mark, color, {}});
        } else {
            out.emplace_back(layout::Rect{m.mark_left, strip_mid[r] - half / 2, std::max(0.8, m.mark_right - m.mark_left),
                                          half, tint(color, 0.3), std::nullopt, look_.w_outline});
        }
    }
}

// A label block with its top at `top`: the first language in the event style, the second muted.
void TimelineLayout::set_block(std::vector<Item>& out, const TextBlock& b, double x, double top) {
    double base = label_ts_.baseline(top);
    bool first_lang = true;
    for (const auto& lines : b.langs) {
        const auto& ts = first_lang ? label_ts_ : label2_ts_;
        for (const auto& line : lines) {
            setter_.set_line(out, line, ts, x, base);
            base += label_lh_;
        }
        first_lang = false;
    }
}

void TimelineLayout::draw_whiskers(std::vector<Item>& out, double l, double r, double ymid, Color c) const {
    out.emplace_back(layout::Line{l, ymid, r, ymid, look_.w_thin, c, {}});
    out.emplace_back(layout::Line{l, ymid - look_.cap, l, ymid + look_.cap, look_.w_thin, c, {}});
    out.emplace_back(layout::Line{r, ymid - look_.cap, r, ymid + look_.cap, look_.w_thin, c, {}});
}

void TimelineLayout::dashed_rect(std::vector<Item>& out, double x, double y, double w, double h, Color c) const {
    const double width = look_.w_thin;
    const std::vector<double> dash{1.4, 1.0};
    out.emplace_back(layout::Line{x, y, x + w, y, width, c, dash});
    out.emplace_back(layout::Line{x + w, y, x + w, y + h, width, c, dash});
    out.emplace_back(layout::Line{x + w, y + h, x, y + h, width, c, dash});
    out.emplace_back(layout::Line{x, y + h, x, y, width, c, dash});
}

// The marker of an event between `left` and `right`: a dot for a day (hollow when
// approximate), else a bar — tinted for a whole period, solid with caps for an interval,
// dashed when approximate — fading into an arrow at an open end or where it goes on beyond
// the window.
void TimelineLayout::draw_marker(std::vector<Item>& out, const Event& e, double left, double right, bool cut_left,
                                 bool cut_right, double ymid, Color color) const {
    const double l = left, r = right;
    if (e.kind == Kind::point) {
        layout::Polygon dot;
        for (int i = 0; i < 16; ++i) {
            const double a = 2 * kPi * i / 16;
            dot.points.emplace_back((l + r) / 2 + look_.point * std::cos(a), ymid + look_.point * std::sin(a));
        }
        if (e.approximate) {
            dot.fill = look_.paper;
            out.emplace_back(dot);
            for (std::size_t i = 0; i < dot.points.size(); i += 2) {
                const auto& p0 = dot.points[i];
                const auto& p1 = dot.points[(i + 1) % dot.points.size()];
                out.emplace_back(layout::Line{p0.first, p0.second, p1.first, p1.second, look_.w_mark, color, {}});
            }
        } else {
            dot.fill = color;
            out.emplace_back(std::move(dot));
        }
        return;
    }
    const bool open_left = e.open_start || cut_left, open_right = e.open_end || cut_right;
    const double top = ymid - look_.bar_height / 2;
    const bool interval = e.kind == Kind::interval;
    const Color fill = e.approximate ? tint(color, 0.8) : interval ? color : tint(color, 0.45);
    double bl = l, br = r;
    if (open_left) bl += look_.arrow;
    if (open_right) br -= look_.arrow;
    // Fading ends towards an open side: three steps.
    const double fade = std::min(18.0, std::max(0.0, (br - bl) / 3));
    double solid_l = bl, solid_r = br;
    if (open_left) solid_l += fade;
    if (open_right) solid_r -= fade;
    if (solid_r > solid_l)
        out.emplace_back(layout::Rect{solid_l, top, solid_r - solid_l, look_.bar_height, fill, std::nullopt, look_.w_outline});
    for (int s = 0; s < 3 && fade > 0; ++s) {
        const Color fs = tint(fill, 0.3 + 0.2 * s);
        const double w = fade / 3;
        if (open_right)
            out.emplace_back(layout::Rect{solid_r + s * w, top, w, look_.bar_height, fs, std::nullopt, look_.w_outline});
        if (open_left)
            out.emplace_back(layout::Rect{solid_l - (s + 1) * w, top, w, look_.bar_height, fs, std::nullopt, look_.w_outline});
    }
    if (e.approximate) {
        dashed_rect(out, bl, top, std::max(0.5, br - bl), look_.bar_height, color);
    } else if (!interval) {
        out.emplace_back(layout::Rect{bl, top, std::max(0.5, br - bl), look_.bar_height, std::nullopt, color, look_.w_outline});
    } else {
        // Caps at the closed ends of an interval.
        const double half = look_.bar_height / 2 + kCapOverhang;
        if (!open_left) out.emplace_back(layout::Line{bl, ymid - half, bl, ymid + half, look_.w_mark, color, {}});
        if (!open_right) out.emplace_back(layout::Line{br, ymid - half, br, ymid + half, look_.w_mark, color, {}});
    }
    const Color arrow = tint(color, 0.5);
    if (open_right) {
        layout::Polygon a;
        a.points = {{br, ymid - 2.8}, {r, ymid}, {br, ymid + 2.8}};
        a.fill = arrow;
        out.emplace_back(std::move(a));
    }
    if (open_left) {
        layout::Polygon a;
        a.points = {{bl, ymid - 2.8}, {l, ymid}, {bl, ymid + 2.8}};
        a.fill = arrow;
        out.emplace_back(std::move(a));
    }
}

void TimelineLayout::draw_legend_symbol(std::vector<Item>& out, LegendEntry::Symbol s, double x, double ymid) const {
    const Color c = look_.lanes.front();
    Event e;
    double l = x, r = x + 14;
    switch (s) {
        case LegendEntry::point:
            e.kind = Kind::point;
            draw_marker(out, e, x + 7 - look_.point, x + 7 + look_.point, false, false, ymid, c);
            break;
        case LegendEntry::period:
            e.kind = Kind::period;
            draw_marker(out, e, l, r, false, false, ymid, c);
            break;
        case LegendEntry::interval:
            e.kind = Kind::interval;
            draw_marker(out, e, l, r, false, false, ymid, c);
            break;
        case LegendEntry::open:
            e.kind = Kind::interval;
            e.open_end = true;
            draw_marker(out, e, l, r, false, false, ymid, c);
            break;
        case LegendEntry::approximate:
            e.kind = Kind::period;
            e.approximate = true;
            draw_marker(out, e, l, r, false, false, ymid, c);
            break;
        case LegendEntry::uncertain:
            e.kind = Kind::point;
            draw_whiskers(out, x + 7 - look_.point - look_.whisker + 1, x + 7 + look_.point + look_.whisker - 1, ymid, c);
            draw_marker(out, e, x + 7 - look_.point, x + 7 + look_.point, false, false, ymid, c);
            break;
        case LegendEntry::era:
            out.emplace_back(layout::Rect{x, ymid - 4.5, 14, 9, look_.era_fill, std::nullopt, look_.w_outline});
            break;
        case LegendEntry::brk:
            out.emplace_back(layout::Line{x, ymid, x + 4.5, ymid, look_.w_axis, look_.rule, {}});
            out.emplace_back(layout::Line{x + 9.5, ymid, x + 14, ymid, look_.w_axis, look_.rule, {}});
            out.emplace_back(layout::Line{x + 3.5, ymid + 3, x + 6.5, ymid - 3, look_.w_axis, look_.rule, {}});
            out.emplace_back(layout::Line{x + 7.5, ymid + 3, x + 10.5, ymid - 3, look_.w_axis, look_.rule, {}});
            break;
        case LegendEntry::count: {
            out.emplace_back(layout::Rect{x, ymid - look_.strip / 2, 14, look_.strip, tint(c, 0.72), std::nullopt, look_.w_outline});
            setter_.set_text(out, "5", strong_ts_, x + 7, strong_ts_.centred_baseline(ymid), draw::HAlign::center);
            break;
        }
    }
}

void TimelineLayout::draw_legend(std::vector<Item>& out) {
    if (!out.empty()) return;  // drawn once
    for (std::size_t i = 0; i < legend_.size(); ++i) {
        const auto& e = legend_[i];
        const double top = 8 + legend_row_[i] * (small_lh_ + 3);
        const double x = legend_x_[i];
        const double ymid = top + small_lh_ / 2;
        draw_legend_symbol(out, e.symbol, x + 1, ymid);
        double tx = x + 19;
        for (std::size_t k = 0; k < langs_.size(); ++k) {
            const auto& ts = k == 0 ? strong_ts_ : small_ts_;
            tx += setter_.set_text(out, i18n::message(e.text, langs_[k]), ts, tx, ts.baseline(top)) + kLegendPair;
        }
    }
}

}  // namespace

Fitted timeline_boxes(const report::TimelineData& data, const Frame& frame, draw::Setter& setter,
                      const TimelineBoxSink& sink) {
    TimelineLayout layout(data, frame, setter);
    return layout.run(sink);
}

}  // namespace timeline::graphics
