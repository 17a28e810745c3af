// Charts of the report model (PRODUCT §2, issue 5): the frame every kind shares — legend
// of series above the plot, key of marks and source line below it — and the text helpers.
#include <algorithm>
#include <cmath>
#include <functional>

#include "graphics/chart_common.h"
#include "graphics/graphics.h"
#include "i18n/format.h"
#include "i18n/messages.h"
#include "report/shown.h"

namespace timeline::graphics {

namespace chart {

Painter::Painter(const Frame& frame, draw::Setter& setter) : frame_(frame), setter_(setter) {
    primary = setter.text_style("label", palette::ink);
    primary.size = kLabelSize;
    secondary = setter.text_style("label", palette::muted_text);
    secondary.size = kLabelSize;
    axis = secondary;
    note = setter.text_style("label", palette::muted_text);
    note.size = kNoteSize;
}

TextBlock Painter::block(const std::string& text, Lang lang, const draw::TextStyle& ts, double wrap_width) const {
    TextBlock b;
    if (text.empty()) return b;
    const double width = wrap_width > 0 ? wrap_width : 1e6;
    for (auto& l : setter_.break_lines(text, ts, width, draw::text_lang(lang == Lang::zh))) {
        const double w = l.width;
        b.lines.push_back({std::move(l), ts, w, {}});
        b.width = std::max(b.width, w);
        b.height += ts.line_height();
    }
    return b;
}

void Painter::append(TextBlock& to, const TextBlock& more) {
    for (const auto& l : more.lines) to.lines.push_back(l);
    to.width = std::max(to.width, more.width);
    to.height += more.height;
}

TextBlock Painter::block(const report::BiText& text, const draw::TextStyle& first, const draw::TextStyle& second,
                         double wrap_width, double join_width) const {
    const auto parts = report::shown(text, frame_.mode);
    if (parts.empty()) return {};
    if (parts.size() == 1) return block(parts[0].text, parts[0].lang, first, wrap_width);
    if (join_width > 0) {
        // Set as it is: line breaking would drop the space between Han text and "/".
        const std::string joined = parts[0].text + " / " + parts[1].text;
        const double w = setter_.measure(joined, first);
        if (w <= join_width) {
            TextBlock b;
            b.lines.push_back({text::LayoutLine{}, first, w, joined});
            b.width = w;
            b.height = first.line_height();
            return b;
        }
    }
    TextBlock b = block(parts[0].text, parts[0].lang, first, wrap_width);
    append(b, block(parts[1].text, parts[1].lang, second, wrap_width));
    return b;
}

double Painter::baseline(const draw::TextStyle& ts, double top) {
    // The middle of the line box sits a little above the middle of Latin capitals and Han
    // characters, which fill about 0.7 and 0.88 em above the baseline.
    return top + ts.line_height() / 2 + ts.size * 0.35;
}

void Painter::draw(const TextBlock& b, double x, double top, HAlign align) {
    double y = top;
    for (const auto& l : b.lines) {
        double left = x;
        if (align == HAlign::center) left = x - l.width / 2;
        else if (align == HAlign::right) left = x - l.width;
        if (!l.raw.empty()) setter_.set_text(items, l.raw, l.ts, left, baseline(l.ts, y));
        else setter_.set_line(items, l.line, l.ts, left, baseline(l.ts, y));
        y += l.ts.line_height();
    }
}

void Painter::line(double x1, double y1, double x2, double y2, double width, layout::Color color,
                   std::vector<double> dash) {
    layout::Line l;
    l.x1 = x1, l.y1 = y1, l.x2 = x2, l.y2 = y2;
    l.width = width;
    l.color = color;
    l.dash = std::move(dash);
    items.emplace_back(std::move(l));
}

void Painter::rect(double x, double y, double w, double h, std::optional<layout::Color> fill,
                   std::optional<layout::Color> stroke, double stroke_width) {
    layout::Rect r;
    r.x = x, r.y = y, r.w = w, r.h = h;
    r.fill = fill;
    r.stroke = stroke;
    r.stroke_width = stroke_width;
    items.emplace_back(r);
}

void Painter::arrow_head(double x, double y, double dx, double dy, double length, layout::Color color) {
    const double half = length * 0.45;
    const double bx = x - dx * length, by = y - dy * length;  // middle of the base
    layout::Polygon p;
    p.points = {{x, y}, {bx - dy * half, by + dx * half}, {bx + dy * half, by - dx * half}};
    p.fill = color;
    p.stroke = color;
    p.stroke_width = 0.3;
    items.emplace_back(std::move(p));
}

report::BiText fixed(i18n::Msg id) {
    return report::BiText{std::string(i18n::message(id, Lang::zh)), std::string(i18n::message(id, Lang::en))};
}

double axis_factor(double max_abs, LangMode mode) {
    return scale_for(max_abs, mode == LangMode::en ? Lang::en : Lang::zh);
}

report::BiText axis_unit_text(const report::BiText& unit, double factor_zh, double factor_en, LangMode) {
    return report::BiText{axis_unit(factor_zh, unit.zh, Lang::zh), axis_unit(factor_en, unit.en, Lang::en)};
}

bool is_planned(const report::ChartPoint& pt) { return pt.status != Status::actual; }

report::BiText status_text(const report::ChartPoint& pt) {
    if (pt.status == Status::actual) return {};
    return report::BiText{i18n::format_status(pt.status, Lang::zh), i18n::format_status(pt.status, Lang::en)};
}

namespace {

// One entry of a legend row: a swatch drawn by `mark` in a box of `mark_width` and a label.
struct Entry {
    TextBlock label;
    double mark_width = 0;
    std::function<void(Painter&, double x, double cy)> mark;
};

constexpr double kSwatchW = 10, kSwatchH = 7, kLineW = 16;

}  // namespace

double draw_legend(Painter& p, const std::vector<LegendEntry>& entries, Swatch swatch, const KeyMarks& key,
                   double top, double width) {
    std::vector<Entry> row;
    const bool series = !entries.empty();
    const draw::TextStyle& ts = series ? p.primary : p.note;
    auto label = [&](const report::BiText& t) { return p.block(t, ts, ts, width * 0.8, width * 0.8); };
    for (const auto& e : entries) {
        const auto& st = palette::series_style(e.style);
        Entry en;
        en.label = label(e.label);
        if (swatch == Swatch::bar) {
            en.mark_width = kSwatchW;
            en.mark = [st](Painter& q, double x, double cy) {
                q.rect(x, cy - kSwatchH / 2, kSwatchW, kSwatchH, st.fill);
                for (auto& it : palette::pattern_items(st.pattern, x, cy - kSwatchH / 2, kSwatchW, kSwatchH, st.stroke))
                    q.items.push_back(it);
            };
        } else {
            en.mark_width = kLineW;
            en.mark = [st](Painter& q, double x, double cy) {
                q.line(x, cy, x + kLineW, cy, 1.2, st.stroke, st.dash);
                q.polygon(palette::marker(st.marker, x + kLineW / 2, cy, 5.5, st.fill, st.stroke));
            };
        }
        row.push_back(std::move(en));
    }
    const auto& first = palette::series_style(0);
    if (key.planned) {
        Entry en;
        en.label = label(fixed(i18n::Msg::key_planned));
        en.mark_width = kSwatchW;
        en.mark = [first](Painter& q, double x, double cy) {
            const double y = cy - kSwatchH / 2;
            q.rect(x, y, kSwatchW, kSwatchH, palette::tint(first.fill, 0.8));
            for (auto& it : palette::pattern_items(palette::Pattern::hatch_diagonal, x, y, kSwatchW, kSwatchH, first.stroke,
                                                   2.5))
                q.items.push_back(it);
            q.rect(x, y, kSwatchW, kSwatchH, std::nullopt, first.stroke, 0.5);
        };
        row.push_back(std::move(en));
    }
    if (key.open_high) {
        Entry en;
        en.label = label(fixed(i18n::Msg::key_lower_bound));
        en.mark_width = kLineW;
        en.mark = [](Painter& q, double x, double cy) {
            q.line(x, cy, x + kLineW - 4, cy, 0.8, palette::ink);
            q.arrow_head(x + kLineW, cy, 1, 0, 4.5, palette::ink);
        };
        row.push_back(std::move(en));
    }
    if (key.range) {
        Entry en;
        en.label = label(fixed(i18n::Msg::key_range));
        en.mark_width = kLineW;
        en.mark = [](Painter& q, double x, double cy) {
            q.line(x + 1, cy, x + kLineW - 1, cy, 0.8, palette::ink);
            q.line(x + 1, cy - 2.5, x + 1, cy + 2.5, 0.8, palette::ink);
            q.line(x + kLineW - 1, cy - 2.5, x + kLineW - 1, cy + 2.5, 0.8, palette::ink);
        };
        row.push_back(std::move(en));
    }
    if (key.open_start) {
        Entry en;
        en.label = label(fixed(i18n::Msg::key_open_start));
        en.mark_width = kLineW;
        en.mark = [](Painter& q, double x, double cy) {
            q.line(x + 4, cy, x + kLineW, cy, 0.8, palette::ink, {1, 1});
            q.arrow_head(x, cy, -1, 0, 4, palette::ink);
        };
        row.push_back(std::move(en));
    }
    if (row.empty()) return 0;

    // Flow the entries into rows.
    constexpr double kMarkGap = 4, kEntryGap = 14, kRowGap = 3;
    double x = 0, y = top, row_h = 0;
    for (auto& en : row) {
        const double w = en.mark_width + kMarkGap + en.label.width;
        if (x > 0 && x + w > width) {
            x = 0;
            y += row_h + kRowGap;
            row_h = 0;
        }
        const double h = std::max(en.label.height, kSwatchH + 2);
        // The mark sits at the middle of the first line of the label.
        const double cy = en.label.lines.empty()
                              ? y + h / 2
                              : Painter::baseline(en.label.lines.front().ts, y) - en.label.lines.front().ts.size * 0.33;
        en.mark(p, x, cy);
        p.draw(en.label, x + en.mark_width + kMarkGap, y);
        x += w + kEntryGap;
        row_h = std::max(row_h, h);
    }
    return y + row_h - top;
}

double draw_source(Painter& p, const report::BiText& source, double top, double width) {
    if (source.empty()) return 0;
    const TextBlock b = p.block(source, p.note, p.note, width, width);
    p.draw(b, 0, top);
    return b.height;
}

}  // namespace chart

draw::Box chart_box(const report::ChartData& data, const Frame& frame, draw::Setter& setter) {
    using namespace chart;
    Painter p(frame, setter);
    const double width = frame.width;
    const double max_height = std::min(frame.page_height, 300.0);
    double y = 0;

    bool any_point = false;
    for (const auto& s : data.series) any_point = any_point || !s.points.empty();
    const Swatch swatch = data.kind == ChartKind::bar ? Swatch::bar : Swatch::line;

    if (data.series.size() > 1) {
        std::vector<LegendEntry> entries;
        for (std::size_t i = 0; i < data.series.size(); ++i) {
            report::BiText label = data.series[i].label;
            if (label.empty() && !data.series[i].points.empty()) label = data.series[i].points.front().category;
            entries.push_back({label, i});
        }
        y += draw_legend(p, entries, swatch, {}, y, width) + 8;
    }

    // What the key and source line below will take, so the plot leaves room for them.
    const double below = 2 * p.note.line_height() + 2 * p.note.line_height() + 12;
    const double budget = std::max(80.0, max_height - y - below);
    KeyMarks key;
    if (!any_point) {
        const TextBlock b = p.block(fixed(i18n::Msg::no_data), p.axis, p.axis, width, width);
        p.draw(b, width / 2, y + 20, HAlign::center);
        y += 40 + b.height;
    } else {
        switch (data.kind) {
            case ChartKind::bar: y = draw_bars(p, data, y, budget, key); break;
            case ChartKind::line: y = draw_line(p, data, y, budget, key); break;
            case ChartKind::slope: y = draw_slope(p, data, y, budget, key); break;
        }
    }
    y += 8;
    const double key_h = draw_legend(p, {}, swatch, key, y, width);
    if (key_h > 0) y += key_h + 4;
    y += draw_source(p, data.source_line, y, width);

    draw::Box box;
    box.width = width;
    box.height = y + 2;
    box.items = std::move(p.items);
    return box;
}

}  // namespace timeline::graphics
