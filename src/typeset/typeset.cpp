#include "typeset/typeset.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <memory>

#include "base/utf8.h"
#include "graphics/graphics.h"
#include "i18n/messages.h"
#include "report/shown.h"
#include "typeset/flow.h"

namespace timeline::typeset {
namespace {

using draw::Box;
using draw::HAlign;
using draw::TextStyle;
using report::BiText;
using layout::Color;
using theme::Ink;
using theme::Mark;
using theme::Rule;
using theme::Space;
using theme::Style;

// Layout decisions that are proportions, not sizes (sizes, colours and spacing are the theme's).
constexpr int kCardColumns = 3;              // key-figure cards per row
constexpr double kPairTieShare = 0.4;        // a zh/en pair up to this share of the block stays together
constexpr double kHanWordEms = 2.2;          // narrowest unit of Han text in a table cell: about two characters
constexpr double kTimelineReserve = 40;      // room a timeline leaves on a page for what follows it
constexpr double kChartReserve = 60;         // room a chart leaves on a page

text::Lang text_lang(Lang l) { return l == Lang::zh ? text::Lang::zh : text::Lang::en; }

using report::joined;
using report::shown;

class Engine {
public:
    Engine(const report::Document& doc, draw::Setter& setter)
        : doc_(doc),
          s_(setter),
          body_(setter.style(Style::body)),
          geometry_(page_geometry(doc.page, body_.size, setter.theme().page)),
          flow_(geometry_),
          langs_(report::languages(doc.mode)) {}

    layout::DisplayList run(const TypesetOptions& options) {
        bool first = true;
        for (const auto& section : doc_.sections) {
            if (section.type == SectionType::cover) {
                cover();
            } else {
                section_body(section, first);
            }
            first = false;
        }
        auto list = flow_.take();
        furniture(list);
        info(list, options);
        return list;
    }

private:
    double width() const { return geometry_.body_width(); }
    // Marks between texts (the same in both languages).
    static std::string_view mark(i18n::Msg id) { return i18n::message(id, Lang::en); }
    static std::string separator() { return std::string(mark(i18n::Msg::mark_separator)); }
    static std::string between_languages() { return std::string(mark(i18n::Msg::mark_languages)); }

    const TextStyle& style(Style s) const { return s_.style(s); }
    Color color(Ink c) const { return s_.theme().color(c); }
    double space(Space s) const { return s_.theme().space(s); }
    double rule(Rule r) const { return s_.theme().rule(r); }
    double size(Mark m) const { return s_.theme().mark(m); }

    // Sets a paragraph into a box of `w`, returns the height used; lines `ts.line_height()`
    // apart starting at `top`.
    double text_block(std::vector<layout::Item>& out, const std::string& text, Lang lang, const TextStyle& ts, double x,
                      double top, double w, HAlign align = HAlign::left) {
        const int n = s_.set_paragraph(out, text, ts, x, ts.baseline(top), w, text_lang(lang),
                                       text::Justify::ragged, align);
        return n * ts.line_height();
    }

    // ---- cover -------------------------------------------------------------------------
    void cover() {
        Box box;
        box.width = width();
        double y = 0;
        // Marking tag, top right.
        const std::string marking = joined(doc_.marking, doc_.mode, separator());
        if (!marking.empty()) {
            // A framed tag of one line box.
            const auto& ts = style(Style::marking);
            const double pad = space(Space::marking_pad);
            const double w = s_.measure(marking, ts) + 2 * pad;
            box.items.push_back(layout::Rect{width() - w, 0, w, ts.line_height(), std::nullopt, ts.color, rule(Rule::frame)});
            s_.set_text(box.items, marking, ts, width() - pad, ts.baseline(0), HAlign::right);
            y = ts.line_height() + space(Space::cover_marking);
        }
        for (const auto& t : shown(doc_.title, doc_.mode)) {
            const auto& ts = style(t.secondary ? Style::title_second : Style::title);
            y += text_block(box.items, t.text, t.lang, ts, 0, y, width());
            y += space(t.secondary ? Space::cover_title_second : Space::cover_title);
        }
        y += space(Space::cover_block);
        for (const auto& t : shown(doc_.subtitle, doc_.mode))
            y += text_block(box.items, t.text, t.lang, style(Style::subtitle), 0, y, width());
        y += space(Space::cover_rule_before);
        box.items.push_back(layout::Line{0, y, width(), y, rule(Rule::cover), color(Ink::accent), {}});
        y += space(Space::cover_rule_after);
        const std::string prepared = joined(doc_.prepared, doc_.mode, std::string(mark(i18n::Msg::mark_separator_wide)));
        if (!prepared.empty()) y += text_block(box.items, prepared, langs_.front(), style(Style::prepared), 0, y, width());
        box.height = y;
        Unit u;
        u.box = std::move(box);
        u.bookmark = joined(doc_.title, doc_.mode, between_languages());
        flow_.push(std::move(u));
    }

    // ---- headings ----------------------------------------------------------------------
    // A section heading: zh and en on one line when they fit, a rule under them.
    Unit heading(const BiText& title) {
        Box box;
        box.width = width();
        const auto parts = shown(title, doc_.mode);
        const auto& main = style(Style::heading);
        const auto& second = style(Style::heading_second);
        const double gap = space(Space::heading_pair);
        double y = 0;
        if (!parts.empty()) {
            const double w0 = s_.measure(parts[0].text, main);
            const double base = main.baseline(0);
            if (parts.size() > 1 && w0 + gap + s_.measure(parts[1].text, second) <= width()) {
                s_.set_text(box.items, parts[0].text, main, 0, base);
                s_.set_text(box.items, parts[1].text, second, w0 + gap, base);
                y = main.line_height();
            } else {
                y += text_block(box.items, parts[0].text, parts[0].lang, main, 0, 0, width());
                if (parts.size() > 1) y += text_block(box.items, parts[1].text, parts[1].lang, second, 0, y, width());
            }
        }
        y += space(Space::heading_rule);
        box.items.push_back(layout::Line{0, y, width(), y, rule(Rule::heading), color(Ink::rule), {}});
        y += space(Space::heading_after);
        box.height = y;
        Unit u;
        u.box = std::move(box);
        u.space_before = space(Space::section);
        u.tie = Tie::strong;
        u.bookmark = joined(title, doc_.mode, between_languages());
        return u;
    }

    // ---- paragraphs --------------------------------------------------------------------
    // The units of one paragraph: one per line, first two and last two lines tied.
    std::vector<Unit> paragraph_units(const std::string& text, Lang lang, const TextStyle& ts, double indent = 0,
                                      const std::string& hang = "", bool justify_zh = true) {
        std::vector<Unit> out;
        const double w = width() - indent;
        const auto justify = lang == Lang::zh && justify_zh ? text::Justify::justify : text::Justify::ragged;
        const auto lines = s_.break_lines(text, ts, w, text_lang(lang), justify);
        for (std::size_t k = 0; k < lines.size(); ++k) {
            Unit u;
            u.box.width = width();
            u.box.height = ts.line_height();
            if (k == 0 && !hang.empty()) s_.set_text(u.box.items, hang, ts, 0, ts.baseline(0));
            s_.set_line(u.box.items, lines[k], ts, indent, ts.baseline(0));
            const bool tie = k == 0 || k + 2 >= lines.size();
            u.tie = tie && k + 1 < lines.size() ? Tie::strong : Tie::none;
            out.push_back(std::move(u));
        }
        return out;
    }

    void paragraph(const BiText& text) {
        const auto parts = shown(text, doc_.mode);
        std::vector<Unit> units;
        for (std::size_t p = 0; p < parts.size(); ++p) {
            const auto& ts = style(parts[p].secondary ? Style::body_second : Style::body);
            auto lines = paragraph_units(parts[p].text, parts[p].lang, ts);
            if (lines.empty()) continue;
            lines.front().space_before = space(p == 0 ? Space::paragraph : Space::pair);
            units.insert(units.end(), std::make_move_iterator(lines.begin()), std::make_move_iterator(lines.end()));
            if (p + 1 < parts.size()) units.back().tie = Tie::weak;
        }
        // A bilingual pair stays together when it is short enough not to leave a large hole.
        double h = 0;
        for (const auto& u : units) h += u.box.height + u.space_before;
        if (parts.size() > 1 && h <= kPairTieShare * geometry_.body_height()) {
            for (std::size_t k = 0; k + 1 < units.size(); ++k)
                if (units[k].tie == Tie::none) units[k].tie = Tie::weak;
        } else {
            for (auto& u : units)
                if (u.tie == Tie::weak) u.tie = Tie::none;
        }
        for (auto& u : units) flow_.push(std::move(u));
    }

    // ---- key figures -------------------------------------------------------------------
    void key_figures(const std::vector<report::KeyFigure>& figures) {
        const double gap = space(Space::card_gap);
        const double pad = space(Space::card_pad);
        const double text_x = pad + space(Space::card_bar);
        const double cw = (width() - gap * (kCardColumns - 1)) / kCardColumns;
        const double inner = cw - pad - text_x;
        for (std::size_t row = 0; row < figures.size(); row += kCardColumns) {
            std::vector<std::vector<layout::Item>> cards;
            double height = 0;
            for (std::size_t c = row; c < std::min(figures.size(), row + kCardColumns); ++c) {
                const auto& f = figures[c];
                std::vector<layout::Item> items;
                double y = pad;
                for (const auto& t : shown(f.value, doc_.mode)) {
                    const auto& ts = style(t.secondary ? Style::card_value_second
                                           : t.lang == Lang::en ? Style::card_value_en
                                                                : Style::card_value);
                    y += text_block(items, t.text, t.lang, ts, text_x, y, inner);
                }
                y += space(Space::card_line);
                for (const auto& t : shown(f.label, doc_.mode))
                    y += text_block(items, t.text, t.lang, style(t.secondary ? Style::label_second : Style::label), text_x,
                                    y, inner);
                y += space(Space::card_line);
                std::string when = joined(f.when, doc_.mode, between_languages());
                const std::string status = joined(f.status, doc_.mode, between_languages());
                if (!status.empty()) when += (when.empty() ? "" : separator()) + status;
                if (f.citation > 0) when += (when.empty() ? "" : "  ") + i18n::citation_mark(f.citation);
                if (!when.empty()) y += text_block(items, when, langs_.front(), style(Style::note), text_x, y, inner);
                y += pad;
                height = std::max(height, y);
                cards.push_back(std::move(items));
            }
            Unit u;
            u.box.width = width();
            u.box.height = height;
            for (std::size_t k = 0; k < cards.size(); ++k) {
                const double x = static_cast<double>(k) * (cw + gap);
                u.box.items.push_back(layout::Rect{x, 0, cw, height, color(Ink::tint), std::nullopt, 0});
                u.box.items.push_back(layout::Rect{x, 0, size(Mark::card_accent), height, color(Ink::accent), std::nullopt, 0});
                for (auto item : cards[k]) {
                    draw::translate(item, x, 0);
                    u.box.items.push_back(std::move(item));
                }
            }
            u.space_before = row == 0 ? space(Space::card_first) : gap;
            flow_.push(std::move(u));
        }
    }

    // ---- tables ------------------------------------------------------------------------
    struct CellLines {
        std::vector<std::pair<text::LayoutLine, bool>> lines;  // line, secondary language
        std::vector<double> gaps_before;
        double height = 0;
    };

    static double longest_word(const draw::Setter& s, const std::string& text, const TextStyle& ts) {
        double best = 0;
        std::size_t i = 0;
        while (i < text.size()) {
            std::size_t j = text.find(' ', i);
            if (j == std::string::npos) j = text.size();
            const std::string_view word(text.data() + i, j - i);
            // Han text breaks between characters: its narrowest unit is about two of them.
            const bool wide = utf8::display_width(word) > utf8::length(word);
            best = std::max(best, wide ? kHanWordEms * ts.size : s.measure(word, ts));
            i = j + 1;
        }
        return best;
    }

    std::vector<double> column_widths(const report::Table& t, const TextStyle& head, const TextStyle& cell) const {
        const std::size_t n = t.header.size();
        std::vector<double> natural(n, 0), minimum(n, 0);
        auto consider = [&](std::size_t c, const BiText& text, const TextStyle& ts) {
            for (const auto& part : shown(text, doc_.mode)) {
                natural[c] = std::max(natural[c], s_.line_width(part.text, ts) + 2 * space(Space::cell_x) + 0.01);
                minimum[c] = std::max(minimum[c], longest_word(s_, part.text, ts) + 2 * space(Space::cell_x));
            }
        };
        for (std::size_t c = 0; c < n; ++c) consider(c, t.header[c], head);
        for (const auto& row : t.rows)
            for (std::size_t c = 0; c < n && c < row.size(); ++c) consider(c, row[c], cell);
        const double w = width();
        std::vector<double> out(n);
        double sum_natural = 0;
        for (std::size_t c = 0; c < n; ++c) {
            minimum[c] = std::min(minimum[c], natural[c]);
            sum_natural += natural[c];
        }
        if (sum_natural <= w) {
            // Everything fits on one line. A table with little in it stays narrow (at least
            // half the text block); otherwise the text columns share the spare width.
            const double tw = sum_natural < 0.5 * w ? std::max(sum_natural, 0.5 * w) : w;
            double text_natural = 0;
            for (std::size_t c = 0; c < n; ++c)
                if (t.align[c] == report::Align::left) text_natural += natural[c];
            for (std::size_t c = 0; c < n; ++c) {
                out[c] = natural[c];
                if (t.align[c] == report::Align::left && text_natural > 0)
                    out[c] += (tw - sum_natural) * natural[c] / text_natural;
            }
            if (text_natural == 0) out.back() += tw - sum_natural;
            return out;
        }
        // Too wide: columns that want no more than an equal share of what is left get what
        // they want, narrowest first (short dates and numbers stay on one line); the others
        // share the rest in proportion to what they want, never below their longest word.
        std::vector<std::size_t> order(n);
        for (std::size_t c = 0; c < n; ++c) order[c] = c;
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return natural[a] < natural[b]; });
        double left = w;
        std::size_t k = 0;
        for (; k < n; ++k) {
            const std::size_t c = order[k];
            if (natural[c] > left / static_cast<double>(n - k)) break;
            out[c] = natural[c];
            left -= natural[c];
        }
        double want = 0, floor_sum = 0;
        for (std::size_t j = k; j < n; ++j) {
            want += natural[order[j]];
            floor_sum += minimum[order[j]];
        }
        for (std::size_t j = k; j < n; ++j) {
            const std::size_t c = order[j];
            out[c] = want > 0 ? left * natural[c] / want : 0;
        }
        // Lift columns below their longest word, taking the room from the widest.
        for (std::size_t j = k; j < n && floor_sum <= left; ++j) {
            const std::size_t c = order[j];
            if (out[c] >= minimum[c]) continue;
            double need = minimum[c] - out[c];
            out[c] = minimum[c];
            for (std::size_t i = n; i-- > k && need > 0;) {
                const std::size_t d = order[i];
                if (d == c) continue;
                const double give = std::min(need, out[d] - minimum[d]);
                if (give > 0) {
                    out[d] -= give;
                    need -= give;
                }
            }
        }
        return out;
    }

    CellLines cell_lines(const BiText& text, double w, const TextStyle& ts) const {
        CellLines out;
        double gap = 0;
        for (const auto& part : shown(text, doc_.mode)) {
            const auto lines = s_.break_lines(part.text, ts, std::max(w, 1.0), text_lang(part.lang));
            bool first = true;
            for (const auto& l : lines) {
                out.lines.push_back({l, part.secondary});
                out.gaps_before.push_back(first ? gap : 0);
                out.height += ts.line_height() + (first ? gap : 0);
                first = false;
            }
            gap = space(Space::cell_pair);
        }
        return out;
    }

    Box table_row(const std::vector<BiText>& cells, const report::Table& t, const std::vector<double>& widths,
                  bool header) {
        const auto& ts = style(header ? Style::table_head : Style::table);
        const auto& second = style(header ? Style::table_head_second : Style::table_second);
        const double pad_x = space(Space::cell_x), pad_y = space(Space::cell_y);
        Box box;
        box.width = width();
        std::vector<CellLines> laid;
        double h = 0;
        for (std::size_t c = 0; c < widths.size(); ++c) {
            laid.push_back(cell_lines(c < cells.size() ? cells[c] : BiText{}, widths[c] - 2 * pad_x, ts));
            h = std::max(h, laid.back().height);
        }
        h += 2 * pad_y;
        double tw = 0;
        for (double cw : widths) tw += cw;
        if (header) box.items.push_back(layout::Rect{0, 0, tw, h, color(Ink::tint), std::nullopt, 0});
        double x = 0;
        for (std::size_t c = 0; c < widths.size(); ++c) {
            double y = pad_y;
            for (std::size_t k = 0; k < laid[c].lines.size(); ++k) {
                const auto& [line, secondary] = laid[c].lines[k];
                y += laid[c].gaps_before[k];
                const auto& lts = secondary ? second : ts;
                const double left = t.align[c] == report::Align::right ? x + widths[c] - pad_x - line.width : x + pad_x;
                s_.set_line(box.items, line, lts, left, lts.baseline(y));
                y += lts.line_height();
            }
            x += widths[c];
        }
        box.items.push_back(layout::Line{0, h, tw, h, rule(header ? Rule::table_head : Rule::table_row),
                                         color(header ? Ink::rule : Ink::hairline), {}});
        box.height = h;
        return box;
    }

    void table(const report::Table& t) {
        if (t.header.empty()) return;
        const auto widths = column_widths(t, style(Style::table_head), style(Style::table));
        auto header = std::make_shared<Box>(table_row(t.header, t, widths, true));
        Unit hu;
        hu.box = *header;
        hu.space_before = space(Space::table_before);
        hu.tie = Tie::strong;
        flow_.push(std::move(hu));
        for (std::size_t r = 0; r < t.rows.size(); ++r) {
            Unit u;
            u.box = table_row(t.rows[r], t, widths, false);
            u.repeat_header = header;
            if (r + 1 == t.rows.size() && !t.source_line.empty()) u.tie = Tie::strong;
            flow_.push(std::move(u));
        }
        source_line(t.source_line);
    }

    void source_line(const BiText& line) {
        if (line.empty()) return;
        const auto& ts = style(Style::source);
        const double gap = space(Space::source_pair);
        const auto parts = shown(line, doc_.mode);
        Unit u;
        u.box.width = width();
        double y = 0;
        double one = 0;
        for (const auto& p : parts) one += s_.measure(p.text, ts) + gap;
        if (one <= width()) {
            // Both languages on one line.
            double x = 0;
            for (const auto& p : parts) x += s_.set_text(u.box.items, p.text, ts, x, ts.baseline(0)) + gap;
            y = ts.line_height();
        } else {
            for (const auto& p : parts) y += text_block(u.box.items, p.text, p.lang, ts, 0, y, width());
        }
        u.box.height = y;
        u.space_before = space(Space::source_before);
        flow_.push(std::move(u));
    }

    // ---- lists (sources, notes) --------------------------------------------------------
    void list(const report::List& l) {
        for (const auto& item : l.items) {
            const std::string mark = item.number > 0 ? i18n::citation_mark(item.number) : std::string(this->mark(i18n::Msg::mark_bullet));
            const double indent = space(item.number > 0 ? Space::list_indent : Space::list_bullet);
            const auto parts = shown(item.text, doc_.mode);
            std::vector<Unit> units;
            for (std::size_t p = 0; p < parts.size(); ++p) {
                const auto& pts = style(parts[p].secondary ? Style::list_second : Style::list);
                // Reference matter (titles, URLs, mostly Latin) is set ragged in both languages.
                auto lines = paragraph_units(parts[p].text, parts[p].lang, pts, indent, p == 0 ? mark : "", false);
                if (lines.empty()) continue;
                if (p > 0) lines.front().space_before = space(Space::list_pair);
                units.insert(units.end(), std::make_move_iterator(lines.begin()), std::make_move_iterator(lines.end()));
            }
            if (units.empty()) continue;
            units.front().space_before = space(Space::list_item);
            // An item stays together (it is a few lines at most).
            for (std::size_t k = 0; k + 1 < units.size(); ++k) units[k].tie = Tie::strong;
            for (auto& u : units) flow_.push(std::move(u));
        }
    }

    // ---- graphics ----------------------------------------------------------------------
    // Where a graphic goes: the text block's width, the room left here, a page less `reserve`.
    graphics::Frame frame(double reserve) const {
        graphics::Frame f;
        f.width = width();
        f.mode = doc_.mode;
        f.page_height = geometry_.body_height() - reserve;
        f.first_height = flow_.room();
        return f;
    }

    void timeline(const report::TimelineData& data) {
        graphics::Frame frame = this->frame(kTimelineReserve);
        auto fitted = graphics::timeline_boxes(data, frame, s_);
        if (std::holds_alternative<graphics::NeedsRoom>(fitted)) {
            // Not even the axis and one row fit here: the timeline starts on a fresh page.
            flow_.new_page();
            frame.first_height = std::max(flow_.room(), frame.page_height);
            fitted = graphics::timeline_boxes(data, frame, s_);
        }
        bool first = true;
        for (auto& b : std::get<std::vector<Box>>(fitted)) {
            Unit u;
            u.box = std::move(b);
            u.space_before = first ? space(Space::graphic_before) : 0;
            first = false;
            flow_.push(std::move(u));
        }
        flow_.flush();
    }

    void chart(const report::ChartData& data) {
        const graphics::Frame frame = this->frame(kChartReserve);
        Unit u;
        u.box = graphics::chart_box(data, frame, s_);
        u.space_before = space(Space::graphic_before);
        flow_.push(std::move(u));
        flow_.flush();
    }

    // ---- sections ----------------------------------------------------------------------
    void section_body(const report::Section& section, bool first_section) {
        if (!section.title.empty()) {
            Unit h = heading(section.title);
            if (first_section) h.space_before = 0;
            flow_.push(std::move(h));
        }
        for (const auto& block : section.blocks) {
            std::visit(
                [&](const auto& b) {
                    using T = std::decay_t<decltype(b)>;
                    if constexpr (std::is_same_v<T, report::Paragraph>) paragraph(b.text);
                    else if constexpr (std::is_same_v<T, std::vector<report::KeyFigure>>) key_figures(b);
                    else if constexpr (std::is_same_v<T, report::Table>) table(b);
                    else if constexpr (std::is_same_v<T, report::TimelineData>) timeline(b);
                    else if constexpr (std::is_same_v<T, report::ChartData>) chart(b);
                    else list(b);
                },
                block);
        }
        flow_.flush();
    }

    // ---- running header, footer --------------------------------------------------------
    void furniture(layout::DisplayList& list) {
        const int pages = static_cast<int>(list.pages.size());
        const auto& ts = style(Style::running);
        const double left = geometry_.left;
        const double right = geometry_.width - geometry_.right;
        for (int p = 0; p < pages; ++p) {
            auto& items = list.pages[p].items;
            if (p > 0) running_header(items, ts, left, right);
            // The footer, centred: "第n页 共N页" and "Page n of N" side by side.
            std::vector<std::string> parts;
            for (const auto l : langs_) parts.push_back(i18n::page_of(p + 1, pages, l));
            set_side_by_side(items, parts, ts, geometry_.width / 2, geometry_.height - geometry_.bottom + space(Space::footer_below),
                             space(Space::footer_pair), HAlign::center);
        }
    }

    // The running header from page 2: the title (both languages when they fit beside the
    // marking) on the left, the marking on the right, a rule under them.
    void running_header(std::vector<layout::Item>& items, const TextStyle& ts, double left, double right) {
        const double base = geometry_.top - space(Space::running_above);
        const std::string marking = joined(doc_.marking, doc_.mode, separator());
        const double mw = marking.empty() ? 0 : s_.measure(marking, ts);
        const double gap = space(Space::running_pair);
        std::vector<std::string> title;
        double tw = 0;
        for (const auto& t : shown(doc_.title, doc_.mode)) {
            tw += (title.empty() ? 0 : gap) + s_.measure(t.text, ts);
            title.push_back(t.text);
        }
        if (tw + mw + space(Space::running_gap) > right - left && title.size() > 1) title.resize(1);
        set_side_by_side(items, title, ts, left, base, gap, HAlign::left);
        if (!marking.empty()) s_.set_text(items, marking, style(Style::running_marking), right, base, HAlign::right);
        const double y = base + space(Space::running_rule);
        items.push_back(layout::Line{left, y, right, y, rule(Rule::running), color(Ink::rule), {}});
    }

    // Texts on one baseline, `gap` apart, the whole aligned at x.
    void set_side_by_side(std::vector<layout::Item>& items, const std::vector<std::string>& texts, const TextStyle& ts,
                          double x, double baseline, double gap, HAlign align) {
        double total = 0;
        for (const auto& t : texts) total += (total > 0 ? gap : 0) + s_.measure(t, ts);
        double pen = align == HAlign::center ? x - total / 2 : align == HAlign::right ? x - total : x;
        for (const auto& t : texts) pen += s_.set_text(items, t, ts, pen, baseline) + gap;
    }

    void info(layout::DisplayList& list, const TypesetOptions& options) const {
        // Document information names the brief in both languages whatever its mode.
        auto both = [](const BiText& t) { return joined(t, LangMode::bi, between_languages()); };
        list.info.title = both(doc_.title);
        list.info.subject = both(doc_.subtitle);
        list.info.author = both(doc_.marking);
        std::string keywords;
        for (const auto& s : doc_.sections) {
            if (s.title.empty()) continue;
            if (!keywords.empty()) keywords += "; ";
            keywords += both(s.title);
        }
        list.info.keywords = keywords;
        list.info.creator = "timeline";
        list.info.creation_date = doc_.as_of;
        list.info.document_id = options.document_id;
    }

    const report::Document& doc_;
    draw::Setter& s_;
    TextStyle body_;
    PageGeometry geometry_;
    Flow flow_;
    std::vector<Lang> langs_;
};

}  // namespace

PageGeometry page_geometry(PageSize page, double em, const theme::PageMargins& margins) {
    PageGeometry g;
    if (page == PageSize::letter) {
        g.width = 612;
        g.height = 792;
    }
    g.top = margins.top;
    g.bottom = margins.bottom;
    // The side margins, then the text block rounded down to whole ems.
    const double target = g.width - 2 * margins.side;
    const double block = em > 0 ? std::floor(target / em) * em : target;
    g.left = g.right = (g.width - block) / 2;
    return g;
}

Typeset typeset_document(const report::Document& doc, const text::FontSet& fonts, const theme::Theme& theme,
                         const TypesetOptions& options) {
    draw::Setter setter(fonts, theme);
    Typeset out;
    out.pages = Engine(doc, setter).run(options);
    for (const auto& m : setter.missing()) {
        std::string sample = m.text.size() > 60 ? m.text.substr(0, 60) : m.text;
        while (!sample.empty() && !utf8::valid(sample)) sample.pop_back();
        std::string ch;
        utf8::append(ch, m.code_point);
        const std::string message = utf8::codepoint_name(m.code_point) + " " + ch +
                                    " is not covered by any font of style " + m.style + " (in \"" + sample +
                                    "\"); it is left out of the PDF — `timeline fonts check` shows where it occurs";
        if (options.strict) out.diagnostics.error("glyph-missing", message);
        else out.diagnostics.warning("glyph-missing", message);
    }
    return out;
}

}  // namespace timeline::typeset
