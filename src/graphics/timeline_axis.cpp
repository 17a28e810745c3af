#include "graphics/timeline_axis.h"

#include <algorithm>
#include <charconv>

#include <date/date.h>

#include "i18n/format.h"
#include "i18n/messages.h"

namespace timeline::graphics::axis {

namespace {

constexpr double kLabelGap = 5;

// The `k`-th message after `first` (months, quarters and halves are consecutive in the catalogue).
std::string label(i18n::Msg first, int k, Lang lang) {
    return std::string(i18n::message(static_cast<i18n::Msg>(static_cast<int>(first) + k), lang));
}


std::vector<std::string> lines_of(int m, Unit unit, LangMode mode) {
    if (mode == LangMode::zh) return {period_label(m, unit, Lang::zh)};
    if (mode == LangMode::en) return {period_label(m, unit, Lang::en)};
    if (months(unit) >= 12) return {period_label(m, unit, Lang::en)};  // a numeral reads in both
    return {period_label(m, unit, Lang::zh), period_label(m, unit, Lang::en)};
}

std::vector<std::string> year_lines(int year, LangMode mode) {
    if (mode == LangMode::zh) return {year_label(year, Lang::zh)};
    return {year_label(year, Lang::en)};
}

}  // namespace

int day_number(date::sys_days day) { return static_cast<int>(day.time_since_epoch().count()); }

int month_index(int day) {
    const date::year_month_day ymd{date::sys_days{date::days{day}}};
    return static_cast<int>(ymd.year()) * 12 + static_cast<int>(static_cast<unsigned>(ymd.month())) - 1;
}

int month_start(int m) {
    const int y = floor_div(m, 12);
    const int mo = m - y * 12 + 1;
    const date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(mo)}, date::day{1}};
    return static_cast<int>(date::sys_days{ymd}.time_since_epoch().count());
}

const char* unit_name(Unit u) {
    switch (u) {
        case Unit::month: return "month";
        case Unit::quarter: return "quarter";
        case Unit::half: return "half";
        case Unit::year: return "year";
        case Unit::years2: return "2 years";
        case Unit::years5: return "5 years";
        case Unit::decade: return "decade";
        case Unit::decades2: return "20 years";
        case Unit::decades5: return "50 years";
        case Unit::century: return "century";
    }
    return "year";
}

std::string year_label(int year, Lang lang) {
    return i18n::format_year(year, lang);
}

std::string period_label(int m, Unit unit, Lang lang) {
    const int y = floor_div(m, 12);
    const int mo = m - y * 12;  // 0-based
    switch (unit) {
        case Unit::month: return label(i18n::Msg::axis_month_1, mo, lang);
        case Unit::quarter: return label(i18n::Msg::axis_quarter_1, mo / 3, lang);
        case Unit::half: return label(i18n::Msg::axis_half_1, mo / 6, lang);
        default: return year_label(y, lang);
    }
}

int floor_to(int day, Unit unit) {
    const int step = months(unit);
    const int m = month_index(day);
    return month_start(floor_div(m, step) * step);
}

int ceil_to(int day_exclusive, Unit unit) {
    const int step = months(unit);
    const int m = month_index(day_exclusive - 1);  // month of the last day
    return month_start((floor_div(m, step) + 1) * step);
}

LabelWidths label_widths(LangMode mode, draw::Setter& setter, const draw::TextStyle& ts) {
    LabelWidths w;
    w.mode = mode;
    for (int i = 0; i < 10; ++i) {
        const Unit u = kUnits[i];
        double widest = 0;
        const int count = months(u) < 12 ? 12 / months(u) : 1;
        for (int k = 0; k < count; ++k) {
            const int m = 2000 * 12 + k * months(u);
            for (const auto& line : lines_of(m, u, mode)) widest = std::max(widest, setter.measure(line, ts));
        }
        // A sub-year unit also needs room for its year tier over a whole year.
        w.of[i] = widest;
    }
    return w;
}

Unit choose_unit(int first_day, int end_day, double width, const LabelWidths& widths, std::optional<Unit> preferred) {
    const double days = std::max(1, end_day - first_day);
    const double per_month = width / days * kDaysPerMonth;
    Unit natural = Unit::century;
    for (int i = 0; i < 10; ++i) {
        const double room = per_month * months(kUnits[i]);
        if (room >= widths.of[i] + kLabelGap) {
            natural = kUnits[i];
            break;
        }
    }
    if (preferred && months(*preferred) > months(natural) && days >= 2 * kDaysPerMonth * months(*preferred))
        return *preferred;
    return natural;
}

SegmentTicks segment_ticks(int first_day, int end_day, double x0, double x1, const LabelWidths& widths) {
    return segment_ticks(first_day, end_day, x0, x1, choose_unit(first_day, end_day, x1 - x0, widths), widths.mode);
}

SegmentTicks segment_ticks(int first_day, int end_day, double x0, double x1, Unit unit, LangMode mode) {
    SegmentTicks out;
    out.unit = unit;
    const Segment seg{first_day, end_day, x0, x1, unit};
    const int step = months(out.unit);
    const int m_first = floor_div(month_index(first_day), step) * step;
    const int m_last = month_index(end_day - 1);
    for (int m = m_first; m <= m_last + step; m += step) {
        const int d = month_start(m);
        if (d >= first_day && d <= end_day) out.ticks.push_back(seg.x(d));
        if (step <= 12) {
            // A period label, centred on the visible part of its period.
            const int a = std::max(d, first_day);
            const int b = std::min(month_start(m + step), end_day);
            if (b <= a) continue;
            out.labels.push_back({(seg.x(a) + seg.x(b)) / 2, lines_of(m, out.unit, mode), false});
        } else if (d >= first_day && d <= end_day) {
            out.labels.push_back({seg.x(d), lines_of(m, out.unit, mode), false});
        }
    }
    if (step < 12) {
        for (int y = floor_div(m_first, 12); y <= floor_div(m_last, 12); ++y) {
            const int a = std::max(month_start(y * 12), first_day);
            const int b = std::min(month_start(y * 12 + 12), end_day);
            if (b <= a) continue;
            out.labels.push_back({(seg.x(a) + seg.x(b)) / 2, year_lines(y, mode), true});
        }
    }
    return out;
}

std::vector<Segment> make_segments(std::vector<Span> spans, double x0, double x1, double break_width,
                                   const LabelWidths& widths, int min_gap_days) {
    std::vector<Segment> segs;
    if (spans.empty()) return segs;
    std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.first < b.first; });
    int lo = spans.front().first, hi = spans.front().end;
    for (const auto& s : spans) hi = std::max(hi, s.end);
    const int threshold = std::max(min_gap_days, (hi - lo) / 5);
    // Clusters of spans with no long gap between them.
    std::vector<Span> clusters;
    std::vector<double> counts;  // spans per cluster: dense clusters get more room
    for (const auto& s : spans) {
        if (!clusters.empty() && s.first - clusters.back().end <= threshold) {
            clusters.back().end = std::max(clusters.back().end, s.end);
            counts.back() += s.count;
        } else {
            clusters.push_back({s.first, std::max(s.end, s.first + 1)});
            counts.push_back(s.count);
        }
    }
    double n_spans = 0;
    for (const auto& s : spans) n_spans += s.count;
    // Room: half by length, half by how many things a cluster holds, and at least a tenth.
    auto weights = [&](const std::vector<Span>& cs, const std::vector<double>& ns) {
        double total = 0;
        for (const auto& c : cs) total += c.end - c.first;
        std::vector<double> w;
        double sum = 0;
        for (std::size_t i = 0; i < cs.size(); ++i) {
            const double share = 0.5 * (cs[i].end - cs[i].first) / total + 0.5 * ns[i] / n_spans;
            w.push_back(std::max(share, 0.1));
            sum += w.back();
        }
        for (auto& x : w) x /= sum;
        return w;
    };
    // Lay out, snap each cluster to its unit, merge clusters that now touch, and again.
    for (int round = 0; round < 4; ++round) {
        const double avail = (x1 - x0) - break_width * static_cast<double>(clusters.size() - 1);
        const auto weight = weights(clusters, counts);
        segs.clear();
        double x = x0;
        bool changed = false;
        for (std::size_t i = 0; i < clusters.size(); ++i) {
            const double w = avail * weight[i];
            const Unit u = choose_unit(clusters[i].first, clusters[i].end, w, widths);
            const Unit snap = months(u) > 12 ? Unit::year : u;  // whole years at least for coarse units
            const int a = floor_to(clusters[i].first, snap);
            const int b = ceil_to(clusters[i].end, snap);
            if (a != clusters[i].first || b != clusters[i].end) changed = true;
            clusters[i] = {a, b};
            segs.push_back({a, b, x, x + w, u});
            x += w + break_width;
        }
        // Merge clusters that overlap or sit closer than the threshold after snapping.
        std::vector<Span> merged;
        std::vector<double> merged_counts;
        for (std::size_t i = 0; i < clusters.size(); ++i) {
            const auto& c = clusters[i];
            if (!merged.empty() && c.first - merged.back().end <= threshold) {
                merged.back().end = std::max(merged.back().end, c.end);
                merged_counts.back() += counts[i];
                changed = true;
            } else {
                merged.push_back(c);
                merged_counts.push_back(counts[i]);
            }
        }
        clusters = std::move(merged);
        counts = std::move(merged_counts);
        if (!changed) break;
    }
    if (segs.size() != clusters.size()) {
        // The last round merged: lay out once more without snapping further.
        const double avail = (x1 - x0) - break_width * static_cast<double>(clusters.size() - 1);
        const auto weight = weights(clusters, counts);
        segs.clear();
        double x = x0;
        for (std::size_t i = 0; i < clusters.size(); ++i) {
            const auto& c = clusters[i];
            const double w = avail * weight[i];
            segs.push_back({c.first, c.end, x, x + w, choose_unit(c.first, c.end, w, widths)});
            x += w + break_width;
        }
    }
    return segs;
}

}  // namespace timeline::graphics::axis
