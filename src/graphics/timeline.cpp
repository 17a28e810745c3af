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
#include "graphics/timeline_axis.h"

namespace timeline::graphics {

namespace {

using layout::Color;
using layout::Item;

// A muted palette; lanes are told apart by their rows and labels, not by colour alone.
constexpr Color kInk{0.14, 0.16, 0.19};
constexpr Color kMuted{0.40, 0.43, 0.47};
constexpr Color kRule{0.55, 0.57, 0.60};
constexpr Color kHair{0.85, 0.86, 0.88};
constexpr Color kGrid{0.91, 0.92, 0.93};
constexpr Color kEraFill{0.955, 0.945, 0.915};
constexpr Color kEraText{0.45, 0.39, 0.27};
constexpr Color kWhite{1, 1, 1};
constexpr Color kLaneColors[] = {{0.18, 0.33, 0.50}, {0.56, 0.33, 0.13}, {0.22, 0.45, 0.38},
                                 {0.45, 0.26, 0.43}, {0.33, 0.37, 0.42}, {0.60, 0.44, 0.10}};

Color tint(Color c, double t) { return {c.r + (1 - c.r) * t, c.g + (1 - c.g) * t, c.b + (1 - c.b) * t}; }

// Geometry in points.
constexpr double kPi = std::numbers::pi;
constexpr double kLabelSize = 8;     // theme style "label"; never below 7
constexpr double kSmallSize = 7.5;   // axis, legend, era labels, source line
constexpr double kBadgeSize = 7;     // numbers in callout badges
constexpr double kBarZone = 7;       // room for the marker above an item's label
constexpr double kBarHeight = 3.6;
constexpr double kPointRadius = 2.4;
constexpr double kItemGap = 7;       // between items of one track
constexpr double kRowGap = 3.5;      // between tracks
constexpr double kLanePad = 4;
constexpr double kBreakWidth = 12;
constexpr double kArrow = 4;
constexpr double kWhisker = 4;      // error-bar whiskers of uncertain dates
constexpr double kNoteIndent = 26;
constexpr double kBadgeHeight = 8.6;

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
    int minor_lines = 1;
    double cont_h = 0, era_h = 0, axis_h = 0, lanes_h = 0, legend_h = 0, notes_h = 0, source_h = 0;
    double height = 0;
};

struct LegendEntry {
    enum Symbol { point, period, interval, open, approximate, uncertain, era, brk, callout } symbol;
    const char* zh;
    const char* en;
};

class TimelineLayout {
public:
    TimelineLayout(const report::TimelineData& data, const Frame& frame, draw::Setter& setter)
        : data_(data), frame_(frame), setter_(setter) {
        label_ts_ = setter.text_style("label", kInk);
        label_ts_.size = kLabelSize;
        small_ts_ = setter.text_style("label", kMuted);
        small_ts_.size = kSmallSize;
        lane_ts_ = setter.text_style("heading", kInk);
        lane_ts_.size = kLabelSize;
        badge_ts_ = setter.text_style("label", kWhite);
        badge_ts_.size = kBadgeSize;
        era_ts_ = small_ts_;
        era_ts_.color = kEraText;
        if (frame.mode != LangMode::en) langs_.push_back(Lang::zh);
        if (frame.mode != LangMode::zh) langs_.push_back(Lang::en);
        metrics(label_ts_, label_asc_, label_desc_, label_lh_);
        metrics(small_ts_, small_asc_, small_desc_, small_lh_);
        metrics(lane_ts_, lane_asc_, lane_desc_, lane_lh_);
        widths_ = axis::label_widths(frame.mode, setter, small_ts_);
        prepare_lanes();
        plot_x0_ = lane_col_;
        plot_x1_ = frame.width - 6;
        prepare_items();
        prepare_legend();
        prepare_source();
    }

    std::vector<draw::Box> run();

    // Picks the shown text of a BiText in a language: in bi a line that only repeats the
    // other language (a fallback) is left out.
    std::vector<std::pair<Lang, std::string>> shown(const report::BiText& t) const {
        std::vector<std::pair<Lang, std::string>> out;
        for (Lang l : langs_) {
            if (langs_.size() > 1 && t.fallback(l) && !t.in(l == Lang::zh ? Lang::en : Lang::zh).empty()) continue;
            if (!t.in(l).empty()) out.emplace_back(l, t.in(l));
        }
        if (out.empty() && !langs_.empty()) out.emplace_back(langs_.front(), t.in(langs_.front()));
        return out;
    }

private:
    void metrics(const draw::TextStyle& ts, double& asc, double& desc, double& lh) const {
        asc = 0;
        desc = 0;
        for (const auto& f : setter_.style(ts.style).chain) {
            asc = std::max(asc, setter_.fonts().ascender(f, ts.size));
            desc = std::min(desc, setter_.fonts().descender(f, ts.size));
        }
        lh = std::max(ts.size * 1.25, asc - desc + 0.3);
    }

    TextBlock block(const report::BiText& t, const draw::TextStyle& ts, double width, std::string_view prefix_zh = {},
                    std::string_view prefix_en = {}) const {
        TextBlock b;
        for (const auto& [lang, s] : shown(t)) {
            std::string text(lang == Lang::zh ? prefix_zh : prefix_en);
            text += s;
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
    draw::Box render(const Plan& p);
    void draw_marker(std::vector<Item>& out, const Prepared& it, const Placed& pl, double y, Color color) const;
    void draw_badge(std::vector<Item>& out, int number, double x, double ymid);
    void draw_legend_symbol(std::vector<Item>& out, LegendEntry::Symbol s, double x, double ymid) const;
    void draw_legend(std::vector<Item>& out);
    double text_width(const std::string& s) {
        auto it = width_cache_.find(s);
        if (it != width_cache_.end()) return it->second;
        const double w = setter_.measure(s, small_ts_);
        width_cache_.emplace(s, w);
        return w;
    }
    double text_block_height(int lines) const { return lines == 0 ? 0 : label_asc_ - label_desc_ + (lines - 1) * label_lh_; }

    const report::TimelineData& data_;
    const Frame& frame_;
    draw::Setter& setter_;
    draw::TextStyle label_ts_, small_ts_, lane_ts_, badge_ts_, era_ts_;
    std::vector<Lang> langs_;
    double label_asc_ = 0, label_desc_ = 0, label_lh_ = 0;
    double small_asc_ = 0, small_desc_ = 0, small_lh_ = 0;
    double lane_asc_ = 0, lane_desc_ = 0, lane_lh_ = 0;
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
    double q_width_ = 0;

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
        t.zh = it.lane.empty() ? "其他" : it.lane;
        t.en = it.lane.empty() ? "Other" : it.lane;
        lanes_.push_back({t, {}});
    }
    double natural = 0;
    for (const auto& l : lanes_)
        for (const auto& [lang, s] : shown(l.label)) natural = std::max(natural, setter_.measure(s, lane_ts_));
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
    q_width_ = setter_.measure("?", label_ts_);
    for (std::size_t i = 0; i < data_.items.size(); ++i) {
        const auto& src = data_.items[i];
        Prepared& p = items_[i];
        int a = 0, b = 0;
        const bool has_a = src.first_day && axis::parse_day(*src.first_day, a);
        const bool has_b = src.last_day && axis::parse_day(*src.last_day, b);
        p.open_start = !has_a;
        p.open_end = !has_b;
        p.dated = has_a || has_b;
        p.first = has_a ? a : b;
        p.end = (has_b ? b : p.first) + 1;
        if (p.end <= p.first) p.end = p.first + 1;
        p.kind = src.interval || p.open_start || p.open_end ? Kind::interval
                 : (p.end - p.first <= 1 && src.precision == "day") ? Kind::point
                                                                    : Kind::period;
        if (p.kind == Kind::period && p.end - p.first <= 1 && src.precision != "day") p.kind = Kind::period;
        p.approximate = src.approximate || src.derived;
        p.uncertain = src.uncertain;
        // Label: "date title" per language, wrapped to at most max_lines lines each.
        report::BiText text;
        text.zh = src.when.zh.empty() ? src.label.zh : src.when.zh + " " + src.label.zh;
        text.en = src.when.en.empty() ? src.label.en : src.when.en + " " + src.label.en;
        text.zh_fallback = src.label.zh_fallback;
        text.en_fallback = src.label.en_fallback;
        p.label = block(text, label_ts_, max_w);
        bool too_long = plot_w < 60 || !p.dated;
        for (const auto& l : p.label.langs) too_long = too_long || static_cast<int>(l.size()) > max_lines;
        if (too_long) {
            p.callout = true;
            p.label = {};
            const auto note = block(text, label_ts_, frame_.width - kNoteIndent);
            p.note_h = std::max(kBadgeHeight, text_block_height(note.lines)) + 3;
        }
    }
    for (const auto& e : data_.eras) {
        int a = 0, b = 0;
        const bool has_a = e.first_day && axis::parse_day(*e.first_day, a);
        const bool has_b = e.last_day && axis::parse_day(*e.last_day, b);
        const int first = has_a ? a : has_b ? b : 1;
        const int last = has_b ? b : has_a ? a : -1;
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
    if (point) legend_.push_back({LegendEntry::point, "某一日", "A day"});
    if (period) legend_.push_back({LegendEntry::period, "月、季、半年、年或年代的整个时段", "A whole month, quarter, half, year or decade"});
    if (interval) legend_.push_back({LegendEntry::interval, "起止区间", "From … to"});
    if (open) legend_.push_back({LegendEntry::open, "起点或终点未定", "Open start or end"});
    if (approx) legend_.push_back({LegendEntry::approximate, "约略日期（虚线）", "Approximate date (dashed)"});
    if (unc) legend_.push_back({LegendEntry::uncertain, "存疑日期（误差线）", "Uncertain date (whiskers)"});
    if (!data_.eras.empty()) legend_.push_back({LegendEntry::era, "时期（底纹）", "Era (shaded)"});
    legend_.push_back({LegendEntry::brk, "时间轴省略无事件的年份", "Axis break: years without events left out"});
    if (callout) legend_.push_back({LegendEntry::callout, "编号事项见图下注释", "Numbered items: see the notes below"});
    // Flow the entries into rows.
    const double sym = 16, gap = 12;
    double x = 0;
    int row = 0;
    for (const auto& e : legend_) {
        double w = 0;
        if (frame_.mode != LangMode::en) w = std::max(w, setter_.measure(e.zh, small_ts_));
        if (frame_.mode != LangMode::zh) w = std::max(w, setter_.measure(e.en, small_ts_));
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
    for (const auto& [lang, s] : shown(data_.source_line)) {
        source_lines_.push_back(setter_.break_lines(s, small_ts_, frame_.width, draw::text_lang(lang == Lang::zh)));
    }
    int n = 0;
    for (const auto& l : source_lines_) n += static_cast<int>(l.size());
    source_h_ = n == 0 ? 0 : 5 + n * small_lh_;
}

double TimelineLayout::badge_width(int number) const {
    return std::max(kBadgeHeight, setter_.measure(std::to_string(number), badge_ts_) + 4.5);
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
    // The domain: the spans of the items, and the eras that reach into them.
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
    p.segments = axis::make_segments(spans, plot_x0_, plot_x1_, kBreakWidth, widths_);
    // Axis height: tiers of labels, then the rule.
    int minor_lines = 1;
    for (const auto& s : p.segments) {
        const auto u = axis::choose_unit(s.first, s.end, s.x1 - s.x0, widths_);
        if (axis::months(u) < 12) {
            p.year_tier = true;
            if (frame_.mode == LangMode::bi) minor_lines = 2;
        }
    }
    p.minor_lines = minor_lines;
    p.axis_h = p.segments.empty() ? 0 : (minor_lines + (p.year_tier ? 1 : 0)) * small_lh_ + 5;
    p.cont_h = first ? 0 : small_lh_ + 2;
    // Eras in the strip above the axis, partitioned like items.
    if (!p.segments.empty()) {
        std::vector<double> track_end;
        for (std::size_t e = 0; e < era_first_.size(); ++e) {
            if (era_end_[e] <= era_first_[e]) continue;
            const int a = std::max(era_first_[e], p.segments.front().first);
            const int b = std::min(era_end_[e], p.segments.back().end);
            if (b <= a) continue;
            const double w = era_text_[e].width;
            const double x = std::clamp(xmap(p.segments, a) + 2, 0.0, std::max(0.0, frame_.width - w));
            int t = 0;
            while (t < static_cast<int>(track_end.size()) && track_end[t] + kItemGap > x) ++t;
            if (t == static_cast<int>(track_end.size())) track_end.push_back(0);
            track_end[t] = x + w;
            p.eras.push_back({e, a, b, x, t});
        }
        p.era_tracks = static_cast<int>(track_end.size());
        int lines = 0;
        for (const auto& e : p.eras) lines = std::max(lines, era_text_[e.era].lines);
        p.era_h = p.era_tracks == 0 ? 0 : p.era_tracks * (lines * small_lh_ + 2) + 3;
    }
    // Items: marker and label extents, then first-fit tracks per lane in order of left edge.
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
            l = c - kPointRadius;
            r = c + kPointRadius;
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
            l -= kWhisker;
            right += kWhisker;
        }
        if (it.callout) {
            const double bw = badge_width(number++);
            pl.label_x = right + 2 + bw <= plot_x1_ ? right + 2 : l - 2 - bw;
            pl.left = std::min(l, pl.label_x);
            pl.right = std::max(right, pl.label_x + bw);
            if (it.uncertain) l += kWhisker;
            pl.height = std::max(kBarZone, kBadgeHeight + 1);
        } else {
            const double w = it.label.width;
            pl.label_x = std::clamp(l, plot_x0_, std::max(plot_x0_, plot_x1_ - w));
            pl.left = std::min(l, pl.label_x);
            pl.right = std::max(right, pl.label_x + w);
            if (it.uncertain) l += kWhisker;
            pl.height = kBarZone + text_block_height(it.label.lines);
        }
    }
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
        while (t < ends.size() && ends[t] + kItemGap > pl.left) ++t;
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
            y += h + kRowGap;
        }
        if (y > 0) y -= kRowGap;
        const double label_h = lanes_[l].text.lines == 0
                                   ? 0
                                   : lane_asc_ - lane_desc_ + (lanes_[l].text.lines - 1) * lane_lh_;
        p.lanes[l].height = std::max(y, label_h) + 2 * kLanePad;
        p.lanes_h += p.lanes[l].height;
    }
    // Notes of callouts.
    p.notes_h = 0;
    for (std::size_t i = begin; i < end; ++i)
        if (items_[i].callout) p.notes_h += items_[i].note_h;
    if (p.notes_h > 0) p.notes_h += 6;
    p.legend_h = legend_h_;
    p.source_h = last ? source_h_ : 0;
    p.height = p.cont_h + p.era_h + p.axis_h + p.lanes_h + p.legend_h + p.notes_h + p.source_h;
    return p;
}

std::vector<draw::Box> TimelineLayout::run() {
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
            if (boxes.empty()) {
                draw::Box empty;
                empty.width = frame_.width;
                boxes.push_back(std::move(empty));
                continue;  // start on a fresh page
            }
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
    const double h = kBadgeHeight, r = h / 2;
    layout::Polygon pill;
    for (int i = 0; i <= 8; ++i) {  // right end, top to bottom
        const double a = -kPi / 2 + kPi * i / 8;
        pill.points.emplace_back(x + w - r + r * std::cos(a), ymid + r * std::sin(a));
    }
    for (int i = 0; i <= 8; ++i) {  // left end, bottom to top
        const double a = kPi / 2 + kPi * i / 8;
        pill.points.emplace_back(x + r + r * std::cos(a), ymid + r * std::sin(a));
    }
    pill.fill = kInk;
    out.emplace_back(std::move(pill));
    // Digits sit on a baseline that centres their cap height.
    setter_.set_text(out, std::to_string(number), badge_ts_, x + w / 2, ymid + kBadgeSize * 0.36, draw::HAlign::center);
}

void draw_whiskers(std::vector<Item>& out, double l, double r, double ymid, Color c) {
    out.emplace_back(layout::Line{l, ymid, r, ymid, 0.6, c, {}});
    out.emplace_back(layout::Line{l, ymid - 2.2, l, ymid + 2.2, 0.6, c, {}});
    out.emplace_back(layout::Line{r, ymid - 2.2, r, ymid + 2.2, 0.6, c, {}});
}

void dashed_rect(std::vector<Item>& out, double x, double y, double w, double h, Color c, double width) {
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
            dot.points.emplace_back((l + r) / 2 + kPointRadius * std::cos(a), ymid + kPointRadius * std::sin(a));
        }
        if (it.approximate) {
            dot.fill = kWhite;
            out.emplace_back(dot);
            for (std::size_t i = 0; i < dot.points.size(); i += 2) {
                const auto& p0 = dot.points[i];
                const auto& p1 = dot.points[(i + 1) % dot.points.size()];
                out.emplace_back(layout::Line{p0.first, p0.second, p1.first, p1.second, 0.8, color, {}});
            }
        } else {
            dot.fill = color;
            out.emplace_back(std::move(dot));
        }
    } else {
        const double top = ymid - kBarHeight / 2;
        const bool interval = it.kind == Kind::interval;
        const Color fill = it.approximate ? tint(color, 0.8) : interval ? color : tint(color, 0.45);
        double bl = l, br = r;
        if (it.open_start) bl += kArrow;
        if (it.open_end) br -= kArrow;
        // Fading ends for open intervals: three steps towards the open side.
        const double fade = std::min(18.0, std::max(0.0, (br - bl) / 3));
        double solid_l = bl, solid_r = br;
        if (it.open_start) solid_l += fade;
        if (it.open_end) solid_r -= fade;
        if (solid_r > solid_l)
            out.emplace_back(layout::Rect{solid_l, top, solid_r - solid_l, kBarHeight, fill, std::nullopt, 0.5});
        for (int s = 0; s < 3 && fade > 0; ++s) {
            const Color f = tint(fill, 0.3 + 0.2 * s);
            const double w = fade / 3;
            if (it.open_end)
                out.emplace_back(layout::Rect{solid_r + s * w, top, w, kBarHeight, f, std::nullopt, 0.5});
            if (it.open_start)
                out.emplace_back(layout::Rect{solid_l - (s + 1) * w, top, w, kBarHeight, f, std::nullopt, 0.5});
        }
        if (it.approximate) {
            dashed_rect(out, bl, top, std::max(0.5, br - bl), kBarHeight, color, 0.6);
        } else if (!interval) {
            out.emplace_back(layout::Rect{bl, top, std::max(0.5, br - bl), kBarHeight, std::nullopt, color, 0.5});
        } else {
            // Caps at closed ends of an interval.
            if (!it.open_start) out.emplace_back(layout::Line{bl, top - 1.2, bl, top + kBarHeight + 1.2, 0.8, color, {}});
            if (!it.open_end) out.emplace_back(layout::Line{br, top - 1.2, br, top + kBarHeight + 1.2, 0.8, color, {}});
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
    const Color c = kLaneColors[0];
    Prepared it;
    Placed pl;
    pl.mark_left = x;
    pl.mark_right = x + 14;
    switch (s) {
        case LegendEntry::point:
            it.kind = Kind::point;
            pl.mark_left = x + 7 - kPointRadius;
            pl.mark_right = x + 7 + kPointRadius;
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
            pl.mark_left = x + 4 - kPointRadius;
            pl.mark_right = x + 4 + kPointRadius;
            draw_whiskers(out, x + 7 - kPointRadius - kWhisker + 1, x + 7 + kPointRadius + kWhisker - 1, ymid, c);
            pl.mark_left = x + 7 - kPointRadius;
            pl.mark_right = x + 7 + kPointRadius;
            draw_marker(out, it, pl, ymid, c);
            break;
        }
        case LegendEntry::era:
            out.emplace_back(layout::Rect{x, ymid - 4.5, 14, 9, kEraFill, std::nullopt, 0.5});
            break;
        case LegendEntry::brk:
            out.emplace_back(layout::Line{x, ymid, x + 4.5, ymid, 0.6, kRule, {}});
            out.emplace_back(layout::Line{x + 9.5, ymid, x + 14, ymid, 0.6, kRule, {}});
            out.emplace_back(layout::Line{x + 3.5, ymid + 3, x + 6.5, ymid - 3, 0.6, kRule, {}});
            out.emplace_back(layout::Line{x + 7.5, ymid + 3, x + 10.5, ymid - 3, 0.6, kRule, {}});
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
            dot.fill = kInk;
            out.emplace_back(std::move(dot));
        } else {
            draw_legend_symbol(out, e.symbol, x + 1, ymid);
        }
        double base = top + small_asc_;
        for (Lang l : langs_) {
            setter_.set_text(out, l == Lang::zh ? e.zh : e.en, small_ts_, x + 19, base);
            base += small_lh_;
        }
    }
}

draw::Box TimelineLayout::render(const Plan& p) {
    draw::Box box;
    box.width = frame_.width;
    box.height = p.height;
    auto& out = box.items;
    double y = 0;
    // "Continued" marker.
    if (!p.first) {
        std::string s;
        if (frame_.mode == LangMode::zh) s = "（续）";
        else if (frame_.mode == LangMode::en) s = "(continued)";
        else s = "（续）continued";
        setter_.set_text(out, s, small_ts_, 0, y + small_asc_);
        y += p.cont_h;
    }
    const double era_top = y;
    const double axis_top = era_top + p.era_h;
    const double axis_y = axis_top + p.axis_h - 1;  // the axis rule
    const double lanes_top = axis_top + p.axis_h;
    const double lanes_bottom = lanes_top + p.lanes_h;
    // Era bands behind everything, from the strip down through the lanes.
    std::vector<Item> back;
    for (const auto& e : p.eras) {
        int lines = 0;
        for (const auto& q : p.eras) lines = std::max(lines, era_text_[q.era].lines);
        const double track_top = era_top + e.track * (lines * small_lh_ + 2);
        for (const auto& s : p.segments) {
            const int a = std::max(e.first, s.first), b = std::min(e.end, s.end);
            if (b <= a) continue;
            const double x0 = s.x(a), x1 = s.x(b);
            out.emplace_back(layout::Rect{x0, lanes_top, x1 - x0, lanes_bottom - lanes_top, kEraFill, std::nullopt, 0.5});
        }
        // A bracket under the label shows how far the era reaches.
        const double by = track_top + lines * small_lh_ + 1;
        const Color bc = tint(kEraText, 0.35);
        const double bx0 = xmap(p.segments, e.first), bx1 = xmap(p.segments, e.end);
        out.emplace_back(layout::Line{bx0, by, bx1, by, 0.5, bc, {}});
        out.emplace_back(layout::Line{bx0, by - 2, bx0, by, 0.5, bc, {}});
        out.emplace_back(layout::Line{bx1, by - 2, bx1, by, 0.5, bc, {}});
        double baseline = track_top + small_asc_;
        for (std::size_t li = 0; li < era_text_[e.era].langs.size(); ++li) {
            for (const auto& line : era_text_[e.era].langs[li]) {
                setter_.set_line(out, line, era_ts_, e.label_x, baseline);
                baseline += small_lh_;
            }
        }
    }
    // Axis: grid lines, rule with breaks, ticks, labels.
    if (!p.segments.empty()) {
        std::vector<axis::TickLabel> labels;
        for (std::size_t i = 0; i < p.segments.size(); ++i) {
            const auto& s = p.segments[i];
            const auto t = axis::segment_ticks(s.first, s.end, s.x0, s.x1, widths_);
            for (double x : t.ticks) {
                out.emplace_back(layout::Line{x, lanes_top, x, lanes_bottom, 0.35, kGrid, {}});
                out.emplace_back(layout::Line{x, axis_y - 3, x, axis_y, 0.5, kRule, {}});
            }
            labels.insert(labels.end(), t.labels.begin(), t.labels.end());
            out.emplace_back(layout::Line{s.x0, axis_y, s.x1, axis_y, 0.6, kRule, {}});
            if (i + 1 < p.segments.size()) {
                // Break symbol: two slanted strokes in the gap, a dotted line down the lanes.
                const double c = s.x1 + kBreakWidth / 2;
                out.emplace_back(layout::Line{c - 4, axis_y + 3, c - 1, axis_y - 3, 0.6, kRule, {}});
                out.emplace_back(layout::Line{c + 1, axis_y + 3, c + 4, axis_y - 3, 0.6, kRule, {}});
                out.emplace_back(layout::Line{c, lanes_top, c, lanes_bottom, 0.4, kHair, {1, 2}});
            }
        }
        // Tiers: the year tier on top, then the minor labels (or the only tier).
        const double year_base = axis_top + small_asc_;
        const double minor_base = axis_top + (p.year_tier ? small_lh_ : 0) + small_asc_;
        for (int tier = 0; tier < 2; ++tier) {
            std::vector<std::pair<double, const axis::TickLabel*>> row;
            for (const auto& l : labels)
                if (l.year_tier == (tier == 0)) row.emplace_back(l.x, &l);
            std::sort(row.begin(), row.end(),
                      [](const auto& a, const auto& b) { return a.first < b.first; });
            double prev = -1e9;
            for (const auto& [x, l] : row) {
                double w = 0;
                for (const auto& s : l->lines) w = std::max(w, text_width(s));
                double cx = std::clamp(x, w / 2, frame_.width - w / 2);
                if (cx - w / 2 < prev + 3) continue;
                prev = cx + w / 2;
                double base = tier == 0 ? year_base : minor_base;
                auto ts = small_ts_;
                if (tier == 0 || !p.year_tier) ts.color = kInk;
                for (const auto& s : l->lines) {
                    setter_.set_text(out, s, ts, cx, base, draw::HAlign::center);
                    base += small_lh_;
                }
            }
        }
    }
    // Lanes: label column, separators, items.
    double lane_y = lanes_top;
    int number = next_callout_;
    std::vector<std::pair<int, std::size_t>> notes;
    std::vector<const Placed*> by_lane_order;
    for (std::size_t l = 0; l < lanes_.size(); ++l) {
        const auto& lb = p.lanes[l];
        out.emplace_back(layout::Line{0, lane_y, frame_.width, lane_y, l == 0 ? 0.6 : 0.35, l == 0 ? kRule : kHair, {}});
        if (lane_items_.size() != lanes_.size()) lane_items_.resize(lanes_.size());
        if (lane_items_[l].empty()) {
            double base = kLanePad + lane_asc_;
            for (const auto& lines : lanes_[l].text.langs) {
                auto ts = lane_ts_;
                if (&lines != &lanes_[l].text.langs.front()) {
                    ts = setter_.text_style("label", kMuted);
                    ts.size = kLabelSize;
                }
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
        lane_y += lb.height;
    }
    out.emplace_back(layout::Line{0, lanes_bottom, frame_.width, lanes_bottom, 0.6, kRule, {}});
    // Lane tops for items.
    std::vector<double> lane_top(lanes_.size());
    {
        double yy = lanes_top;
        for (std::size_t l = 0; l < lanes_.size(); ++l) {
            lane_top[l] = yy + kLanePad;
            yy += p.lanes[l].height;
        }
    }
    for (const auto& pl : p.placed) {
        const auto& it = items_[pl.item];
        const int num = it.callout ? number++ : 0;
        if (it.callout) notes.emplace_back(num, pl.item);
        if (!it.dated) continue;
        const auto lane = static_cast<std::size_t>(it.lane);
        const Color color = kLaneColors[lane % std::size(kLaneColors)];
        const double top = lane_top[lane] + p.lanes[lane].track_top[static_cast<std::size_t>(pl.track)];
        const double ymid = top + kBarZone / 2;
        if (it.uncertain) draw_whiskers(out, pl.mark_left - kWhisker, pl.mark_right + kWhisker, ymid, color);
        draw_marker(out, it, pl, ymid, color);
        if (it.callout) {
            draw_badge(out, num, pl.label_x, ymid);
            continue;
        }
        double base = top + kBarZone + label_asc_;
        bool first_lang = true;
        for (const auto& lines : it.label.langs) {
            auto ts = label_ts_;
            if (!first_lang) ts.color = kMuted;
            for (const auto& line : lines) {
                setter_.set_line(out, line, ts, pl.label_x, base);
                base += label_lh_;
            }
            first_lang = false;
        }
    }
    next_callout_ = number;
    // Legend: drawn once, copied into every box.
    double fy = lanes_bottom;
    if (!legend_.empty() && !legend_drawn_) {
        legend_drawn_ = true;
        draw_legend(legend_items_);
    }
    if (!legend_.empty()) {
        for (auto item : legend_items_) {
            draw::translate(item, 0, fy);
            out.push_back(std::move(item));
        }
        fy += p.legend_h;
    }
    // Notes of callouts.
    if (!notes.empty()) {
        fy += 6;
        const double note_w = frame_.width - kNoteIndent;
        for (const auto& [num, idx] : notes) {
            const auto& src = data_.items[idx];
            report::BiText text;
            text.zh = src.when.zh.empty() ? src.label.zh : src.when.zh + " " + src.label.zh;
            text.en = src.when.en.empty() ? src.label.en : src.when.en + " " + src.label.en;
            text.zh_fallback = src.label.zh_fallback;
            text.en_fallback = src.label.en_fallback;
            const auto b = block(text, label_ts_, note_w);
            draw_badge(out, num, 0, fy + kBadgeHeight / 2 + 0.5);
            double base = fy + label_asc_;
            bool first_lang = true;
            for (const auto& lines : b.langs) {
                auto ts = label_ts_;
                if (!first_lang) ts.color = kMuted;
                for (const auto& line : lines) {
                    setter_.set_line(out, line, ts, kNoteIndent, base);
                    base += label_lh_;
                }
                first_lang = false;
            }
            fy += std::max(kBadgeHeight, text_block_height(b.lines)) + 3;
        }
    }
    // Source line under the last box.
    if (p.last && !source_lines_.empty()) {
        double base = p.height - source_h_ + 5 + small_asc_;
        for (const auto& lines : source_lines_)
            for (const auto& line : lines) {
                setter_.set_line(out, line, small_ts_, 0, base);
                base += small_lh_;
            }
    }
    (void)back;
    (void)by_lane_order;
    return box;
}

}  // namespace

std::vector<draw::Box> timeline_boxes(const report::TimelineData& data, const Frame& frame, draw::Setter& setter) {
    TimelineLayout layout(data, frame, setter);
    return layout.run();
}

}  // namespace timeline::graphics
