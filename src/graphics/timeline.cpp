// The timeline graphic (issue 5 §1): lanes in data order, every date drawn as the span it
// means, items stacked per lane by interval partitioning on their measured extents, an axis
// with adaptive ticks and breaks over long empty gaps, numbered callouts for labels that
// cannot be placed, and pagination into boxes that each repeat the axis and lane labels.
//
// A box is planned (positions and height, no drawing) for a run of items in date order; the
// longest run that fits the room is found by galloping search, then drawn. Planning a run of
// k items costs O(k log k + k·tracks), and tracks per lane are bounded by the page height, so
// the whole timeline is close to linear in the number of items.
#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>
#include <numbers>
#include <string>
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
constexpr double kSourceGap = 5;     // above the source line under the timeline
constexpr double kCapOverhang = 1.2;  // caps of an interval reach this far above and below its bar
constexpr double kNotesGap = 6;       // between the legend and the notes of callouts
constexpr double kNoteGap = 3;        // between two notes

// An item's label: its date, then its title, per language.
report::BiText label_text(const report::TimelineItem& item) {
    report::BiText text;
    text.zh = item.when.zh.empty() ? item.label.zh : item.when.zh + " " + item.label.zh;
    text.en = item.when.en.empty() ? item.label.en : item.when.en + " " + item.label.en;
    text.zh_fallback = item.label.zh_fallback;
    text.en_fallback = item.label.en_fallback;
    return text;
}

// The theme's values the timeline uses (lanes are told apart by their rows and labels, not by
// colour alone).
struct Look {
    explicit Look(const theme::Theme& t)
        : ink(t.color(Ink::ink)), muted(t.color(Ink::muted)), rule(t.color(Ink::rule)), hair(t.color(Ink::hairline)),
          grid(t.color(Ink::grid)), era_fill(t.color(Ink::era_fill)), era_text(t.color(Ink::era_text)),
          paper(t.color(Ink::paper)), lanes(t.lane_colors()), bar_zone(t.mark(Mark::bar_zone)),
          bar_height(t.mark(Mark::bar_height)), point(t.mark(Mark::point)), item_gap(t.space(Space::item_gap)),
          row_gap(t.space(Space::row_gap)), lane_pad(t.space(Space::lane_pad)), break_width(t.mark(Mark::break_width)),
          arrow(t.mark(Mark::arrow)), whisker(t.mark(Mark::whisker)), note_indent(t.space(Space::note_indent)),
          badge_height(t.mark(Mark::badge_height)), cap(t.mark(Mark::cap)), tick(t.mark(Mark::tick)),
          w_axis(t.rule(Rule::axis_main)), w_lane(t.rule(Rule::lane)), w_grid(t.rule(Rule::timeline_grid)),
          w_tick(t.rule(Rule::axis)), w_guide(t.rule(Rule::break_guide)), w_mark(t.rule(Rule::mark)),
          w_thin(t.rule(Rule::mark_thin)), w_outline(t.rule(Rule::outline)) {}
    Color ink, muted, rule, hair, grid, era_fill, era_text, paper;
    std::vector<Color> lanes;
    double bar_zone;     // room for the marker above an item's label
    double bar_height;   // a period's bar
    double point;        // radius of a day's dot
    double item_gap;     // between items of one track
    double row_gap;      // between tracks
    double lane_pad;
    double break_width;  // an axis break
    double arrow;        // the arrow of an open end
    double whisker;      // error-bar whiskers of uncertain dates
    double note_indent;  // notes of callouts after their badge
    double badge_height;
    double cap;   // half-height of whisker ends and of the caps of intervals
    double tick;  // axis ticks
    double w_axis, w_lane, w_grid, w_tick, w_guide, w_mark, w_thin, w_outline;  // rule weights
};

enum class Kind { point, period, interval };

struct TextBlock {
    std::vector<std::vector<text::LayoutLine>> langs;  // per shown language
    double width = 0;
    int lines = 0;
};

struct Prepared {
    int lane = 0;
    bool dated = true;
    bool open_start = false;
    bool open_end = false;
    int first = 0;  // first day (or the known day of an open interval)
    int end = 1;    // exclusive
    Kind kind = Kind::point;
    bool approximate = false;
    bool uncertain = false;
    bool callout = false;
    TextBlock label;  // empty for callouts
    double note_h = 0;  // callouts: height of the note under the timeline
};

struct Placed {
    std::size_t item = 0;
    double mark_left = 0, mark_right = 0;  // marker (bar or point) extent
    double label_x = 0;                    // label or badge left
    double left = 0, right = 0;            // whole extent
    double height = 0;
    int track = 0;
};

struct LaneBox {
    std::vector<double> track_top;  // relative to lane content top
    double height = 0;
};

struct EraPlaced {
    std::size_t era = 0;
    int first = 0, end = 0;
    double label_x = 0;
    int track = 0;
};

struct Plan {
    std::size_t begin = 0, end = 0;
    bool first = true, last = true;
    std::vector<axis::Segment> segments;
    std::vector<Placed> placed;  // in item order
    std::vector<LaneBox> lanes;
    std::vector<EraPlaced> eras;
    int era_tracks = 0;
    bool year_tier = false;
    double cont_h = 0, era_h = 0, axis_h = 0, lanes_h = 0, legend_h = 0, notes_h = 0, source_h = 0;
    double height = 0;
};

struct LegendEntry {
    enum Symbol { point, period, interval, open, approximate, uncertain, era, brk, callout } symbol;
    i18n::Msg text;
};

class TimelineLayout {
public:
    TimelineLayout(const report::TimelineData& data, const Frame& frame, draw::Setter& setter)
        : data_(data), frame_(frame), setter_(setter), look_(setter.theme()),
          label_ts_(setter.style(Style::event)), label2_ts_(setter.style(Style::event_second)),
          small_ts_(setter.style(Style::axis)), strong_ts_(setter.style(Style::axis_strong)),
          lane_ts_(setter.style(Style::lane)), lane2_ts_(setter.style(Style::lane_second)),
          badge_ts_(setter.style(Style::badge)), era_ts_(setter.style(Style::era)) {
        langs_ = report::languages(frame.mode);
        label_lh_ = label_ts_.line_height();
        small_lh_ = small_ts_.line_height();
        lane_lh_ = lane_ts_.line_height();
        widths_ = axis::label_widths(frame.mode, setter, small_ts_);
        prepare_lanes();
        plot_x0_ = lane_col_;
        plot_x1_ = frame.width - 6;
        prepare_items();
        prepare_legend();
        prepare_source();
    }

    Fitted run();

    std::vector<report::Shown> shown(const report::BiText& t) const { return report::shown(t, frame_.mode); }

private:
    TextBlock block(const report::BiText& t, const draw::TextStyle& ts, double width, std::string_view prefix_zh = {},
                    std::string_view prefix_en = {}) const {
        TextBlock b;
        for (const auto& part : shown(t)) {
            const Lang lang = part.lang;
            std::string text(lang == Lang::zh ? prefix_zh : prefix_en);
            text += part.text;
            std::vector<text::LayoutLine> lines;
            // Fast path: plain ASCII text that fits is one line of one piece (no Han-Latin gaps,
            // nothing to break); everything else goes through the line breaker.
            const bool ascii = std::all_of(text.begin(), text.end(), [](char c) {
                return static_cast<unsigned char>(c) < 0x80 && c != '\n';
            });
            const double natural = ascii && !text.empty() && text.front() != ' ' && text.back() != ' '
                                       ? setter_.measure(text, ts)
                                       : width + 1;
            if (natural <= width) {
                text::LayoutLine line;
                line.pieces.push_back({text, 0, natural});
                line.width = natural;
                line.last = true;
                lines.push_back(std::move(line));
            } else {
                lines = setter_.break_lines(text, ts, width, draw::text_lang(lang == Lang::zh));
            }
            for (const auto& l : lines) b.width = std::max(b.width, l.width);
            b.lines += static_cast<int>(lines.size());
            b.langs.push_back(std::move(lines));
        }
        return b;
    }

    void prepare_lanes();
    void prepare_items();
    void prepare_legend();
    void prepare_source();
    double badge_width(int number) const;
    double xmap(const std::vector<axis::Segment>& segs, double day) const;
    Plan plan(std::size_t begin, std::size_t end, bool first, bool last) const;
    void plan_axis(Plan& p) const;
    void plan_eras(Plan& p) const;
    void place_items(Plan& p) const;
    void assign_tracks(Plan& p) const;
    struct Frames;
    draw::Box render(const Plan& p);
    void render_eras(std::vector<Item>& out, const Plan& p, const Frames& f);
    void render_axis(std::vector<Item>& out, const Plan& p, const Frames& f);
    void render_lanes(std::vector<Item>& out, const Plan& p, const Frames& f);
    void render_items(std::vector<Item>& out, const Plan& p, const Frames& f,
                      std::vector<std::pair<int, std::size_t>>& notes);
    void render_notes(std::vector<Item>& out, const std::vector<std::pair<int, std::size_t>>& notes, double y);
    void set_block(std::vector<Item>& out, const TextBlock& b, double x, double top);
    void draw_marker(std::vector<Item>& out, const Prepared& it, const Placed& pl, double y, Color color) const;
    void draw_badge(std::vector<Item>& out, int number, double x, double ymid);
    void draw_legend_symbol(std::vector<Item>& out, LegendEntry::Symbol s, double x, double ymid) const;
    void draw_legend(std::vector<Item>& out);
    void draw_whiskers(std::vector<Item>& out, double l, double r, double ymid, Color c) const;
    void dashed_rect(std::vector<Item>& out, double x, double y, double w, double h, Color c) const;
    double text_width(const std::string& s) {
        auto it = width_cache_.find(s);
        if (it != width_cache_.end()) return it->second;
        const double w = setter_.measure(s, small_ts_);
        width_cache_.emplace(s, w);
        return w;
    }
    double text_block_height(int lines) const { return lines * label_lh_; }

    const report::TimelineData& data_;
    const Frame& frame_;
    draw::Setter& setter_;
    const Look look_;
    const draw::TextStyle &label_ts_, &label2_ts_, &small_ts_, &strong_ts_, &lane_ts_, &lane2_ts_, &badge_ts_, &era_ts_;
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
    std::vector<Prepared> items_;
    std::vector<int> era_first_, era_end_;  // days; era_end_ exclusive; first > end: not drawable
    std::vector<TextBlock> era_text_;

    std::vector<LegendEntry> legend_;
    std::vector<double> legend_x_;
    std::vector<int> legend_row_;
    double legend_h_ = 0;
    std::vector<std::vector<text::LayoutLine>> source_lines_;
    double source_h_ = 0;
    int next_callout_ = 1;
    bool legend_drawn_ = false;
    std::vector<Item> legend_items_;
    std::map<std::string, double> width_cache_;
    std::vector<std::vector<Item>> lane_items_;  // lane labels drawn once at y = 0
};

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
    // Items keep the lane index.
    items_.resize(data_.items.size());
    for (std::size_t i = 0; i < data_.items.size(); ++i) items_[i].lane = index[data_.items[i].lane];
}

void TimelineLayout::prepare_items() {
    const double plot_w = plot_x1_ - plot_x0_;
    const double max_w = std::min(plot_w * 0.5, 190.0);
    const int max_lines = langs_.size() > 1 ? 3 : 4;  // per language
    for (std::size_t i = 0; i < data_.items.size(); ++i) {
        const auto& src = data_.items[i];
        Prepared& p = items_[i];
        const auto first = src.date.first_day();
        const auto last = src.date.last_day();
        p.open_start = !first;
        p.open_end = !last;
        p.dated = first || last;
        if (p.dated) {
            p.first = axis::day_number(first ? *first : *last);
            p.end = std::max(p.first, axis::day_number(last ? *last : *first)) + 1;
        }
        p.kind = src.date.interval || p.open_start || p.open_end ? Kind::interval
                 : (p.end - p.first <= 1 && src.date.precision() == Precision::day) ? Kind::point
                                                                                   : Kind::period;
        p.approximate = src.date.approximate() || src.date.derived;
        p.uncertain = src.date.uncertain();
        // Label: "date title" per language, wrapped to at most max_lines lines each.
        const report::BiText text = label_text(src);
        p.label = block(text, label_ts_, max_w);
        bool too_long = plot_w < 60 || !p.dated;
        for (const auto& l : p.label.langs) too_long = too_long || static_cast<int>(l.size()) > max_lines;
        if (too_long) {
            p.callout = true;
            p.label = {};
            const auto note = block(text, label_ts_, frame_.width - look_.note_indent);
            p.note_h = std::max(look_.badge_height, text_block_height(note.lines)) + kNoteGap;
        }
    }
    for (const auto& e : data_.eras) {
        const auto a = e.date.first_day();
        const auto b = e.date.last_day();
        const int first = a ? axis::day_number(*a) : b ? axis::day_number(*b) : 1;
        const int last = b ? axis::day_number(*b) : a ? axis::day_number(*a) : -1;
        era_first_.push_back(first);
        era_end_.push_back(last + 1);
        era_text_.push_back(block(e.label, era_ts_, std::min(plot_w * 0.6, 240.0)));
    }
}

void TimelineLayout::prepare_legend() {
    bool point = false, period = false, interval = false, open = false, approx = false, unc = false, callout = false;
    for (const auto& p : items_) {
        if (!p.dated) {
            callout = true;
            continue;
        }
        point = point || p.kind == Kind::point;
        period = period || p.kind == Kind::period;
        interval = interval || (p.kind == Kind::interval && !p.open_start && !p.open_end);
        open = open || p.open_start || p.open_end;
        approx = approx || p.approximate;
        unc = unc || p.uncertain;
        callout = callout || p.callout;
    }
    using i18n::Msg;
    if (point) legend_.push_back({LegendEntry::point, Msg::legend_day});
    if (period) legend_.push_back({LegendEntry::period, Msg::legend_period});
    if (interval) legend_.push_back({LegendEntry::interval, Msg::legend_interval});
    if (open) legend_.push_back({LegendEntry::open, Msg::legend_open});
    if (approx) legend_.push_back({LegendEntry::approximate, Msg::legend_approximate});
    if (unc) legend_.push_back({LegendEntry::uncertain, Msg::legend_uncertain});
    if (!data_.eras.empty()) legend_.push_back({LegendEntry::era, Msg::legend_era});
    legend_.push_back({LegendEntry::brk, Msg::legend_axis_break});
    if (callout) legend_.push_back({LegendEntry::callout, Msg::legend_callout});
    // Flow the entries into rows.
    const double sym = 16, gap = 12;
    double x = 0;
    int row = 0;
    for (const auto& e : legend_) {
        double w = 0;
        for (Lang l : langs_) w = std::max(w, setter_.measure(i18n::message(e.text, l), small_ts_));
        const double ew = sym + 3 + w;
        if (x > 0 && x + ew > frame_.width) {
            x = 0;
            ++row;
        }
        legend_x_.push_back(x);
        legend_row_.push_back(row);
        x += ew + gap;
    }
    const double row_h = static_cast<double>(langs_.size()) * small_lh_ + 3;
    legend_h_ = legend_.empty() ? 0 : 8 + (row + 1) * row_h;
}

void TimelineLayout::prepare_source() {
    for (const auto& part : shown(data_.source_line)) {
        source_lines_.push_back(setter_.break_lines(part.text, small_ts_, frame_.width, draw::text_lang(part.lang == Lang::zh)));
    }
    int n = 0;
    for (const auto& l : source_lines_) n += static_cast<int>(l.size());
    source_h_ = n == 0 ? 0 : kSourceGap + n * small_lh_;
}

double TimelineLayout::badge_width(int number) const {
    return std::max(look_.badge_height, setter_.measure(std::to_string(number), badge_ts_) + 4.5);
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

Plan TimelineLayout::plan(std::size_t begin, std::size_t end, bool first, bool last) const {
    Plan p;
    p.begin = begin;
    p.end = end;
    p.first = first;
    p.last = last;
    plan_axis(p);
    plan_eras(p);
    place_items(p);
    assign_tracks(p);
    // Notes of callouts.
    p.notes_h = 0;
    for (std::size_t i = begin; i < end; ++i)
        if (items_[i].callout) p.notes_h += items_[i].note_h;
    if (p.notes_h > 0) p.notes_h += kNotesGap;
    p.legend_h = legend_h_;
    p.source_h = last ? source_h_ : 0;
    p.height = p.cont_h + p.era_h + p.axis_h + p.lanes_h + p.legend_h + p.notes_h + p.source_h;
    return p;
}

// The axis of a box: the spans of its items and of the eras that reach into them, cut into
// segments at long empty gaps; the height of its tiers of labels.
void TimelineLayout::plan_axis(Plan& p) const {
    const std::size_t begin = p.begin, end = p.end;
    const bool first = p.first, last = p.last;
    std::vector<axis::Span> spans;
    int lo = 0, hi = 0;
    bool any = false;
    for (std::size_t i = begin; i < end; ++i) {
        const auto& it = items_[i];
        if (!it.dated) continue;
        spans.push_back({it.first, it.end});
        lo = any ? std::min(lo, it.first) : it.first;
        hi = any ? std::max(hi, it.end) : it.end;
        any = true;
    }
    for (std::size_t e = 0; e < era_first_.size(); ++e) {
        if (era_end_[e] <= era_first_[e]) continue;
        const bool reaches = (first && last) || !any || (era_first_[e] < hi && era_end_[e] > lo) ||
                             (first && era_end_[e] <= lo) || (last && era_first_[e] >= hi);
        if (reaches) spans.push_back({era_first_[e], era_end_[e]});
    }
    p.segments = axis::make_segments(spans, plot_x0_, plot_x1_, look_.break_width, widths_);
    // Axis height: tiers of labels, then the rule.
    int minor_lines = 1;
    for (const auto& s : p.segments) {
        const auto u = axis::choose_unit(s.first, s.end, s.x1 - s.x0, widths_);
        if (axis::months(u) < 12) {
            p.year_tier = true;
            if (frame_.mode == LangMode::bi) minor_lines = 2;
        }
    }
    p.axis_h = p.segments.empty() ? 0 : (minor_lines + (p.year_tier ? 1 : 0)) * small_lh_ + 5;
    p.cont_h = first ? 0 : small_lh_ + 2;
}

// Eras in the strip above the axis, partitioned into tracks like items.
void TimelineLayout::plan_eras(Plan& p) const {
    if (p.segments.empty()) return;
    std::vector<double> track_end;
    for (std::size_t e = 0; e < era_first_.size(); ++e) {
        if (era_end_[e] <= era_first_[e]) continue;
        const int a = std::max(era_first_[e], p.segments.front().first);
        const int b = std::min(era_end_[e], p.segments.back().end);
        if (b <= a) continue;
        const double w = era_text_[e].width;
        const double x = std::clamp(xmap(p.segments, a) + 2, 0.0, std::max(0.0, frame_.width - w));
        int t = 0;
        while (t < static_cast<int>(track_end.size()) && track_end[t] + look_.item_gap > x) ++t;
        if (t == static_cast<int>(track_end.size())) track_end.push_back(0);
        track_end[t] = x + w;
        p.eras.push_back({e, a, b, x, t});
    }
    p.era_tracks = static_cast<int>(track_end.size());
    int lines = 0;
    for (const auto& e : p.eras) lines = std::max(lines, era_text_[e.era].lines);
    p.era_h = p.era_tracks == 0 ? 0 : p.era_tracks * (lines * small_lh_ + 2) + 3;
}

// The extent of each item of the box: its marker (bar or point, whiskers when uncertain) and
// its label or callout badge.
void TimelineLayout::place_items(Plan& p) const {
    const std::size_t begin = p.begin, end = p.end;
    p.placed.resize(end - begin);
    int number = next_callout_;
    for (std::size_t i = begin; i < end; ++i) {
        const auto& it = items_[i];
        Placed& pl = p.placed[i - begin];
        pl.item = i;
        if (!it.dated) {
            pl.height = 0;
            ++number;
            continue;
        }
        double l = it.open_start ? plot_x0_ : xmap(p.segments, it.first);
        double r = it.open_end ? plot_x1_ : xmap(p.segments, it.end);
        if (it.kind == Kind::point) {
            const double c = (l + r) / 2;
            l = c - look_.point;
            r = c + look_.point;
        } else if (r - l < 1.5) {
            const double c = (l + r) / 2;
            l = c - 0.75;
            r = c + 0.75;
        }
        pl.mark_left = l;
        pl.mark_right = r;
        double right = r;
        if (it.uncertain) {
            // Whiskers of an uncertain date.
            l -= look_.whisker;
            right += look_.whisker;
        }
        if (it.callout) {
            const double bw = badge_width(number++);
            pl.label_x = right + 2 + bw <= plot_x1_ ? right + 2 : l - 2 - bw;
            pl.left = std::min(l, pl.label_x);
            pl.right = std::max(right, pl.label_x + bw);
            if (it.uncertain) l += look_.whisker;
            pl.height = std::max(look_.bar_zone, look_.badge_height + 1);
        } else {
            const double w = it.label.width;
            pl.label_x = std::clamp(l, plot_x0_, std::max(plot_x0_, plot_x1_ - w));
            pl.left = std::min(l, pl.label_x);
            pl.right = std::max(right, pl.label_x + w);
            if (it.uncertain) l += look_.whisker;
            pl.height = look_.bar_zone + text_block_height(it.label.lines);
        }
    }
}

// Items into tracks per lane, first fit in order of left edge; the height of every lane.
void TimelineLayout::assign_tracks(Plan& p) const {
    const std::size_t end = p.end, begin = p.begin;
    std::vector<std::size_t> order;
    order.reserve(end - begin);
    for (std::size_t k = 0; k < p.placed.size(); ++k)
        if (items_[p.placed[k].item].dated) order.push_back(k);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t x, std::size_t y) { return p.placed[x].left < p.placed[y].left; });
    std::vector<std::vector<double>> track_end(lanes_.size());
    std::vector<std::vector<double>> track_h(lanes_.size());
    for (std::size_t k : order) {
        Placed& pl = p.placed[k];
        auto& ends = track_end[static_cast<std::size_t>(items_[pl.item].lane)];
        auto& hs = track_h[static_cast<std::size_t>(items_[pl.item].lane)];
        std::size_t t = 0;
        while (t < ends.size() && ends[t] + look_.item_gap > pl.left) ++t;
        if (t == ends.size()) {
            ends.push_back(0);
            hs.push_back(0);
        }
        ends[t] = pl.right;
        hs[t] = std::max(hs[t], pl.height);
        pl.track = static_cast<int>(t);
    }
    p.lanes.resize(lanes_.size());
    p.lanes_h = 0;
    for (std::size_t l = 0; l < lanes_.size(); ++l) {
        double y = 0;
        for (double h : track_h[l]) {
            p.lanes[l].track_top.push_back(y);
            y += h + look_.row_gap;
        }
        if (y > 0) y -= look_.row_gap;
        const double label_h = lanes_[l].text.lines * lane_lh_;
        p.lanes[l].height = std::max(y, label_h) + 2 * look_.lane_pad;
        p.lanes_h += p.lanes[l].height;
    }
}

Fitted TimelineLayout::run() {
    std::vector<draw::Box> boxes;
    const std::size_t n = items_.size();
    if (n == 0 && data_.eras.empty()) return boxes;
    std::size_t pos = 0;
    bool first = true;
    std::size_t guess = 16;
    for (;;) {
        const double room = boxes.empty() ? frame_.first_height : frame_.page_height;
        const std::size_t left = n - pos;
        auto fits = [&](std::size_t k) { return plan(pos, pos + k, first, pos + k == n).height <= room; };
        std::size_t k = std::min<std::size_t>(1, left);
        if (left > 0 && !fits(1)) {
            // Not even the axis and one row fit the room here: say how much is needed.
            if (boxes.empty() && frame_.first_height < frame_.page_height)
                return NeedsRoom{plan(pos, pos + 1, first, pos + 1 == n).height};
            k = 1;  // not even one item fits a whole page: it goes alone
        } else if (left > 1) {
            // Galloping search for the longest run that fits.
            std::size_t lo = 1, hi = std::min(guess, left);
            if (fits(hi)) {
                lo = hi;
                hi = std::min(left + 1, hi * 2);
                while (hi <= left && fits(hi)) {
                    lo = hi;
                    hi = std::min(left + 1, hi * 2);
                }
            }
            // lo fits, hi does not (or hi == left + 1)
            while (hi - lo > 1) {
                const std::size_t mid = lo + (hi - lo) / 2;
                if (fits(mid)) lo = mid;
                else hi = mid;
            }
            k = lo;
            guess = std::max<std::size_t>(k, 2);
        }
        auto p = plan(pos, pos + k, first, pos + k == n);
        boxes.push_back(render(p));
        pos += k;
        first = false;
        if (pos >= n) break;
    }
    return boxes;
}

void TimelineLayout::draw_badge(std::vector<Item>& out, int number, double x, double ymid) {
    const double w = badge_width(number);
    const double h = look_.badge_height, r = h / 2;
    layout::Polygon pill;
    for (int i = 0; i <= 8; ++i) {  // right end, top to bottom
        const double a = -kPi / 2 + kPi * i / 8;
        pill.points.emplace_back(x + w - r + r * std::cos(a), ymid + r * std::sin(a));
    }
    for (int i = 0; i <= 8; ++i) {  // left end, bottom to top
        const double a = kPi / 2 + kPi * i / 8;
        pill.points.emplace_back(x + r + r * std::cos(a), ymid + r * std::sin(a));
    }
    pill.fill = look_.ink;
    out.emplace_back(std::move(pill));
    // Digits sit on a baseline that centres their cap height.
    setter_.set_text(out, std::to_string(number), badge_ts_, x + w / 2, badge_ts_.centred_baseline(ymid), draw::HAlign::center);
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

void TimelineLayout::draw_marker(std::vector<Item>& out, const Prepared& it, const Placed& pl, double ymid,
                                 Color color) const {
    const double l = pl.mark_left, r = pl.mark_right;
    if (it.kind == Kind::point) {
        layout::Polygon dot;
        for (int i = 0; i < 16; ++i) {
            const double a = 2 * kPi * i / 16;
            dot.points.emplace_back((l + r) / 2 + look_.point * std::cos(a), ymid + look_.point * std::sin(a));
        }
        if (it.approximate) {
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
    } else {
        const double top = ymid - look_.bar_height / 2;
        const bool interval = it.kind == Kind::interval;
        const Color fill = it.approximate ? tint(color, 0.8) : interval ? color : tint(color, 0.45);
        double bl = l, br = r;
        if (it.open_start) bl += look_.arrow;
        if (it.open_end) br -= look_.arrow;
        // Fading ends for open intervals: three steps towards the open side.
        const double fade = std::min(18.0, std::max(0.0, (br - bl) / 3));
        double solid_l = bl, solid_r = br;
        if (it.open_start) solid_l += fade;
        if (it.open_end) solid_r -= fade;
        if (solid_r > solid_l)
            out.emplace_back(layout::Rect{solid_l, top, solid_r - solid_l, look_.bar_height, fill, std::nullopt, look_.w_outline});
        for (int s = 0; s < 3 && fade > 0; ++s) {
            const Color f = tint(fill, 0.3 + 0.2 * s);
            const double w = fade / 3;
            if (it.open_end)
                out.emplace_back(layout::Rect{solid_r + s * w, top, w, look_.bar_height, f, std::nullopt, look_.w_outline});
            if (it.open_start)
                out.emplace_back(layout::Rect{solid_l - (s + 1) * w, top, w, look_.bar_height, f, std::nullopt, look_.w_outline});
        }
        if (it.approximate) {
            dashed_rect(out, bl, top, std::max(0.5, br - bl), look_.bar_height, color);
        } else if (!interval) {
            out.emplace_back(layout::Rect{bl, top, std::max(0.5, br - bl), look_.bar_height, std::nullopt, color, look_.w_outline});
        } else {
            // Caps at closed ends of an interval.
            const double ymid_cap = top + look_.bar_height / 2, half = look_.bar_height / 2 + kCapOverhang;
            if (!it.open_start) out.emplace_back(layout::Line{bl, ymid_cap - half, bl, ymid_cap + half, look_.w_mark, color, {}});
            if (!it.open_end) out.emplace_back(layout::Line{br, ymid_cap - half, br, ymid_cap + half, look_.w_mark, color, {}});
        }
        const Color arrow = tint(color, 0.5);
        if (it.open_end) {
            layout::Polygon a;
            a.points = {{br, ymid - 2.8}, {r, ymid}, {br, ymid + 2.8}};
            a.fill = arrow;
            out.emplace_back(std::move(a));
        }
        if (it.open_start) {
            layout::Polygon a;
            a.points = {{bl, ymid - 2.8}, {l, ymid}, {bl, ymid + 2.8}};
            a.fill = arrow;
            out.emplace_back(std::move(a));
        }
    }
}

void TimelineLayout::draw_legend_symbol(std::vector<Item>& out, LegendEntry::Symbol s, double x, double ymid) const {
    const Color c = look_.lanes.front();
    Prepared it;
    Placed pl;
    pl.mark_left = x;
    pl.mark_right = x + 14;
    switch (s) {
        case LegendEntry::point:
            it.kind = Kind::point;
            pl.mark_left = x + 7 - look_.point;
            pl.mark_right = x + 7 + look_.point;
            draw_marker(out, it, pl, ymid, c);
            break;
        case LegendEntry::period: it.kind = Kind::period; draw_marker(out, it, pl, ymid, c); break;
        case LegendEntry::interval: it.kind = Kind::interval; draw_marker(out, it, pl, ymid, c); break;
        case LegendEntry::open:
            it.kind = Kind::interval;
            it.open_end = true;
            draw_marker(out, it, pl, ymid, c);
            break;
        case LegendEntry::approximate:
            it.kind = Kind::period;
            it.approximate = true;
            draw_marker(out, it, pl, ymid, c);
            break;
        case LegendEntry::uncertain: {
            it.kind = Kind::point;
            pl.mark_left = x + 4 - look_.point;
            pl.mark_right = x + 4 + look_.point;
            draw_whiskers(out, x + 7 - look_.point - look_.whisker + 1, x + 7 + look_.point + look_.whisker - 1, ymid, c);
            pl.mark_left = x + 7 - look_.point;
            pl.mark_right = x + 7 + look_.point;
            draw_marker(out, it, pl, ymid, c);
            break;
        }
        case LegendEntry::era:
            out.emplace_back(layout::Rect{x, ymid - 4.5, 14, 9, look_.era_fill, std::nullopt, look_.w_outline});
            break;
        case LegendEntry::brk:
            out.emplace_back(layout::Line{x, ymid, x + 4.5, ymid, look_.w_axis, look_.rule, {}});
            out.emplace_back(layout::Line{x + 9.5, ymid, x + 14, ymid, look_.w_axis, look_.rule, {}});
            out.emplace_back(layout::Line{x + 3.5, ymid + 3, x + 6.5, ymid - 3, look_.w_axis, look_.rule, {}});
            out.emplace_back(layout::Line{x + 7.5, ymid + 3, x + 10.5, ymid - 3, look_.w_axis, look_.rule, {}});
            break;
        case LegendEntry::callout: break;
    }
}

void TimelineLayout::draw_legend(std::vector<Item>& out) {
    const double row_h = static_cast<double>(langs_.size()) * small_lh_ + 3;
    for (std::size_t i = 0; i < legend_.size(); ++i) {
        const auto& e = legend_[i];
        const double top = 8 + legend_row_[i] * row_h;
        const double x = legend_x_[i];
        const double ymid = top + (static_cast<double>(langs_.size()) * small_lh_) / 2;
        if (e.symbol == LegendEntry::callout) {
            layout::Polygon dot;
            for (int k = 0; k < 16; ++k) {
                const double a = 2 * kPi * k / 16;
                dot.points.emplace_back(x + 7 + 4.3 * std::cos(a), ymid + 4.3 * std::sin(a));
            }
            dot.fill = look_.ink;
            out.emplace_back(std::move(dot));
        } else {
            draw_legend_symbol(out, e.symbol, x + 1, ymid);
        }
        double base = small_ts_.baseline(top);
        for (Lang l : langs_) {
            setter_.set_text(out, i18n::message(e.text, l), small_ts_, x + 19, base);
            base += small_lh_;
        }
    }
}

// The vertical sections of a box, top to bottom.
struct TimelineLayout::Frames {
    double era_top = 0, axis_top = 0, axis_y = 0, lanes_top = 0, lanes_bottom = 0;
};

draw::Box TimelineLayout::render(const Plan& p) {
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
    render_lanes(out, p, f);
    std::vector<std::pair<int, std::size_t>> notes;  // callout number, item
    render_items(out, p, f, notes);
    // The legend: drawn once, copied into every box.
    double fy = f.lanes_bottom;
    if (!legend_.empty()) {
        if (!legend_drawn_) {
            legend_drawn_ = true;
            draw_legend(legend_items_);
        }
        for (auto item : legend_items_) {
            draw::translate(item, 0, fy);
            out.push_back(std::move(item));
        }
        fy += p.legend_h;
    }
    render_notes(out, notes, fy);
    // The source line under the last box.
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
// with its label over a bracket that shows how far it reaches.
void TimelineLayout::render_eras(std::vector<Item>& out, const Plan& p, const Frames& f) {
    int lines = 0;
    for (const auto& q : p.eras) lines = std::max(lines, era_text_[q.era].lines);
    for (const auto& e : p.eras) {
        const double track_top = f.era_top + e.track * (lines * small_lh_ + 2);
        for (const auto& s : p.segments) {
            const int a = std::max(e.first, s.first), b = std::min(e.end, s.end);
            if (b <= a) continue;
            const double x0 = s.x(a), x1 = s.x(b);
            out.emplace_back(layout::Rect{x0, f.lanes_top, x1 - x0, f.lanes_bottom - f.lanes_top, look_.era_fill,
                                          std::nullopt, look_.w_outline});
        }
        const double by = track_top + lines * small_lh_ + 1;
        const Color bc = tint(look_.era_text, 0.35);
        const double bx0 = xmap(p.segments, e.first), bx1 = xmap(p.segments, e.end);
        out.emplace_back(layout::Line{bx0, by, bx1, by, look_.w_outline, bc, {}});
        out.emplace_back(layout::Line{bx0, by - 2, bx0, by, look_.w_outline, bc, {}});
        out.emplace_back(layout::Line{bx1, by - 2, bx1, by, look_.w_outline, bc, {}});
        double baseline = era_ts_.baseline(track_top);
        for (const auto& lang_lines : era_text_[e.era].langs)
            for (const auto& line : lang_lines) {
                setter_.set_line(out, line, era_ts_, e.label_x, baseline);
                baseline += small_lh_;
            }
    }
}

// The axis: grid lines down the lanes, the rule with its breaks, ticks, and the labels in
// tiers (years above months, quarters or halves), a label that would touch its
// neighbour left out.
void TimelineLayout::render_axis(std::vector<Item>& out, const Plan& p, const Frames& f) {
    if (p.segments.empty()) return;
    std::vector<axis::TickLabel> labels;
    for (std::size_t i = 0; i < p.segments.size(); ++i) {
        const auto& s = p.segments[i];
        const auto t = axis::segment_ticks(s.first, s.end, s.x0, s.x1, widths_);
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

// The lanes: a rule above each, its label in the column on the left (set once, copied).
void TimelineLayout::render_lanes(std::vector<Item>& out, const Plan& p, const Frames& f) {
    if (lane_items_.size() != lanes_.size()) lane_items_.resize(lanes_.size());
    double lane_y = f.lanes_top;
    for (std::size_t l = 0; l < lanes_.size(); ++l) {
        out.emplace_back(layout::Line{0, lane_y, frame_.width, lane_y, l == 0 ? look_.w_axis : look_.w_lane,
                                      l == 0 ? look_.rule : look_.hair, {}});
        if (lane_items_[l].empty()) {
            double base = lane_ts_.baseline(look_.lane_pad);
            for (const auto& lines : lanes_[l].text.langs) {
                const auto& ts = &lines == &lanes_[l].text.langs.front() ? lane_ts_ : lane2_ts_;
                for (const auto& line : lines) {
                    setter_.set_line(lane_items_[l], line, ts, 0, base);
                    base += lane_lh_;
                }
            }
        }
        for (auto item : lane_items_[l]) {
            draw::translate(item, 0, lane_y);
            out.push_back(std::move(item));
        }
        lane_y += p.lanes[l].height;
    }
    out.emplace_back(layout::Line{0, f.lanes_bottom, frame_.width, f.lanes_bottom, look_.w_axis, look_.rule, {}});
}

// The items of the box in their lanes and tracks: marker, then label or callout badge.
// Callouts are numbered on from the previous box and collected in `notes`.
void TimelineLayout::render_items(std::vector<Item>& out, const Plan& p, const Frames& f,
                                  std::vector<std::pair<int, std::size_t>>& notes) {
    std::vector<double> lane_top(lanes_.size());
    double yy = f.lanes_top;
    for (std::size_t l = 0; l < lanes_.size(); ++l) {
        lane_top[l] = yy + look_.lane_pad;
        yy += p.lanes[l].height;
    }
    int number = next_callout_;
    for (const auto& pl : p.placed) {
        const auto& it = items_[pl.item];
        const int num = it.callout ? number++ : 0;
        if (it.callout) notes.emplace_back(num, pl.item);
        if (!it.dated) continue;
        const auto lane = static_cast<std::size_t>(it.lane);
        const Color color = look_.lanes[lane % look_.lanes.size()];
        const double top = lane_top[lane] + p.lanes[lane].track_top[static_cast<std::size_t>(pl.track)];
        const double ymid = top + look_.bar_zone / 2;
        if (it.uncertain) draw_whiskers(out, pl.mark_left - look_.whisker, pl.mark_right + look_.whisker, ymid, color);
        draw_marker(out, it, pl, ymid, color);
        if (it.callout) draw_badge(out, num, pl.label_x, ymid);
        else set_block(out, it.label, pl.label_x, top + look_.bar_zone);
    }
    next_callout_ = number;
}

// The notes of the box's callouts under the legend: badge, then date and title.
void TimelineLayout::render_notes(std::vector<Item>& out, const std::vector<std::pair<int, std::size_t>>& notes,
                                  double y) {
    if (notes.empty()) return;
    y += kNotesGap;
    const double note_w = frame_.width - look_.note_indent;
    for (const auto& [num, idx] : notes) {
        const auto b = block(label_text(data_.items[idx]), label_ts_, note_w);
        draw_badge(out, num, 0, y + look_.badge_height / 2 + 0.5);
        set_block(out, b, look_.note_indent, y);
        y += std::max(look_.badge_height, text_block_height(b.lines)) + kNoteGap;
    }
}

// A label block with its top at y: the first language in the event style, the second muted.
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

}  // namespace

Fitted timeline_boxes(const report::TimelineData& data, const Frame& frame, draw::Setter& setter) {
    TimelineLayout layout(data, frame, setter);
    return layout.run();
}

}  // namespace timeline::graphics
