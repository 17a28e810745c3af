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

Look::Look(const theme::Theme& t)
    : ink(t.color(theme::Ink::ink)), muted(t.color(theme::Ink::muted)), axis(t.color(theme::Ink::axis)),
      grid(t.color(theme::Ink::grid)), paper(t.color(theme::Ink::paper)), w_axis(t.rule(theme::Rule::axis)),
      w_grid(t.rule(theme::Rule::grid)), w_mark(t.rule(theme::Rule::mark)), w_thin(t.rule(theme::Rule::mark_thin)),
      w_outline(t.rule(theme::Rule::outline)), w_series(t.rule(theme::Rule::series)), w_slope(t.rule(theme::Rule::slope)),
      w_span(t.rule(theme::Rule::span)), w_halo(t.rule(theme::Rule::halo)), w_dotted(t.rule(theme::Rule::dotted)),
      w_arrow(t.rule(theme::Rule::arrow)), gap(t.space(theme::Space::chart_gap)),
      column_gap(t.space(theme::Space::chart_column)), row_gap(t.space(theme::Space::chart_row)),
      legend_mark(t.space(theme::Space::chart_legend_mark)), legend_entry(t.space(theme::Space::chart_legend_entry)),
      legend_row(t.space(theme::Space::chart_legend_row)), marker(t.mark(theme::Mark::marker)),
      legend_marker(t.mark(theme::Mark::legend_marker)), up_arrow(t.mark(theme::Mark::up_arrow)),
      arrow_head(t.mark(theme::Mark::arrow_head)), cap(t.mark(theme::Mark::chart_cap)), span_cap(t.mark(theme::Mark::span_cap)),
      bar(t.mark(theme::Mark::bar)), bar_dense(t.mark(theme::Mark::bar_dense)), bar_arrow(t.mark(theme::Mark::bar_arrow)),
      swatch_w(t.mark(theme::Mark::swatch_width)), swatch_h(t.mark(theme::Mark::swatch_height)),
      line_swatch(t.mark(theme::Mark::line_swatch)), pattern(t.mark(theme::Mark::pattern_spacing)),
      planned_pattern(t.mark(theme::Mark::planned_spacing)), tick(t.mark(theme::Mark::tick)) {}

Painter::Painter(const Frame& frame, draw::Setter& setter)
    : look(setter.theme()),
      primary(setter.style(theme::Style::label)),
      secondary(setter.style(theme::Style::label_muted)),
      axis(setter.style(theme::Style::label_muted)),
      note(setter.style(theme::Style::note)),
      frame_(frame),
      setter_(setter) {}

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
        const std::string joined = parts[0].text + std::string(i18n::message(i18n::Msg::mark_languages, Lang::en)) + parts[1].text;
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

void Painter::draw(const TextBlock& b, double x, double top, HAlign align) {
    double y = top;
    for (const auto& l : b.lines) {
        double left = x;
        if (align == HAlign::center) left = x - l.width / 2;
        else if (align == HAlign::right) left = x - l.width;
        if (!l.raw.empty()) setter_.set_text(items, l.raw, l.ts, left, l.ts.baseline(y));
        else setter_.set_line(items, l.line, l.ts, left, l.ts.baseline(y));
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
    p.stroke_width = look.w_arrow;
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

}  // namespace

double draw_legend(Painter& p, const std::vector<LegendEntry>& entries, Swatch swatch, const KeyMarks& key,
                   double top, double width) {
    const Look& L = p.look;
    std::vector<Entry> row;
    const bool series = !entries.empty();
    const draw::TextStyle& ts = series ? p.primary : p.note;
    auto label = [&](const report::BiText& t) { return p.block(t, ts, ts, width * 0.8, width * 0.8); };
    for (const auto& e : entries) {
        const auto& st = p.theme().series(e.style);
        Entry en;
        en.label = label(e.label);
        if (swatch == Swatch::bar) {
            en.mark_width = L.swatch_w;
            en.mark = [st](Painter& q, double x, double cy) {
                const Look& K = q.look;
                q.rect(x, cy - K.swatch_h / 2, K.swatch_w, K.swatch_h, st.fill);
                for (auto& it : palette::pattern_items(st.pattern, x, cy - K.swatch_h / 2, K.swatch_w, K.swatch_h, st.stroke,
                                                       K.pattern, K.w_outline))
                    q.items.push_back(it);
            };
        } else {
            en.mark_width = L.line_swatch;
            en.mark = [st](Painter& q, double x, double cy) {
                const Look& K = q.look;
                q.line(x, cy, x + K.line_swatch, cy, K.w_series, st.stroke, st.dash);
                q.polygon(palette::marker(st.marker, x + K.line_swatch / 2, cy, K.legend_marker, st.fill, st.stroke, K.w_thin));
            };
        }
        row.push_back(std::move(en));
    }
    const auto& first = p.theme().series(0);
    if (key.planned) {
        Entry en;
        en.label = label(fixed(i18n::Msg::key_planned));
        en.mark_width = L.swatch_w;
        en.mark = [first](Painter& q, double x, double cy) {
            const Look& K = q.look;
            const double y = cy - K.swatch_h / 2;
            q.rect(x, y, K.swatch_w, K.swatch_h, palette::tint(first.fill, palette::kPlannedTint));
            for (auto& it : palette::pattern_items(theme::Pattern::hatch_diagonal, x, y, K.swatch_w, K.swatch_h, first.stroke,
                                                   K.planned_pattern, K.w_outline))
                q.items.push_back(it);
            q.rect(x, y, K.swatch_w, K.swatch_h, std::nullopt, first.stroke, K.w_outline);
        };
        row.push_back(std::move(en));
    }
    if (key.open_high) {
        Entry en;
        en.label = label(fixed(i18n::Msg::key_lower_bound));
        en.mark_width = L.line_swatch;
        en.mark = [](Painter& q, double x, double cy) {
            const Look& K = q.look;
            q.line(x, cy, x + K.line_swatch - K.arrow_head + 0.5, cy, K.w_mark, K.ink);
            q.arrow_head(x + K.line_swatch, cy, 1, 0, K.arrow_head, K.ink);
        };
        row.push_back(std::move(en));
    }
    if (key.range) {
        Entry en;
        en.label = label(fixed(i18n::Msg::key_range));
        en.mark_width = L.line_swatch;
        en.mark = [](Painter& q, double x, double cy) {
            const Look& K = q.look;
            const double a = x + 1, b = x + K.line_swatch - 1;
            q.line(a, cy, b, cy, K.w_mark, K.ink);
            q.line(a, cy - K.span_cap, a, cy + K.span_cap, K.w_mark, K.ink);
            q.line(b, cy - K.span_cap, b, cy + K.span_cap, K.w_mark, K.ink);
        };
        row.push_back(std::move(en));
    }
    if (key.open_start) {
        Entry en;
        en.label = label(fixed(i18n::Msg::key_open_start));
        en.mark_width = L.line_swatch;
        en.mark = [](Painter& q, double x, double cy) {
            const Look& K = q.look;
            q.line(x + 4, cy, x + K.line_swatch, cy, K.w_mark, K.ink, {1, 1});
            q.arrow_head(x, cy, -1, 0, 4, K.ink);
        };
        row.push_back(std::move(en));
    }
    if (row.empty()) return 0;

    // Flow the entries into rows.
    double x = 0, y = top, row_h = 0;
    for (auto& en : row) {
        const double w = en.mark_width + L.legend_mark + en.label.width;
        if (x > 0 && x + w > width) {
            x = 0;
            y += row_h + L.legend_row;
            row_h = 0;
        }
        const double h = std::max(en.label.height, L.swatch_h + 2);
        // The mark sits at the middle of the first line of the label.
        const double cy = en.label.lines.empty() ? y + h / 2 : y + en.label.lines.front().ts.line_height() / 2;
        en.mark(p, x, cy);
        p.draw(en.label, x + en.mark_width + L.legend_mark, y);
        x += w + L.legend_entry;
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
            case ChartKind::bar: y = draw_bars(p, data, y, key); break;
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
